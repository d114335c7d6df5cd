/**
 * Payment links: a reusable, shareable payment page. Everything about the resource lives here: its wire
 * schemas, its five operations (as data), and its Effect service.
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
import {
  ListQuery,
  makeResourceService,
  nonEmptyUpdate,
  type ResourceService,
  requireFields,
} from "./internal/resource.js"

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

type LinkFields = Schema.Struct.Type<typeof writableFields>

/** The body of `create_payment_link`: `title`, `currency_code` and `amount` unless `link_type` is `product`. */
export const PaymentLinkCreateParams = Schema.Struct({
  ...writableFields,
  link_id: Schema.optionalKey(NonEmptyInput),
  url: Schema.optionalKey(HttpUrlInput),
}).check(
  requireFields<LinkFields>(
    ["title", "currency_code", "amount"],
    (params) => params.link_type === "product",
    'required unless link_type is "product"',
  ),
)
/** The body of `create_payment_link`. */
export type PaymentLinkCreateParams = typeof PaymentLinkCreateParams.Type

/** The body of `update_payment_link`: the given top-level fields replace the stored ones. */
export const PaymentLinkUpdateParams = Schema.Struct(writableFields).check(nonEmptyUpdate)
/** The body of `update_payment_link`. */
export type PaymentLinkUpdateParams = typeof PaymentLinkUpdateParams.Type

/** A payment link as the API returns it. Unknown fields are kept; optional fields may be `null`. */
export const PaymentLink = Open(
  Schema.Struct({
    link_id: Schema.String,
    url: Nullable(Schema.String),
    is_active: Nullable(Schema.Boolean),
    title: Nullable(Schema.String),
    amount: Nullable(Schema.Number),
    currency_code: Nullable(OpenEnum(["XOF", "USD", "EUR"])),
    link_type: Nullable(Schema.String),
    description: Nullable(Schema.String),
    public_description: Nullable(Schema.String),
    private_description: Nullable(Schema.String),
    product_id: Nullable(Schema.String),
    price_id: Nullable(Schema.String),
    quantity: Nullable(Schema.Number),
    allow_quantity: Nullable(Schema.Boolean),
    allow_coupon_code: Nullable(Schema.Boolean),
    allowed_providers: Nullable(Schema.String),
    success_url: Nullable(Schema.String),
    cancel_url: Nullable(Schema.String),
    expires_at: Nullable(Schema.String),
    metadata: Nullable(Schema.Record(Schema.String, Schema.Unknown)),
    created_at: Nullable(Schema.String),
    updated_at: Nullable(Schema.String),
    organization_id: Nullable(Schema.String),
    environment: Nullable(Schema.String),
    created_by: Nullable(Schema.String),
  }),
)
/** A payment link as the API returns it. */
export type PaymentLink = typeof PaymentLink.Type

/** Query of `list_payment_links`: `limit` 1..100, `offset` >= 0, `sort` as `field:direction`. */
export const PaymentLinkListParams = ListQuery(["created_at", "updated_at", "amount", "title", "expires_at"])
/** Query of `list_payment_links`. */
export type PaymentLinkListParams = typeof PaymentLinkListParams.Type

/** The five payment link operations, described once; the Effect and Promise APIs derive from these. */
export const paymentLinkOperations = {
  create: makeOperation({
    name: "create_payment_link",
    method: "POST",
    path: "/payment_links",
    body: PaymentLinkCreateParams,
    success: PaymentLink,
    errors: [LomiConflictError],
  }),
  list: makeOperation({
    name: "list_payment_links",
    method: "GET",
    path: "/payment_links",
    query: PaymentLinkListParams,
    success: PageSchema(PaymentLink),
  }),
  retrieve: makeOperation({
    name: "retrieve_payment_link",
    method: "GET",
    path: "/payment_links/{link_id}",
    success: PaymentLink,
    errors: [LomiNotFoundError],
  }),
  update: makeOperation({
    name: "update_payment_link",
    method: "PATCH",
    path: "/payment_links/{link_id}",
    body: PaymentLinkUpdateParams,
    success: PaymentLink,
    errors: [LomiNotFoundError],
  }),
  delete: makeOperation({
    name: "delete_payment_link",
    method: "DELETE",
    path: "/payment_links/{link_id}",
    errors: [LomiNotFoundError],
  }),
}

// Pure (`extends` and `layer` are marked so), so the Promise client's bundles drop the service and `Layer`.
/** The Effect API of payment links: `create`, `retrieve`, `update`, `delete`, `list`, `stream`, `withMeta`. */
export class PaymentLinks extends /*#__PURE__*/ Context.Service<
  PaymentLinks,
  ResourceService<typeof paymentLinkOperations>
>()("@lomi/checkout/PaymentLinks") {
  /** The service, built on the `LomiClient` in context. */
  static readonly layer: Layer.Layer<PaymentLinks, never, LomiClient> = /*#__PURE__*/ Layer.effect(
    PaymentLinks,
    /*#__PURE__*/ Effect.map(LomiClient, (client) => makeResourceService(client, paymentLinkOperations)),
  )
}
