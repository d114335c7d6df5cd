/**
 * The Effect Schemas of every entity and parameter type, derived from the specs the SDK checks with
 * (`toSchema`), for Effect code that wants one (to decode a stored session, to build a form, to derive a
 * JSON Schema). They accept and refuse what the specs do; a params schema refuses unknown keys when decoded
 * with `{ onExcessProperty: "error" }`. Only `@lomi/checkout/effect` exports this module: the Promise entry
 * ships without Effect's Schema.
 */

import { toSchema } from "@lomi/core"
import type * as Schema from "effect/Schema"
import type * as Session from "./CheckoutSession.js"
import {
  CheckoutSessionCreateParamsSpec,
  CheckoutSessionListParamsSpec,
  CheckoutSessionSpec,
  CheckoutSessionUpdateParamsSpec,
} from "./CheckoutSession.js"
import type * as Link from "./PaymentLink.js"
import {
  PaymentLinkCreateParamsSpec,
  PaymentLinkListParamsSpec,
  PaymentLinkSpec,
  PaymentLinkUpdateParamsSpec,
} from "./PaymentLink.js"
import type * as Event from "./WebhookEvent.js"
import { UnknownWebhookEventSpec, WebhookEventSpec } from "./WebhookEvent.js"
import type * as Transaction from "./WebhookTransaction.js"
import { WebhookTransactionSpec } from "./WebhookTransaction.js"

/** A checkout session as the API returns it (documented in `CheckoutSession`). */
export type CheckoutSession = Session.CheckoutSession
/**
 * Decodes a checkout session leniently: unknown fields are kept, unknown enum values and `null` for any
 * optional field accepted; the guaranteed fields are required.
 */
export const CheckoutSession: Schema.Codec<CheckoutSession> = /*#__PURE__*/ toSchema(CheckoutSessionSpec)

/** The body of a checkout session `create`. */
export type CheckoutSessionCreateParams = Session.CheckoutSessionCreateParams
/** Checks the body of a checkout session `create`: every field of both generations, each by its rule. */
export const CheckoutSessionCreateParams: Schema.Codec<CheckoutSessionCreateParams> = /*#__PURE__*/ toSchema(
  CheckoutSessionCreateParamsSpec,
)

/** The body of a checkout session `update`. */
export type CheckoutSessionUpdateParams = Session.CheckoutSessionUpdateParams
/** Checks the body of a checkout session `update` (at least one field). */
export const CheckoutSessionUpdateParams: Schema.Codec<CheckoutSessionUpdateParams> = /*#__PURE__*/ toSchema(
  CheckoutSessionUpdateParamsSpec,
)

/** The query of a checkout session `list`. */
export type CheckoutSessionListParams = Session.CheckoutSessionListParams
/** Checks the query of a checkout session `list` (both generations' parameters). */
export const CheckoutSessionListParams: Schema.Codec<CheckoutSessionListParams> = /*#__PURE__*/ toSchema(
  CheckoutSessionListParamsSpec,
)

/** A payment link as the API returns it (documented in `PaymentLink`). */
export type PaymentLink = Link.PaymentLink
/**
 * Decodes a payment link leniently: unknown fields are kept, unknown enum values and `null` for any
 * optional field accepted; `link_id` and `created_at` are required.
 */
export const PaymentLink: Schema.Codec<PaymentLink> = /*#__PURE__*/ toSchema(PaymentLinkSpec)

/** The body of a payment link `create`. */
export type PaymentLinkCreateParams = Link.PaymentLinkCreateParams
/** Checks the fields of a payment link `create`: every field of both generations, each by its rule. */
export const PaymentLinkCreateParams: Schema.Codec<PaymentLinkCreateParams> =
  /*#__PURE__*/ toSchema(PaymentLinkCreateParamsSpec)

/** The body of a payment link `update`. */
export type PaymentLinkUpdateParams = Link.PaymentLinkUpdateParams
/** Checks the body of a payment link `update` (at least one field, one description). */
export const PaymentLinkUpdateParams: Schema.Codec<PaymentLinkUpdateParams> =
  /*#__PURE__*/ toSchema(PaymentLinkUpdateParamsSpec)

/** The query of a payment link `list`. */
export type PaymentLinkListParams = Link.PaymentLinkListParams
/** Checks the query of a payment link `list` (both generations' parameters). */
export const PaymentLinkListParams: Schema.Codec<PaymentLinkListParams> =
  /*#__PURE__*/ toSchema(PaymentLinkListParamsSpec)

/** The transaction a `PAYMENT_*` webhook event carries. */
export type WebhookTransaction = Transaction.WebhookTransaction
/** Decodes the transaction of a `PAYMENT_*` event leniently: unknown fields kept, `null` accepted. */
export const WebhookTransaction: Schema.Codec<WebhookTransaction> =
  /*#__PURE__*/ toSchema(WebhookTransactionSpec)

/** A webhook event as lomi. sends it; `switch (event.event)` narrows `data`. */
export type WebhookEvent = Event.WebhookEvent
/** Decodes a webhook event leniently, each catalogued name against its own `data`. */
export const WebhookEvent: Schema.Codec<WebhookEvent> = /*#__PURE__*/ toSchema(WebhookEventSpec)

/** An event this SDK has no schema for (added to the catalogue later). */
export type UnknownWebhookEvent = Event.UnknownWebhookEvent
/** Decodes an event this SDK has no schema for; on the wire its name is any string. */
export const UnknownWebhookEvent: Schema.Codec<UnknownWebhookEvent> =
  /*#__PURE__*/ toSchema(UnknownWebhookEventSpec)
