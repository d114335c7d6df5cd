/**
 * A resource: any record of operations, mapped through the calling convention ({@link effectCall},
 * {@link promiseCall}) into an Effect service ({@link EffectResource}) and a Promise client
 * ({@link PromiseResource}). Adding an operation to the record adds a method to both; each method keeps the
 * documentation of its entry in the record.
 *
 * @example
 * ```ts
 * const sessionOperations = {
 *   retrieve: makeOperation({ name: "retrieve_session", method: "GET", path: "/sessions/{id}", success: Session }),
 *   expire: makeOperation({ name: "expire_session", method: "POST", path: "/sessions/{id}/expire", success: Session }),
 * }
 * const sessions = promiseResource(makeUnsafe({ apiKey }), sessionOperations)
 * const expired = await sessions.expire("cs_123")
 * ```
 *
 * @since 0.2.0
 */
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Stream from "effect/Stream"
import type { WithResponse } from "./ApiPromise.js"
import {
  type CallArgs,
  type EffectCall,
  effectCall,
  effectStream,
  isPaginated,
  type OwnError,
  type PageItem,
  type PromiseCall,
  type PromiseResult,
  promiseCall,
} from "./Call.js"
import type { CommonError } from "./Errors.js"
import { LomiClient, type LomiClientService } from "./LomiClient.js"
import type { AnyOperation, OperationSuccess, RequestOptions } from "./Operation.js"
import type { PromiseRequestOptions } from "./Promise.js"
import type { PromiseClient } from "./PromiseClient.js"

/**
 * Any record of operations, e.g. `{ create, list, retrieve, expire }`.
 *
 * @since 0.2.0
 */
export type Operations = { readonly [name: string]: AnyOperation }

/**
 * `stream` when the resource has a paginated `list`: every item across pages, as an Effect `Stream`.
 *
 * @since 0.2.0
 */
export type ListStream<Ops> = Ops extends {
  /** The resource's list, which `stream` walks when it answers pages. */
  readonly list: infer L
}
  ? [PageItem<L>] extends [never]
    ? unknown
    : {
        /** Every item of `list` across pages, from the query's `offset`, fetched one page at a time as consumed. */
        readonly stream: (
          ...args: CallArgs<L, RequestOptions>
        ) => Stream.Stream<PageItem<L>, CommonError | OwnError<L>>
      }
  : unknown

/**
 * The Effect API of a resource: one {@link EffectCall} per operation (each with `withResponse`), and
 * `stream` over a paginated `list`.
 *
 * @since 0.2.0
 */
export type EffectResource<Ops> = {
  // Spelled out (not `EffectCall<...>`) so that editors show each method's signature.
  readonly [K in keyof Ops]: ((
    ...args: CallArgs<Ops[K], RequestOptions>
  ) => Effect.Effect<OperationSuccess<Ops[K]>, CommonError | OwnError<Ops[K]>>) & {
    /** The same call, succeeding with `{ data, meta }`: the result and the metadata of its response. */
    readonly withResponse: EffectCall<Ops[K]>["withResponse"]
  }
} & ListStream<Ops> & {
    /**
     * The same calls, succeeding with `{ data, meta }`.
     *
     * @deprecated Use each method's `withResponse`, e.g. `sessions.create.withResponse(params)`; `withMeta`
     * goes in the next minor release.
     */
    readonly withMeta: { readonly [K in keyof Ops]: EffectCall<Ops[K]>["withResponse"] }
  }

/**
 * The Promise API of a resource: one {@link PromiseCall} per operation; each returns an `ApiPromise` (a
 * `PagePromise` for a paginated operation) whose `withResponse()` resolves to `{ data, meta }`.
 *
 * @since 0.2.0
 */
export type PromiseResource<Ops> = {
  readonly [K in keyof Ops]: (...args: CallArgs<Ops[K], PromiseRequestOptions>) => PromiseResult<Ops[K]>
} & {
  /**
   * The same calls, resolving to `{ data, meta }`.
   *
   * @deprecated Use `.withResponse()` on what a method returns, e.g.
   * `await lomi.checkoutSessions.create(params).withResponse()`; `withMeta` goes in the next minor release.
   */
  readonly withMeta: {
    readonly [K in keyof Ops]: (
      ...args: CallArgs<Ops[K], PromiseRequestOptions>
    ) => Promise<WithResponse<OperationSuccess<Ops[K]>>>
  }
}

// Each operation's call under its name, and its `{ data, meta }` variant under `withMeta`'s (deprecated).
const mapCalls = <Call extends { readonly withResponse: unknown }>(
  ops: Operations,
  make: (op: AnyOperation) => Call,
): Record<string, unknown> => {
  const resource: Record<string, unknown> = {}
  const withMeta: Record<string, unknown> = {}
  for (const [name, op] of Object.entries(ops)) {
    const call = make(op)
    resource[name] = call
    withMeta[name] = call.withResponse
  }
  return Object.assign(resource, { withMeta })
}

/**
 * The Effect API of the operations `ops` on `client`.
 *
 * @since 0.2.0
 */
export const effectResource = <const Ops extends Operations>(
  client: LomiClientService,
  ops: Ops,
): EffectResource<Ops> => {
  const resource = mapCalls(ops, (op) => effectCall(client, op))
  const list = ops.list
  if (list !== undefined && isPaginated(list)) resource.stream = effectStream(client, list)
  return resource as EffectResource<Ops>
}

/**
 * The Promise API of the operations `ops` on `client` (from `makeUnsafe`).
 *
 * @since 0.2.0
 */
export const promiseResource = <const Ops extends Operations>(
  client: PromiseClient,
  ops: Ops,
): PromiseResource<Ops> => mapCalls(ops, (op) => promiseCall(client, op)) as PromiseResource<Ops>

/**
 * A layer providing `service` as the Effect API of `ops`, built on the `LomiClient` in context.
 *
 * @since 0.2.0
 */
export const resourceLayer = <Id, Shape, const Ops extends Operations>(
  service: Context.Key<Id, Shape>,
  ops: Ops & (EffectResource<Ops> extends Shape ? unknown : never),
): Layer.Layer<Id, never, LomiClient> =>
  Layer.effect(
    service,
    Effect.map(LomiClient, (client) => effectResource(client, ops) as unknown as Shape),
  )
