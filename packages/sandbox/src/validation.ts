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

type FieldKind =
  | "string"
  | "text"
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
const SESSION_FIELDS: Readonly<Record<string, FieldKind>> = {
  allow_coupon_code: "boolean",
  allow_quantity: "boolean",
  allowed_providers: "string",
  amount: "amount",
  cancel_url: "url",
  checkout_session_id: "uuid",
  currency_code: "currency",
  customer_email: "email",
  customer_id: "reference",
  customer_name: "string",
  customer_phone: "string",
  expires_at: "datetime",
  installment_plan_id: "reference",
  is_pos: "boolean",
  is_spi: "boolean",
  metadata: "object",
  payment_link_id: "reference",
  payment_request_id: "reference",
  price_id: "reference",
  product_id: "reference",
  public_description: "string",
  qr_code_data: "object",
  qr_code_type: "string",
  quantity: "quantity",
  spi_account_number: "string",
  spi_qr_code_id: "reference",
  status: "session_status",
  subscription_id: "reference",
  success_url: "url",
  title: "string",
}

const LINK_FIELDS: Readonly<Record<string, FieldKind>> = {
  allow_coupon_code: "boolean",
  allow_quantity: "boolean",
  allowed_providers: "string",
  amount: "amount",
  cancel_url: "url",
  currency_code: "currency",
  // Older API versions call it `description`, newer ones `public_description`: both are accepted.
  description: "string",
  expires_at: "datetime",
  is_active: "boolean",
  link_id: "uuid",
  link_type: "text",
  metadata: "object",
  price_id: "reference",
  private_description: "string",
  product_id: "reference",
  public_description: "string",
  quantity: "quantity",
  success_url: "url",
  title: "text",
  url: "url",
}

/** The two resource collections. */
export type ResourceKind = "checkout_sessions" | "payment_links"

const FIELDS: Readonly<Record<ResourceKind, Readonly<Record<string, FieldKind>>>> = {
  checkout_sessions: SESSION_FIELDS,
  payment_links: LINK_FIELDS,
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/i

/** Whether `value` is a UUID in its canonical textual form. */
export const isUuid = (value: string): boolean => UUID.test(value)

const isPlainObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate()

/**
 * Parses an ISO 8601 date-time with an explicit offset. `Date.parse` alone accepts 30 February and
 * offset-less strings (read as local time), which would make stored instants depend on the machine.
 */
export const parseDateTime = (value: string): number | undefined => {
  const match = DATE_TIME.exec(value)
  if (match === null) return undefined
  const [, y, mo, d, h, mi, s, , oh, om] = match
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return undefined
  if (oh !== undefined && (Number(oh) > 23 || Number(om) > 59)) return undefined
  const time = Date.parse(value)
  return Number.isFinite(time) ? time : undefined
}

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

/** Checks one field, returning why it is refused or `undefined` when it is fine. */
const checkField = (kind: FieldKind, value: unknown): string | undefined => {
  switch (kind) {
    case "string":
      return typeof value === "string" ? undefined : `Expected a string, got ${describe(value)}`
    case "text":
    case "reference":
      if (typeof value !== "string") return `Expected a string, got ${describe(value)}`
      return value.trim() === "" ? "Must not be empty" : undefined
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
      if (typeof value !== "string") return `Expected a string, got ${describe(value)}`
      return isHttpUrl(value) ? undefined : "Must be an absolute http(s) URL"
    case "email":
      if (typeof value !== "string") return `Expected a string, got ${describe(value)}`
      return value.length <= 254 && EMAIL.test(value) ? undefined : "Must be a valid email address"
    case "object":
      return isPlainObject(value) ? undefined : `Expected a JSON object, got ${describe(value)}`
    case "datetime":
      if (typeof value !== "string") return `Expected a string, got ${describe(value)}`
      return parseDateTime(value) === undefined
        ? "Must be an ISO 8601 date-time with a time zone, e.g. 2030-01-01T00:00:00Z"
        : undefined
    case "uuid":
      if (typeof value !== "string") return `Expected a string, got ${describe(value)}`
      return isUuid(value) ? undefined : "Must be a UUID"
  }
}

/** The outcome of checking a request body: the accepted fields, or every problem found. */
export type BodyCheck =
  | { readonly ok: true; readonly value: JsonObject }
  | { readonly ok: false; readonly issues: Issue[] }

/**
 * Validates a create or update body against the resource's field list. Every problem is collected
 * (unknown fields included) rather than stopping at the first, so a client sees all of them at once.
 * Date-times are normalised to UTC `toISOString()` form so that sorting on them is a string comparison.
 */
export const checkBody = (resource: ResourceKind, mode: "create" | "update", body: unknown): BodyCheck => {
  if (!isPlainObject(body)) {
    return { ok: false, issues: [{ path: [], message: `Expected a JSON object, got ${describe(body)}` }] }
  }
  const fields = FIELDS[resource]
  const issues: Issue[] = []
  const value: JsonObject = {}
  for (const [name, fieldValue] of Object.entries(body)) {
    const kind = fields[name]
    if (kind === undefined) {
      issues.push({ path: [name], message: `Unknown field "${name}"` })
      continue
    }
    const problem = checkField(kind, fieldValue)
    if (problem !== undefined) issues.push({ path: [name], message: problem })
    else
      value[name] =
        kind === "datetime" ? new Date(parseDateTime(fieldValue as string)!).toISOString() : fieldValue
  }
  if (mode === "update" && Object.keys(body).length === 0) {
    issues.push({ path: [], message: "An update needs at least one field" })
  }
  if (mode === "create") {
    const required =
      resource === "checkout_sessions"
        ? ["currency_code", "amount"]
        : body.link_type === "product"
          ? [] // a product link takes its title and price from the product
          : ["title", "currency_code", "amount"]
    for (const name of required) {
      if (!(name in body)) issues.push({ path: [name], message: "Required" })
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

/** Fields lists can be sorted on. */
export const SORT_FIELDS = ["created_at", "updated_at", "amount", "title", "expires_at"] as const

/** A field lists can be sorted on. */
export type SortField = (typeof SORT_FIELDS)[number]

/** Validated list parameters. */
export interface ListQuery {
  readonly limit: number
  readonly offset: number
  readonly sortField: SortField
  readonly direction: "asc" | "desc"
}

/** The outcome of checking list parameters. */
export type QueryCheck =
  | { readonly ok: true; readonly value: ListQuery }
  | { readonly ok: false; readonly issues: Issue[] }

const DIGITS = /^\d{1,16}$/

/**
 * Validates `limit`, `offset` and `sort`. Out-of-range, malformed, repeated or unknown parameters are
 * refused instead of clamped: a silent clamp hides client bugs that the real service would expose.
 */
export const checkListQuery = (params: URLSearchParams): QueryCheck => {
  const issues: Issue[] = []
  const seen = new Set<string>()
  for (const name of params.keys()) {
    if (seen.has(name)) continue
    seen.add(name)
    if (name !== "limit" && name !== "offset" && name !== "sort") {
      issues.push({ path: [name], message: `Unknown query parameter "${name}"` })
    } else if (params.getAll(name).length > 1) {
      issues.push({ path: [name], message: "Must be given at most once" })
    }
  }
  let limit = 20
  const rawLimit = params.get("limit")
  if (rawLimit !== null) {
    limit = DIGITS.test(rawLimit) ? Number(rawLimit) : Number.NaN
    if (!(limit >= 1 && limit <= 100))
      issues.push({ path: ["limit"], message: "Must be an integer from 1 to 100" })
  }
  let offset = 0
  const rawOffset = params.get("offset")
  if (rawOffset !== null) {
    offset = DIGITS.test(rawOffset) ? Number(rawOffset) : Number.NaN
    if (!(offset >= 0 && offset <= Number.MAX_SAFE_INTEGER)) {
      issues.push({ path: ["offset"], message: "Must be an integer greater than or equal to 0" })
    }
  }
  let sortField: SortField = "created_at"
  let direction: "asc" | "desc" = "desc"
  const rawSort = params.get("sort")
  if (rawSort !== null) {
    const [field, dir, ...rest] = rawSort.split(":")
    if (
      rest.length > 0 ||
      !(SORT_FIELDS as ReadonlyArray<string>).includes(field ?? "") ||
      (dir !== "asc" && dir !== "desc")
    ) {
      issues.push({
        path: ["sort"],
        message: `Must be field:direction with field one of ${SORT_FIELDS.join(", ")} and direction asc or desc`,
      })
    } else {
      sortField = field as SortField
      direction = dir
    }
  }
  return issues.length === 0
    ? { ok: true, value: { limit, offset, sortField, direction } }
    : { ok: false, issues }
}
