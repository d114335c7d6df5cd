/**
 * Test deliveries signed exactly as lomi. signs them, to unit-test a webhook receiver without lomi.:
 * `WebhookTesting.event(...)` builds the raw body, `WebhookTesting.headers(...)` the signed headers.
 * Kept apart from the receiver so an app that never calls them does not bundle them.
 */

import { revealSecret } from "@lomi/core"
import {
  checkSecret,
  describe,
  importKey,
  payloadBytes,
  subtleCrypto,
  toHex,
  toVerificationError,
  type WebhookPayload,
  type WebhookSecret,
} from "./internal/webhookSignature.js"
import type { WebhookEventName, WebhookEventOf } from "./WebhookEvent.js"
import { LomiWebhookVerificationError } from "./WebhookVerificationError.js"

/** A test event for `WebhookTesting.event` ({@link WebhookTesting}); `data` is typed for the events this SDK knows. */
export interface TestWebhookEvent<N extends string> {
  /** The event name, e.g. `PAYMENT_SUCCEEDED`. */
  readonly event: N
  /** A transaction for `PAYMENT_*`, a checkout session for `CHECKOUT_COMPLETED`, any object otherwise. */
  readonly data: N extends WebhookEventName ? WebhookEventOf<N>["data"] : { readonly [key: string]: unknown }
  /** Defaults to a random UUID, as lomi. makes them. */
  readonly id?: string | undefined
  /** Defaults to now. */
  readonly timestamp?: string | Date | undefined
  /** Defaults to `test`. */
  readonly lomi_environment?: string | undefined
}

const invalid = (message: string) => new LomiWebhookVerificationError({ reason: "invalid_argument", message })

/**
 * Signs `payload` as lomi. does: the lower-case hex HMAC-SHA256 of its bytes, keyed with `secret`. Rejects
 * with a `LomiWebhookVerificationError` for a payload that is not raw bytes or text, or a bad secret.
 */
const sign = async (payload: WebhookPayload, secret: WebhookSecret): Promise<string> => {
  try {
    const bytes = payloadBytes(payload)
    if (bytes instanceof LomiWebhookVerificationError) throw bytes
    const check = checkSecret(secret, "secret")
    if (!check.ok) throw new LomiWebhookVerificationError({ reason: "invalid_secret", message: check.error })
    const subtle = subtleCrypto()
    if (subtle instanceof LomiWebhookVerificationError) throw subtle
    const key = await importKey(subtle, revealSecret(check.value) ?? "", "sign")
    return toHex(await subtle.sign("HMAC", key, bytes))
  } catch (error) {
    throw toVerificationError(error)
  }
}

/**
 * The raw body of a test delivery: `{ id, event, timestamp, data, lomi_environment }` serialised once, as
 * lomi. does. Throws a `LomiWebhookVerificationError` (`invalid_argument`) naming a bad field.
 */
const event = <const N extends string>(input: TestWebhookEvent<N>): string => {
  if (typeof input !== "object" || input === null)
    throw invalid(`event() takes an object, got ${describe(input)}.`)
  const { event: name, data, id, timestamp, lomi_environment } = input
  if (typeof name !== "string" || name === "") throw invalid("`event` must be a non-empty string.")
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw invalid(`\`data\` must be an object, got ${describe(data)}.`)
  }
  if (id !== undefined && (typeof id !== "string" || id === ""))
    throw invalid("`id` must be a non-empty string.")
  const at = timestamp ?? new Date()
  if (!(typeof at === "string" || (at instanceof Date && !Number.isNaN(at.getTime())))) {
    throw invalid("`timestamp` must be an ISO 8601 string or a valid Date.")
  }
  if (lomi_environment !== undefined && typeof lomi_environment !== "string") {
    throw invalid("`lomi_environment` must be a string.")
  }
  return JSON.stringify({
    id: id ?? globalThis.crypto.randomUUID(),
    event: name,
    timestamp: typeof at === "string" ? at : at.toISOString(),
    data,
    lomi_environment: lomi_environment ?? "test",
  })
}

// The `event` of a JSON body, for `x-lomi-event`; undefined when the body is not an envelope.
const eventNameOf = (payload: WebhookPayload): string | undefined => {
  try {
    const bytes = payloadBytes(payload)
    if (bytes instanceof LomiWebhookVerificationError) return undefined
    const json: unknown = JSON.parse(typeof payload === "string" ? payload : new TextDecoder().decode(bytes))
    const name = typeof json === "object" && json !== null ? (json as { event?: unknown }).event : undefined
    return typeof name === "string" ? name : undefined
  } catch {
    return undefined
  }
}

/**
 * The headers lomi. sends with `payload`, signed with `secret`: `content-type`, `user-agent`,
 * `x-lomi-event` (`event`, else the payload's) and `x-lomi-signature`.
 */
const headers = async (input: {
  readonly payload: WebhookPayload
  readonly secret: WebhookSecret
  readonly event?: string | undefined
}): Promise<Record<string, string>> => {
  if (typeof input !== "object" || input === null) {
    throw invalid(`headers() takes an object such as { payload, secret }, got ${describe(input)}.`)
  }
  const signature = await sign(input.payload, input.secret)
  const name = input.event ?? eventNameOf(input.payload)
  return {
    "content-type": "application/json",
    "user-agent": "Lomi-Webhook/1.0",
    ...(name === undefined ? {} : { "x-lomi-event": name }),
    "x-lomi-signature": signature,
  }
}

/**
 * Helpers to unit-test a webhook receiver with deliveries signed exactly as lomi. signs them.
 *
 * @example
 * const body = WebhookTesting.event({ event: "PAYMENT_SUCCEEDED", data: { transaction_id: "tx_1" } })
 * const headers = await WebhookTesting.headers({ payload: body, secret })
 * await fetch("http://127.0.0.1:3000/webhooks", { method: "POST", body, headers })
 */
export const WebhookTesting = /*#__PURE__*/ Object.freeze({ sign, event, headers })
