/**
 * Receiving webhooks with Promises: `await webhooks.unwrap(rawBody, headers)` checks `X-Lomi-Signature` and
 * resolves to the typed event. Needs only the endpoint's signing secret, never an API key.
 */

import { LomiConfigError, readEnv } from "@lomi/core"
import {
  checkSecret,
  SECRET_ENV,
  type SecretCheck,
  type WebhookHeaders,
  type WebhookPayload,
  type WebhookSecret,
  type WebhookVerifyOptions,
} from "./internal/webhookSignature.js"
import { WebhookVerifier } from "./internal/webhookVerifier.js"
import type { WebhookEvent } from "./WebhookEvent.js"

/** Options of `new LomiWebhooks(...)`. */
export interface LomiWebhooksOptions {
  /** The endpoint's signing secret (`whsec_...`); defaults to the `LOMI_WEBHOOK_SECRET` environment variable. */
  readonly secret?: WebhookSecret | undefined
}

/**
 * The receiver's default secret: the one given (a malformed one throws `LomiConfigError` at once), else
 * `LOMI_WEBHOOK_SECRET`. A malformed variable does not fail construction, so an app that only calls the
 * API is unaffected; each call relying on it rejects with reason `invalid_secret` instead.
 *
 * @internal
 */
export const defaultSecret = (given: unknown, name: string): SecretCheck | undefined => {
  if (given !== undefined) {
    const check = checkSecret(given, name)
    if (!check.ok) throw new LomiConfigError({ message: check.error })
    return check
  }
  const fromEnv = readEnv(SECRET_ENV)
  return fromEnv === undefined ? undefined : checkSecret(fromEnv, SECRET_ENV)
}

/**
 * Verifies lomi. webhook deliveries: the Promise API. Standalone, so a service that only receives
 * webhooks needs no API key; `new Lomi(...).webhooks` is one too. Every failure rejects with a
 * `LomiWebhookVerificationError` (never a synchronous throw, never a `TypeError`).
 *
 * @example
 * const webhooks = new LomiWebhooks() // reads LOMI_WEBHOOK_SECRET
 * const event = await webhooks.unwrap(await request.text(), request.headers)
 * if (event.event === "PAYMENT_SUCCEEDED") console.log(event.data.checkout_session_id)
 */
export class LomiWebhooks {
  readonly #verifier: WebhookVerifier

  /** Throws `LomiConfigError` at once for a malformed `secret` or an unknown option. */
  constructor(options: LomiWebhooksOptions = {}) {
    if (typeof options !== "object" || options === null || Array.isArray(options)) {
      throw new LomiConfigError({ message: "LomiWebhooks options must be an object such as { secret }." })
    }
    const unknown = Object.keys(options).filter((key) => key !== "secret")
    if (unknown.length > 0) {
      throw new LomiConfigError({
        message: `Unknown LomiWebhooks option(s): ${unknown.map((k) => JSON.stringify(k)).join(", ")}. Known options: secret.`,
      })
    }
    this.#verifier = new WebhookVerifier(defaultSecret(options.secret, "secret"))
  }

  /**
   * Checks the `X-Lomi-Signature` of the raw body `payload` and resolves to the decoded event. The secret
   * is `options.secret`, else the client's, else `LOMI_WEBHOOK_SECRET`. lomi. retries a delivery with the
   * same `id`, in any order: de-duplicate on `event.id`.
   */
  unwrap(
    payload: WebhookPayload,
    headers: WebhookHeaders,
    options?: WebhookVerifyOptions,
  ): Promise<WebhookEvent> {
    return this.#verifier.unwrap(payload, headers, options, Date.now())
  }

  /** Checks the `X-Lomi-Signature` of `payload` (and `tolerance`, when set) without decoding the event. */
  verifySignature(
    payload: WebhookPayload,
    headers: WebhookHeaders,
    options?: WebhookVerifyOptions,
  ): Promise<void> {
    return this.#verifier.verifySignature(payload, headers, options, Date.now())
  }
}
