/** The Promise client: `new Lomi({ apiKey })`, then `await lomi.checkoutSessions.create(...)`. */

import {
  type ApiGeneration,
  type ClientApi,
  type LomiClientOptions,
  LomiConfigError,
  makePromiseClient,
  promiseResource,
  type WithResponse,
} from "@lomi/core"
import { type CheckoutSessionsResource, checkoutSessionOperations } from "./CheckoutSessions.js"
import { checkSecret, type WebhookSecret } from "./internal/webhookSignature.js"
import { LomiWebhooks } from "./LomiWebhooks.js"
import { type PaymentLinksResource, paymentLinkOperations } from "./PaymentLinks.js"

/**
 * A result together with the response metadata: what `withMeta` resolved to.
 *
 * @deprecated Use `WithResponse`, what `.withResponse()` resolves to; goes in the next minor release.
 */
export type WithMeta<A> = WithResponse<A>

const LOMI_API: ClientApi = { call: "new Lomi", ownOptions: ["webhookSecret"] }

/** Options of `new Lomi(...)`; `apiKey` defaults to the `LOMI_API_KEY` environment variable. */
export interface LomiOptions extends LomiClientOptions {
  /**
   * The signing secret (`whsec_...`) of your webhook endpoint, for `lomi.webhooks`; defaults to the
   * `LOMI_WEBHOOK_SECRET` environment variable. Kept out of errors and logs.
   */
  readonly webhookSecret?: WebhookSecret | undefined
}

/**
 * The lomi. Checkout client for `async`/`await` code. Each call returns a Promise that rejects with the
 * same tagged error classes the Effect API fails with, so `switch (err._tag)` is exhaustive.
 *
 * @example
 * const lomi = new Lomi({ apiKey: process.env.LOMI_API_KEY })
 * const session = await lomi.checkoutSessions.create({ amount: 15000, currency_code: "XOF" })
 */
export class Lomi {
  /** Checkout sessions: a method per entry of `checkoutSessionOperations`. */
  readonly checkoutSessions: CheckoutSessionsResource
  /** Payment links: a method per entry of `paymentLinkOperations`. */
  readonly paymentLinks: PaymentLinksResource
  /** `unwrap` and `verifySignature` for the webhooks lomi. sends you (a {@link LomiWebhooks}). */
  readonly webhooks: LomiWebhooks
  /**
   * The generation of lomi.'s routes this client speaks (`"2025-12"` or `"v1"`), fixed when it was built
   * from the `apiGeneration` option, `LOMI_API_GENERATION` or the base URL. On `"2025-12"`, `update` and
   * `delete` reject with `LomiUnsupportedOperationError`.
   */
  readonly apiGeneration: ApiGeneration

  /**
   * Throws `LomiConfigError` at once for a missing or malformed key, a key of the other environment, an
   * unknown option, a bad base URL, a malformed `webhookSecret`, or a web page without
   * `dangerouslyAllowBrowser: true`.
   */
  constructor(options: LomiOptions = {}) {
    const isObject = typeof options === "object" && options !== null
    // `webhookSecret` is this client's; core refuses options it does not know (and any non-object).
    const { webhookSecret, ...clientOptions } = isObject ? options : ({} as LomiOptions)
    // Core resolves the options and the LOMI_* variables, and words its messages for `new Lomi`.
    const client = makePromiseClient(isObject ? clientOptions : options, LOMI_API)
    this.apiGeneration = client.config.apiGeneration
    if (webhookSecret !== undefined) {
      const check = checkSecret(webhookSecret, "webhookSecret")
      if (!check.ok) throw new LomiConfigError({ message: check.error })
    }
    this.checkoutSessions = promiseResource(client, checkoutSessionOperations)
    this.paymentLinks = promiseResource(client, paymentLinkOperations)
    this.webhooks = new LomiWebhooks({
      secret: webhookSecret,
      dangerouslyAllowBrowser: clientOptions.dangerouslyAllowBrowser,
    })
  }
}
