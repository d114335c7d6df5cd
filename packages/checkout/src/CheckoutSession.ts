/**
 * A checkout session: a hosted payment page for one purchase. This module holds what the API answers: the
 * documented interface users read and the spec that decodes it, tied so they cannot drift (its Effect
 * Schema, derived from the spec, is in `Schemas.ts`). The parameters of each call, and the rules they are
 * checked by, are in `CheckoutSessionParams.ts` (re-exported here); the operations and services, in
 * `CheckoutSessions.ts`.
 */

import { Spec } from "@lomi/core"
import { CHECKOUT_SESSION_STATUSES, type CheckoutSessionStatus } from "./CheckoutSessionParams.js"
import { documented } from "./internal/documented.js"
import { CURRENCIES, type Currency, Nullable, Open, OpenEnum, OpenRecord } from "./internal/fields.js"

export {
  CHECKOUT_SESSION_STATUSES,
  type CheckoutSessionCreateParams,
  CheckoutSessionCreateParamsSpec,
  type CheckoutSessionListParams,
  CheckoutSessionListParamsSpec,
  type CheckoutSessionSort,
  type CheckoutSessionStatus,
  type CheckoutSessionUpdateParams,
  CheckoutSessionUpdateParamsSpec,
  type CheckoutSessionWritableFields,
  checkoutSessionCreateChecks,
  checkoutSessionListChecks,
} from "./CheckoutSessionParams.js"

/**
 * A checkout session as the API returns it. The id, `status`, `amount`, `currency_code` and `created_at`
 * are on every session (a response without them is a `LomiResponseDecodeError`); any other field may be
 * absent or `null`. Fields the API adds later are kept on the object, unlisted here.
 */
export interface CheckoutSession {
  /** The session's id, a UUID: pass it to `retrieve`, `update` and `delete`. */
  readonly checkout_session_id: string
  /**
   * `open`: the customer can pay; `completed`: paid; `expired`: past `expires_at` unpaid. A state added to
   * the API later arrives as its own string.
   */
  readonly status: CheckoutSessionStatus | (string & {})
  /**
   * The amount to pay, an integer in the smallest unit of `currency_code`: `2500` is 25.00 EUR or USD
   * (cents), `15000` is 15 000 XOF (the franc has no minor unit).
   */
  readonly amount: number
  /** The currency of `amount`: `XOF` (West African CFA franc), `USD` or `EUR`; a later one as its code. */
  readonly currency_code: Currency | (string & {})
  /** When the session was created: an ISO 8601 date-time with a zone, e.g. `2026-03-01T12:00:00Z`. */
  readonly created_at: string
  /**
   * The hosted payment page (an absolute URL): send the customer there. The 1.1.0 generation of the
   * API and the sandbox name it `url`; today's generation, `checkout_url`.
   */
  readonly url?: string | null | undefined
  /** The hosted payment page as today's generation of the API names it; see `url`. */
  readonly checkout_url?: string | null | undefined
  /**
   * When an unpaid session expires (ISO 8601 date-time with a zone); by default 60 minutes after
   * `created_at`.
   */
  readonly expires_at?: string | null | undefined
  /** When the session last changed (ISO 8601 date-time with a zone). */
  readonly updated_at?: string | null | undefined
  /** The title shown on the payment page. */
  readonly title?: string | null | undefined
  /** The description shown on the payment page, as the 1.1.0 generation names it. */
  readonly public_description?: string | null | undefined
  /** The description shown on the payment page, as today's generation names it. */
  readonly description?: string | null | undefined
  /** Where the customer lands after paying: an absolute http(s) URL. */
  readonly success_url?: string | null | undefined
  /** Where the customer lands after cancelling: an absolute http(s) URL. */
  readonly cancel_url?: string | null | undefined
  /** The customer's e-mail address, prefilled on the payment page. */
  readonly customer_email?: string | null | undefined
  /** The customer's name, prefilled on the payment page. */
  readonly customer_name?: string | null | undefined
  /** The customer's phone number, prefilled on the payment page. */
  readonly customer_phone?: string | null | undefined
  /** The customer's city (today's generation). */
  readonly customer_city?: string | null | undefined
  /** The customer's country (today's generation). */
  readonly customer_country?: string | null | undefined
  /** The customer's postal address (today's generation). */
  readonly customer_address?: string | null | undefined
  /** The customer's postal code (today's generation). */
  readonly customer_postal_code?: string | null | undefined
  /** The id of a customer of yours in lomi. (a UUID). */
  readonly customer_id?: string | null | undefined
  /** The id of the product sold, from your lomi. catalogue. */
  readonly product_id?: string | null | undefined
  /** The id of the product's price that is charged. */
  readonly price_id?: string | null | undefined
  /** The payment link this session was opened from (a UUID). */
  readonly payment_link_id?: string | null | undefined
  /** The payment request this session pays (a UUID). */
  readonly payment_request_id?: string | null | undefined
  /** The subscription this session starts or renews (a UUID). */
  readonly subscription_id?: string | null | undefined
  /** The instalment plan this session pays into (a UUID). */
  readonly installment_plan_id?: string | null | undefined
  /** How many units are bought, an integer >= 1. */
  readonly quantity?: number | null | undefined
  /** Whether the customer may change `quantity` on the payment page. */
  readonly allow_quantity?: boolean | null | undefined
  /** Whether the payment page accepts a coupon code. */
  readonly allow_coupon_code?: boolean | null | undefined
  /** Whether the payment page asks for a billing address (today's generation). */
  readonly require_billing_address?: boolean | null | undefined
  /** The payment providers the page offers, as one string in lomi.'s notation. */
  readonly allowed_providers?: string | null | undefined
  /** Your own key-value pairs, a JSON object, returned as you set them. */
  readonly metadata?: { readonly [key: string]: unknown } | null | undefined
  /** Whether the session was opened at a point of sale. */
  readonly is_pos?: boolean | null | undefined
  /** Whether the session is paid through SPI, the BCEAO's instant payment system. */
  readonly is_spi?: boolean | null | undefined
  /** The SPI account that receives the payment. */
  readonly spi_account_number?: string | null | undefined
  /** The SPI QR code of the session (a UUID). */
  readonly spi_qr_code_id?: string | null | undefined
  /** The kind of QR code in `qr_code_data`. */
  readonly qr_code_type?: string | null | undefined
  /** The data of the session's QR code, a JSON object. */
  readonly qr_code_data?: unknown
  /** Your organisation's id in lomi. (a UUID). */
  readonly organization_id?: string | null | undefined
  /** The lomi. environment the session lives in: `test` or `live`. */
  readonly environment?: string | null | undefined
  /** Who created the session, as lomi. records it. */
  readonly created_by?: string | null | undefined
}

/**
 * Decodes a checkout session leniently: unknown fields are kept, unknown enum values and `null` for any
 * optional field accepted; the guaranteed fields are required.
 */
export const CheckoutSessionSpec = /*#__PURE__*/ documented<CheckoutSession>()(
  Open({
    checkout_session_id: Spec.string(),
    status: OpenEnum(CHECKOUT_SESSION_STATUSES),
    amount: Spec.number(),
    currency_code: OpenEnum(CURRENCIES),
    created_at: Spec.string(),
    url: Nullable(Spec.string()),
    checkout_url: Nullable(Spec.string()),
    expires_at: Nullable(Spec.string()),
    updated_at: Nullable(Spec.string()),
    title: Nullable(Spec.string()),
    public_description: Nullable(Spec.string()),
    description: Nullable(Spec.string()),
    success_url: Nullable(Spec.string()),
    cancel_url: Nullable(Spec.string()),
    customer_email: Nullable(Spec.string()),
    customer_name: Nullable(Spec.string()),
    customer_phone: Nullable(Spec.string()),
    customer_city: Nullable(Spec.string()),
    customer_country: Nullable(Spec.string()),
    customer_address: Nullable(Spec.string()),
    customer_postal_code: Nullable(Spec.string()),
    customer_id: Nullable(Spec.string()),
    product_id: Nullable(Spec.string()),
    price_id: Nullable(Spec.string()),
    payment_link_id: Nullable(Spec.string()),
    payment_request_id: Nullable(Spec.string()),
    subscription_id: Nullable(Spec.string()),
    installment_plan_id: Nullable(Spec.string()),
    quantity: Nullable(Spec.number()),
    allow_quantity: Nullable(Spec.boolean),
    allow_coupon_code: Nullable(Spec.boolean),
    require_billing_address: Nullable(Spec.boolean),
    allowed_providers: Nullable(Spec.string()),
    metadata: Nullable(OpenRecord),
    is_pos: Nullable(Spec.boolean),
    is_spi: Nullable(Spec.boolean),
    spi_account_number: Nullable(Spec.string()),
    spi_qr_code_id: Nullable(Spec.string()),
    qr_code_type: Nullable(Spec.string()),
    qr_code_data: Nullable(Spec.unknown),
    organization_id: Nullable(Spec.string()),
    environment: Nullable(Spec.string()),
    created_by: Nullable(Spec.string()),
  }),
)
