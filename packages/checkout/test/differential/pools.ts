/**
 * The pools the differential test draws field values from, by type, biased to the edges where two
 * independent implementations of one rule tend to part: empty and blank strings, control characters, lone
 * surrogates, e-mail addresses and URLs valid-looking or not, date-times around the year and day bounds and
 * with odd offsets, UUIDs in both cases and nearly UUIDs, long strings, numbers around 0 and 2^53, JSON
 * nested around the 32-level bound and with `__proto__` keys. Every value survives `JSON.stringify`
 * unchanged (no NaN, no `undefined`), so the SDK and a raw request carry the same thing.
 */
import * as fc from "fast-check"

const line = fc.string({ unit: "grapheme", maxLength: 12 })
// Any code point, surrogates included (fast-check's `binary` unit takes most of a second to build).
const codePoint = fc
  .oneof(
    fc.integer({ min: 0, max: 0x7f }),
    fc.integer({ min: 0x80, max: 0xffff }),
    fc.integer({ min: 0x10000, max: 0x10ffff }),
  )
  .map((n) => String.fromCodePoint(n))
/** A string with a C0 control character or DEL somewhere. */
const withControl = fc
  .tuple(line, fc.integer({ min: 0, max: 32 }), line)
  .map(([a, c, b]) => `${a}${String.fromCharCode(c === 32 ? 0x7f : c)}${b}`)
/** A string with a lone surrogate somewhere. */
const withLoneSurrogate = fc
  .tuple(line, fc.constantFrom("\ud800x", "\udbffx", "x\udc00", "x\udfff"), line)
  .map(([a, s, b]) => `${a}${s}${b}`)
// fast-check's `webUrl` and `emailAddress` take most of a second to build: these are enough here.
const host = fc.oneof(fc.domain(), fc.ipV4(), fc.constantFrom("localhost", "[::1]", "xn--exmple-cua.com"))
const url = fc
  .tuple(
    fc.constantFrom("http", "https", "HTTPS", "ftp", "ws"),
    host,
    fc.array(fc.string({ unit: "grapheme", maxLength: 6 }), { maxLength: 3 }),
    fc.constantFrom("", "?q=1", "#f", "?a=b&c=%20#x"),
  )
  .map(([scheme, h, path, suffix]) => `${scheme}://${h}/${path.join("/")}${suffix}`)
const email = fc.tuple(fc.stringMatching(/^[a-z0-9.+_-]{1,12}$/), host).map(([local, h]) => `${local}@${h}`)

/** Date-times valid, nearly valid, and at the bounds of years, days, hours and offsets. */
export const DATE_TIMES = [
  "2030-01-01T00:00:00Z",
  "2030-01-01T00:00:00.000Z",
  "2025-11-21T12:46:27.078Z",
  "2030-01-01T00:00Z",
  "2030-01-01T00:00:00.123456789Z",
  "2030-01-01T00:00:00.1234567891Z",
  "2030-01-01t00:00:00z",
  "2030-01-01 00:00:00Z",
  "2030-01-01T00:00:00",
  "2030-01-01",
  "2028-02-29T00:00:00Z",
  "2030-02-29T00:00:00Z",
  "2030-02-30T00:00:00Z",
  "2030-04-31T00:00:00Z",
  "2030-13-01T00:00:00Z",
  "2030-00-01T00:00:00Z",
  "2030-01-00T00:00:00Z",
  "2030-01-01T24:00:00Z",
  "2030-01-01T23:59:60Z",
  "2030-01-01T00:60:00Z",
  "2030-01-01T00:00:00+02:00",
  "2030-01-01T00:00:00-12:00",
  "2030-01-01T00:00:00+23:59",
  "2030-01-01T00:00:00+24:00",
  "2030-01-01T00:00:00+00:60",
  "2030-01-01T00:00:00+0200",
  "2030-01-01T00:00:00+02",
  "0000-01-01T00:00:00Z",
  "0000-01-01T00:00:00+00:01",
  "0000-01-01T00:00:00-00:01",
  "9999-12-31T23:59:59.999Z",
  "9999-12-31T23:59:59-00:01",
  "9999-12-31T23:59:59+00:01",
  "1969-12-31T23:59:59Z",
  "+002030-01-01T00:00:00Z",
  "2030-1-1T00:00:00Z",
  "２０３０-01-01T00:00:00Z",
]

const UUID = "3f8e1b52-8c4d-4d7e-9a0b-5e6f7a8b9c0d"
/** UUIDs in both cases, and strings that nearly are. */
export const UUIDS = [
  UUID,
  UUID.toUpperCase(),
  "00000000-0000-0000-0000-000000000000",
  UUID.replaceAll("-", ""),
  `{${UUID}}`,
  `urn:uuid:${UUID}`,
  `${UUID}0`,
  UUID.slice(1),
  UUID.replace("3", "g"),
  ` ${UUID}`,
]

/** E-mail addresses valid, odd and broken. */
export const EMAILS = [
  "customer@example.com",
  "a@b.co",
  "A+tag@Example.COM",
  "a@b",
  "a@b.",
  "a@.b.co",
  "a@b..co",
  "a@b.co.",
  ".a@b.co",
  "a..b@c.de",
  "a b@c.de",
  "@b.co",
  "a@",
  "a@@b.co",
  "a@b@c.de",
  "ünï@exämple.com",
  "a@[127.0.0.1]",
  `${"a".repeat(250)}@b.co`,
  `${"a".repeat(64)}@${"b".repeat(63)}.com`,
  "a@b.co ",
  "a@b.co\u00a0",
  "a@b.co\n",
]

/** URLs of many schemes and shapes. */
export const URLS = [
  "https://example.com/success",
  "http://example.com",
  "https://example.com:8443/p?q=1#f",
  "HTTPS://EXAMPLE.COM",
  "https://example.com/a b",
  "https://ex ample.com",
  "https://",
  "https:example.com",
  "https:/example.com",
  "//example.com",
  "/relative",
  "example.com",
  "ftp://example.com",
  "mailto:a@b.co",
  "javascript:alert(1)",
  "data:text/html,x",
  "file:///etc/passwd",
  "ws://example.com",
  "https://[::1]/",
  "http://127.0.0.1:4010/x",
  "https://exämple.com",
  "https://user:pass@example.com",
  "https://example.com:99999",
  "https://%",
  "http://a",
  `https://example.com/${"x".repeat(5000)}`,
]

/** Strings of every shape a text field meets. */
export const TEXT = [
  "",
  " ",
  "   ",
  "\t",
  "\n",
  "a\nb",
  "a\tb",
  "a\r\nb",
  "\u0000",
  "a\u0000b",
  "\u001f",
  "\u007f",
  "\u0085",
  "\u00a0",
  "\u2028",
  "\ufeff",
  "\u200b",
  " leading",
  "trailing ",
  "\ud800",
  "a\udc00",
  "\udbff\udfff",
  "😀",
  "e\u0301",
  "日本語",
  "مرحبا",
  "🇸🇳",
  "prod_1234567890abcdef",
  "cs_1",
  ".",
  "..",
  "a/b",
  "../x",
  "%2F",
  "0",
  "1",
  "100",
  "1.5",
  "-1",
  "1e3",
  "NaN",
  "true",
  "null",
  "x".repeat(255),
  "x".repeat(10_000),
  "é".repeat(3000),
]

/** Strings near `literal`: other cases, padding, neighbours. */
export const lookalikes = (literal: string): ReadonlyArray<string> => [
  literal.toUpperCase(),
  literal.toLowerCase(),
  ` ${literal}`,
  `${literal} `,
  `${literal}${literal}`,
  literal.slice(0, -1),
  `${literal}\u0000`,
  `${literal}\u200b`,
]

/** Strings near the literals of the SDK's enums. */
export const LITERALS = [
  "XOF",
  "USD",
  "EUR",
  "GBP",
  "XAF",
  "open",
  "complete",
  "product",
  "instant",
  "colour:asc",
]

const offset = fc.oneof(
  fc.constantFrom("Z", "z", ""),
  fc
    .tuple(fc.constantFrom("+", "-"), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }))
    .map(([sign, h, m]) => `${sign}${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`),
)
/** Date-times field by field, each part ranging a little past its bounds. */
const dateTime = fc
  .tuple(
    fc.oneof(fc.integer({ min: 1970, max: 2100 }), fc.constantFrom(0, 1, 99, 9999)),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 24 }),
    fc.integer({ min: 0, max: 60 }),
    fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
    fc.option(fc.stringMatching(/^\d{1,11}$/), { nil: undefined }),
    offset,
  )
  .map(([y, mo, d, h, mi, s, frac, zone]) => {
    const two = (n: number) => String(n).padStart(2, "0")
    const seconds = s === undefined ? "" : `:${two(s)}${frac === undefined ? "" : `.${frac}`}`
    return `${String(y).padStart(4, "0")}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}${seconds}${zone}`
  })

/** Strings: the constants above, and random, generated and damaged ones. */
export const STRINGS: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(...TEXT, ...EMAILS, ...URLS, ...DATE_TIMES, ...UUIDS, ...LITERALS),
  },
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: codePoint, maxLength: 20 }),
  email,
  url,
  fc.uuid().chain((u) => fc.constantFrom(u, u.toUpperCase())),
  dateTime,
  withControl,
  withLoneSurrogate,
)

/** Numbers: edges around 0, 100 and 2^53, and random integers and doubles. */
export const NUMBERS: fc.Arbitrary<number> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      0,
      -0,
      1,
      -1,
      2,
      0.5,
      1.5,
      20,
      99.99,
      100,
      101,
      2500,
      15000,
      1e-7,
      Number.MIN_VALUE,
      Number.EPSILON,
      2 ** 31 - 1,
      2 ** 31,
      2 ** 32,
      2 ** 53 - 1,
      2 ** 53,
      2 ** 53 + 2,
      -(2 ** 53 - 1),
      1e21,
      1e300,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
    ),
  },
  fc.integer({ min: -1000, max: 1_000_000_000 }),
  fc.maxSafeInteger(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)

/** Objects and arrays nested `depth` levels deep, counting the outermost as level 1. */
const nested = (depth: number, arrays: boolean): unknown => {
  let value: unknown = arrays ? [] : {}
  for (let i = 1; i < depth; i++) value = arrays && i % 2 === 1 ? [value] : { d: value }
  return value
}

/** JSON values as `JSON.parse` gives them (own `__proto__` keys included), around the depth bound. */
export const JSON_CONSTANTS: ReadonlyArray<unknown> = [
  {},
  { order: "42" },
  { a: 1, b: [1, "x", null, true, {}], c: { d: null } },
  ...[31, 32, 33, 34].flatMap((depth) => [nested(depth, false), nested(depth, true)]),
  JSON.parse('{"__proto__":{"polluted":true}}'),
  JSON.parse('{"__proto__":1,"constructor":{"prototype":{}}}'),
  { constructor: 1, toString: "x", hasOwnProperty: null },
  { "": "" },
  { "a\u0000": "\u0000" },
  { "\ud800": 1 },
  { k: "\udc00" },
  { k: 1e300, l: -0, m: 2 ** 53 + 2, n: 5e-324 },
  Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i])),
  { list: Array.from({ length: 10_000 }, (_, i) => i) },
  [],
  [1, 2],
  null,
  "x",
  5,
  true,
]

/** JSON values, objects mostly, with the constants above among them. */
export const JSONS: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...JSON_CONSTANTS) },
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(fc.string({ unit: "grapheme", maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
  withLoneSurrogate.map((s) => ({ note: s })),
)

/** Both booleans. */
export const BOOLEANS = fc.boolean()

/** Every constant of the pools, for finding the ones a field takes. */
export const CONSTANTS: ReadonlyArray<unknown> = [
  ...TEXT,
  ...EMAILS,
  ...URLS,
  ...DATE_TIMES,
  ...UUIDS,
  ...LITERALS,
  true,
  false,
  0,
  1,
  20,
  100,
  2500,
  2 ** 53 - 1,
  2 ** 53,
  1e21,
  ...JSON_CONSTANTS,
]
