/** The one error every webhook verification failure is: a tagged class with a `reason` to switch on. */

import { TaggedError } from "@lomi/core"

/**
 * Why a webhook was refused. The first four mean the request is not a genuine, fresh lomi. delivery; the
 * others that the receiver is misconfigured, was handed the wrong thing, or cannot decode an authentic
 * event (see {@link LomiWebhookVerificationError.responseStatus}):
 *
 * - `missing_signature`: no `X-Lomi-Signature` header.
 * - `malformed_signature`: the header is not 64 hex digits (or was sent several times).
 * - `signature_mismatch`: the signature does not match the body and the secret.
 * - `timestamp_outside_tolerance`: `tolerance` was set and the event's `timestamp` is further from now.
 * - `invalid_payload`: the signed (so authentic) body is not JSON, or not an event envelope.
 * - `missing_secret`: no secret in the call, the client or `LOMI_WEBHOOK_SECRET`.
 * - `invalid_secret`: the secret given is not a non-empty string of visible ASCII characters.
 * - `parsed_payload`: the body was already parsed into an object; the signature needs the raw bytes.
 * - `invalid_argument`: the payload, headers or options are not of a supported type.
 * - `unsupported_runtime`: the runtime has no Web Crypto (`crypto.subtle`).
 */
export const WEBHOOK_VERIFICATION_REASONS = [
  "missing_signature",
  "malformed_signature",
  "signature_mismatch",
  "timestamp_outside_tolerance",
  "invalid_payload",
  "missing_secret",
  "invalid_secret",
  "parsed_payload",
  "invalid_argument",
  "unsupported_runtime",
] as const

/** Why a webhook was refused; see {@link WEBHOOK_VERIFICATION_REASONS}. */
export type WebhookVerificationReason = (typeof WEBHOOK_VERIFICATION_REASONS)[number]

/**
 * A webhook could not be verified or decoded. `reason` says why, `message` what to do; neither ever
 * contains the secret or the expected signature. Both the Promise and the Effect API fail with it (a
 * plain `Error` with a `_tag`, like every error of the SDK, so it needs no `effect`).
 */
export class LomiWebhookVerificationError extends TaggedError("LomiWebhookVerificationError")<{
  /** Why the webhook was refused: one of {@link WEBHOOK_VERIFICATION_REASONS}. */
  readonly reason: WebhookVerificationReason
  /** What went wrong and what to do, without the secret or the expected signature. */
  readonly message: string
}> {
  /** `"LomiWebhookVerificationError"`: match on it with `Effect.catchTag` or `instanceof`. */
  declare readonly _tag: "LomiWebhookVerificationError"

  /**
   * The status to answer lomi. with. 400 when the request is not a genuine, fresh delivery: lomi. does not
   * retry a 4xx. 500 when the fault is on the receiving side (no or bad secret, the body already parsed, an
   * authentic event this SDK cannot decode): lomi. retries a 5xx, so the event arrives again once fixed.
   */
  get responseStatus(): 400 | 500 {
    return REJECTED_DELIVERY.has(this.reason) ? 400 : 500
  }
}

const REJECTED_DELIVERY: ReadonlySet<WebhookVerificationReason> = new Set([
  "missing_signature",
  "malformed_signature",
  "signature_mismatch",
  "timestamp_outside_tolerance",
])
