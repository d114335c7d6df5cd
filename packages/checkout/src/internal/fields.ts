// Field schemas shared by both resources: strict on input (the contract's rules, checked before any request
// is sent) and lenient on output (an additive API change must never break a user's integration).
import { JsonObject, noControlCharacters, wellFormed } from "@lomi/core"
import * as Schema from "effect/Schema"

/** The currencies lomi. settles: West African CFA franc, US dollar, euro. */
export const CURRENCIES = ["XOF", "USD", "EUR"] as const
/** A currency the API accepts. */
export type Currency = (typeof CURRENCIES)[number]

/** Input: one of the supported currencies. */
export const CurrencyInput = Schema.Literals(CURRENCIES)

/**
 * Input: an amount in the smallest unit of the currency, a positive safe integer (whole francs for XOF,
 * cents for USD and EUR: `150.5` is no amount in any of them).
 */
export const AmountInput = Schema.Number.check(
  Schema.makeFilter((n) =>
    Number.isSafeInteger(n) && n > 0
      ? undefined
      : "Expected an integer in the smallest unit of the currency (e.g. 2500 for 25.00 EUR, 15000 for 15 000 XOF)",
  ),
)

/** Input: free text (descriptions): any well-formed string, line breaks allowed. */
export const TextInput = Schema.String.check(wellFormed)

/** Input: a one-line string without control characters (codes such as `qr_code_type`); may be empty. */
export const LineInput = Schema.String.check(wellFormed, noControlCharacters)

/** Input: a non-empty one-line string (reference ids such as `prod_1234567890abcdef`, names, titles). */
export const NonEmptyInput = LineInput.check(
  Schema.makeFilter((s) => (s.trim().length > 0 ? undefined : "Expected a non-empty string")),
)

// WHATWG URL parsing strips or percent-encodes control characters, so they are refused before parsing.
/** Input: an absolute http(s) URL. */
export const HttpUrlInput = LineInput.check(
  Schema.makeFilter((s) => {
    if (!URL.canParse(s)) return "Expected an absolute http(s) URL"
    const protocol = new URL(s).protocol
    return protocol === "https:" || protocol === "http:" ? undefined : "Expected an absolute http(s) URL"
  }),
)

// Deliberately simple: one @, no spaces, a dot in the domain. The server has the last word.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Input: an email address. */
export const EmailInput = LineInput.check(
  Schema.makeFilter((s) => (EMAIL.test(s) ? undefined : "Expected an email address")),
)

/** Input: an integer quantity of at least 1. */
export const QuantityInput = Schema.Number.check(
  Schema.makeFilter((n) => (Number.isInteger(n) && n >= 1 ? undefined : "Expected an integer >= 1")),
)

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

/** Input: an ISO 8601 date-time with a time zone, e.g. `2026-12-01T12:00:00Z`. */
export const DateTimeInput = Schema.String.check(
  Schema.makeFilter((s) =>
    DATE_TIME.test(s) && !Number.isNaN(Date.parse(s))
      ? undefined
      : "Expected an ISO 8601 date-time such as 2026-12-01T12:00:00Z",
  ),
)

/**
 * Input: a JSON object of your own key-value pairs (not an array, not null): plain JSON only, checked to
 * any depth (core's `JsonObject`).
 */
export const MetadataInput = JsonObject

/** Output: a field the live service may send as `null` or omit. */
export const Nullable = <S extends Schema.Top>(schema: S) => Schema.optional(Schema.NullOr(schema))

/**
 * Output: a string enum that also accepts values added after this SDK was released. The type keeps
 * autocompletion for the known values; the wire form is any string, written the same way.
 */
export const OpenEnum = <const L extends ReadonlyArray<string>>(values: L) =>
  Schema.Union([Schema.Literals(values), Schema.String]) as unknown as Schema.Codec<
    L[number] | (string & {}),
    L[number] | (string & {})
  >

/** Output: the wire object with every field the schema did not name kept as is. */
export const Open = <S extends Schema.Struct<Schema.Struct.Fields>>(struct: S) =>
  Schema.StructWithRest(struct, [Schema.Record(Schema.String, Schema.Unknown)])
