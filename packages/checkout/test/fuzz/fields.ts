/** The fields of each body, what a good and a bad value of each kind of field is, and list queries. */
import * as fc from "fast-check"
import type { Resource } from "./calls.js"
import {
  dateTime,
  email,
  jsonObject,
  line,
  nonEmpty,
  text,
  url,
  withControl,
  withControlButLineBreaks,
  withLoneSurrogate,
} from "./values.js"

export type Kind =
  | "amount"
  | "currency"
  | "nonEmpty"
  | "line"
  | "text"
  | "url"
  | "email"
  | "quantity"
  | "boolean"
  | "dateTime"
  | "json"
  | "status"
  | "uuid"

const GOOD: Record<Kind, fc.Arbitrary<unknown>> = {
  // Integers in the smallest unit of the currency, up to the largest safe one.
  amount: fc.oneof(
    fc.integer({ min: 1, max: 1_000_000_000 }),
    fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  ),
  currency: fc.constantFrom("XOF", "USD", "EUR"),
  nonEmpty,
  line,
  text,
  url,
  email,
  quantity: fc.integer({ min: 1, max: 1000 }),
  boolean: fc.boolean(),
  dateTime,
  json: jsonObject,
  status: fc.constantFrom("open", "completed", "expired"),
  uuid: fc.uuid().chain((u) => fc.constantFrom(u, u.toUpperCase())),
}

const notAString = fc.constantFrom<unknown>(5, null, true, [], {})
export const BAD: Record<Kind, fc.Arbitrary<unknown>> = {
  amount: fc.oneof(
    fc.constantFrom<unknown>(
      0,
      -1,
      -0.5,
      150.5,
      2 ** 53,
      1e21,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      "100",
      null,
      {},
      10n,
    ),
    fc.double({ min: 0.001, max: 1e12, noNaN: true }).filter((n) => !Number.isInteger(n)),
  ),
  currency: fc.constantFrom<unknown>("GBP", "xof", "", 1, null),
  nonEmpty: fc.oneof(fc.constantFrom<unknown>("", "   ", 5, null), withControl, withLoneSurrogate),
  line: fc.oneof(notAString, withControl, withLoneSurrogate),
  text: fc.oneof(notAString, withLoneSurrogate, withControlButLineBreaks),
  url: fc.oneof(
    fc.constantFrom<unknown>("ftp://example.com/x", "not a url", "/relative", "mailto:a@b.co", 5),
    withControl.map((s) => `https://example.com/${s}`),
    withLoneSurrogate.map((s) => `https://example.com/${s}`),
  ),
  email: fc.oneof(
    fc.constantFrom<unknown>("no-at", "a@b", "a b@c.de", "@b.co", "a@b..co", "a@.b.co", "a@b.co.", 5),
    fc.constant(`${"a".repeat(250)}@b.co`),
    withControl.map((s) => `a${s}@b.co`),
    withLoneSurrogate.map((s) => `a${s}@b.co`),
  ),
  quantity: fc.constantFrom<unknown>(0, -1, 1.5, 2 ** 53, 1e21, Number.NaN, "2", null),
  boolean: fc.constantFrom<unknown>("true", 1, null, {}),
  dateTime: fc.constantFrom<unknown>(
    "tomorrow",
    "2026-13-01T00:00:00Z",
    "2026-02-29T00:00:00Z",
    "2026-04-31T00:00:00Z",
    "2026-01-01T24:00:00Z",
    "2026-01-01T00:00:00.1234567891Z",
    "0000-01-01T00:00:00+00:01",
    "9999-12-31T23:59:59-00:01",
    "2026-01-01",
    "12:00",
    5,
  ),
  json: fc.constantFrom<unknown>([], null, "x", 5, true),
  status: fc.constantFrom<unknown>("paid", "OPEN", 1, null),
  uuid: fc.constantFrom<unknown>(
    "cs_1",
    "",
    "3f8e1b52-8c4d-4d7e-9a0b-5e6f7a8b9c0",
    "{3f8e1b52-8c4d-4d7e-9a0b-5e6f7a8b9c0d}",
    5,
  ),
}

const SESSION_FIELDS: Record<string, Kind> = {
  amount: "amount",
  currency_code: "currency",
  title: "nonEmpty",
  public_description: "text",
  success_url: "url",
  cancel_url: "url",
  customer_email: "email",
  customer_name: "nonEmpty",
  customer_phone: "nonEmpty",
  customer_id: "nonEmpty",
  product_id: "nonEmpty",
  price_id: "nonEmpty",
  payment_link_id: "nonEmpty",
  payment_request_id: "nonEmpty",
  subscription_id: "nonEmpty",
  installment_plan_id: "nonEmpty",
  quantity: "quantity",
  allow_quantity: "boolean",
  allow_coupon_code: "boolean",
  allowed_providers: "line",
  expires_at: "dateTime",
  metadata: "json",
  is_pos: "boolean",
  is_spi: "boolean",
  spi_account_number: "nonEmpty",
  spi_qr_code_id: "nonEmpty",
  qr_code_type: "line",
  qr_code_data: "json",
  status: "status",
}

const LINK_FIELDS: Record<string, Kind> = {
  title: "nonEmpty",
  amount: "amount",
  currency_code: "currency",
  link_type: "nonEmpty",
  description: "text",
  public_description: "text",
  private_description: "text",
  product_id: "nonEmpty",
  price_id: "nonEmpty",
  quantity: "quantity",
  allow_quantity: "boolean",
  allow_coupon_code: "boolean",
  allowed_providers: "line",
  success_url: "url",
  cancel_url: "url",
  url: "url",
  expires_at: "dateTime",
  is_active: "boolean",
  metadata: "json",
}

/** The fields each body takes, with the ones it requires. */
export const BODIES: Record<
  Resource,
  Record<"create" | "update", { fields: Record<string, Kind>; required: Array<string> }>
> = {
  checkoutSessions: {
    create: {
      fields: { ...SESSION_FIELDS, checkout_session_id: "uuid" },
      required: ["amount", "currency_code"],
    },
    update: { fields: SESSION_FIELDS, required: [] },
  },
  paymentLinks: {
    create: {
      fields: { ...LINK_FIELDS, link_id: "uuid" },
      required: ["title", "amount", "currency_code"],
    },
    update: { fields: LINK_FIELDS, required: [] },
  },
}

const record = (fields: Record<string, Kind>, required: Array<string>) =>
  fc.record(
    Object.fromEntries(Object.entries(fields).map(([name, kind]) => [name, GOOD[kind]])) as Record<
      string,
      fc.Arbitrary<unknown>
    >,
    { requiredKeys: required },
  )

export const validBody = (
  resource: Resource,
  verb: "create" | "update",
): fc.Arbitrary<Record<string, unknown>> => {
  const { fields, required } = BODIES[resource][verb]
  const body = record(fields, required).filter((b) => Object.keys(b).length > 0)
  if (resource !== "paymentLinks") return body
  // A link's two descriptions are one text: given both, they must agree.
  const oneDescription = (b: Record<string, unknown>) =>
    b.description !== undefined && b.public_description !== undefined
      ? { ...b, public_description: b.description }
      : b
  if (verb !== "create") return body.map(oneDescription)
  // A product link needs neither title, amount nor currency.
  const product = record(LINK_FIELDS, []).map((b) => ({ ...b, link_type: "product" }))
  return fc.oneof(body, product).map(oneDescription)
}

const SORTS = ["created_at", "updated_at", "amount", "title", "expires_at"].flatMap((f) => [
  `${f}:asc`,
  `${f}:desc`,
])
export const listQuery = fc.oneof(
  fc.constant(undefined),
  fc.record(
    {
      limit: fc.integer({ min: 1, max: 100 }),
      offset: fc.integer({ min: 0, max: 10_000 }),
      sort: fc.constantFrom(...SORTS),
    },
    { requiredKeys: [] },
  ),
)
