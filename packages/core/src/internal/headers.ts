/**
 * Headers as a plain record with lower-case names, as Effect's `Headers.fromInput` builds it, without
 * carrying Effect's `Headers` module (its equality, redaction and parse errors) into every bundle. One
 * shape for every header set the SDK handles: client and call options, a `RequestInit`, and the responses
 * of both transports (a fetch `Headers`, or Node's record with repeated headers as arrays).
 */

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
