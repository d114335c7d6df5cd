// The state one receiver keeps: its default secret (or why it cannot be used) and the CryptoKeys imported
// for the secrets it has seen, so a verification costs one `crypto.subtle.verify` and no key import. The
// Promise class and the Effect service both wrap one of these.

import { revealSecret } from "@lomi/core"
import type { WebhookEvent } from "../WebhookEvent.js"
import { LomiWebhookVerificationError } from "../WebhookVerificationError.js"
import {
  checkSecret,
  checkTimestamp,
  decodeWebhookEvent,
  describe,
  importKey,
  MISSING_SECRET,
  parseJson,
  payloadBytes,
  payloadText,
  type SecretCheck,
  signatureBytes,
  signatureHeader,
  subtleCrypto,
  toVerificationError,
} from "./webhookSignature.js"

const KNOWN_OPTIONS: ReadonlySet<string> = new Set(["secret", "tolerance"])
// Receivers use one secret, or a few during a rotation; the bound only keeps a caller that passes a new
// secret per call from growing the cache.
const MAX_KEYS = 16

const invalid = (message: string) => new LomiWebhookVerificationError({ reason: "invalid_argument", message })

interface CallOptions {
  readonly secret: unknown
  readonly tolerance: number | undefined
}

// A typo such as `tolerence` would silently turn replay protection off, so unknown options are refused.
const readOptions = (options: unknown): CallOptions | LomiWebhookVerificationError => {
  if (options === undefined) return { secret: undefined, tolerance: undefined }
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    return invalid(`\`options\` must be an object such as { secret, tolerance }, got ${describe(options)}.`)
  }
  const unknown = Object.keys(options).filter((key) => !KNOWN_OPTIONS.has(key))
  if (unknown.length > 0) {
    return invalid(
      `Unknown option${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => JSON.stringify(k)).join(", ")}. Known options: secret, tolerance.`,
    )
  }
  const { secret, tolerance } = options as { secret?: unknown; tolerance?: unknown }
  if (
    tolerance !== undefined &&
    !(typeof tolerance === "number" && Number.isFinite(tolerance) && tolerance > 0)
  ) {
    return invalid(`\`tolerance\` must be a number of seconds greater than 0, got ${describe(tolerance)}.`)
  }
  return { secret, tolerance }
}

const orThrow = <A>(value: A | LomiWebhookVerificationError): A => {
  if (value instanceof LomiWebhookVerificationError) throw value
  return value
}

/** Verifies and decodes deliveries for one receiver. */
export class WebhookVerifier {
  // Private fields: `util.inspect`, `JSON.stringify` and spreading never reach the secret or the cache.
  readonly #secret: SecretCheck | undefined
  readonly #keys = new Map<string, Promise<CryptoKey>>()

  /** `secret` is the receiver's default: absent, valid, or the reason it is unusable (reported per call). */
  constructor(secret: SecretCheck | undefined) {
    this.#secret = secret
  }

  /** Verifies the signature (and `tolerance`), then decodes the event. `now` is in milliseconds. */
  unwrap(payload: unknown, headers: unknown, options: unknown, now: number): Promise<WebhookEvent> {
    return this.#check(payload, headers, options, now, true) as Promise<WebhookEvent>
  }

  /** Verifies the signature (and `tolerance` when set) without decoding the event. */
  verifySignature(payload: unknown, headers: unknown, options: unknown, now: number): Promise<void> {
    return this.#check(payload, headers, options, now, false).then(() => undefined)
  }

  async #check(
    payload: unknown,
    headers: unknown,
    options: unknown,
    now: number,
    decode: boolean,
  ): Promise<WebhookEvent | undefined> {
    try {
      const call = orThrow(readOptions(options))
      const bytes = orThrow(payloadBytes(payload))
      const signature = orThrow(signatureBytes(orThrow(signatureHeader(headers))))
      const secret = orThrow(this.#secretFor(call.secret))
      const subtle = orThrow(subtleCrypto())
      // Web Crypto compares in constant time, so the comparison leaks nothing about the expected signature.
      const key = await this.#key(subtle, secret)
      if (!(await subtle.verify("HMAC", key, signature, bytes))) {
        throw new LomiWebhookVerificationError({
          reason: "signature_mismatch",
          message:
            "X-Lomi-Signature does not match the body: verify the raw body as received (not re-serialised JSON) with this endpoint's secret (test and live differ).",
        })
      }
      if (!decode && call.tolerance === undefined) return undefined
      const json = orThrow(parseJson(orThrow(payloadText(payload, bytes))))
      if (call.tolerance !== undefined) {
        const late = checkTimestamp(json, call.tolerance, now)
        if (late !== undefined) throw late
      }
      return decode ? orThrow(decodeWebhookEvent(json)) : undefined
    } catch (error) {
      throw toVerificationError(error)
    }
  }

  // The call's secret wins, then the receiver's; the raw string is used only to key the HMAC.
  #secretFor(given: unknown): string | LomiWebhookVerificationError {
    let check = this.#secret
    if (given !== undefined) check = checkSecret(given, "options.secret")
    if (check === undefined)
      return new LomiWebhookVerificationError({ reason: "missing_secret", message: MISSING_SECRET })
    if (!check.ok) return new LomiWebhookVerificationError({ reason: "invalid_secret", message: check.error })
    return revealSecret(check.value) ?? ""
  }

  #key(subtle: SubtleCrypto, secret: string): Promise<CryptoKey> {
    let key = this.#keys.get(secret)
    if (key === undefined) {
      if (this.#keys.size >= MAX_KEYS) this.#keys.delete(this.#keys.keys().next().value!)
      key = importKey(subtle, secret, "verify")
      this.#keys.set(secret, key)
      key.catch(() => this.#keys.delete(secret))
    }
    return key
  }
}
