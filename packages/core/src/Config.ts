/**
 * Client options, and their validation into a {@link ResolvedConfig}. Every check runs when the client is
 * built, so a bad option fails fast with a {@link LomiConfigError} instead of on the first request.
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { LomiConfigError } from "./Errors.js"
import { messageOf } from "./internal/describe.js"
import { toMillis } from "./internal/duration.js"
import { checkHeaders } from "./internal/headers.js"
import { userAgent as makeUserAgent } from "./UserAgent.js"

/**
 * The lomi. environments and their base URLs.
 *
 * @since 0.1.0
 */
export const BaseUrls = {
  /** Real payments, with a `lomi_sk_live_...` key. */
  live: "https://api.lomi.africa/v1",
  /** Test payments, with a `lomi_sk_test_...` key. */
  sandbox: "https://sandbox.api.lomi.africa/v1",
} as const

/**
 * A lomi. environment.
 *
 * @since 0.1.0
 */
export type Environment = keyof typeof BaseUrls

/**
 * Options of a lomi. client.
 *
 * @since 0.1.0
 */
export interface LomiClientOptions {
  /** Secret key (`lomi_sk_...`). Prefer a `Redacted` so it never shows up in logs. */
  readonly apiKey?: string | Redacted.Redacted<string> | undefined
  /** `"live"` (default) or `"sandbox"`. */
  readonly environment?: Environment | undefined
  /** Overrides the environment's URL; must be https unless the host is loopback. */
  readonly baseUrl?: string | undefined
  /** Retries after the first attempt (default 2). */
  readonly maxRetries?: number | undefined
  /** Time budget of one attempt: milliseconds or an Effect `Duration.Input` (default 60 s). */
  readonly timeout?: number | Duration.Input | undefined
  /** Overall time budget of a call across all attempts and backoff (default: none). */
  readonly deadline?: number | Duration.Input | undefined
  /**
   * A `fetch` to send every request with (proxies, instrumentation, tests). Without it the SDK uses
   * `node:http` on Node and `globalThis.fetch` elsewhere.
   */
  readonly fetch?: typeof globalThis.fetch | undefined
  /**
   * Headers added to every request, as a plain object. `X-API-KEY`, `Idempotency-Key` and the headers the
   * transport owns (`Host`, `Connection`, `Content-Length`, `Upgrade`, `Proxy-*`, ...) are refused.
   */
  readonly headers?: Record<string, string> | undefined
  /** Send `User-Agent: lomi-typescript/<version> (<runtime>)` (default true). */
  readonly userAgent?: boolean | undefined
}

/**
 * Validated client configuration. The API key stays `Redacted`: reading it takes `Redacted.value`.
 *
 * @since 0.1.0
 */
export interface ResolvedConfig {
  /** The secret key, kept `Redacted` so it never shows up in logs. */
  readonly apiKey: Redacted.Redacted<string>
  /** Without a trailing slash, e.g. `https://api.lomi.africa/v1`. */
  readonly baseUrl: string
  /** Retries after the first attempt. */
  readonly maxRetries: number
  /** The per-attempt timeout, in milliseconds. */
  readonly timeoutMs: number
  /** The overall budget across attempts and backoff, in milliseconds; `undefined` for none. */
  readonly deadlineMs: number | undefined
  /** The `fetch` to send requests with, when one was given. */
  readonly fetch: typeof globalThis.fetch | undefined
  /** Extra headers sent with every request. */
  readonly headers: Readonly<Record<string, string>>
  /** The `User-Agent` value, or `undefined` when turned off. */
  readonly userAgent: string | undefined
}

/** @internal */
export const DEFAULT_MAX_RETRIES = 2
/** @internal */
export const DEFAULT_TIMEOUT_MS = 60_000

const knownOptions: ReadonlySet<string> = new Set([
  "apiKey",
  "environment",
  "baseUrl",
  "maxRetries",
  "timeout",
  "deadline",
  "fetch",
  "headers",
  "userAgent",
])

/**
 * How to provide a key, repeated wherever a key is missing.
 *
 * @internal
 */
export const MISSING_KEY_HINT =
  "Missing lomi. API key: pass `apiKey` to the client (e.g. `new Lomi({ apiKey })` or `LomiClient.layer({ apiKey })`) or set the LOMI_API_KEY environment variable (read by `LomiClient.layerConfig()`)."

// The key must be visible ASCII: whitespace or control characters are almost always a copy-paste
// accident (a trailing newline from a secrets file) and some runtimes would put them on the wire.
const VALID_KEY = /^[\x21-\x7e]+$/

/**
 * The outcome of checking one option.
 *
 * @internal
 */
export type Check<A> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly error: string }
const ok = <A>(value: A): Check<A> => ({ ok: true, value })
const bad = (error: string): Check<never> => ({ ok: false, error })

/**
 * Checks an API key; the message never repeats the key.
 *
 * @internal
 */
export const checkApiKey = (key: unknown): Check<Redacted.Redacted<string>> => {
  const raw = Redacted.isRedacted(key) ? Redacted.value(key) : key
  if (raw === undefined) return bad(MISSING_KEY_HINT)
  if (typeof raw !== "string") return bad("`apiKey` must be a string or a Redacted<string>.")
  if (raw.length === 0) return bad(`The lomi. API key is empty. ${MISSING_KEY_HINT}`)
  if (!VALID_KEY.test(raw)) {
    return bad(
      "The lomi. API key contains whitespace or control characters; check how it was copied (e.g. a trailing newline).",
    )
  }
  return ok(
    Redacted.isRedacted(key)
      ? (key as Redacted.Redacted<string>)
      : Redacted.make(raw, { label: "LOMI_API_KEY" }),
  )
}

const isLoopback = (hostname: string): boolean => {
  if (hostname === "localhost" || hostname.endsWith(".localhost")) return true
  if (hostname === "[::1]") return true
  // WHATWG URL normalises IPv4 hosts (e.g. `127.1` becomes `127.0.0.1`), so a dotted quad check suffices.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
}

/**
 * Checks a base URL: https, or http to a loopback host (a local sandbox). Plain http elsewhere would send
 * the secret key in clear text.
 *
 * @internal
 */
export const checkBaseUrl = (value: unknown): Check<string> => {
  if (typeof value !== "string") return bad("`baseUrl` must be a string.")
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return bad(`\`baseUrl\` is not an absolute URL: ${JSON.stringify(value)}.`)
  }
  if (url.username !== "" || url.password !== "") {
    return bad("`baseUrl` must not contain credentials; pass the key as `apiKey`.")
  }
  if (url.search !== "" || url.hash !== "") return bad("`baseUrl` must not have a query or a fragment.")
  if (url.protocol === "http:") {
    if (!isLoopback(url.hostname)) {
      return bad(
        `\`baseUrl\` must use https (plain http is only allowed for localhost, 127.0.0.0/8 and ::1), got ${url.origin}.`,
      )
    }
  } else if (url.protocol !== "https:") {
    return bad(`\`baseUrl\` must be an https URL, got protocol ${JSON.stringify(url.protocol)}.`)
  }
  return ok(url.href.replace(/\/+$/, ""))
}

/**
 * Checks a retry count.
 *
 * @internal
 */
export const checkMaxRetries = (value: unknown, name = "maxRetries"): Check<number> =>
  typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 10
    ? ok(value)
    : bad(`\`${name}\` must be an integer from 0 to 10.`)

/**
 * Checks a duration option (milliseconds or `Duration.Input`).
 *
 * @internal
 */
export const checkDuration = (value: unknown, name: string): Check<number> => {
  const result = toMillis(value)
  return typeof result === "number" ? ok(result) : bad(`\`${name}\` ${result}.`)
}

/**
 * Validates options into a {@link ResolvedConfig}, or the message of the first bad option (never its
 * secret value). Plain, so the Promise clients can build a client without running an effect.
 *
 * @internal
 */
export const checkOptions = (options: LomiClientOptions): Check<ResolvedConfig> => {
  try {
    return check(options)
  } catch (error) {
    // Options that throw when read (a getter, a Proxy trap) are refused like any bad option.
    return bad(`Client options could not be read: ${messageOf(error)}.`)
  }
}

const check = (options: LomiClientOptions): Check<ResolvedConfig> => {
  if (typeof options !== "object" || options === null || Array.isArray(options))
    return bad("Client options must be an object.")
  const unknown = Object.keys(options).filter((key) => !knownOptions.has(key))
  if (unknown.length > 0) {
    return bad(
      `Unknown client option${unknown.length > 1 ? "s" : ""}: ${unknown.map((k) => JSON.stringify(k)).join(", ")}. Known options: ${[...knownOptions].join(", ")}.`,
    )
  }
  const apiKey = checkApiKey(options.apiKey)
  if (!apiKey.ok) return apiKey
  const environment = options.environment ?? "live"
  if (environment !== "live" && environment !== "sandbox") {
    return bad(`\`environment\` must be "live" or "sandbox", got ${JSON.stringify(environment)}.`)
  }
  const baseUrl = checkBaseUrl(options.baseUrl ?? BaseUrls[environment])
  if (!baseUrl.ok) return baseUrl
  const maxRetries = checkMaxRetries(options.maxRetries ?? DEFAULT_MAX_RETRIES)
  if (!maxRetries.ok) return maxRetries
  const timeout = checkDuration(options.timeout ?? DEFAULT_TIMEOUT_MS, "timeout")
  if (!timeout.ok) return timeout
  let deadlineMs: number | undefined
  if (options.deadline !== undefined) {
    const deadline = checkDuration(options.deadline, "deadline")
    if (!deadline.ok) return deadline
    deadlineMs = deadline.value
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    return bad("`fetch` must be a function compatible with globalThis.fetch.")
  }
  const headers = checkHeaders(options.headers ?? {}, "headers")
  if (!headers.ok) return headers
  if (options.userAgent !== undefined && typeof options.userAgent !== "boolean") {
    return bad("`userAgent` must be a boolean.")
  }
  return ok({
    apiKey: apiKey.value,
    baseUrl: baseUrl.value,
    maxRetries: maxRetries.value,
    timeoutMs: timeout.value,
    deadlineMs,
    fetch: options.fetch,
    headers: headers.value,
    userAgent: options.userAgent === false ? undefined : makeUserAgent(),
  })
}

/**
 * Validates options into a {@link ResolvedConfig}, failing with a {@link LomiConfigError} that names the
 * offending option (never its secret value).
 *
 * @since 0.1.0
 */
export const resolveConfig = (options: LomiClientOptions): Effect.Effect<ResolvedConfig, LomiConfigError> =>
  Effect.suspend(() => {
    const config = checkOptions(options)
    return config.ok
      ? Effect.succeed(config.value)
      : Effect.fail(new LomiConfigError({ message: config.error }))
  })
