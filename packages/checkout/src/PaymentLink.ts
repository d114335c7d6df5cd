/**
 * A payment link: a reusable, shareable payment page. This module holds its data: the documented
 * interfaces users read (the link and the parameters of each call) and the Effect Schemas that check and
 * decode them, tied so they cannot drift. Its operations and services are in `PaymentLinks.ts`.
 */

import type { JsonObject } from "@lomi/core"
import * as Schema from "effect/Schema"
import { documented } from "./internal/documented.js"
import {
  AmountInput,
  CURRENCIES,
  type Currency,
  CurrencyInput,
  DateTimeInput,
  HttpUrlInput,
  LineInput,
  MetadataInput,
  NonEmptyInput,
  Nullable,
  Open,
  OpenEnum,
  QuantityInput,
  TextInput,
} from "./internal/fields.js"
import { ListQuery, nonEmptyUpdate, requireFields } from "./internal/resource.js"

/** The kinds of payment link: `product` sells a product of your catalogue, `instant` a fixed amount. */
export const PAYMENT_LINK_TYPES = ["product", "instant"] as const

/** A kind of payment link: `product` (a product of your catalogue, priced by it) or `instant` (an amount). */
export type PaymentLinkType = (typeof PAYMENT_LINK_TYPES)[number]

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

/** The fields a merchant sets on a payment link, on create and update; all optional here. */
export interface PaymentLinkWritableFields {
  /** The title shown on the payment page (one line). Required on create unless `link_type` is `product`. */
  readonly title?: string
  /**
   * The price, an integer in the smallest unit of `currency_code`: `2500` for 25.00 EUR or USD (cents),
   * `15000` for 15 000 XOF (the franc has no minor unit). Required on create unless `link_type` is
   * `product`.
   */
  readonly amount?: number
  /**
   * The currency of `amount`: `XOF` (West African CFA franc), `USD` or `EUR`. Required on create unless
   * `link_type` is `product`.
   */
  readonly currency_code?: Currency
  /** The kind of link: `product` (priced by the product in `product_id`) or `instant` (an `amount`). */
  readonly link_type?: string
  /** The description shown on the payment page (today's name for `public_description`; give either). */
  readonly description?: string
  /** The description shown on the payment page, as the 1.1.0 generation names it; line breaks allowed. */
  readonly public_description?: string
  /** A description for your own records, not shown to customers. */
  readonly private_description?: string
  /** The id of the product to sell, from your lomi. catalogue (e.g. `prod_1234567890abcdef`). */
  readonly product_id?: string
  /** The id of the product's price to charge. */
  readonly price_id?: string
  /** How many units a payment buys, an integer >= 1. */
  readonly quantity?: number
  /** Whether the customer may change `quantity` on the payment page. */
  readonly allow_quantity?: boolean
  /** Whether the payment page accepts a coupon code. */
  readonly allow_coupon_code?: boolean
  /** The payment providers the page offers, as one string in lomi.'s notation (one line). */
  readonly allowed_providers?: string
  /** Where the customer lands after paying: an absolute http(s) URL. */
  readonly success_url?: string
  /** Where the customer lands after cancelling: an absolute http(s) URL. */
  readonly cancel_url?: string
  /**
   * When the link stops accepting payments: an ISO 8601 date-time with a zone, e.g.
   * `2026-12-01T12:00:00Z`. Absent: never.
   */
  readonly expires_at?: string
  /** Whether the link accepts payments; `false` turns its page off without deleting it. */
  readonly is_active?: boolean
  /**
   * Your own key-value pairs, a plain JSON object (a campaign, a reference), returned as given. An update
   * replaces the whole object.
   */
  readonly metadata?: JsonObject
}

/**
 * The body of `create`: `title`, `amount` and `currency_code` are required unless `link_type` is
 * `product` (checked before sending, with a `LomiValidationError` naming each missing field).
 */
export interface PaymentLinkCreateParams extends PaymentLinkWritableFields {
  /** An id of your choosing for the link (a UUID); lomi. makes one when absent. */
  readonly link_id?: string
  /** The page's URL, an absolute http(s) URL; lomi. makes one when absent. */
  readonly url?: string
}

/**
 * The body of `update`: the fields given replace the stored ones (a `metadata` object replaces the old
 * one whole); absent fields are untouched. At least one field is required.
 */
export interface PaymentLinkUpdateParams extends PaymentLinkWritableFields {}

/** The orders `list` sorts by: a field, then `:asc` or `:desc`. */
export type PaymentLinkSort = `${"created_at" | "updated_at" | "amount" | "title" | "expires_at"}:${
  | "asc"
  | "desc"}`

/** The query of `list`. */
export interface PaymentLinkListParams {
  /** How many links per page, an integer from 1 to 100. Default 20. */
  readonly limit?: number
  /** How many links to skip, an integer >= 0. Default 0. */
  readonly offset?: number
  /** The order, e.g. `created_at:desc` (the default; ties are broken by id). */
  readonly sort?: PaymentLinkSort
}

/** Fields a merchant may set on a payment link, as the API document lists them. */
const writableFields = {
  title: Schema.optionalKey(NonEmptyInput),
  amount: Schema.optionalKey(AmountInput),
  currency_code: Schema.optionalKey(CurrencyInput),
  link_type: Schema.optionalKey(NonEmptyInput),
  // Later API versions renamed `public_description` to `description`; both are accepted.
  description: Schema.optionalKey(TextInput),
  public_description: Schema.optionalKey(TextInput),
  private_description: Schema.optionalKey(TextInput),
  product_id: Schema.optionalKey(NonEmptyInput),
  price_id: Schema.optionalKey(NonEmptyInput),
  quantity: Schema.optionalKey(QuantityInput),
  allow_quantity: Schema.optionalKey(Schema.Boolean),
  allow_coupon_code: Schema.optionalKey(Schema.Boolean),
  allowed_providers: Schema.optionalKey(LineInput),
  success_url: Schema.optionalKey(HttpUrlInput),
  cancel_url: Schema.optionalKey(HttpUrlInput),
  expires_at: Schema.optionalKey(DateTimeInput),
  is_active: Schema.optionalKey(Schema.Boolean),
  metadata: Schema.optionalKey(MetadataInput),
}

/** Checks the body of `create_payment_link` before it is sent. */
export const PaymentLinkCreateParams = documented<PaymentLinkCreateParams>()(
  Schema.Struct({
    ...writableFields,
    link_id: Schema.optionalKey(NonEmptyInput),
    url: Schema.optionalKey(HttpUrlInput),
  }).check(
    requireFields<PaymentLinkWritableFields>(
      ["title", "currency_code", "amount"],
      (params) => params.link_type === "product",
      'required unless link_type is "product"',
    ),
  ),
)

/** Checks the body of `update_payment_link` before it is sent. */
export const PaymentLinkUpdateParams = documented<PaymentLinkUpdateParams>()(
  Schema.Struct(writableFields).check(nonEmptyUpdate),
)

/**
 * Decodes a payment link leniently: unknown fields are kept, unknown enum values and `null` for any
 * optional field accepted; `link_id` and `created_at` are required.
 */
export const PaymentLink = documented<PaymentLink>()(
  Open(
    Schema.Struct({
      link_id: Schema.String,
      created_at: Schema.String,
      url: Nullable(Schema.String),
      is_active: Nullable(Schema.Boolean),
      title: Nullable(Schema.String),
      amount: Nullable(Schema.Number),
      currency_code: Nullable(OpenEnum(CURRENCIES)),
      link_type: Nullable(OpenEnum(PAYMENT_LINK_TYPES)),
      description: Nullable(Schema.String),
      public_description: Nullable(Schema.String),
      private_description: Nullable(Schema.String),
      product_id: Nullable(Schema.String),
      price_id: Nullable(Schema.String),
      quantity: Nullable(Schema.Number),
      allow_quantity: Nullable(Schema.Boolean),
      allow_coupon_code: Nullable(Schema.Boolean),
      require_billing_address: Nullable(Schema.Boolean),
      allowed_providers: Nullable(Schema.String),
      success_url: Nullable(Schema.String),
      cancel_url: Nullable(Schema.String),
      expires_at: Nullable(Schema.String),
      metadata: Nullable(Schema.Record(Schema.String, Schema.Unknown)),
      updated_at: Nullable(Schema.String),
      organization_id: Nullable(Schema.String),
      environment: Nullable(Schema.String),
      created_by: Nullable(Schema.String),
    }),
  ),
)

/** Checks the query of `list_payment_links` before it is sent. */
export const PaymentLinkListParams = documented<PaymentLinkListParams>()(
  ListQuery(["created_at", "updated_at", "amount", "title", "expires_at"]),
)
