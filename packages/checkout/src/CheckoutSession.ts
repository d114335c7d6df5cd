/**
 * Checkout sessions: a hosted payment page for one purchase. Everything about the resource lives here: its
 * wire schemas, its five operations (as data), and its Effect service.
 */

import { LomiClient, LomiConflictError, LomiNotFoundError, makeOperation, PageSchema } from "@lomi/core"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import {
  AmountInput,
  CurrencyInput,
  DateTimeInput,
  EmailInput,
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
import { ListQuery, makeResourceService, nonEmptyUpdate, type ResourceService } from "./internal/resource.js"

/** The states a checkout session moves through. */
export const CHECKOUT_SESSION_STATUSES = ["open", "completed", "expired"] as const

/** Fields a merchant may set on a checkout session, as the API document lists them. */
const writableFields = {
  amount: Schema.optionalKey(AmountInput),
  currency_code: Schema.optionalKey(CurrencyInput),
  title: Schema.optionalKey(NonEmptyInput),
  public_description: Schema.optionalKey(TextInput),
  success_url: Schema.optionalKey(HttpUrlInput),
  cancel_url: Schema.optionalKey(HttpUrlInput),
  customer_email: Schema.optionalKey(EmailInput),
  customer_name: Schema.optionalKey(NonEmptyInput),
  customer_phone: Schema.optionalKey(NonEmptyInput),
  customer_id: Schema.optionalKey(NonEmptyInput),
  product_id: Schema.optionalKey(NonEmptyInput),
  price_id: Schema.optionalKey(NonEmptyInput),
  payment_link_id: Schema.optionalKey(NonEmptyInput),
  payment_request_id: Schema.optionalKey(NonEmptyInput),
  subscription_id: Schema.optionalKey(NonEmptyInput),
  installment_plan_id: Schema.optionalKey(NonEmptyInput),
  quantity: Schema.optionalKey(QuantityInput),
  allow_quantity: Schema.optionalKey(Schema.Boolean),
  allow_coupon_code: Schema.optionalKey(Schema.Boolean),
  allowed_providers: Schema.optionalKey(LineInput),
  expires_at: Schema.optionalKey(DateTimeInput),
  metadata: Schema.optionalKey(MetadataInput),
  is_pos: Schema.optionalKey(Schema.Boolean),
  is_spi: Schema.optionalKey(Schema.Boolean),
  spi_account_number: Schema.optionalKey(NonEmptyInput),
  spi_qr_code_id: Schema.optionalKey(NonEmptyInput),
  qr_code_type: Schema.optionalKey(LineInput),
  qr_code_data: Schema.optionalKey(MetadataInput),
  status: Schema.optionalKey(Schema.Literals(CHECKOUT_SESSION_STATUSES)),
}

/** The body of `create_checkout_session`: `currency_code` and `amount` are required. */
export const CheckoutSessionCreateParams = Schema.Struct({
  ...writableFields,
  checkout_session_id: Schema.optionalKey(NonEmptyInput),
  amount: AmountInput,
  currency_code: CurrencyInput,
})
/** The body of `create_checkout_session`. */
export type CheckoutSessionCreateParams = typeof CheckoutSessionCreateParams.Type

/** The body of `update_checkout_session`: the given top-level fields replace the stored ones. */
export const CheckoutSessionUpdateParams = Schema.Struct(writableFields).check(nonEmptyUpdate)
/** The body of `update_checkout_session`. */
export type CheckoutSessionUpdateParams = typeof CheckoutSessionUpdateParams.Type

/** A checkout session as the API returns it. Unknown fields are kept; optional fields may be `null`. */
export const CheckoutSession = Open(
  Schema.Struct({
    checkout_session_id: Schema.String,
    status: Nullable(OpenEnum(CHECKOUT_SESSION_STATUSES)),
    amount: Nullable(Schema.Number),
    currency_code: Nullable(OpenEnum(["XOF", "USD", "EUR"])),
    url: Nullable(Schema.String),
    expires_at: Nullable(Schema.String),
    created_at: Nullable(Schema.String),
    updated_at: Nullable(Schema.String),
    title: Nullable(Schema.String),
    public_description: Nullable(Schema.String),
    success_url: Nullable(Schema.String),
    cancel_url: Nullable(Schema.String),
    customer_email: Nullable(Schema.String),
    customer_name: Nullable(Schema.String),
    customer_phone: Nullable(Schema.String),
    customer_id: Nullable(Schema.String),
    product_id: Nullable(Schema.String),
    price_id: Nullable(Schema.String),
    payment_link_id: Nullable(Schema.String),
    payment_request_id: Nullable(Schema.String),
    subscription_id: Nullable(Schema.String),
    installment_plan_id: Nullable(Schema.String),
    quantity: Nullable(Schema.Number),
    allow_quantity: Nullable(Schema.Boolean),
    allow_coupon_code: Nullable(Schema.Boolean),
    allowed_providers: Nullable(Schema.String),
    metadata: Nullable(Schema.Record(Schema.String, Schema.Unknown)),
    is_pos: Nullable(Schema.Boolean),
    is_spi: Nullable(Schema.Boolean),
    spi_account_number: Nullable(Schema.String),
    spi_qr_code_id: Nullable(Schema.String),
    qr_code_type: Nullable(Schema.String),
    qr_code_data: Nullable(Schema.Unknown),
    organization_id: Nullable(Schema.String),
    environment: Nullable(Schema.String),
    created_by: Nullable(Schema.String),
  }),
)
/** A checkout session as the API returns it. */
export type CheckoutSession = typeof CheckoutSession.Type

/** Query of `list_checkout_sessions`: `limit` 1..100, `offset` >= 0, `sort` as `field:direction`. */
export const CheckoutSessionListParams = ListQuery([
  "created_at",
  "updated_at",
  "amount",
  "title",
  "expires_at",
])
/** Query of `list_checkout_sessions`. */
export type CheckoutSessionListParams = typeof CheckoutSessionListParams.Type

/** The five checkout session operations, described once; the Effect and Promise APIs derive from these. */
export const checkoutSessionOperations = {
  create: makeOperation({
    name: "create_checkout_session",
    method: "POST",
    path: "/checkout_sessions",
    body: CheckoutSessionCreateParams,
    success: CheckoutSession,
    errors: [LomiConflictError],
  }),
  list: makeOperation({
    name: "list_checkout_sessions",
    method: "GET",
    path: "/checkout_sessions",
    query: CheckoutSessionListParams,
    success: PageSchema(CheckoutSession),
  }),
  retrieve: makeOperation({
    name: "retrieve_checkout_session",
    method: "GET",
    path: "/checkout_sessions/{session_id}",
    success: CheckoutSession,
    errors: [LomiNotFoundError],
  }),
  update: makeOperation({
    name: "update_checkout_session",
    method: "PATCH",
    path: "/checkout_sessions/{session_id}",
    body: CheckoutSessionUpdateParams,
    success: CheckoutSession,
    errors: [LomiNotFoundError],
  }),
  delete: makeOperation({
    name: "delete_checkout_session",
    method: "DELETE",
    path: "/checkout_sessions/{session_id}",
    errors: [LomiNotFoundError],
  }),
}

// Pure (`extends` and `layer` are marked so), so the Promise client's bundles drop the service and `Layer`.
/** The Effect API of checkout sessions: `create`, `retrieve`, `update`, `delete`, `list`, `stream`, `withMeta`. */
export class CheckoutSessions extends /*#__PURE__*/ Context.Service<
  CheckoutSessions,
  ResourceService<typeof checkoutSessionOperations>
>()("@lomi/checkout/CheckoutSessions") {
  /** The service, built on the `LomiClient` in context. */
  static readonly layer: Layer.Layer<CheckoutSessions, never, LomiClient> = /*#__PURE__*/ Layer.effect(
    CheckoutSessions,
    /*#__PURE__*/ Effect.map(LomiClient, (client) => makeResourceService(client, checkoutSessionOperations)),
  )
}
