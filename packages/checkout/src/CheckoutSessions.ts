/**
 * The checkout session operations: described once, as data, and the two APIs derived from them, each
 * with an explicit interface (`CheckoutSessionsResource` for `lomi.checkoutSessions`,
 * `CheckoutSessionsService` for the `CheckoutSessions` Effect service) that editors and the API reference
 * show. The interfaces are checked against what the descriptions derive, so they cannot drift.
 */

import {
  ArrayPage,
  type CommonError,
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
import {
  CheckoutSession,
  CheckoutSessionCreateParams,
  CheckoutSessionListParams,
  CheckoutSessionUpdateParams,
  checkoutSessionCreateChecks,
  checkoutSessionListChecks,
} from "./CheckoutSession.js"
import type { Expect, Same } from "./internal/documented.js"
import {
  makeResourceService,
  type PromiseRequestOptions,
  type PromiseResource,
  type ResourceService,
  type WithMeta,
} from "./internal/resource.js"

// lomi.'s routes today (`apps/api/src/core/checkout-sessions/checkout-sessions.controller.ts` at b83ef01f):
// create, list (a bare array; `limit` defaults to 20) and retrieve; no update, no delete.
const TODAY_DEFAULT_LIMIT = 20

/**
 * The five checkout session operations, described once with their routes on each generation of lomi.'s
 * routes; the Effect and Promise APIs derive from these.
 */
export const checkoutSessionOperations = {
  /** `POST`: creates a checkout session. */
  create: makeOperation({
    name: "create_checkout_session",
    routes: {
      v1: { method: "POST", path: "/checkout_sessions", body: checkoutSessionCreateChecks.v1 },
      "2025-12": {
        method: "POST",
        path: "/checkout-sessions",
        body: checkoutSessionCreateChecks["2025-12"],
      },
    },
    body: CheckoutSessionCreateParams,
    success: CheckoutSession,
    errors: [LomiConflictError],
  }),
  /** `GET`: one page of checkout sessions. */
  list: makeOperation({
    name: "list_checkout_sessions",
    routes: {
      v1: { method: "GET", path: "/checkout_sessions", query: checkoutSessionListChecks.v1 },
      "2025-12": {
        method: "GET",
        path: "/checkout-sessions",
        query: checkoutSessionListChecks["2025-12"],
        success: ArrayPage(CheckoutSession, { defaultLimit: TODAY_DEFAULT_LIMIT }),
      },
    },
    query: CheckoutSessionListParams,
    success: PageSchema(CheckoutSession),
  }),
  /** `GET`: one checkout session by id. */
  retrieve: makeOperation({
    name: "retrieve_checkout_session",
    routes: {
      v1: { method: "GET", path: "/checkout_sessions/{session_id}" },
      "2025-12": { method: "GET", path: "/checkout-sessions/{session_id}" },
    },
    success: CheckoutSession,
    errors: [LomiNotFoundError],
  }),
  /** `PATCH`: replaces the given fields of a checkout session (`v1` only). */
  update: makeOperation({
    name: "update_checkout_session",
    routes: { v1: { method: "PATCH", path: "/checkout_sessions/{session_id}" } },
    notServed: {
      "2025-12":
        'a session cannot be changed once created there: create a new one instead (update needs a server of the 1.1.0 routes and apiGeneration "v1")',
    },
    body: CheckoutSessionUpdateParams,
    success: CheckoutSession,
    errors: [LomiNotFoundError, LomiUnsupportedOperationError],
  }),
  /** `DELETE`: deletes a checkout session (204, no body; `v1` only). */
  delete: makeOperation({
    name: "delete_checkout_session",
    routes: { v1: { method: "DELETE", path: "/checkout_sessions/{session_id}" } },
    notServed: {
      "2025-12":
        'sessions are not deleted there: an unpaid session expires at its expires_at, 60 minutes after creation (delete needs a server of the 1.1.0 routes and apiGeneration "v1")',
    },
    errors: [LomiNotFoundError, LomiUnsupportedOperationError],
  }),
}

/**
 * Checkout sessions in the Promise client (`lomi.checkoutSessions`). Every method rejects, never throws,
 * with the SDK's tagged errors (`LomiError`); a bad argument is a `LomiValidationError` and sends nothing.
 */
export interface CheckoutSessionsResource {
  /**
   * Creates a checkout session; send the customer to its hosted page (`checkout_url` on `"2025-12"`, `url`
   * on `"v1"`). The POST carries an idempotency key, identical on every retry (lomi.'s hosted service
   * ignores it today). Rejects with `LomiConflictError` when the same key is still in flight.
   */
  create(params: CheckoutSessionCreateParams, options?: PromiseRequestOptions): Promise<CheckoutSession>
  /** Retrieves a session by its `checkout_session_id`; rejects with `LomiNotFoundError` for an unknown id. */
  retrieve(id: string, options?: PromiseRequestOptions): Promise<CheckoutSession>
  /**
   * Replaces the given fields of a session; absent fields are untouched. `"v1"` routes only: on
   * `"2025-12"` it rejects with `LomiUnsupportedOperationError` and sends nothing.
   */
  update(
    id: string,
    params: CheckoutSessionUpdateParams,
    options?: PromiseRequestOptions,
  ): Promise<CheckoutSession>
  /**
   * Deletes a session; a later `retrieve` rejects with `LomiNotFoundError`. `"v1"` routes only: on
   * `"2025-12"` it rejects with `LomiUnsupportedOperationError` and sends nothing.
   */
  delete(id: string, options?: PromiseRequestOptions): Promise<void>
  /** Resolves to one page; `for await` over the result walks every session of every page. */
  list(query?: CheckoutSessionListParams, options?: PromiseRequestOptions): PagePromise<CheckoutSession>
  /** The same calls, resolving to `{ data, meta }` with the response metadata. */
  readonly withMeta: CheckoutSessionsResourceWithMeta
}

/** `lomi.checkoutSessions.withMeta`: each call resolves to `{ data, meta }`. */
export interface CheckoutSessionsResourceWithMeta {
  /** {@link CheckoutSessionsResource.create}, with the response metadata. */
  create(
    params: CheckoutSessionCreateParams,
    options?: PromiseRequestOptions,
  ): Promise<WithMeta<CheckoutSession>>
  /** {@link CheckoutSessionsResource.retrieve}, with the response metadata. */
  retrieve(id: string, options?: PromiseRequestOptions): Promise<WithMeta<CheckoutSession>>
  /** {@link CheckoutSessionsResource.update}, with the response metadata. */
  update(
    id: string,
    params: CheckoutSessionUpdateParams,
    options?: PromiseRequestOptions,
  ): Promise<WithMeta<CheckoutSession>>
  /** {@link CheckoutSessionsResource.delete}, with the response metadata. */
  delete(id: string, options?: PromiseRequestOptions): Promise<WithMeta<void>>
  /** One page ({@link CheckoutSessionsResource.list}), with the response metadata. */
  list(
    query?: CheckoutSessionListParams,
    options?: PromiseRequestOptions,
  ): Promise<WithMeta<Page<CheckoutSession>>>
}

/**
 * The shape of the `CheckoutSessions` Effect service. Each method fails with exactly the errors its
 * operation can fail with: the common ones (`CommonError`), plus `LomiConflictError` for `create`,
 * `LomiNotFoundError` for `retrieve`, `update` and `delete`, and `LomiUnsupportedOperationError` for
 * `update` and `delete`, which the `"2025-12"` routes do not serve.
 */
export interface CheckoutSessionsService {
  /** Creates a checkout session. The POST carries an idempotency key, identical on every retry. */
  readonly create: (
    params: CheckoutSessionCreateParams,
    options?: RequestOptions,
  ) => Effect.Effect<CheckoutSession, CommonError | LomiConflictError>
  /** Retrieves a session by its `checkout_session_id`. */
  readonly retrieve: (
    id: string,
    options?: RequestOptions,
  ) => Effect.Effect<CheckoutSession, CommonError | LomiNotFoundError>
  /** Replaces the given fields of a session; absent fields are untouched. `"v1"` routes only. */
  readonly update: (
    id: string,
    params: CheckoutSessionUpdateParams,
    options?: RequestOptions,
  ) => Effect.Effect<CheckoutSession, CommonError | LomiNotFoundError | LomiUnsupportedOperationError>
  /** Deletes a session; a later `retrieve` fails with `LomiNotFoundError`. `"v1"` routes only. */
  readonly delete: (
    id: string,
    options?: RequestOptions,
  ) => Effect.Effect<void, CommonError | LomiNotFoundError | LomiUnsupportedOperationError>
  /** One page of sessions. */
  readonly list: (
    query?: CheckoutSessionListParams,
    options?: RequestOptions,
  ) => Effect.Effect<Page<CheckoutSession>, CommonError>
  /** Every session across pages, from the query's `offset`, fetched one page at a time as it is consumed. */
  readonly stream: (
    query?: CheckoutSessionListParams,
    options?: RequestOptions,
  ) => Stream.Stream<CheckoutSession, CommonError>
  /** The same calls, succeeding with `{ data, meta }` with the response metadata. */
  readonly withMeta: CheckoutSessionsServiceWithMeta
}

/** `CheckoutSessions`'s `withMeta`: each call succeeds with `{ data, meta }`. */
export interface CheckoutSessionsServiceWithMeta {
  /** {@link CheckoutSessionsService.create}, with the response metadata. */
  readonly create: (
    params: CheckoutSessionCreateParams,
    options?: RequestOptions,
  ) => Effect.Effect<WithMeta<CheckoutSession>, CommonError | LomiConflictError>
  /** {@link CheckoutSessionsService.retrieve}, with the response metadata. */
  readonly retrieve: (
    id: string,
    options?: RequestOptions,
  ) => Effect.Effect<WithMeta<CheckoutSession>, CommonError | LomiNotFoundError>
  /** {@link CheckoutSessionsService.update}, with the response metadata. */
  readonly update: (
    id: string,
    params: CheckoutSessionUpdateParams,
    options?: RequestOptions,
  ) => Effect.Effect<
    WithMeta<CheckoutSession>,
    CommonError | LomiNotFoundError | LomiUnsupportedOperationError
  >
  /** {@link CheckoutSessionsService.delete}, with the response metadata. */
  readonly delete: (
    id: string,
    options?: RequestOptions,
  ) => Effect.Effect<WithMeta<void>, CommonError | LomiNotFoundError | LomiUnsupportedOperationError>
  /** {@link CheckoutSessionsService.list}, with the response metadata. */
  readonly list: (
    query?: CheckoutSessionListParams,
    options?: RequestOptions,
  ) => Effect.Effect<WithMeta<Page<CheckoutSession>>, CommonError>
}

/**
 * Compiles only while the interfaces above are exactly what the operation descriptions derive (the
 * runtime of both APIs is built from the descriptions). Not part of the public API.
 *
 * @internal
 */
export type CheckoutSessionsInterfacesMatch = [
  Expect<Same<CheckoutSessionsResource, PromiseResource<typeof checkoutSessionOperations>>>,
  Expect<Same<CheckoutSessionsService, ResourceService<typeof checkoutSessionOperations>>>,
]

// Pure (`extends` and `layer` are marked so), so the Promise client's bundles drop the service and `Layer`.
/** The Effect API of checkout sessions: `create`, `retrieve`, `update`, `delete`, `list`, `stream`, `withMeta`. */
export class CheckoutSessions extends /*#__PURE__*/ Context.Service<
  CheckoutSessions,
  CheckoutSessionsService
>()("@lomi/checkout/CheckoutSessions") {
  /** The service, built on the `LomiClient` in context. */
  static readonly layer: Layer.Layer<CheckoutSessions, never, LomiClient> = /*#__PURE__*/ Layer.effect(
    CheckoutSessions,
    /*#__PURE__*/ Effect.map(LomiClient, (client) => makeResourceService(client, checkoutSessionOperations)),
  )
}
