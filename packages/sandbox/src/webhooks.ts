import { hex } from "./hex.js"
import type { JsonObject } from "./json-value.js"

/** Events the sandbox sends: the payment events of today's catalogue, plus the legacy `CHECKOUT_COMPLETED`. */
export type WebhookEvent = "PAYMENT_SUCCEEDED" | "PAYMENT_FAILED" | "CHECKOUT_COMPLETED"

/**
 * Where an event stands: `pending` (queued, in flight or waiting for a retry), `delivered` (a 2xx),
 * `dead` (a 4xx: never retried) or `failed` (every attempt failed with a 5xx, a timeout or a network error).
 */
export type WebhookDeliveryStatus = "pending" | "delivered" | "dead" | "failed"

/** One POST of an event. */
export interface WebhookAttempt {
  /** Counted from 1 over the event's whole life: a redelivery continues the count. */
  readonly attempt: number
  /** ISO time the attempt started. */
  readonly at: string
  /** The endpoint's answer, when there was one. */
  readonly status?: number
  /** Why the attempt failed: `HTTP 500`, `timeout after 10000 ms`, `connect ECONNREFUSED ...`. */
  readonly error?: string
  /** How long the attempt took, in milliseconds. */
  readonly durationMs: number
}

/** One event in the delivery log. */
export interface WebhookDelivery {
  /** The event's `id`, as in its body. */
  readonly id: string
  /** The event's name, e.g. `PAYMENT_SUCCEEDED`. */
  readonly event: WebhookEvent
  /** The checkout session the event is about. */
  readonly checkoutSessionId: string
  /** Where the delivery stands: see {@link WebhookDeliveryStatus}. */
  readonly status: WebhookDeliveryStatus
  /** ISO time the event was queued (its `timestamp`). */
  readonly createdAt: string
  /** ISO time of the next retry, while one is scheduled. */
  readonly nextAttemptAt?: string
  /** Every attempt so far, oldest first. */
  readonly attempts: ReadonlyArray<WebhookAttempt>
  /** The exact body every attempt sends. */
  readonly body: string
}

/** Reported to `onFailure` for every failed attempt (the sandbox keeps going on its own). */
export interface WebhookFailure {
  /** The event's `id`, the same on every attempt. */
  readonly id: string
  /** The event's name, e.g. `PAYMENT_SUCCEEDED`. */
  readonly event: WebhookEvent
  /** The checkout session the event is about. */
  readonly checkoutSessionId: string
  /** The attempt's number, counted from 1 over the event's whole life (redeliveries continue it). */
  readonly attempt: number
  /** The HTTP status, when the endpoint answered. */
  readonly status?: number
  /** The cause: `HTTP 500`, `timeout after 10000 ms`, `connect ECONNREFUSED 127.0.0.1:1234`, ... */
  readonly error: string
  /** `retrying` (after `retryInMs`), `dead` (a 4xx: never retried) or `failed` (out of attempts). */
  readonly outcome: "retrying" | "dead" | "failed"
  /** When `retrying`: how long until the next attempt, in milliseconds. */
  readonly retryInMs?: number
}

/** Where hosted-checkout events are sent, the secret they are signed with, and how failures are retried. */
export interface WebhookOptions {
  /** The merchant's endpoint: an absolute http(s) URL. */
  readonly url: string
  /** The endpoint's signing secret (lomi. secrets look like `whsec_...`). Never logged. */
  readonly secret: string
  /** Attempts in all per event, 1 to 20; default 6, as the live service. */
  readonly maxAttempts?: number
  /** Wait before the first retry in ms (0 to 600 000), doubling for each next one, at most one hour; default 1000. */
  readonly retryDelayMs?: number
  /** How long one attempt may take in ms (1 to 600 000) before it counts as failed; default 10 000. */
  readonly timeoutMs?: number
  /** Called for each failed attempt; default: one `console.warn` line naming the cause. */
  readonly onFailure?: (failure: WebhookFailure) => void
}

/** {@link WebhookOptions} checked, with every default filled in. */
export interface ResolvedWebhookOptions {
  readonly url: string
  readonly secret: string
  readonly maxAttempts: number
  readonly retryDelayMs: number
  readonly timeoutMs: number
  readonly onFailure: (failure: WebhookFailure) => void
}

const describeFailure = (f: WebhookFailure): string =>
  `lomi-sandbox: webhook ${f.event} ${f.id} attempt ${f.attempt} failed: ${f.error}; ${
    f.outcome === "retrying"
      ? `retrying in ${f.retryInMs} ms`
      : f.outcome === "dead"
        ? "not retried (the endpoint refused it)"
        : "giving up"
  }`

const integer = (name: string, value: unknown, fallback: number, min: number, max: number): number => {
  if (value === undefined) return fallback
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`webhooks.${name} must be an integer from ${min} to ${max}, got ${String(value)}`)
  }
  return value
}

/** Checks {@link WebhookOptions}; throws a `TypeError` or `RangeError` naming the bad field (never the secret). */
export const resolveWebhookOptions = (options: WebhookOptions): ResolvedWebhookOptions => {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("webhooks must be an object { url, secret }")
  }
  const { url, secret, onFailure } = options
  let parsed: URL | undefined
  try {
    parsed = typeof url === "string" ? new URL(url) : undefined
  } catch {
    parsed = undefined
  }
  if (parsed === undefined || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    throw new TypeError("webhooks.url must be an absolute http(s) URL, such as https://example.com/webhooks")
  }
  if (typeof secret !== "string" || secret.trim() === "") {
    throw new TypeError("webhooks.secret must be a non-empty string")
  }
  if (onFailure !== undefined && typeof onFailure !== "function") {
    throw new TypeError("webhooks.onFailure must be a function")
  }
  return {
    url: parsed.href,
    secret,
    maxAttempts: integer("maxAttempts", options.maxAttempts, 6, 1, 20),
    retryDelayMs: integer("retryDelayMs", options.retryDelayMs, 1000, 0, 600_000),
    timeoutMs: integer("timeoutMs", options.timeoutMs, 10_000, 1, 600_000),
    onFailure: onFailure ?? ((failure) => console.warn(describeFailure(failure))),
  }
}

const encoder = new TextEncoder()

/** Imports `secret` once as a non-extractable HMAC-SHA256 key (Web Crypto: every runtime has it). */
export const webhookKey = (secret: string): Promise<CryptoKey> =>
  crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"])

/** Lowercase hex HMAC-SHA256 of `body`, as in `X-Lomi-Signature`. */
export const signWebhook = async (secret: string | CryptoKey, body: string): Promise<string> => {
  const key = typeof secret === "string" ? await webhookKey(secret) : secret
  return hex(await crypto.subtle.sign("HMAC", key, encoder.encode(body)))
}

/**
 * The envelope of one event, serialised once: `{"id","event","timestamp","data","lomi_environment"}`.
 * Every attempt sends these exact bytes, so the signature and the `id` never change.
 */
export const webhookEnvelope = (
  event: WebhookEvent,
  data: JsonObject,
  environment: string,
  at: number,
): { readonly id: string; readonly body: string } => {
  const id = crypto.randomUUID()
  const body = JSON.stringify({
    id,
    event,
    timestamp: new Date(at).toISOString(),
    data,
    lomi_environment: environment,
  })
  return { id, body }
}

/** The headers of every attempt, as the live sender sets them. */
export const webhookHeaders = (event: WebhookEvent, signature: string): Record<string, string> => ({
  "content-type": "application/json",
  "user-agent": "Lomi-Webhook/1.0",
  "x-lomi-event": event,
  "x-lomi-signature": signature,
})

/**
 * The cause of a failed `fetch`, not just "fetch failed": the innermost `cause` with a message
 * (`connect ECONNREFUSED 127.0.0.1:1234`, `other side closed`), and each error of an `AggregateError`.
 */
export const describeError = (error: unknown): string => {
  let current: unknown = error
  let message = ""
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    if (typeof current !== "object") return String(current)
    const {
      errors,
      message: text,
      code,
      cause,
    } = current as {
      errors?: unknown
      message?: unknown
      code?: unknown
      cause?: unknown
    }
    if (Array.isArray(errors) && errors.length > 0) {
      return [...new Set(errors.map(describeError))].join("; ")
    }
    if (typeof text === "string" && text !== "") message = text
    else if (typeof code === "string") message = code
    current = cause
  }
  return message === "" ? "unknown error" : message
}
