/** The one error every webhook verification failure is: a tagged class with a `reason` to switch on. */

import * as Data from "effect/Data"

/**
 * Why a webhook was refused. The first five mean the request is not a genuine, intact lomi. delivery
 * (answer 400); the others mean the receiver is misconfigured or passed the wrong thing (a bug to fix):
 *
 * - `missing_signature`: no `X-Lomi-Signature` header.
 * - `malformed_signature`: the header is not 64 hex digits (or was sent several times).
 * - `signature_mismatch`: the signature does not match the body and the secret.
 * - `invalid_payload`: the signed body is not JSON, or not an event envelope.
 * - `timestamp_outside_tolerance`: `tolerance` was set and the event's `timestamp` is further from now.
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
  "invalid_payload",
  "timestamp_outside_tolerance",
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
 * contains the secret or the expected signature. Both the Promise and the Effect API fail with it.
 */
export class LomiWebhookVerificationError extends Data.TaggedError("LomiWebhookVerificationError")<{
  readonly reason: WebhookVerificationReason
  readonly message: string
}> {}
