import { normaliseDateTime } from "./datetime.js"
import { checkJsonValue, controlCharacterAt, controlCharacterMessage } from "./json-value.js"
import type { Issue } from "./responses.js"

/** Any value `JSON.parse` can produce. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | ReadonlyArray<JsonValue>
  | { readonly [key: string]: JsonValue }

/** A JSON object, as request bodies and stored resources are. */
export type JsonObject = { [key: string]: JsonValue }

// `line`: one line of text, may be empty (names, phone numbers); `text`: the same, non-empty;
// `multiline`: free text, which may keep tabs and line breaks (descriptions). None of them, nor ids,
// URLs or addresses, may hold other control characters: they end up in pages, logs and headers.
type FieldKind =
  | "line"
  | "text"
  | "multiline"
  | "reference"
  | "boolean"
  | "amount"
  | "currency"
  | "url"
  | "email"
  | "quantity"
  | "object"
  | "datetime"
  | "uuid"
  | "session_status"

/** Currencies the contract allows. */
export const CURRENCIES = ["XOF", "USD", "EUR"] as const

/** Checkout session states; `expired` is also derived from `expires_at` at read time. */
export const SESSION_STATUSES = ["open", "completed", "expired"] as const

// Field lists follow the OpenAPI schemas `checkout_sessions_create`/`_update` and `payment_links_create`/
// `_update`. Reference ids are `reference` (plain non-empty strings), not `uuid`, because the reference
// example itself sends `prod_1234567890abcdef`; only the resource's own id must be a UUID.
// Maps, not object literals: a field name is client input, and `"constructor"` or `"__proto__"` would
// otherwise be found on Object.prototype and pass as a known field.
const SESSION_FIELDS = new Map<string, FieldKind>(
  Object.entries({
    allow_coupon_code: "boolean",
    allow_quantity: "boolean",
    allowed_providers: "line",
    amount: "amount",
    cancel_url: "url",
    checkout_session_id: "uuid",
    currency_code: "currency",
    customer_email: "email",
    customer_id: "reference",
    customer_name: "line",
    customer_phone: "line",
    expires_at: "datetime",
    installment_plan_id: "reference",
    is_pos: "boolean",
    is_spi: "boolean",
    metadata: "object",
    payment_link_id: "reference",
    payment_request_id: "reference",
    price_id: "reference",
    product_id: "reference",
    public_description: "multiline",
    qr_code_data: "object",
    qr_code_type: "line",
    quantity: "quantity",
    spi_account_number: "line",
    spi_qr_code_id: "reference",
    status: "session_status",
    subscription_id: "reference",
    success_url: "url",
    title: "line",
  } satisfies Record<string, FieldKind>),
)

const LINK_FIELDS = new Map<string, FieldKind>(
  Object.entries({
    allow_coupon_code: "boolean",
    allow_quantity: "boolean",
    allowed_providers: "line",
    amount: "amount",
    cancel_url: "url",
    currency_code: "currency",
    // Older API versions call it `description`, newer ones `public_description`: both are accepted.
    description: "multiline",
    expires_at: "datetime",
    is_active: "boolean",
    link_id: "uuid",
    link_type: "text",
    metadata: "object",
    price_id: "reference",
    private_description: "multiline",
    product_id: "reference",
    public_description: "multiline",
    quantity: "quantity",
    success_url: "url",
    title: "text",
    url: "url",
  } satisfies Record<string, FieldKind>),
)

/** The two resource collections. */
export type ResourceKind = "checkout_sessions" | "payment_links"

const FIELDS: Readonly<Record<ResourceKind, ReadonlyMap<string, FieldKind>>> = {
  checkout_sessions: SESSION_FIELDS,
  payment_links: LINK_FIELDS,
}

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
  const at = controlCharacterAt(value, multiline)
  return at === -1 ? undefined : controlCharacterMessage(value, at)
}

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
      if (typeof value !== "number") return `Expected a number, got ${describe(value)}`
      return Number.isFinite(value) && value > 0 ? undefined : "Must be a finite number greater than 0"
    case "quantity":
      if (typeof value !== "number") return `Expected a number, got ${describe(value)}`
      return Number.isSafeInteger(value) && value >= 1
        ? undefined
        : "Must be an integer greater than or equal to 1"
    case "currency":
      return typeof value === "string" && (CURRENCIES as ReadonlyArray<string>).includes(value)
        ? undefined
        : `Expected one of ${CURRENCIES.join(", ")}`
    case "session_status":
      return typeof value === "string" && (SESSION_STATUSES as ReadonlyArray<string>).includes(value)
        ? undefined
        : `Expected one of ${SESSION_STATUSES.join(", ")}`
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
 * Validates a create or update body against the resource's field list. Every problem is collected
 * (unknown fields included) rather than stopping at the first, so a client sees all of them at once.
 * Date-times are normalised to UTC `toISOString()` form so that sorting on them is a string comparison,
 * and UUIDs to lower case. Free-form objects are checked for depth and finite numbers, so that nothing
 * accepted can fail to serialise later.
 */
export const checkBody = (resource: ResourceKind, mode: "create" | "update", body: unknown): BodyCheck => {
  if (!isPlainObject(body)) {
    return { ok: false, issues: [{ path: [], message: `Expected a JSON object, got ${describe(body)}` }] }
  }
  const fields = FIELDS[resource]
  const issues: Issue[] = []
  const value: JsonObject = {}
  for (const [name, fieldValue] of Object.entries(body)) {
    const kind = fields.get(name)
    if (kind === undefined) {
      issues.push({ path: [name], message: `Unknown field "${name}"` })
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
  if (mode === "create") {
    const required =
      resource === "checkout_sessions"
        ? ["currency_code", "amount"]
        : Object.hasOwn(body, "link_type") && body.link_type === "product"
          ? [] // a product link takes its title and price from the product
          : ["title", "currency_code", "amount"]
    for (const name of required) {
      if (!Object.hasOwn(body, name)) issues.push({ path: [name], message: "Required" })
    }
  }
  if (
    resource === "payment_links" &&
    typeof body.description === "string" &&
    typeof body.public_description === "string" &&
    body.description !== body.public_description
  ) {
    issues.push({ path: ["description"], message: "Must equal public_description when both are given" })
  }
  return issues.length === 0 ? { ok: true, value } : { ok: false, issues }
}
