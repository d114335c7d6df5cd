// Verification of lomi. webhook deliveries, shared by the Promise class and the Effect service: argument
// checks, HMAC-SHA256 through Web Crypto (identical on Node, Bun, Deno, workerd and browsers), the opt-in
// replay window and the lenient decode. Every failure is a LomiWebhookVerificationError, always as a
// rejection: callers hand this module whatever arrived, from JavaScript too, and never get a TypeError.

import { isEffectRedacted, revealSecret, Secret, Spec } from "@lomi/core"
import type * as Redacted from "effect/Redacted"
import { WEBHOOK_EVENT_NAMES, type WebhookEvent, WebhookEventSpec } from "../WebhookEvent.js"
import { LomiWebhookVerificationError, type WebhookVerificationReason } from "../WebhookVerificationError.js"

/** A webhook signing secret (`whsec_...`), kept out of errors and logs; the Effect API also takes a `Redacted`. */
export type WebhookSecret = string | Redacted.Redacted<string>

/** The raw request body, exactly as received: a string, a `Uint8Array` (a Node `Buffer`) or an `ArrayBuffer`. */
export type WebhookPayload = string | Uint8Array | ArrayBuffer | ArrayBufferView

/** The request headers: a `Headers` object, or a record such as Node's `req.headers`; names are case-insensitive. */
export type WebhookHeaders = Headers | { readonly [name: string]: string | ReadonlyArray<string> | undefined }

/** Per-call options of `unwrap` and `verifySignature`. */
export interface WebhookVerifyOptions {
  /** This endpoint's signing secret; wins over the client's and `LOMI_WEBHOOK_SECRET`. */
  readonly secret?: WebhookSecret | undefined
  /**
   * Refuse an event whose signed `timestamp` is more than this many seconds from now (off by default:
   * lomi. resends a failed delivery with its original timestamp for hours).
   */
  readonly tolerance?: number | undefined
}

/** The header carrying the signature (lower case, as Node and `Headers` report names). */
export const SIGNATURE_HEADER = "x-lomi-signature"
/** The environment variable a secret falls back to. */
export const SECRET_ENV = "LOMI_WEBHOOK_SECRET"

const fail = (reason: WebhookVerificationReason, message: string) =>
  new LomiWebhookVerificationError({ reason, message })

/** How to hand over the raw body in the usual servers; repeated wherever a caller got it wrong. */
const RAW_BODY_HINT =
  'Pass the raw body: `await request.text()` (fetch handlers: Hono, Next.js, Bun, Deno, Workers), `req.body` after `express.raw({ type: "application/json" })`, or the concatenated request chunks (node:http).'

/** What to do when no secret was given anywhere. */
export const MISSING_SECRET =
  "No webhook secret: pass `{ secret }` to this call or to `new LomiWebhooks()`, `webhookSecret` to `new Lomi()`, or set LOMI_WEBHOOK_SECRET (the endpoint's whsec_... signing secret)."

/** The outcome of checking a secret: never the secret itself in `error`. */
export type SecretCheck =
  | { readonly ok: true; readonly value: Redacted.Redacted<string> }
  | { readonly ok: false; readonly error: string }

// Visible ASCII only: whitespace or control characters are a copy-paste accident (a trailing newline from
// a secrets file) that would make every signature mismatch with no hint why.
const VISIBLE_ASCII = /^[\x21-\x7e]+$/

/**
 * Checks a secret given as `name`; the message names the option, never its value. Never throws: a value
 * that throws when inspected (a Proxy, a getter) is refused as unreadable.
 */
export const checkSecret = (value: unknown, name: string): SecretCheck => {
  try {
    return check(value, name)
  } catch {
    return { ok: false, error: `\`${name}\` could not be read: inspecting it threw.` }
  }
}

const check = (value: unknown, name: string): SecretCheck => {
  const redacted = isEffectRedacted(value)
  const raw = redacted ? revealSecret(value) : value
  if (redacted && raw === undefined)
    return {
      ok: false,
      error: `\`${name}\` is an Effect Redacted, which this code cannot read (it does not load effect): pass the secret as a string (it is kept out of errors and logs), or use @lomi/checkout/effect.`,
    }
  if (typeof raw !== "string") {
    return { ok: false, error: `\`${name}\` must be a string or a Redacted<string>, got ${describe(raw)}.` }
  }
  if (raw.length === 0) return { ok: false, error: `\`${name}\` is empty. ${MISSING_SECRET}` }
  if (!VISIBLE_ASCII.test(raw)) {
    return {
      ok: false,
      error: `\`${name}\` contains whitespace or control characters; check how it was copied (e.g. a trailing newline).`,
    }
  }
  // A core `Secret` stands for a `Redacted`: the same renderings, without loading effect.
  return {
    ok: true,
    value: redacted ? (value as Redacted.Redacted<string>) : (new Secret(raw, SECRET_ENV) as never),
  }
}

/** A short description of a value's type for messages (never the value: it may be a secret). */
export const describe = (value: unknown): string => {
  if (value === null) return "null"
  if (Array.isArray(value)) return "an array"
  if (typeof value !== "object") return typeof value
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor
    ?.name
  return typeof name === "string" && name !== "" && name !== "Object" ? `a ${name}` : "an object"
}

const encoder = new TextEncoder()
const utf8 = new TextDecoder("utf-8", { fatal: true })
const tagOf = (u: unknown) => Object.prototype.toString.call(u)

/** The bytes the signature covers; an error when `payload` is not a raw body. */
export const payloadBytes = (payload: unknown): Uint8Array<ArrayBuffer> | LomiWebhookVerificationError => {
  if (typeof payload === "string") return encoder.encode(payload)
  // Tag checks rather than `instanceof`, so buffers from another realm (a vm context, a worker) pass too.
  // Web Crypto refuses views of shared memory, so those are copied.
  if (ArrayBuffer.isView(payload)) {
    const view = new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength)
    return tagOf(payload.buffer) === "[object ArrayBuffer]" ? (view as Uint8Array<ArrayBuffer>) : view.slice()
  }
  if (tagOf(payload) === "[object ArrayBuffer]") return new Uint8Array(payload as ArrayBuffer)
  if (tagOf(payload) === "[object SharedArrayBuffer]")
    return new Uint8Array(payload as ArrayBufferLike).slice()
  const proto = typeof payload === "object" && payload !== null ? Object.getPrototypeOf(payload) : undefined
  if (Array.isArray(payload) || proto === Object.prototype || proto === null) {
    return fail(
      "parsed_payload",
      `\`payload\` is a parsed object (did \`express.json()\` run first?), but the signature covers the exact bytes sent, which re-serialising cannot reproduce. ${RAW_BODY_HINT}`,
    )
  }
  return fail(
    "invalid_argument",
    `\`payload\` must be the raw body (a string, Uint8Array, Buffer or ArrayBuffer), got ${describe(payload)}. ${RAW_BODY_HINT}`,
  )
}

/** The one `X-Lomi-Signature` value of `headers`, or why there is none. */
export const signatureHeader = (headers: unknown): string | LomiWebhookVerificationError => {
  if (typeof headers !== "object" || headers === null || Array.isArray(headers)) {
    return fail(
      "invalid_argument",
      `\`headers\` must be a Headers or a record such as Node's \`req.headers\`, got ${describe(headers)}.`,
    )
  }
  const values: Array<string> = []
  const bad = (value: unknown) =>
    fail("invalid_argument", `The X-Lomi-Signature header must be a string, got ${describe(value)}.`)
  if (typeof (headers as { get?: unknown }).get === "function") {
    // A `Headers` (any realm, or a polyfill): `get` is case-insensitive and joins repeats with ", ".
    const value: unknown = (headers as Headers).get(SIGNATURE_HEADER)
    if (typeof value === "string") values.push(value)
    else if (value !== null && value !== undefined) return bad(value)
  } else {
    for (const [name, value] of Object.entries(headers)) {
      if (name.toLowerCase() !== SIGNATURE_HEADER || value === undefined) continue
      if (typeof value === "string") values.push(value)
      else if (Array.isArray(value) && value.every((v) => typeof v === "string")) values.push(...value)
      else return bad(value)
    }
  }
  // Node's `req.headers` and `Headers.get` join a repeated header with ", "; a signature has no comma.
  const present = values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "")
  if (present.length === 0) {
    return fail(
      "missing_signature",
      "No X-Lomi-Signature header: the request is not from lomi., or a proxy dropped the header.",
    )
  }
  if (present.length > 1) {
    return fail(
      "malformed_signature",
      `X-Lomi-Signature was sent ${present.length} times; lomi. sends it once.`,
    )
  }
  return present[0]!
}

const HEX_SIGNATURE = /^[0-9a-fA-F]{64}$/

/** The 32 bytes of a hex HMAC-SHA256, or why the header is not one. */
export const signatureBytes = (hex: string): Uint8Array<ArrayBuffer> | LomiWebhookVerificationError => {
  if (!HEX_SIGNATURE.test(hex)) {
    return fail(
      "malformed_signature",
      `X-Lomi-Signature must be 64 hex digits (an HMAC-SHA256, no prefix), got ${hex.length} characters.`,
    )
  }
  const bytes = new Uint8Array(32)
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return bytes
}

/** Web Crypto's `subtle`, or an error on the rare runtime without it (a browser page served over http). */
export const subtleCrypto = (): SubtleCrypto | LomiWebhookVerificationError =>
  (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle ??
  fail(
    "unsupported_runtime",
    "No Web Crypto (`crypto.subtle`) here to check the HMAC: use Node >= 20, Bun, Deno, Workers, or a page on https or localhost.",
  )

/** Imports a secret as an HMAC-SHA256 key; not extractable, so the key object never reveals it. */
export const importKey = (
  subtle: SubtleCrypto,
  secret: string,
  usage: "sign" | "verify",
): Promise<CryptoKey> =>
  subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [usage])

/** Lower-case hex of a signature, as lomi. sends it. */
export const toHex = (bytes: ArrayBuffer): string =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("")

/** The body as text: the string given, or the bytes as UTF-8. */
export const payloadText = (payload: unknown, bytes: Uint8Array): string | LomiWebhookVerificationError => {
  if (typeof payload === "string") return payload
  try {
    return utf8.decode(bytes)
  } catch {
    return fail("invalid_payload", "The signed body is not UTF-8 text.")
  }
}

/** The body parsed as JSON. */
export const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch (error) {
    return fail(
      "invalid_payload",
      `The signed body is not JSON (${error instanceof Error ? error.message : String(error)}).`,
    )
  }
}

/** Checks the event's signed `timestamp` is within `tolerance` seconds of `now` (milliseconds). */
export const checkTimestamp = (
  json: unknown,
  tolerance: number,
  now: number,
): LomiWebhookVerificationError | undefined => {
  const timestamp =
    typeof json === "object" && json !== null ? (json as { timestamp?: unknown }).timestamp : undefined
  const at = typeof timestamp === "string" ? Date.parse(timestamp) : Number.NaN
  if (Number.isNaN(at)) {
    return fail("invalid_payload", "The event has no ISO 8601 `timestamp` to check `tolerance` against.")
  }
  const seconds = Math.round(Math.abs(now - at) / 1000)
  if (seconds <= tolerance) return undefined
  return fail(
    "timestamp_outside_tolerance",
    `The event's timestamp ${timestamp} is ${seconds} s ${at < now ? "old" : "ahead"}, beyond the tolerance of ${tolerance} s (lomi. retries keep the first timestamp for hours: raise \`tolerance\`, or de-duplicate on \`id\` instead).`,
  )
}

const KNOWN_NAMES: ReadonlySet<unknown> = new Set(WEBHOOK_EVENT_NAMES)

/** Decodes the envelope leniently; a catalogued event is checked (and reported) against its own spec. */
export const decodeWebhookEvent = (json: unknown): WebhookEvent | LomiWebhookVerificationError => {
  const result = Spec.decode(WebhookEventSpec, json)
  if (result.ok) return result.value
  const name = typeof json === "object" && json !== null ? (json as { event?: unknown }).event : undefined
  const issue = Spec.formatIssues(result.issues).replaceAll("\n", " ")
  return fail(
    "invalid_payload",
    `The signed body is not a lomi. webhook event${KNOWN_NAMES.has(name) ? ` ${name}` : ""}: ${issue}`,
  )
}

/** Any thrown value as the webhook error (a `Headers` polyfill or a getter that throws, say). */
export const toVerificationError = (error: unknown): LomiWebhookVerificationError =>
  error instanceof LomiWebhookVerificationError
    ? error
    : fail(
        "invalid_argument",
        `The webhook could not be read: ${error instanceof Error ? error.message : String(error)}`,
      )
