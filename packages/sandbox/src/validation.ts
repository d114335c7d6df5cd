import { type FieldKind, SCHEMAS } from "./body-schemas.js"
import { ID_FIELD } from "./collection.js"
import { normaliseDateTime } from "./datetime.js"
import {
  checkJsonValue,
  controlCharacterAt,
  controlCharacterMessage,
  hasLoneSurrogate,
  type JsonObject,
  type JsonValue,
  LONE_SURROGATE_MESSAGE,
} from "./json-value.js"
import type { Generation, ResourceKind } from "./kinds.js"
import type { Issue } from "./responses.js"

/** Currencies the contract allows. */
export const CURRENCIES = ["XOF", "USD", "EUR"] as const

/** Checkout session states; `expired` is also derived from `expires_at` at read time. */
export const SESSION_STATUSES = ["open", "completed", "expired"] as const

/** Kinds of payment link in today's routes (lomi.'s database enum `link_type`). */
export const LINK_TYPES = ["product", "instant"] as const

// Today's create DTOs list GBP in their Swagger enum, but the database enum `currency_code` has only
// XOF, USD and EUR (apps/api/src/utils/types/api.ts), so production fails such a create in its RPC.
const GBP_MESSAGE = `GBP is not supported: lomi.'s API reference lists it, but its database holds only ${CURRENCIES.join(", ")} (production answers 500)`

const AMOUNT_MESSAGE =
  "Must be an integer in the smallest unit of the currency (e.g. 2500 for 25.00 EUR, 15000 for 15 000 XOF)"

const CATALOGUE_MESSAGE =
  "Not supported by the sandbox: line items are priced from a product catalogue, which the sandbox does not have; give amount instead"

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/

/** Whether `value` is a UUID in its textual form, in either case. */
export const isUuid = (value: string): boolean => UUID.test(value)

/**
 * The form an id is stored and answered in. UUIDs are case-insensitive, as in the live service's
 * database, so the same UUID in upper and lower case names one resource; other strings stay as given.
 */
export const canonicalId = (value: string): string => (UUID.test(value) ? value.toLowerCase() : value)

const isPlainObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value)
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== ""
  } catch {
    return false
  }
}

const describe = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`

const textProblem = (value: unknown, multiline: boolean): string | undefined => {
  if (typeof value !== "string") return `Expected a string, got ${describe(value)}`
  if (hasLoneSurrogate(value)) return LONE_SURROGATE_MESSAGE
  const at = controlCharacterAt(value, multiline)
  return at === -1 ? undefined : controlCharacterMessage(value, at)
}

const oneOf = (allowed: ReadonlyArray<string>, value: unknown): string | undefined =>
  typeof value === "string" && allowed.includes(value) ? undefined : `Expected one of ${allowed.join(", ")}`

/** Checks one field, returning why it is refused or `undefined` when it is fine. */
const checkField = (kind: FieldKind, value: unknown): string | undefined => {
  switch (kind) {
    case "line":
    case "multiline":
      return textProblem(value, kind === "multiline")
    case "text":
    case "reference":
      return textProblem(value, false) ?? ((value as string).trim() === "" ? "Must not be empty" : undefined)
    case "boolean":
      return typeof value === "boolean" ? undefined : `Expected a boolean, got ${describe(value)}`
    case "amount":
      // The smallest unit of the currency (see "Amounts" in the contract): 150.5 is no amount in any of them.
      if (typeof value !== "number") return `Expected a number, got ${describe(value)}`
      return Number.isSafeInteger(value) && value > 0 ? undefined : AMOUNT_MESSAGE
    case "quantity":
      if (typeof value !== "number") return `Expected a number, got ${describe(value)}`
      return Number.isSafeInteger(value) && value >= 1
        ? undefined
        : "Must be an integer greater than or equal to 1"
    case "currency":
      return oneOf(CURRENCIES, value)
    case "currency_2025":
      return value === "GBP" ? GBP_MESSAGE : checkField("currency", value)
    case "session_status":
      return oneOf(SESSION_STATUSES, value)
    case "link_type":
      return oneOf(LINK_TYPES, value)
    case "catalogue":
      return CATALOGUE_MESSAGE
    case "url":
      // Checked before parsing: `new URL` silently drops tabs and line breaks and encodes the rest.
      return (
        textProblem(value, false) ??
        (isHttpUrl(value as string) ? undefined : "Must be an absolute http(s) URL")
      )
    case "email":
      return (
        textProblem(value, false) ??
        ((value as string).length <= 254 && EMAIL.test(value as string)
          ? undefined
          : "Must be a valid email address")
      )
    case "object":
      return isPlainObject(value) ? undefined : `Expected a JSON object, got ${describe(value)}`
    case "datetime": {
      if (typeof value !== "string") return `Expected a string, got ${describe(value)}`
      const checked = normaliseDateTime(value)
      return checked.ok ? undefined : checked.message
    }
    case "uuid":
      if (typeof value !== "string") return `Expected a string, got ${describe(value)}`
      return isUuid(value) ? undefined : "Must be a UUID"
  }
}

/** The stored form of an accepted field: UTC date-times, lower-case UUIDs, everything else as given. */
const storedForm = (kind: FieldKind, value: JsonValue): JsonValue => {
  if (kind === "datetime") {
    const checked = normaliseDateTime(value as string)
    return checked.ok ? checked.value : value
  }
  return kind === "uuid" ? (value as string).toLowerCase() : value
}

/** The outcome of checking a request body: the accepted fields, or every problem found. */
export type BodyCheck =
  | { readonly ok: true; readonly value: JsonObject }
  | { readonly ok: false; readonly issues: Issue[] }

/**
 * Validates a create or update body against the field table of the resource in that generation. Every
 * problem is collected (unknown fields included) rather than stopping at the first, so a client sees all
 * of them at once. Date-times are normalised to UTC `toISOString()` form so that sorting on them is a
 * string comparison, and UUIDs to lower case. Free-form objects are checked for depth and finite
 * numbers, so that nothing accepted can fail to serialise later.
 */
export const checkBody = (
  generation: Generation,
  resource: ResourceKind,
  mode: "create" | "update",
  body: unknown,
): BodyCheck => {
  if (!isPlainObject(body)) {
    return { ok: false, issues: [{ path: [], message: `Expected a JSON object, got ${describe(body)}` }] }
  }
  const { fields, rules } = SCHEMAS[generation][resource]
  const issues: Issue[] = []
  const value: JsonObject = {}
  for (const [name, fieldValue] of Object.entries(body)) {
    const kind = fields.get(name)
    if (kind === undefined) {
      issues.push({ path: [name], message: `Unknown field "${name}"` })
      continue
    }
    if (mode === "update" && name === ID_FIELD[resource]) {
      issues.push({
        path: [name],
        message: "Cannot be given in an update: the resource is the one in the path",
      })
      continue
    }
    const problem = checkField(kind, fieldValue)
    if (problem !== undefined) {
      issues.push({ path: [name], message: problem })
      continue
    }
    const unstorable = kind === "object" ? checkJsonValue(fieldValue, [name]) : undefined
    if (unstorable !== undefined) issues.push(unstorable)
    else value[name] = storedForm(kind, fieldValue)
  }
  if (mode === "update" && Object.keys(body).length === 0) {
    issues.push({ path: [], message: "An update needs at least one field" })
  }
  rules(body, mode, issues)
  return issues.length === 0 ? { ok: true, value } : { ok: false, issues }
}
