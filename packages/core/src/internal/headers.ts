/**
 * Headers as a plain record with lower-case names, as Effect's `Headers.fromInput` builds it, without
 * carrying Effect's `Headers` module (its equality, redaction and parse errors) into every bundle. One
 * shape for every header set the SDK handles: client and call options, a `RequestInit`, and the responses
 * of both transports (a fetch `Headers`, or Node's record with repeated headers as arrays). And the rules
 * for headers a caller adds: valid names and values, none the SDK or its transport owns.
 */
import type { LomiValidationIssue } from "../Errors.js"
import { bad, type Check, ok } from "./checks.js"
import { messageOf } from "./describe.js"

// RFC 9110 token characters.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/

/** `fetch`-style headers (a `Headers`, a list of pairs or a record) as a record with lower-case names. */
export const headersRecord = (
  input: HeadersInit | Readonly<Record<string, string | ReadonlyArray<string> | undefined>>,
): Record<string, string> => {
  // No prototype, so a header named `__proto__` stays a header.
  const out: Record<string, string> = Object.create(null)
  if (Symbol.iterator in input) {
    for (const [name, value] of input as Iterable<readonly [string, string]>) out[name.toLowerCase()] = value
    return out
  }
  for (const [name, value] of Object.entries(input)) {
    if (Array.isArray(value)) out[name.toLowerCase()] = value.join(", ")
    else if (value !== undefined) out[name.toLowerCase()] = value as string
  }
  return out
}

// Headers the transport owns (framing, connection management, the target host) or that would go to the
// origin instead of a proxy. Node's `http` sends most of them as given and `fetch` refuses some and replaces
// others, so either way a caller's value would break the request or be lost; they are refused up front.
const TRANSPORT_HEADERS: ReadonlySet<string> = new Set([
  "accept-encoding",
  "connection",
  "content-length",
  "expect",
  "host",
  "keep-alive",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
])

/**
 * Why a caller may not set header `name` (lower case), or `undefined` when it may.
 *
 */
export const refusedHeader = (name: string): string | undefined => {
  if (name === "x-api-key") return "the SDK sets it from the `apiKey` option"
  if (name === "idempotency-key") return "the SDK sets it from the `idempotencyKey` call option"
  if (name.startsWith("proxy-")) return "it would reach the API, not a proxy"
  if (TRANSPORT_HEADERS.has(name)) return "the HTTP transport sets it"
  return undefined
}

/**
 * Checks extra headers (client-wide or per request): a plain object of valid names to string values, none
 * of them a header the SDK or its transport owns.
 *
 */
export const checkHeaders = (value: unknown, name: string): Check<Record<string, string>> => {
  const shape = `\`${name}\` must be a plain object of header names to string values`
  if (typeof value !== "object" || value === null || Array.isArray(value)) return bad(`${shape}.`)
  const prototype = Object.getPrototypeOf(value)
  // A `Headers` or a `Map` has no own entries: its headers would be dropped without a word.
  if (prototype !== Object.prototype && prototype !== null) {
    return bad(`${shape} (for a Headers or a Map, pass Object.fromEntries(headers)).`)
  }
  // No prototype, so a header named `__proto__` stays a header.
  const out: Record<string, string> = Object.create(null)
  for (const [key, v] of Object.entries(value)) {
    if (!HEADER_NAME.test(key)) return bad(`\`${name}\` has an invalid header name: ${JSON.stringify(key)}.`)
    const refused = refusedHeader(key.toLowerCase())
    if (refused !== undefined) return bad(`\`${name}\` may not set ${JSON.stringify(key)}: ${refused}.`)
    // The value is not echoed: a caller may put a credential in a custom header.
    if (typeof v !== "string" || !HEADER_VALUE.test(v)) {
      return bad(
        `\`${name}\` has an invalid value for header ${JSON.stringify(key)} (want a string without line breaks).`,
      )
    }
    out[key] = v
  }
  return ok(out)
}

/** The headers of a `RequestInit` service, checked like the caller's own (they are sent too). */
export const checkInitHeaders = (
  init: globalThis.RequestInit | undefined,
  issues: Array<LomiValidationIssue>,
): Record<string, string> | undefined => {
  if (init?.headers === undefined) return undefined
  try {
    const headers = headersRecord(init.headers)
    for (const name in headers) {
      const refused = refusedHeader(name)
      if (refused !== undefined) issues.push({ path: ["RequestInit", "headers", name], message: refused })
    }
    return headers
  } catch (error) {
    issues.push({ path: ["RequestInit", "headers"], message: `Could not be read: ${messageOf(error)}` })
    return undefined
  }
}
