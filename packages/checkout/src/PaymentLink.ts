/**
 * A payment link: a reusable, shareable payment page. This module holds what the API answers: the
 * documented interface users read and the spec that decodes it, tied so they cannot drift (its Effect
 * Schema, derived from the spec, is in `Schemas.ts`). The parameters of each call, and the rules they are
 * checked by, are in `PaymentLinkParams.ts` (re-exported here); the operations and services, in
 * `PaymentLinks.ts`.
 */

import { Spec } from "@lomi/core"
import { documented } from "./internal/documented.js"
import { CURRENCIES, type Currency, Nullable, Open, OpenEnum, OpenRecord } from "./internal/fields.js"
import { PAYMENT_LINK_TYPES, type PaymentLinkType } from "./PaymentLinkParams.js"

export {
  PAYMENT_LINK_LIST_WIRE_NAMES,
  PAYMENT_LINK_TYPES,
  type PaymentLinkCreateParams,
  PaymentLinkCreateParamsSpec,
  type PaymentLinkListParams,
  PaymentLinkListParamsSpec,
  type PaymentLinkSort,
  type PaymentLinkType,
  type PaymentLinkUpdateParams,
  PaymentLinkUpdateParamsSpec,
  type PaymentLinkWritableFields,
  paymentLinkCreateChecks,
  paymentLinkListChecks,
} from "./PaymentLinkParams.js"

// Why `amount` and `currency_code` may be absent here while a checkout session always has them: a
// `product` link takes its price from the product. The 1.1.0 contract requires neither on create for such
// a link (nor `title`), the sandbox then answers without them, and today's create DTO refuses an `amount`
// for it, so production stores none. Requiring them would make such links undecodable.
/**
 * A payment link as the API returns it. `link_id` and `created_at` are on every link (a response without
 * them is a `LomiResponseDecodeError`); any other field may be absent or `null`. Fields the API adds later
 * are kept on the object, unlisted here.
 */
export interface PaymentLink {
  /** The link's id, a UUID: pass it to `retrieve`, `update` and `delete`. */
  readonly link_id: string
  /** When the link was created: an ISO 8601 date-time with a zone, e.g. `2026-03-01T12:00:00Z`. */
  readonly created_at: string
  /** The shareable payment page (an absolute URL): give it to your customers. */
  readonly url?: string | null | undefined
  /** Whether the link accepts payments; an inactive link's page refuses them. */
  readonly is_active?: boolean | null | undefined
  /** The title shown on the payment page. */
  readonly title?: string | null | undefined
  /**
   * The price, an integer in the smallest unit of `currency_code`: `2500` is 25.00 EUR or USD (cents),
   * `15000` is 15 000 XOF (the franc has no minor unit). Absent for a `product` link priced by its product.
   */
  readonly amount?: number | null | undefined
  /**
   * The currency of `amount`: `XOF` (West African CFA franc), `USD` or `EUR`; a later one as its code.
   * May be absent for a `product` link.
   */
  readonly currency_code?: Currency | (string & {}) | null | undefined
  /** `product` (sells a product of your catalogue) or `instant` (a fixed amount); a later kind as its name. */
  readonly link_type?: PaymentLinkType | (string & {}) | null | undefined
  /** The description shown on the payment page, as today's generation names it. */
  readonly description?: string | null | undefined
  /** The description shown on the payment page, as the 1.1.0 generation names it. */
  readonly public_description?: string | null | undefined
  /** A description for your own records, not shown to customers. */
  readonly private_description?: string | null | undefined
  /** The id of the product sold, from your lomi. catalogue. */
  readonly product_id?: string | null | undefined
  /** The id of the product's price that is charged. */
  readonly price_id?: string | null | undefined
  /** How many units a payment buys, an integer >= 1. */
  readonly quantity?: number | null | undefined
  /** Whether the customer may change `quantity` on the payment page. */
  readonly allow_quantity?: boolean | null | undefined
  /** Whether the payment page accepts a coupon code. */
  readonly allow_coupon_code?: boolean | null | undefined
  /** Whether the payment page asks for a billing address (today's generation). */
  readonly require_billing_address?: boolean | null | undefined
  /** The payment providers the page offers, as one string in lomi.'s notation. */
  readonly allowed_providers?: string | null | undefined
  /** Where the customer lands after paying: an absolute http(s) URL. */
  readonly success_url?: string | null | undefined
  /** Where the customer lands after cancelling: an absolute http(s) URL. */
  readonly cancel_url?: string | null | undefined
  /** When the link stops accepting payments (ISO 8601 date-time with a zone); absent: never. */
  readonly expires_at?: string | null | undefined
  /** Your own key-value pairs, a JSON object, returned as you set them. */
  readonly metadata?: { readonly [key: string]: unknown } | null | undefined
  /** When the link last changed (ISO 8601 date-time with a zone). */
  readonly updated_at?: string | null | undefined
  /** Your organisation's id in lomi. (a UUID). */
  readonly organization_id?: string | null | undefined
  /** The lomi. environment the link lives in: `test` or `live`. */
  readonly environment?: string | null | undefined
  /** Who created the link, as lomi. records it. */
  readonly created_by?: string | null | undefined
}

/**
 * Decodes a payment link leniently: unknown fields are kept, unknown enum values and `null` for any
 * optional field accepted; `link_id` and `created_at` are required.
 */
export const PaymentLinkSpec = /*#__PURE__*/ documented<PaymentLink>()(
  Open({
    link_id: Spec.string(),
    created_at: Spec.string(),
    url: Nullable(Spec.string()),
    is_active: Nullable(Spec.boolean),
    title: Nullable(Spec.string()),
    amount: Nullable(Spec.number()),
    currency_code: Nullable(OpenEnum(CURRENCIES)),
    link_type: Nullable(OpenEnum(PAYMENT_LINK_TYPES)),
    description: Nullable(Spec.string()),
    public_description: Nullable(Spec.string()),
    private_description: Nullable(Spec.string()),
    product_id: Nullable(Spec.string()),
    price_id: Nullable(Spec.string()),
    quantity: Nullable(Spec.number()),
    allow_quantity: Nullable(Spec.boolean),
    allow_coupon_code: Nullable(Spec.boolean),
    require_billing_address: Nullable(Spec.boolean),
    allowed_providers: Nullable(Spec.string()),
    success_url: Nullable(Spec.string()),
    cancel_url: Nullable(Spec.string()),
    expires_at: Nullable(Spec.string()),
    metadata: Nullable(OpenRecord),
    updated_at: Nullable(Spec.string()),
    organization_id: Nullable(Spec.string()),
    environment: Nullable(Spec.string()),
    created_by: Nullable(Spec.string()),
  }),
)
