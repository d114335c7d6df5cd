/**
 * Masking the API key in what a server sends back. A server (a debugging proxy, a misconfigured gateway, a
 * hostile endpoint behind a bad `baseUrl`) may echo the `X-API-KEY` header anywhere: in a header, in an
 * error message, in `details`, in a request id. Everything the SDK keeps from a response passes through
 * here as soon as it is read, before it reaches an error, `meta`, a span, a log line or a cut.
 */

const REDACTED = "<redacted>"

/** The shortest piece of the secret masked on its own: 8 characters (32 bits of a hex key). */
export const FRAGMENT_LENGTH = 8

// The documented prefixes are not secret; what follows them is.
const PREFIX = /^lomi_[a-z]{2}_(?:test|live)_/i

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&")

/** What the SDK masks a key with. */
export interface Masker {
  /**
   * Every copy of the key, in any letter case, and every run of {@link FRAGMENT_LENGTH} or more characters
   * of its secret part (a key a server cut short is still mostly a key). For headers and everything the
   * SDK shows: error messages, codes, details, body excerpts, request ids.
   */
  readonly text: (s: string) => string
  /**
   * Whole copies of the key only, in any letter case. For a success body: an 8-character piece of a hex
   * secret also turns up by chance in ids (one page in a few thousand), and masking it would corrupt data.
   */
  readonly whole: (s: string) => string
  /** `text` over header names and values. */
  readonly headers: (headers: Readonly<Record<string, string>>) => Record<string, string>
  /** A copy of parsed JSON with `mask` applied to every string, keys included. Iterative. */
  readonly json: (value: unknown, mask: (s: string) => string) => unknown
}

/** A masker for `key`. */
export const makeMasker = (key: string): Masker => {
  const wholeRe = new RegExp(escapeRegExp(key), "gi")
  const whole = (s: string): string => (s.length < key.length ? s : s.replace(wholeRe, REDACTED))

  const secret = key.replace(PREFIX, "").toLowerCase()
  // Where each 8-character piece starts in the secret; a match is then extended as far as the secret goes.
  const starts = new Map<string, Array<number>>()
  for (let i = 0; i + FRAGMENT_LENGTH <= secret.length; i++) {
    const gram = secret.slice(i, i + FRAGMENT_LENGTH)
    const list = starts.get(gram)
    if (list === undefined) starts.set(gram, [i])
    else list.push(i)
  }
  const gramRe =
    starts.size === 0 ? undefined : new RegExp([...starts.keys()].map(escapeRegExp).join("|"), "gi")

  const fragments = (s: string): string => {
    if (gramRe === undefined || s.length < FRAGMENT_LENGTH) return s
    gramRe.lastIndex = 0
    let match = gramRe.exec(s)
    if (match === null) return s
    let out = ""
    let last = 0
    while (match !== null) {
      const start = match.index
      let end = start + FRAGMENT_LENGTH
      for (const from of starts.get(match[0].toLowerCase()) ?? []) {
        let length = FRAGMENT_LENGTH
        while (
          start + length < s.length &&
          from + length < secret.length &&
          s[start + length]!.toLowerCase() === secret[from + length]
        )
          length++
        end = Math.max(end, start + length)
      }
      out += `${s.slice(last, start)}${REDACTED}`
      last = end
      gramRe.lastIndex = end
      match = gramRe.exec(s)
    }
    return out + s.slice(last)
  }

  const text = (s: string): string => fragments(whole(s))

  const headers = (input: Readonly<Record<string, string>>): Record<string, string> => {
    // Most responses hold nothing of the key: one pass over every name and value decides. A piece of the
    // key never spans the line breaks (header text holds none, and neither does a key).
    let all = ""
    for (const name in input) all += `${name}\n${input[name]}\n`
    if (text(all) === all) return Object.assign(Object.create(null), input)
    const out: Record<string, string> = Object.create(null)
    for (const name in input) out[text(name)] = text(input[name]!)
    return out
  }

  const json = (value: unknown, mask: (s: string) => string): unknown => {
    if (typeof value === "string") return mask(value)
    if (typeof value !== "object" || value === null) return value
    const root: Record<string, unknown> | Array<unknown> = Array.isArray(value) ? [] : {}
    const stack: Array<[source: object, copy: Record<string, unknown> | Array<unknown>]> = [[value, root]]
    while (stack.length > 0) {
      const [source, copy] = stack.pop()!
      for (const [k, v] of Object.entries(source)) {
        let next: unknown = v
        if (typeof v === "string") next = mask(v)
        else if (typeof v === "object" && v !== null) {
          next = Array.isArray(v) ? [] : {}
          stack.push([v, next as Record<string, unknown>])
        }
        if (Array.isArray(copy)) copy[Number(k)] = next
        else
          Object.defineProperty(copy, mask(k), {
            value: next,
            enumerable: true,
            writable: true,
            configurable: true,
          })
      }
    }
    return root
  }

  return { text, whole, headers, json }
}
