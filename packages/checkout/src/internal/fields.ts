// Field specs shared by both resources: strict on input (the contract's rules, checked before any request
// is sent) and lenient on output (an additive API change must never break a user's integration).
import { type JsonObject, noControlCharactersCheck, Spec, wellFormedCheck } from "@lomi/core"

export { DateTimeInput } from "./dateTime.js"

/** The currencies lomi. settles: West African CFA franc, US dollar, euro. */
export const CURRENCIES = ["XOF", "USD", "EUR"] as const
/** A currency the API accepts. */
export type Currency = (typeof CURRENCIES)[number]

/** Input: one of the supported currencies. */
export const CurrencyInput: Spec.Spec<Currency> = /*#__PURE__*/ Spec.literals(CURRENCIES)

/**
 * Input: an amount in the smallest unit of the currency, a positive safe integer (whole francs for XOF,
 * cents for USD and EUR: `150.5` is no amount in any of them).
 */
export const AmountInput: Spec.Spec<number> = /*#__PURE__*/ Spec.number((n) =>
  Number.isSafeInteger(n) && n > 0
    ? undefined
    : "Expected an integer in the smallest unit of the currency (e.g. 2500 for 25.00 EUR, 15000 for 15 000 XOF)",
)

// Free text may keep tabs and line breaks; any other control character is a mistake that ends up in
// pages, logs and headers, and lomi. refuses it as the sandbox does.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

/** Input: free text (descriptions): well-formed, tabs and line breaks allowed, no other control character. */
export const TextInput: Spec.Spec<string> = /*#__PURE__*/ Spec.string(wellFormedCheck, (s) =>
  CONTROL_BUT_LINE_BREAKS.test(s)
    ? "Must not contain control characters other than tab, line feed and carriage return (U+0000 to U+001F, U+007F)"
    : undefined,
)

/** Input: a one-line string without control characters (codes such as `qr_code_type`); may be empty. */
export const LineInput: Spec.Spec<string> = /*#__PURE__*/ Spec.string(
  wellFormedCheck,
  noControlCharactersCheck,
)

/** Input: a non-empty one-line string (reference ids such as `prod_1234567890abcdef`, names, titles). */
export const NonEmptyInput: Spec.Spec<string> = /*#__PURE__*/ Spec.check(LineInput, (s) =>
  s.trim().length > 0 ? undefined : "Expected a non-empty string",
)

// WHATWG URL parsing strips or percent-encodes control characters, so they are refused before parsing.
// `new URL` rather than `URL.canParse`: on Node 20 the optimised `canParse` refuses a host with a Latin-1
// character (`https://exämple.com`) that the constructor, and so every server, takes.
const isHttpUrl = (s: string): boolean => {
  try {
    const url = new URL(s)
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== ""
  } catch {
    return false
  }
}

/** Input: an absolute http(s) URL. */
export const HttpUrlInput: Spec.Spec<string> = /*#__PURE__*/ Spec.check(LineInput, (s) =>
  isHttpUrl(s) ? undefined : "Expected an absolute http(s) URL",
)

// One @, no spaces, a domain of non-empty dot-separated labels (`a@b..co` and `a@b.co.` are no address),
// at most 254 characters (RFC 5321's path limit less its brackets).
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/

/** Input: an email address. */
export const EmailInput: Spec.Spec<string> = /*#__PURE__*/ Spec.check(LineInput, (s) =>
  s.length > 254
    ? "Expected an email address of at most 254 characters"
    : EMAIL.test(s)
      ? undefined
      : "Expected an email address",
)

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Input: a UUID in its textual form, in either case (an id of your choosing for a new resource). */
export const UuidInput: Spec.Spec<string> = /*#__PURE__*/ Spec.string((s) =>
  UUID.test(s) ? undefined : "Expected a UUID, e.g. 3f8e1b52-8c4d-4d7e-9a0b-5e6f7a8b9c0d",
)

// Past 2^53 - 1 integers lose precision (and `1e21` is written `1e+21` in a query): safe integers only.
/** Input: an integer quantity of at least 1. */
export const QuantityInput: Spec.Spec<number> = /*#__PURE__*/ Spec.number((n) =>
  Number.isSafeInteger(n) && n >= 1 ? undefined : "Expected an integer >= 1",
)

/** Input: a list's `offset`, a safe integer >= 0. */
export const OffsetInput: Spec.Spec<number> = /*#__PURE__*/ Spec.number((n) =>
  Number.isSafeInteger(n) && n >= 0 ? undefined : `Expected an integer from 0 to ${Number.MAX_SAFE_INTEGER}`,
)

/**
 * Input: a JSON object of your own key-value pairs (not an array, not null): plain JSON only, checked to
 * any depth (core's JSON check).
 */
export const MetadataInput: Spec.Spec<JsonObject> = Spec.jsonObject

/** Output: a field the live service may send as `null` or omit. */
export const Nullable: typeof Spec.nullable = Spec.nullable

/**
 * Output: a string enum that also accepts values added after this SDK was released. The type keeps
 * autocompletion for the known values.
 */
export const OpenEnum: typeof Spec.openEnum = Spec.openEnum

/** Output: the wire object with every field the spec did not name kept as is. */
export const Open = <F extends Spec.Fields>(fields: F): Spec.Spec<Spec.StructType<F>> =>
  Spec.struct(fields, { extra: "keep" })

/** Output: a JSON object the SDK does not interpret (`metadata`). */
export const OpenRecord: Spec.Spec<{ readonly [key: string]: unknown }> = /*#__PURE__*/ Spec.record(
  Spec.unknown,
)
