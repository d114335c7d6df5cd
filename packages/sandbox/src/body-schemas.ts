import type { JsonObject } from "./json-value.js"
import type { Generation, ResourceKind } from "./kinds.js"
import type { Issue } from "./responses.js"

/**
 * What a body field may hold. `line`: one line of text, may be empty (codes such as `qr_code_type`);
 * `text`: the same, non-empty (names, titles, phone numbers: a blank one is always a mistake); `multiline`: free text, which may keep tabs and line breaks (descriptions). None of
 * them, nor ids, URLs or addresses, may hold other control characters: they end up in pages, logs and
 * headers. `catalogue`: a field the sandbox refuses, for want of a product catalogue.
 */
export type FieldKind =
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
  | "link_type"
  | "currency_2025"
  | "catalogue"

// What each generation accepts in a create or update body: a field table per resource, and the rules
// across fields. `validation.ts` applies them; keeping them apart keeps the rules of each field kind
// in one place for both generations.

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
    customer_name: "text",
    customer_phone: "text",
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
    spi_account_number: "text",
    spi_qr_code_id: "reference",
    status: "session_status",
    subscription_id: "reference",
    success_url: "url",
    title: "text",
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

// Today's create DTOs (lomi. `apps/api/src/core/checkout-sessions/dto/create-checkout-session.dto.ts` at
// 361a85d8, `.../payment-links/dto/create-payment-link.dto.ts` at b83ef01f). There is no update.
const SESSION_FIELDS_2025 = new Map<string, FieldKind>(
  Object.entries({
    allow_coupon_code: "boolean",
    allow_quantity: "boolean",
    amount: "amount",
    cancel_url: "url",
    currency_code: "currency_2025",
    customer_address: "multiline",
    customer_city: "text",
    customer_country: "text",
    customer_email: "email",
    customer_id: "reference",
    customer_name: "text",
    customer_phone: "text",
    customer_postal_code: "text",
    description: "multiline",
    line_items: "catalogue",
    metadata: "object",
    payment_link_id: "reference",
    price_id: "reference",
    product_id: "reference",
    quantity: "quantity",
    require_billing_address: "boolean",
    subscription_id: "reference",
    success_url: "url",
    title: "text",
  } satisfies Record<string, FieldKind>),
)

const LINK_FIELDS_2025 = new Map<string, FieldKind>(
  Object.entries({
    allow_coupon_code: "boolean",
    allow_quantity: "boolean",
    amount: "amount",
    cancel_url: "url",
    currency_code: "currency_2025",
    description: "multiline",
    expires_at: "datetime",
    link_type: "link_type",
    metadata: "object",
    price_id: "reference",
    product_id: "reference",
    require_billing_address: "boolean",
    success_url: "url",
    title: "text",
  } satisfies Record<string, FieldKind>),
)

/** Rules across fields (required ones included), run after each field is checked on its own. */
type BodyRules = (body: JsonObject, mode: "create" | "update", issues: Issue[]) => void

const requireFields = (
  body: JsonObject,
  names: ReadonlyArray<string>,
  issues: Issue[],
  message = "Required",
) => {
  for (const name of names) if (!Object.hasOwn(body, name)) issues.push({ path: [name], message })
}

/** The field table and cross-field rules of each resource, per generation. */
export const SCHEMAS: Readonly<
  Record<Generation, Record<ResourceKind, { fields: ReadonlyMap<string, FieldKind>; rules: BodyRules }>>
> = {
  v1: {
    checkout_sessions: {
      fields: SESSION_FIELDS,
      rules: (body, mode, issues) => {
        if (mode === "create") requireFields(body, ["currency_code", "amount"], issues)
      },
    },
    payment_links: {
      fields: LINK_FIELDS,
      rules: (body, mode, issues) => {
        // A product link takes its title and price from the product.
        if (mode === "create" && body.link_type !== "product")
          requireFields(body, ["title", "currency_code", "amount"], issues)
        if (
          typeof body.description === "string" &&
          typeof body.public_description === "string" &&
          body.description !== body.public_description
        ) {
          issues.push({ path: ["description"], message: "Must equal public_description when both are given" })
        }
      },
    },
  },
  "2025-12": {
    checkout_sessions: {
      fields: SESSION_FIELDS_2025,
      rules: (body, _mode, issues) => {
        requireFields(body, ["currency_code"], issues)
        // Production prices a session from product_id or line_items when amount is absent.
        requireFields(
          body,
          ["amount"],
          issues,
          "Required: the sandbox has no product catalogue to price the session from product_id or price_id",
        )
      },
    },
    payment_links: {
      fields: LINK_FIELDS_2025,
      rules: (body, _mode, issues) => {
        requireFields(body, ["link_type", "title", "currency_code"], issues)
        // As the DTO describes amount and product_id: each is required for one kind and refused for the other.
        const [wanted, refused] =
          body.link_type === "instant"
            ? ["amount", "product_id"]
            : body.link_type === "product"
              ? ["product_id", "amount"]
              : [undefined, undefined]
        if (wanted === undefined || refused === undefined) return
        requireFields(body, [wanted], issues, `Required for ${String(body.link_type)} links`)
        if (Object.hasOwn(body, refused))
          issues.push({ path: [refused], message: `Not allowed for ${String(body.link_type)} links` })
      },
    },
  },
}
