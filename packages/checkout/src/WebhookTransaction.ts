/**
 * The transaction a `PAYMENT_*` webhook event carries: its documented interface and the spec that decodes
 * it leniently, tied so they cannot drift (its Effect Schema, derived from the spec, is in `Schemas.ts`).
 */

import { Spec } from "@lomi/core"
import { documented } from "./internal/documented.js"
import { CURRENCIES, type Currency, Nullable, Open, OpenEnum, OpenRecord } from "./internal/fields.js"

/** The states of a transaction. */
export const TRANSACTION_STATUSES = [
  "pending",
  "completed",
  "failed",
  "refunded",
  "expired",
  "cancelled",
] as const

/**
 * The state of a transaction: `pending` (started, not settled), `completed` (paid), `failed`, `refunded`,
 * `expired` (never completed in time) or `cancelled`.
 */
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number]

/** The kinds of transaction. */
export type TransactionType = "payment" | "refund" | "payout"

/**
 * The transaction a `PAYMENT_*` event carries (lomi. strips its internal provider fields before sending).
 * `transaction_id` is always there; every other field may be absent or `null`. Fields lomi. adds later are
 * kept on the object, unlisted here.
 */
export interface WebhookTransaction {
  /** The transaction's id (a UUID): de-duplicate fulfilment on it, or on the event's `id`. */
  readonly transaction_id: string
  /** The checkout session it paid (a UUID), when it was paid through one. */
  readonly checkout_session_id?: string | null | undefined
  /** `pending`, `completed` (paid), `failed`, `refunded`, `expired` or `cancelled`; a later state as is. */
  readonly status?: TransactionStatus | (string & {}) | null | undefined
  /**
   * The amount charged, an integer in the smallest unit of `currency_code`: `2500` is 25.00 EUR or USD
   * (cents), `15000` is 15 000 XOF (the franc has no minor unit).
   */
  readonly amount?: number | null | undefined
  /** The currency of the amounts: `XOF` (West African CFA franc), `USD` or `EUR`; a later one as its code. */
  readonly currency_code?: Currency | (string & {}) | null | undefined
  /** The `metadata` you set on the checkout session or payment link, a JSON object. */
  readonly metadata?: { readonly [key: string]: unknown } | null | undefined
  /** When the transaction was created: an ISO 8601 date-time with a zone. */
  readonly created_at?: string | null | undefined
  /** When the transaction last changed: an ISO 8601 date-time with a zone. */
  readonly updated_at?: string | null | undefined
  /** `payment`, `refund` or `payout`; a later kind as is. */
  readonly transaction_type?: TransactionType | (string & {}) | null | undefined
  /** What was paid for, as shown to the customer. */
  readonly description?: string | null | undefined
  /** The amount before discounts and fees, in the smallest unit of the currency. */
  readonly gross_amount?: number | null | undefined
  /** The discount granted (a coupon), in the smallest unit of the currency. */
  readonly discount_amount?: number | null | undefined
  /** lomi.'s fee, in the smallest unit of the currency. */
  readonly fee_amount?: number | null | undefined
  /** What you receive after the fee, in the smallest unit of the currency. */
  readonly net_amount?: number | null | undefined
  /** How many units were bought. */
  readonly quantity?: number | null | undefined
  /** The payment provider that processed it, as a lomi. code (e.g. `WAVE`). */
  readonly provider_code?: string | null | undefined
  /** How the customer paid, as a lomi. code. */
  readonly payment_method_code?: string | null | undefined
  /** Your organisation's id in lomi. (a UUID). */
  readonly organization_id?: string | null | undefined
  /** The paying customer's id in lomi. (a UUID). */
  readonly customer_id?: string | null | undefined
  /** The product sold. */
  readonly product_id?: string | null | undefined
  /** The price charged. */
  readonly price_id?: string | null | undefined
  /** The subscription it pays, if any. */
  readonly subscription_id?: string | null | undefined
  /** The payment link it was paid through, if any. */
  readonly payment_link_id?: string | null | undefined
  /** Whether it was paid at a point of sale. */
  readonly is_pos?: boolean | null | undefined
  /** Whether it is a buy-now-pay-later payment. */
  readonly is_bnpl?: boolean | null | undefined
  /** The lomi. environment of the transaction: `test` or `live`. */
  readonly environment?: string | null | undefined
}

/** Decodes the transaction of a `PAYMENT_*` event leniently: unknown fields kept, `null` accepted. */
export const WebhookTransactionSpec = /*#__PURE__*/ documented<WebhookTransaction>()(
  Open({
    transaction_id: Spec.string(),
    checkout_session_id: Nullable(Spec.string()),
    status: Nullable(OpenEnum(TRANSACTION_STATUSES)),
    amount: Nullable(Spec.number()),
    currency_code: Nullable(OpenEnum(CURRENCIES)),
    metadata: Nullable(OpenRecord),
    created_at: Nullable(Spec.string()),
    updated_at: Nullable(Spec.string()),
    transaction_type: Nullable(OpenEnum(["payment", "refund", "payout"])),
    description: Nullable(Spec.string()),
    gross_amount: Nullable(Spec.number()),
    discount_amount: Nullable(Spec.number()),
    fee_amount: Nullable(Spec.number()),
    net_amount: Nullable(Spec.number()),
    quantity: Nullable(Spec.number()),
    provider_code: Nullable(Spec.string()),
    payment_method_code: Nullable(Spec.string()),
    organization_id: Nullable(Spec.string()),
    customer_id: Nullable(Spec.string()),
    product_id: Nullable(Spec.string()),
    price_id: Nullable(Spec.string()),
    subscription_id: Nullable(Spec.string()),
    payment_link_id: Nullable(Spec.string()),
    is_pos: Nullable(Spec.boolean),
    is_bnpl: Nullable(Spec.boolean),
    environment: Nullable(Spec.string()),
  }),
)
