/**
 * Payment links: their operations as data, per generation of lomi.'s routes, and the two APIs `@lomi/core`
 * derives from them (`lomi.paymentLinks`, the `PaymentLinks` service). Each method is documented by its
 * entry in `paymentLinkOperations`.
 */

import {
  type EffectResource,
  FlatPage,
  LomiConflictError,
  LomiNotFoundError,
  LomiUnsupportedOperationError,
  makeOperation,
  PageSpec,
  type PromiseResource,
  resourceLayer,
} from "@lomi/core"
import * as Context from "effect/Context"
import {
  PAYMENT_LINK_LIST_WIRE_NAMES,
  PaymentLinkCreateParamsSpec,
  PaymentLinkListParamsSpec,
  PaymentLinkSpec,
  PaymentLinkUpdateParamsSpec,
  paymentLinkCreateChecks,
  paymentLinkListChecks,
} from "./PaymentLink.js"

// Today's routes (`payment-links.controller.ts` and `payment-links.service.ts` at 700515a6) have create,
// list and retrieve, and answer a list as `{data, total, limit, offset}` with 20 links unless asked otherwise.

/** The payment link operations: a call takes the `{link_id}` (if any), the body or query, then options. */
export const paymentLinkOperations = {
  /**
   * Creates a payment link; share its `url`. The POST carries an idempotency key, identical on every
   * retry. Fails with `LomiConflictError` when the same key is still in flight.
   */
  create: makeOperation({
    name: "create_payment_link",
    routes: {
      v1: { method: "POST", path: "/payment_links", body: paymentLinkCreateChecks.v1 },
      "2025-12": { method: "POST", path: "/payment-links", body: paymentLinkCreateChecks["2025-12"] },
    },
    body: PaymentLinkCreateParamsSpec,
    success: PaymentLinkSpec,
    errors: [LomiConflictError],
  }),
  /** One page of links; `for await` over the Promise client's result (or the service's `stream`) walks all. */
  list: makeOperation({
    name: "list_payment_links",
    routes: {
      v1: { method: "GET", path: "/payment_links", query: paymentLinkListChecks.v1 },
      "2025-12": {
        method: "GET",
        path: "/payment-links",
        query: paymentLinkListChecks["2025-12"],
        queryNames: PAYMENT_LINK_LIST_WIRE_NAMES,
        success: FlatPage(PaymentLinkSpec, { defaultLimit: 20 }),
      },
    },
    query: PaymentLinkListParamsSpec,
    success: PageSpec(PaymentLinkSpec),
  }),
  /** Retrieves a link by its `link_id`; fails with `LomiNotFoundError` for an unknown id. */
  retrieve: makeOperation({
    name: "retrieve_payment_link",
    routes: {
      v1: { method: "GET", path: "/payment_links/{link_id}" },
      "2025-12": { method: "GET", path: "/payment-links/{link_id}" },
    },
    success: PaymentLinkSpec,
    errors: [LomiNotFoundError],
  }),
  /** Replaces the given fields of a link, leaving the others. `"v1"` only (else `LomiUnsupportedOperationError`). */
  update: makeOperation({
    name: "update_payment_link",
    routes: { v1: { method: "PATCH", path: "/payment_links/{link_id}" } },
    notServed: {
      "2025-12":
        'a link cannot be changed through the API there: create a new one instead (update needs a server of the 1.1.0 routes and apiGeneration "v1")',
    },
    body: PaymentLinkUpdateParamsSpec,
    success: PaymentLinkSpec,
    errors: [LomiNotFoundError, LomiUnsupportedOperationError],
  }),
  /** Deletes a link (a later `retrieve` fails with `LomiNotFoundError`). `"v1"` only, like `update`. */
  delete: makeOperation({
    name: "delete_payment_link",
    routes: { v1: { method: "DELETE", path: "/payment_links/{link_id}" } },
    notServed: {
      "2025-12":
        'a link cannot be deleted through the API there (delete needs a server of the 1.1.0 routes and apiGeneration "v1")',
    },
    errors: [LomiNotFoundError, LomiUnsupportedOperationError],
  }),
}

/** `lomi.paymentLinks`: each method returns an `ApiPromise` (`list`: a `PagePromise`) with `.withResponse()`. */
export interface PaymentLinksResource extends PromiseResource<typeof paymentLinkOperations> {}

/** The `PaymentLinks` service's shape: each method (with `withResponse`) fails with exactly its errors. */
export interface PaymentLinksService extends EffectResource<typeof paymentLinkOperations> {}

/**
 * The type of `lomi.paymentLinks.withMeta`.
 *
 * @deprecated Use `.withResponse()` on a call's result instead; goes in the next minor release.
 */
export type PaymentLinksResourceWithMeta = PaymentLinksResource["withMeta"]

/**
 * The type of the `PaymentLinks` service's `withMeta`.
 *
 * @deprecated Use each method's `withResponse` instead; goes in the next minor release.
 */
export type PaymentLinksServiceWithMeta = PaymentLinksService["withMeta"]

/** The Effect API of payment links; its `layer` builds it on the `LomiClient` in context (pure, for bundles). */
export class PaymentLinks extends /*#__PURE__*/ Context.Service<PaymentLinks, PaymentLinksService>()(
  "@lomi/checkout/PaymentLinks",
) {
  /** The service, built on the `LomiClient` in context. */
  static readonly layer = /*#__PURE__*/ resourceLayer(PaymentLinks, paymentLinkOperations)
}
