/** The Promise client: `new Lomi({ apiKey })`, then `await lomi.checkoutSessions.create(...)`. */

import { type LomiClientOptions, makeUnsafe } from "@lomi/core"
import { checkoutSessionOperations } from "./CheckoutSession.js"
import { makePromiseResource, makeResourceCalls, type PromiseResource } from "./internal/resource.js"
import { paymentLinkOperations } from "./PaymentLink.js"

/** Options of `new Lomi(...)`; `apiKey` defaults to the `LOMI_API_KEY` environment variable. */
export interface LomiOptions extends LomiClientOptions {}

/**
 * The lomi. Checkout client for `async`/`await` code. Each call returns a Promise that rejects with the
 * same tagged error classes the Effect API fails with, so `switch (err._tag)` is exhaustive.
 *
 * @example
 * const lomi = new Lomi({ apiKey: process.env.LOMI_API_KEY })
 * const session = await lomi.checkoutSessions.create({ amount: 15000, currency_code: "XOF" })
 */
export class Lomi {
  /** `create`, `retrieve`, `update`, `delete`, `list` (and `withMeta`) for checkout sessions. */
  readonly checkoutSessions: PromiseResource<typeof checkoutSessionOperations>
  /** `create`, `retrieve`, `update`, `delete`, `list` (and `withMeta`) for payment links. */
  readonly paymentLinks: PromiseResource<typeof paymentLinkOperations>

  /** Throws `LomiConfigError` at once for a missing or malformed key, an unknown option or a bad base URL. */
  constructor(options: LomiOptions = {}) {
    // Core falls back to LOMI_API_KEY in the environment when no apiKey is given.
    const client = makeUnsafe(options)
    this.checkoutSessions = makePromiseResource(
      makeResourceCalls(client, checkoutSessionOperations),
      checkoutSessionOperations,
    )
    this.paymentLinks = makePromiseResource(
      makeResourceCalls(client, paymentLinkOperations),
      paymentLinkOperations,
    )
  }
}
