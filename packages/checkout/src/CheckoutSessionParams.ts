/**
 * The parameters of each checkout session call: the documented interfaces users write, the specs that
 * check them before anything is sent, tied so they cannot drift, and which fields each generation of
 * lomi.'s routes takes. The session itself is in `CheckoutSession.ts`, which re-exports this module.
 */

import { Spec } from "@lomi/core"
import { documented } from "./internal/documented.js"
import {
  AmountInput,
  type Currency,
  CurrencyInput,
  DateTimeInput,
  EmailInput,
  HttpUrlInput,
  LineInput,
  MetadataInput,
  NonEmptyInput,
  QuantityInput,
  TextInput,
  UuidInput,
} from "./internal/fields.js"
import { type OnlyOnTable, type PerGeneration, takenBy } from "./internal/generations.js"
import { ListQuery, nonEmptyUpdate } from "./internal/params.js"
import type { JsonObject } from "./Json.js"

/** The states a checkout session moves through. */
export const CHECKOUT_SESSION_STATUSES = ["open", "completed", "expired"] as const

/**
 * The state of a checkout session: `open` (it can be paid), `completed` (it was paid) or `expired` (it
 * reached `expires_at` unpaid and can no longer be paid).
 */
export type CheckoutSessionStatus = (typeof CHECKOUT_SESSION_STATUSES)[number]

/**
 * The fields a merchant sets on a checkout session, on create and update (update exists on the `"v1"`
 * routes only); all optional here. Fields marked "`v1` only" are refused on create by a client of the
 * `"2025-12"` routes, with a `LomiValidationError` that says so.
 */
export interface CheckoutSessionWritableFields {
  /**
   * The amount to charge, an integer in the smallest unit of `currency_code`: `2500` for 25.00 EUR or USD
   * (cents), `15000` for 15 000 XOF (the franc has no minor unit).
   */
  readonly amount?: number
  /** The currency of `amount`: `XOF` (West African CFA franc), `USD` or `EUR`. */
  readonly currency_code?: Currency
  /** The title shown on the payment page (one line). */
  readonly title?: string
  /**
   * The description shown on the payment page; line breaks allowed. `v1` only: the `"2025-12"` routes call
   * it `description`.
   */
  readonly public_description?: string
  /** Where the customer lands after paying: an absolute http(s) URL. */
  readonly success_url?: string
  /** Where the customer lands after cancelling: an absolute http(s) URL. */
  readonly cancel_url?: string
  /** The customer's e-mail address, prefilled on the payment page. */
  readonly customer_email?: string
  /** The customer's name, prefilled on the payment page. */
  readonly customer_name?: string
  /** The customer's phone number, prefilled on the payment page. */
  readonly customer_phone?: string
  /** The id of a customer of yours in lomi. */
  readonly customer_id?: string
  /** The id of the product sold, from your lomi. catalogue (e.g. `prod_1234567890abcdef`). */
  readonly product_id?: string
  /** The id of the product's price to charge. */
  readonly price_id?: string
  /** The payment link this session belongs to. */
  readonly payment_link_id?: string
  /** The payment request this session pays. `v1` only. */
  readonly payment_request_id?: string
  /** The subscription this session starts or renews. */
  readonly subscription_id?: string
  /** The instalment plan this session pays into. `v1` only. */
  readonly installment_plan_id?: string
  /** How many units are bought, an integer >= 1. */
  readonly quantity?: number
  /** Whether the customer may change `quantity` on the payment page. */
  readonly allow_quantity?: boolean
  /** Whether the payment page accepts a coupon code. */
  readonly allow_coupon_code?: boolean
  /** The payment providers the page offers, as one string in lomi.'s notation (one line). `v1` only. */
  readonly allowed_providers?: string
  /**
   * When the session stops accepting payment: an ISO 8601 date-time with a zone, e.g.
   * `2026-12-01T12:00:00Z`. Default: 60 minutes after creation, the only choice on `"2025-12"` (`v1` only).
   */
  readonly expires_at?: string
  /**
   * Your own key-value pairs, a plain JSON object (your order id, a cart reference), returned as given.
   * An update replaces the whole object.
   */
  readonly metadata?: JsonObject
  /** Whether the session is opened at a point of sale. `v1` only. */
  readonly is_pos?: boolean
  /** Whether the session is paid through SPI, the BCEAO's instant payment system. `v1` only. */
  readonly is_spi?: boolean
  /** The SPI account that receives the payment. `v1` only. */
  readonly spi_account_number?: string
  /** The SPI QR code of the session. `v1` only. */
  readonly spi_qr_code_id?: string
  /** The kind of QR code in `qr_code_data` (one line). `v1` only. */
  readonly qr_code_type?: string
  /** The data of the session's QR code, a plain JSON object. `v1` only. */
  readonly qr_code_data?: JsonObject
  /**
   * Sets the state: `open` (can be paid), `completed` (paid) or `expired` (can no longer be paid). `v1`
   * only.
   */
  readonly status?: CheckoutSessionStatus
}

/**
 * The body of `create`: `amount` and `currency_code` are required, everything else optional. Fields marked
 * "`v1` only" or "`2025-12` only" are refused by a client of the other generation, before anything is
 * sent, with a `LomiValidationError` naming the field and the generation.
 */
export interface CheckoutSessionCreateParams extends CheckoutSessionWritableFields {
  /**
   * The amount to charge, an integer in the smallest unit of `currency_code`: `2500` for 25.00 EUR or USD
   * (cents), `15000` for 15 000 XOF (the franc has no minor unit).
   */
  readonly amount: number
  /** The currency of `amount`: `XOF` (West African CFA franc), `USD` or `EUR`. */
  readonly currency_code: Currency
  /** An id of your choosing for the session (a UUID); lomi. makes one when absent. `v1` only. */
  readonly checkout_session_id?: string
  /**
   * The description shown on the payment page; line breaks allowed. `2025-12` only: the `"v1"` routes call
   * it `public_description`.
   */
  readonly description?: string
  /** Whether the payment page asks for a billing address (default `false`). `2025-12` only. */
  readonly require_billing_address?: boolean
  /** The customer's city, prefilled on the payment page. `2025-12` only. */
  readonly customer_city?: string
  /** The customer's country, prefilled on the payment page. `2025-12` only. */
  readonly customer_country?: string
  /** The customer's postal address (street, number), prefilled on the payment page. `2025-12` only. */
  readonly customer_address?: string
  /** The customer's postal code, prefilled on the payment page. `2025-12` only. */
  readonly customer_postal_code?: string
}

/**
 * The body of `update`: the fields given replace the stored ones (a `metadata` object replaces the old
 * one whole); absent fields are untouched. At least one field is required.
 */
export interface CheckoutSessionUpdateParams extends CheckoutSessionWritableFields {}

/** The orders `list` sorts by: a field, then `:asc` or `:desc`. */
export type CheckoutSessionSort = `${"created_at" | "updated_at" | "amount" | "title" | "expires_at"}:${
  | "asc"
  | "desc"}`

/**
 * The query of `list`. `limit` and `offset` work on both generations; `sort` only on `"v1"` and `status` only
 * on `"2025-12"`: the other generation refuses them with a `LomiValidationError` before anything is sent.
 */
export interface CheckoutSessionListParams {
  /** How many sessions per page, an integer from 1 to 100. Default 20. */
  readonly limit?: number
  /** How many sessions to skip, an integer >= 0. Default 0. */
  readonly offset?: number
  /**
   * The order, e.g. `created_at:desc` (the default; ties are broken by id). `v1` only: the `"2025-12"`
   * routes list newest first.
   */
  readonly sort?: CheckoutSessionSort
  /** Only sessions in this state. `2025-12` only. */
  readonly status?: CheckoutSessionStatus
}

/** Fields a merchant may set on a checkout session, as the API document lists them. */
const writableFields = {
  amount: Spec.optional(AmountInput),
  currency_code: Spec.optional(CurrencyInput),
  title: Spec.optional(NonEmptyInput),
  public_description: Spec.optional(TextInput),
  success_url: Spec.optional(HttpUrlInput),
  cancel_url: Spec.optional(HttpUrlInput),
  customer_email: Spec.optional(EmailInput),
  customer_name: Spec.optional(NonEmptyInput),
  customer_phone: Spec.optional(NonEmptyInput),
  customer_id: Spec.optional(NonEmptyInput),
  product_id: Spec.optional(NonEmptyInput),
  price_id: Spec.optional(NonEmptyInput),
  payment_link_id: Spec.optional(NonEmptyInput),
  payment_request_id: Spec.optional(NonEmptyInput),
  subscription_id: Spec.optional(NonEmptyInput),
  installment_plan_id: Spec.optional(NonEmptyInput),
  quantity: Spec.optional(QuantityInput),
  allow_quantity: Spec.optional(Spec.boolean),
  allow_coupon_code: Spec.optional(Spec.boolean),
  allowed_providers: Spec.optional(LineInput),
  expires_at: Spec.optional(DateTimeInput),
  metadata: Spec.optional(MetadataInput),
  is_pos: Spec.optional(Spec.boolean),
  is_spi: Spec.optional(Spec.boolean),
  spi_account_number: Spec.optional(NonEmptyInput),
  spi_qr_code_id: Spec.optional(NonEmptyInput),
  qr_code_type: Spec.optional(LineInput),
  qr_code_data: Spec.optional(MetadataInput),
  status: Spec.optional(Spec.literals(CHECKOUT_SESSION_STATUSES)),
}

/**
 * Checks the body of `create_checkout_session` before it is sent: every field of both generations (the
 * route of the client's generation then refuses the other's, see `checkoutSessionCreateChecks`).
 */
export const CheckoutSessionCreateParamsSpec = /*#__PURE__*/ documented<CheckoutSessionCreateParams>()(
  Spec.struct({
    ...writableFields,
    checkout_session_id: Spec.optional(UuidInput),
    amount: AmountInput,
    currency_code: CurrencyInput,
    description: Spec.optional(TextInput),
    require_billing_address: Spec.optional(Spec.boolean),
    customer_city: Spec.optional(NonEmptyInput),
    customer_country: Spec.optional(NonEmptyInput),
    customer_address: Spec.optional(TextInput),
    customer_postal_code: Spec.optional(NonEmptyInput),
  }),
)

const V1_ONLY = { generation: "v1" } as const
const TODAY_ONLY = { generation: "2025-12" } as const

// The 1.1.0 document's create fields against lomi.'s create DTO today
// (`apps/api/src/core/checkout-sessions/dto/create-checkout-session.dto.ts` at 361a85d8).
const CREATE_ONLY_ON: OnlyOnTable<CheckoutSessionCreateParams> = {
  checkout_session_id: V1_ONLY,
  public_description: { generation: "v1", otherwise: "description" },
  payment_request_id: V1_ONLY,
  installment_plan_id: V1_ONLY,
  allowed_providers: V1_ONLY,
  expires_at: V1_ONLY,
  is_pos: V1_ONLY,
  is_spi: V1_ONLY,
  spi_account_number: V1_ONLY,
  spi_qr_code_id: V1_ONLY,
  qr_code_type: V1_ONLY,
  qr_code_data: V1_ONLY,
  status: V1_ONLY,
  description: { generation: "2025-12", otherwise: "public_description" },
  require_billing_address: TODAY_ONLY,
  customer_city: TODAY_ONLY,
  customer_country: TODAY_ONLY,
  customer_address: TODAY_ONLY,
  customer_postal_code: TODAY_ONLY,
}

/** How each generation's create route checks its body: the fields it takes, and no others. */
export const checkoutSessionCreateChecks: PerGeneration<typeof CheckoutSessionCreateParamsSpec> = {
  v1: /*#__PURE__*/ Spec.check(CheckoutSessionCreateParamsSpec, takenBy("v1", CREATE_ONLY_ON)),
  "2025-12": /*#__PURE__*/ Spec.check(CheckoutSessionCreateParamsSpec, takenBy("2025-12", CREATE_ONLY_ON)),
}

/** Checks the body of `update_checkout_session` before it is sent. */
export const CheckoutSessionUpdateParamsSpec = /*#__PURE__*/ documented<CheckoutSessionUpdateParams>()(
  Spec.struct(writableFields, { checks: [nonEmptyUpdate] }),
)

/** Checks the query of `list_checkout_sessions` before it is sent (both generations' parameters). */
export const CheckoutSessionListParamsSpec = /*#__PURE__*/ documented<CheckoutSessionListParams>()(
  Spec.struct({
    ...ListQuery(["created_at", "updated_at", "amount", "title", "expires_at"]),
    status: Spec.optional(Spec.literals(CHECKOUT_SESSION_STATUSES)),
  }),
)

// `sort` is the document's; `status` is today's controller's (`checkout-sessions.controller.ts` at
// b83ef01f), whose values are the database's `open`, `completed`, `expired`.
const LIST_ONLY_ON: OnlyOnTable<CheckoutSessionListParams> = { sort: V1_ONLY, status: TODAY_ONLY }

/** How each generation's list route checks its query. */
export const checkoutSessionListChecks: PerGeneration<typeof CheckoutSessionListParamsSpec> = {
  v1: /*#__PURE__*/ Spec.check(CheckoutSessionListParamsSpec, takenBy("v1", LIST_ONLY_ON)),
  "2025-12": /*#__PURE__*/ Spec.check(CheckoutSessionListParamsSpec, takenBy("2025-12", LIST_ONLY_ON)),
}
