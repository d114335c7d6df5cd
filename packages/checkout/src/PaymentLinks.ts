/**
 * The payment link operations: described once, as data, and the two APIs derived from them, each with an
 * explicit interface (`PaymentLinksResource` for `lomi.paymentLinks`, `PaymentLinksService` for the
 * `PaymentLinks` Effect service) that editors and the API reference show. The interfaces are checked
 * against what the descriptions derive, so they cannot drift.
 */

import {
  type CommonError,
  FlatPage,
  LomiClient,
  LomiConflictError,
  LomiNotFoundError,
  LomiUnsupportedOperationError,
  makeOperation,
  type Page,
  type PagePromise,
  PageSchema,
  type RequestOptions,
} from "@lomi/core"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Stream from "effect/Stream"
import type { Expect, Same } from "./internal/documented.js"
import {
  makeResourceService,
  type PromiseRequestOptions,
  type PromiseResource,
  type ResourceService,
  type WithMeta,
} from "./internal/resource.js"
import {
  PAYMENT_LINK_LIST_WIRE_NAMES,
  PaymentLink,
  PaymentLinkCreateParams,
  PaymentLinkListParams,
  PaymentLinkUpdateParams,
  paymentLinkCreateChecks,
  paymentLinkListChecks,
} from "./PaymentLink.js"

// lomi.'s routes today (`apps/api/src/core/payment-links/payment-links.controller.ts` and
// `payment-links.service.ts` at 700515a6): create, list (`{data, total, limit, offset}`, `limit` defaults
// to 20) and retrieve; no update, no delete.
const TODAY_DEFAULT_LIMIT = 20

/**
 * The five payment link operations, described once with their routes on each generation of lomi.'s
 * routes; the Effect and Promise APIs derive from these.
 */
export const paymentLinkOperations = {
  /** `POST`: creates a payment link. */
  create: makeOperation({
    name: "create_payment_link",
    routes: {
      v1: { method: "POST", path: "/payment_links", body: paymentLinkCreateChecks.v1 },
      "2025-12": { method: "POST", path: "/payment-links", body: paymentLinkCreateChecks["2025-12"] },
    },
    body: PaymentLinkCreateParams,
    success: PaymentLink,
    errors: [LomiConflictError],
  }),
  /** `GET`: one page of payment links. */
  list: makeOperation({
    name: "list_payment_links",
    routes: {
      v1: { method: "GET", path: "/payment_links", query: paymentLinkListChecks.v1 },
      "2025-12": {
        method: "GET",
        path: "/payment-links",
        query: paymentLinkListChecks["2025-12"],
        queryNames: PAYMENT_LINK_LIST_WIRE_NAMES,
        success: FlatPage(PaymentLink, { defaultLimit: TODAY_DEFAULT_LIMIT }),
      },
    },
    query: PaymentLinkListParams,
    success: PageSchema(PaymentLink),
  }),
  /** `GET`: one payment link by id. */
  retrieve: makeOperation({
    name: "retrieve_payment_link",
    routes: {
      v1: { method: "GET", path: "/payment_links/{link_id}" },
      "2025-12": { method: "GET", path: "/payment-links/{link_id}" },
    },
    success: PaymentLink,
    errors: [LomiNotFoundError],
  }),
  /** `PATCH`: replaces the given fields of a payment link (`v1` only). */
  update: makeOperation({
    name: "update_payment_link",
    routes: { v1: { method: "PATCH", path: "/payment_links/{link_id}" } },
    notServed: {
      "2025-12":
        'a link cannot be changed through the API there: create a new one instead (update needs a server of the 1.1.0 routes and apiGeneration "v1")',
    },
    body: PaymentLinkUpdateParams,
    success: PaymentLink,
    errors: [LomiNotFoundError, LomiUnsupportedOperationError],
  }),
  /** `DELETE`: deletes a payment link (204, no body; `v1` only). */
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

/**
 * Payment links in the Promise client (`lomi.paymentLinks`). Every method rejects, never throws,
 * with the SDK's tagged errors (`LomiError`); a bad argument is a `LomiValidationError` and sends nothing.
 */
export interface PaymentLinksResource {
  /**
   * Creates a payment link; share its `url`. The POST carries an idempotency key,
   * identical on every retry. Rejects with `LomiConflictError` when the same key is still in flight.
   */
  create(params: PaymentLinkCreateParams, options?: PromiseRequestOptions): Promise<PaymentLink>
  /** Retrieves a link by its `link_id`; rejects with `LomiNotFoundError` for an unknown id. */
  retrieve(id: string, options?: PromiseRequestOptions): Promise<PaymentLink>
  /**
   * Replaces the given fields of a link; absent fields are untouched. `"v1"` routes only: on `"2025-12"`
   * it rejects with `LomiUnsupportedOperationError` and sends nothing.
   */
  update(id: string, params: PaymentLinkUpdateParams, options?: PromiseRequestOptions): Promise<PaymentLink>
  /**
   * Deletes a link; a later `retrieve` rejects with `LomiNotFoundError`. `"v1"` routes only: on
   * `"2025-12"` it rejects with `LomiUnsupportedOperationError` and sends nothing.
   */
  delete(id: string, options?: PromiseRequestOptions): Promise<void>
  /** Resolves to one page; `for await` over the result walks every link of every page. */
  list(query?: PaymentLinkListParams, options?: PromiseRequestOptions): PagePromise<PaymentLink>
  /** The same calls, resolving to `{ data, meta }` with the response metadata. */
  readonly withMeta: PaymentLinksResourceWithMeta
}

/** `lomi.paymentLinks.withMeta`: each call resolves to `{ data, meta }`. */
export interface PaymentLinksResourceWithMeta {
  /** {@link PaymentLinksResource.create}, with the response metadata. */
  create(params: PaymentLinkCreateParams, options?: PromiseRequestOptions): Promise<WithMeta<PaymentLink>>
  /** {@link PaymentLinksResource.retrieve}, with the response metadata. */
  retrieve(id: string, options?: PromiseRequestOptions): Promise<WithMeta<PaymentLink>>
  /** {@link PaymentLinksResource.update}, with the response metadata. */
  update(
    id: string,
    params: PaymentLinkUpdateParams,
    options?: PromiseRequestOptions,
  ): Promise<WithMeta<PaymentLink>>
  /** {@link PaymentLinksResource.delete}, with the response metadata. */
  delete(id: string, options?: PromiseRequestOptions): Promise<WithMeta<void>>
  /** One page ({@link PaymentLinksResource.list}), with the response metadata. */
  list(query?: PaymentLinkListParams, options?: PromiseRequestOptions): Promise<WithMeta<Page<PaymentLink>>>
}

/**
 * The shape of the `PaymentLinks` Effect service. Each method fails with exactly the errors its
 * operation can fail with: the common ones (`CommonError`), plus `LomiConflictError` for `create`,
 * `LomiNotFoundError` for `retrieve`, `update` and `delete`, and `LomiUnsupportedOperationError` for
 * `update` and `delete`, which the `"2025-12"` routes do not serve.
 */
export interface PaymentLinksService {
  /** Creates a payment link. The POST carries an idempotency key, identical on every retry. */
  readonly create: (
    params: PaymentLinkCreateParams,
    options?: RequestOptions,
  ) => Effect.Effect<PaymentLink, CommonError | LomiConflictError>
  /** Retrieves a link by its `link_id`. */
  readonly retrieve: (
    id: string,
    options?: RequestOptions,
  ) => Effect.Effect<PaymentLink, CommonError | LomiNotFoundError>
  /** Replaces the given fields of a link; absent fields are untouched. `"v1"` routes only. */
  readonly update: (
    id: string,
    params: PaymentLinkUpdateParams,
    options?: RequestOptions,
  ) => Effect.Effect<PaymentLink, CommonError | LomiNotFoundError | LomiUnsupportedOperationError>
  /** Deletes a link; a later `retrieve` fails with `LomiNotFoundError`. `"v1"` routes only. */
  readonly delete: (
    id: string,
    options?: RequestOptions,
  ) => Effect.Effect<void, CommonError | LomiNotFoundError | LomiUnsupportedOperationError>
  /** One page of links. */
  readonly list: (
    query?: PaymentLinkListParams,
    options?: RequestOptions,
  ) => Effect.Effect<Page<PaymentLink>, CommonError>
  /** Every link across pages, from the query's `offset`, fetched one page at a time as it is consumed. */
  readonly stream: (
    query?: PaymentLinkListParams,
    options?: RequestOptions,
  ) => Stream.Stream<PaymentLink, CommonError>
  /** The same calls, succeeding with `{ data, meta }` with the response metadata. */
  readonly withMeta: PaymentLinksServiceWithMeta
}

/** `PaymentLinks`'s `withMeta`: each call succeeds with `{ data, meta }`. */
export interface PaymentLinksServiceWithMeta {
  /** {@link PaymentLinksService.create}, with the response metadata. */
  readonly create: (
    params: PaymentLinkCreateParams,
    options?: RequestOptions,
  ) => Effect.Effect<WithMeta<PaymentLink>, CommonError | LomiConflictError>
  /** {@link PaymentLinksService.retrieve}, with the response metadata. */
  readonly retrieve: (
    id: string,
    options?: RequestOptions,
  ) => Effect.Effect<WithMeta<PaymentLink>, CommonError | LomiNotFoundError>
  /** {@link PaymentLinksService.update}, with the response metadata. */
  readonly update: (
    id: string,
    params: PaymentLinkUpdateParams,
    options?: RequestOptions,
  ) => Effect.Effect<WithMeta<PaymentLink>, CommonError | LomiNotFoundError | LomiUnsupportedOperationError>
  /** {@link PaymentLinksService.delete}, with the response metadata. */
  readonly delete: (
    id: string,
    options?: RequestOptions,
  ) => Effect.Effect<WithMeta<void>, CommonError | LomiNotFoundError | LomiUnsupportedOperationError>
  /** {@link PaymentLinksService.list}, with the response metadata. */
  readonly list: (
    query?: PaymentLinkListParams,
    options?: RequestOptions,
  ) => Effect.Effect<WithMeta<Page<PaymentLink>>, CommonError>
}

/**
 * Compiles only while the interfaces above are exactly what the operation descriptions derive (the
 * runtime of both APIs is built from the descriptions). Not part of the public API.
 *
 * @internal
 */
export type PaymentLinksInterfacesMatch = [
  Expect<Same<PaymentLinksResource, PromiseResource<typeof paymentLinkOperations>>>,
  Expect<Same<PaymentLinksService, ResourceService<typeof paymentLinkOperations>>>,
]

// Pure (`extends` and `layer` are marked so), so the Promise client's bundles drop the service and `Layer`.
/** The Effect API of payment links: `create`, `retrieve`, `update`, `delete`, `list`, `stream`, `withMeta`. */
export class PaymentLinks extends /*#__PURE__*/ Context.Service<PaymentLinks, PaymentLinksService>()(
  "@lomi/checkout/PaymentLinks",
) {
  /** The service, built on the `LomiClient` in context. */
  static readonly layer: Layer.Layer<PaymentLinks, never, LomiClient> = /*#__PURE__*/ Layer.effect(
    PaymentLinks,
    /*#__PURE__*/ Effect.map(LomiClient, (client) => makeResourceService(client, paymentLinkOperations)),
  )
}
