/**
 * The checkout session operations, described once as data with their routes on each generation of lomi.'s
 * routes; the Promise client (`lomi.checkoutSessions`) and the `CheckoutSessions` Effect service are
 * derived from them by `@lomi/core`, and each method shows the documentation of its entry below.
 */

import {
  ArrayPage,
  type EffectResource,
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
  CheckoutSessionCreateParamsSpec,
  CheckoutSessionListParamsSpec,
  CheckoutSessionSpec,
  CheckoutSessionUpdateParamsSpec,
  checkoutSessionCreateChecks,
  checkoutSessionListChecks,
} from "./CheckoutSession.js"

// lomi.'s routes today (`apps/api/src/core/checkout-sessions/checkout-sessions.controller.ts` at b83ef01f):
// create, list (a bare array; `limit` defaults to 20) and retrieve; no update, no delete.
const ARRAY_PAGE = { defaultLimit: 20 }

/**
 * The checkout session operations. A call takes the path's `{session_id}` (if any), then the body or the
 * query, then per-call options; the Promise client's rejections are the errors the Effect API fails with.
 */
export const checkoutSessionOperations = {
  /**
   * Creates a checkout session; send the customer to its hosted page (`checkout_url` on `"2025-12"`, `url`
   * on `"v1"`). The POST carries an idempotency key, identical on every retry (lomi.'s hosted service
   * ignores it today). Fails with `LomiConflictError` when the same key is still in flight.
   */
  create: makeOperation({
    name: "create_checkout_session",
    routes: {
      v1: { method: "POST", path: "/checkout_sessions", body: checkoutSessionCreateChecks.v1 },
      "2025-12": { method: "POST", path: "/checkout-sessions", body: checkoutSessionCreateChecks["2025-12"] },
    },
    body: CheckoutSessionCreateParamsSpec,
    success: CheckoutSessionSpec,
    errors: [LomiConflictError],
  }),
  /**
   * One page of sessions. In the Promise client, `for await` over the result walks every session of every
   * page; in the Effect API, `stream` does.
   */
  list: makeOperation({
    name: "list_checkout_sessions",
    routes: {
      v1: { method: "GET", path: "/checkout_sessions", query: checkoutSessionListChecks.v1 },
      "2025-12": {
        method: "GET",
        path: "/checkout-sessions",
        query: checkoutSessionListChecks["2025-12"],
        success: ArrayPage(CheckoutSessionSpec, ARRAY_PAGE),
      },
    },
    query: CheckoutSessionListParamsSpec,
    success: PageSpec(CheckoutSessionSpec),
  }),
  /** Retrieves a session by its `checkout_session_id`; fails with `LomiNotFoundError` for an unknown id. */
  retrieve: makeOperation({
    name: "retrieve_checkout_session",
    routes: {
      v1: { method: "GET", path: "/checkout_sessions/{session_id}" },
      "2025-12": { method: "GET", path: "/checkout-sessions/{session_id}" },
    },
    success: CheckoutSessionSpec,
    errors: [LomiNotFoundError],
  }),
  /**
   * Replaces the given fields of a session; absent fields are untouched. `"v1"` routes only: on
   * `"2025-12"` it fails with `LomiUnsupportedOperationError` and sends nothing.
   */
  update: makeOperation({
    name: "update_checkout_session",
    routes: { v1: { method: "PATCH", path: "/checkout_sessions/{session_id}" } },
    notServed: {
      "2025-12":
        'a session cannot be changed once created there: create a new one instead (update needs a server of the 1.1.0 routes and apiGeneration "v1")',
    },
    body: CheckoutSessionUpdateParamsSpec,
    success: CheckoutSessionSpec,
    errors: [LomiNotFoundError, LomiUnsupportedOperationError],
  }),
  /**
   * Deletes a session (204, no body); a later `retrieve` fails with `LomiNotFoundError`. `"v1"` routes
   * only: on `"2025-12"` it fails with `LomiUnsupportedOperationError` and sends nothing.
   */
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
 * Checkout sessions in the Promise client (`lomi.checkoutSessions`): a method per operation above. Each
 * returns an `ApiPromise` (a `PagePromise` for `list`) that rejects, never throws, with the SDK's tagged
 * errors; `.withResponse()` on it resolves to `{ data, meta }`.
 */
export interface CheckoutSessionsResource extends PromiseResource<typeof checkoutSessionOperations> {}

/**
 * The shape of the `CheckoutSessions` Effect service: a method per operation above (each with
 * `withResponse`), and `stream` over `list`. Each method fails with exactly its operation's errors.
 */
export interface CheckoutSessionsService extends EffectResource<typeof checkoutSessionOperations> {}

/**
 * `lomi.checkoutSessions.withMeta`.
 *
 * @deprecated Use `.withResponse()` on what each method returns; goes in the next minor release.
 */
export type CheckoutSessionsResourceWithMeta = CheckoutSessionsResource["withMeta"]

/**
 * `CheckoutSessions`'s `withMeta`.
 *
 * @deprecated Use each method's `withResponse`; goes in the next minor release.
 */
export type CheckoutSessionsServiceWithMeta = CheckoutSessionsService["withMeta"]

// Pure (`extends` and `layer` are marked so), so the Promise client's bundles drop the service and `Layer`.
/** The Effect API of checkout sessions, built on the `LomiClient` in context by its `layer`. */
export class CheckoutSessions extends /*#__PURE__*/ Context.Service<
  CheckoutSessions,
  CheckoutSessionsService
>()("@lomi/checkout/CheckoutSessions") {
  /** The service, built on the `LomiClient` in context. */
  static readonly layer = /*#__PURE__*/ resourceLayer(CheckoutSessions, checkoutSessionOperations)
}
