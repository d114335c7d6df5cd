/**
 * Receiving webhooks with Promises: `await webhooks.unwrap(rawBody, headers)` checks `X-Lomi-Signature` and
 * resolves to the typed event. Needs only the endpoint's signing secret, never an API key.
 */

import { captureCallSite, isBrowser, LomiConfigError, readEnv, withCallSite } from "@lomi/core"
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
import { LomiWebhookVerificationError } from "./WebhookVerificationError.js"

/** Options of `new LomiWebhooks(...)`. */
export interface LomiWebhooksOptions {
  /** The endpoint's signing secret (`whsec_...`); defaults to the `LOMI_WEBHOOK_SECRET` environment variable. */
  readonly secret?: WebhookSecret | undefined
  /**
   * Builds the receiver in a web page anyway. The signing secret in a page is visible to anyone who opens
   * it (and lets them forge events), so `new LomiWebhooks()` refuses to run where `window` and `document`
   * exist unless this is `true`.
   */
  readonly dangerouslyAllowBrowser?: boolean | undefined
}

const KNOWN_OPTIONS: ReadonlyArray<string> = ["secret", "dangerouslyAllowBrowser"]

const BROWSER_REFUSED =
  "`new LomiWebhooks(...)` refuses to run in a web browser: the webhook signing secret would be visible to anyone who opens the page, who could then forge events. Verify webhooks on your server; if this page really is trusted (a test under jsdom), pass `dangerouslyAllowBrowser: true`."

const isVerificationError = (error: unknown): boolean => error instanceof LomiWebhookVerificationError

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

  /**
   * Throws `LomiConfigError` at once for a malformed `secret`, an unknown option, or a web page without
   * `dangerouslyAllowBrowser: true`.
   */
  constructor(options: LomiWebhooksOptions = {}) {
    if (typeof options !== "object" || options === null || Array.isArray(options)) {
      throw new LomiConfigError({ message: "LomiWebhooks options must be an object such as { secret }." })
    }
    const unknown = Object.keys(options).filter((key) => !KNOWN_OPTIONS.includes(key))
    if (unknown.length > 0) {
      throw new LomiConfigError({
        message: `Unknown LomiWebhooks option(s): ${unknown.map((k) => JSON.stringify(k)).join(", ")}. Known options: ${KNOWN_OPTIONS.join(", ")}.`,
      })
    }
    const allowBrowser = options.dangerouslyAllowBrowser
    if (allowBrowser !== undefined && typeof allowBrowser !== "boolean") {
      throw new LomiConfigError({ message: "`dangerouslyAllowBrowser` must be a boolean." })
    }
    if (allowBrowser !== true && isBrowser()) throw new LomiConfigError({ message: BROWSER_REFUSED })
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
    // The caller's stack, for a rejection to point at the caller's line rather than at the verifier.
    const site = captureCallSite(LomiWebhooks.prototype.unwrap)
    return this.#verifier.unwrap(payload, headers, options, Date.now()).catch((error: unknown) => {
      throw withCallSite(error, site, isVerificationError)
    })
  }

  /** Checks the `X-Lomi-Signature` of `payload` (and `tolerance`, when set) without decoding the event. */
  verifySignature(
    payload: WebhookPayload,
    headers: WebhookHeaders,
    options?: WebhookVerifyOptions,
  ): Promise<void> {
    const site = captureCallSite(LomiWebhooks.prototype.verifySignature)
    return this.#verifier.verifySignature(payload, headers, options, Date.now()).catch((error: unknown) => {
      throw withCallSite(error, site, isVerificationError)
    })
  }
}
