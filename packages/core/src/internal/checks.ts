/**
 * Checks of single configuration values, each `(value, name) => Check`: `name` is where the value came
 * from (`timeout`, `LOMI_BASE_URL`), so a message points at what to fix. None echoes a secret.
 */
import type * as Redacted from "effect/Redacted"
import { durationMillis } from "./duration.js"
import { isEffectRedacted, revealSecret, Secret } from "./secret.js"

/** The outcome of checking one value. */
export type Check<A> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly error: string }

/** A value that passed. */
export const ok = <A>(value: A): Check<A> => ({ ok: true, value })

/** A value that did not, and why. */
export const bad = (error: string): Check<never> => ({ ok: false, error })

// The key must be visible ASCII: whitespace or control characters are almost always a copy-paste
// accident (a trailing newline from a secrets file) and some runtimes would put them on the wire.
const VALID_KEY = /^[\x21-\x7e]+$/

/**
 * Checks a present API key (a missing one is the caller's to word, since the fix depends on the API
 * used); the message never repeats the key.
 */
export const checkApiKey = (key: unknown, name: string): Check<Redacted.Redacted<string>> => {
  const redacted = isEffectRedacted(key)
  const raw = redacted ? revealSecret(key) : key
  if (redacted && raw === undefined)
    return bad(
      `\`${name}\` is an Effect Redacted, which this client cannot read (it does not load effect): pass the key as a string (the client keeps it out of errors and logs), or use the Effect API from @lomi/checkout/effect.`,
    )
  if (typeof raw !== "string") return bad(`\`${name}\` must be a string or a Redacted<string>.`)
  if (raw.length === 0)
    return bad(
      `\`${name}\` is empty: pass your secret key (lomi_sk_...), or leave it out to use LOMI_API_KEY.`,
    )
  if (!VALID_KEY.test(raw)) {
    return bad(
      `\`${name}\` contains whitespace or control characters; check how the key was copied (e.g. a trailing newline).`,
    )
  }
  // A `Secret` stands for a `Redacted` (the Effect API turns it into one): the same renderings, no effect.
  return ok(redacted ? (key as Redacted.Redacted<string>) : (new Secret(raw, "LOMI_API_KEY") as never))
}

const isLoopback = (hostname: string): boolean => {
  if (hostname === "localhost" || hostname.endsWith(".localhost")) return true
  if (hostname === "[::1]") return true
  // WHATWG URL normalises IPv4 hosts (e.g. `127.1` becomes `127.0.0.1`), so a dotted quad check suffices.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
}

/**
 * Checks a base URL: https, or http to a loopback host (a local sandbox). Plain http elsewhere would send
 * the secret key in clear text. The result has no trailing slash.
 */
export const checkBaseUrl = (value: unknown, name: string): Check<string> => {
  if (typeof value !== "string") return bad(`\`${name}\` must be a string.`)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return bad(`\`${name}\` is not an absolute URL: ${JSON.stringify(value)}.`)
  }
  if (url.username !== "" || url.password !== "") {
    return bad(`\`${name}\` must not contain credentials; pass the key as \`apiKey\`.`)
  }
  if (url.search !== "" || url.hash !== "") return bad(`\`${name}\` must not have a query or a fragment.`)
  if (url.protocol === "http:") {
    if (!isLoopback(url.hostname)) {
      return bad(
        `\`${name}\` must use https (plain http is only allowed for localhost, 127.0.0.0/8 and ::1), got ${url.origin}.`,
      )
    }
  } else if (url.protocol !== "https:") {
    return bad(`\`${name}\` must be an https URL, got protocol ${JSON.stringify(url.protocol)}.`)
  }
  return ok(url.href.replace(/\/+$/, ""))
}

/** Checks a retry count. */
export const checkMaxRetries = (value: unknown, name = "maxRetries"): Check<number> =>
  typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 10
    ? ok(value)
    : bad(`\`${name}\` must be an integer from 0 to 10.`)

const NOT_A_DURATION = "is not a duration (use milliseconds or an Effect Duration)"

/**
 * A duration option as milliseconds, or a reason it is unusable. A bare number is milliseconds, as in
 * `fetch`-style SDKs; anything else is read as Effect's `Duration.Input` (`"5 seconds"`, `[s, ns]`, a
 * `Duration`) by `durationMillis`, without loading effect. Never throws, whatever it is given.
 */
const toMillis = (input: unknown): number | string => {
  let ms: number | undefined
  try {
    ms = typeof input === "number" ? input : durationMillis(input)
  } catch {
    return NOT_A_DURATION
  }
  if (ms === undefined) return NOT_A_DURATION
  if (typeof ms !== "number" || Number.isNaN(ms) || ms <= 0) return "must be a positive duration"
  if (!Number.isFinite(ms)) return "must be finite"
  return ms
}

/** Checks a duration (milliseconds or `Duration.Input`). */
export const checkDuration = (value: unknown, name: string): Check<number> => {
  const result = toMillis(value)
  return typeof result === "number" ? ok(result) : bad(`\`${name}\` ${result}.`)
}

/** Checks a value against a list of literals, e.g. an environment or a log level. */
export const checkOneOf =
  <const L extends ReadonlyArray<string>>(allowed: L) =>
  (value: unknown, name: string): Check<L[number]> =>
    typeof value === "string" && allowed.includes(value)
      ? ok(value as L[number])
      : bad(
          `\`${name}\` must be ${allowed.map((a) => JSON.stringify(a)).join(" or ")}, got ${typeof value === "string" ? JSON.stringify(value) : typeof value}.`,
        )

/** Checks a flag. */
export const checkBoolean = (value: unknown, name: string): Check<boolean> =>
  typeof value === "boolean" ? ok(value) : bad(`\`${name}\` must be a boolean.`)

/** Checks a function option (`fetch`). */
export const checkFunction =
  <F>(what: string) =>
  (value: unknown, name: string): Check<F> =>
    typeof value === "function" ? ok(value as F) : bad(`\`${name}\` must be ${what}.`)

/** Checks a logger: an object with `debug`, `info`, `warn` and `error` methods, as `console` has. */
export const checkLogger = <L>(value: unknown, name: string): Check<L> => {
  const missing =
    typeof value === "object" && value !== null
      ? ["debug", "info", "warn", "error"].filter(
          (level) => typeof (value as Record<string, unknown>)[level] !== "function",
        )
      : undefined
  if (missing === undefined)
    return bad(`\`${name}\` must be an object with debug, info, warn and error methods.`)
  if (missing.length > 0)
    return bad(`\`${name}\` has no ${missing.join(", ")} method${missing.length > 1 ? "s" : ""}.`)
  return ok(value as L)
}
