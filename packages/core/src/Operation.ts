/**
 * An API operation described as data: resource packages build {@link Operation}s with
 * {@link makeOperation} and core executes them, so no operation is ever written twice (once for Effect,
 * once for Promises).
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import { API_GENERATIONS, type ApiGeneration } from "./ApiGeneration.js"
import { type CommonError, type ErrorClass, type LomiError, LomiUnsupportedOperationError } from "./Errors.js"
import { type HttpMethod, makeRoute, type Route, type RouteSpec } from "./Route.js"
import type { Spec, TypeOf } from "./Spec.js"

/**
 * An operation: how to call one endpoint on each generation of lomi.'s routes, and what it answers.
 *
 * @since 0.1.0
 */
export interface Operation<
  Path extends Record<string, string> | undefined,
  Query,
  Body,
  Success,
  E extends LomiError,
  PathNames extends ReadonlyArray<string> = ReadonlyArray<string>,
> {
  /** Seed name, e.g. `"retrieve_checkout_session"`; also the span name. */
  readonly name: string
  /**
   * Its route on each generation that serves it. A client reads its generation's entry (a property read
   * per call); a generation without one fails the call with a `LomiUnsupportedOperationError`.
   */
  readonly routes: { readonly [G in ApiGeneration]?: Route }
  /** Why the operation is absent from a generation, and what to do instead (part of the error's message). */
  readonly notServed: { readonly [G in ApiGeneration]?: string }
  /**
   * The placeholder names of every route's path, in order (the same on every generation): a call takes
   * its path parameters in this order.
   */
  readonly pathParams: PathNames
  /** The query's spec, of the type callers pass (routes may check it their own way). */
  readonly query: Spec<Query> | undefined
  /** The JSON body's spec, of the type callers pass (routes may check it their own way). */
  readonly body: Spec<Body> | undefined
  /** The result's spec; `undefined` means no body is expected (204). */
  readonly success: Spec<Success> | undefined
  /**
   * The operation-specific error classes (those of `E`). A status whose class is neither common nor
   * declared here becomes a `LomiUnexpectedStatusError`.
   */
  readonly errors: ReadonlyArray<ErrorClass>
  /** Type-level only: carries `Path` and `E`, which no runtime field mentions. */
  readonly "~types"?:
    | {
        /** The path parameters. */
        readonly path: Path
        /** The operation-specific errors. */
        readonly errors: E
      }
    | undefined
}

/**
 * Any operation.
 *
 * @since 0.1.0
 */
export type AnyOperation = Operation<any, any, any, any, any>

/**
 * The decoded success of an operation (`void` when it has no body).
 *
 * @since 0.1.0
 */
export type OperationSuccess<Op> = Op extends Operation<any, any, any, infer S, any> ? S : never

/**
 * Everything an operation can fail with.
 *
 * @since 0.1.0
 */
export type OperationError<Op> = CommonError | (Op extends Operation<any, any, any, any, infer E> ? E : never)

/**
 * The path parameters of an operation, e.g. `{ readonly session_id: string }` (`undefined` when its path has
 * none).
 *
 * @since 0.1.0
 */
export type OperationPath<Op> = Op extends Operation<infer P, any, any, any, any> ? P : never

/**
 * The input of an operation. Without a type argument, the untyped shape `execute` accepts (core validates
 * it against the specs); with one, the typed input of that operation, for resource packages to expose.
 *
 * @since 0.1.0
 */
export type OperationInput<Op = never> = [Op] extends [never]
  ? {
      /** The value of each `{param}` of the path template. */
      readonly path?: Readonly<Record<string, string>> | undefined
      /** The query, checked against the operation's query spec. */
      readonly query?: unknown
      /** The JSON body, checked against the operation's body spec. */
      readonly body?: unknown
    }
  : Op extends Operation<any, infer Q, infer B, any, any>
    ? ([OperationPath<Op>] extends [undefined]
        ? {
            /** None: the path has no parameter. */
            readonly path?: undefined
          }
        : {
            /** The value of each `{param}` of the path template. */
            readonly path: OperationPath<Op>
          }) &
        ([Q] extends [undefined]
          ? {
              /** None: the operation takes no query. */
              readonly query?: undefined
            }
          : {
              /** The query (a list's `limit`, `offset`, `sort`). */
              readonly query?: Q | undefined
            }) &
        ([B] extends [undefined]
          ? {
              /** None: the operation sends no body. */
              readonly body?: undefined
            }
          : {
              /** The JSON body. */
              readonly body: B
            })
    : never

/**
 * Per-call options.
 *
 * @since 0.1.0
 */
export interface RequestOptions {
  /**
   * POST only. A key of your own (e.g. your order id) to make a retry of the same logical call safe across
   * processes; `false` sends no key, and then the SDK never retries that POST. Default: a random UUID v4
   * per call, identical on every retry.
   */
  readonly idempotencyKey?: string | false | undefined
  /** Per-attempt timeout, overriding the client's (milliseconds or `Duration.Input`). */
  readonly timeout?: number | Duration.Input | undefined
  /** Retries after the first attempt, overriding the client's. */
  readonly maxRetries?: number | undefined
  /** Overall budget across attempts and backoff, overriding the client's. */
  readonly deadline?: number | Duration.Input | undefined
  /**
   * Extra headers for this call. `X-API-KEY`, `Idempotency-Key` and the headers the transport owns (`Host`,
   * `Connection`, `Content-Length`, `Upgrade`, `Proxy-*`, ...) are refused with a `LomiValidationError`.
   */
  readonly headers?: Record<string, string> | undefined
}

/**
 * What the last response said besides its body.
 *
 * @since 0.1.0
 */
export interface ResponseMeta {
  /** The HTTP status of the response, e.g. `201`. */
  readonly status: number
  /** Response headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>
  /** `X-Request-Id`: quote it when contacting lomi. support. */
  readonly requestId: string | undefined
  /** The `Idempotency-Key` the request carried (POST only). */
  readonly idempotencyKey: string | undefined
  /** How many HTTP attempts it took. */
  readonly attempts: number
}

/**
 * The `{param}` names in a path template, as a union.
 *
 * @since 0.1.0
 */
export type PathParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PathParamNames<Rest>
  : never

/**
 * The `{param}` names in a path template, in order, e.g. `["session_id"]`.
 *
 * @since 0.2.0
 */
export type PathParamList<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? readonly [Name, ...PathParamList<Rest>]
  : readonly []

/**
 * Path parameters by name: one string per `{param}` of a path template, percent-encoded into the path.
 *
 * @since 0.1.0
 */
export type PathParams<Name extends string> = { readonly [K in Name]: string }

/**
 * The path input of a template: `undefined` when it has no placeholder.
 *
 * @since 0.1.0
 */
export type PathInput<P extends string> = [PathParamNames<P>] extends [never]
  ? undefined
  : PathParams<PathParamNames<P>>

/**
 * What {@link makeOperation} takes: the routes, per generation (`routes`) or one for every generation
 * (`method` and `path`), and the specs and errors they share.
 *
 * @since 0.1.0
 */
export interface OperationSpec<
  P extends string,
  QS extends Spec<any> | undefined,
  BS extends Spec<any> | undefined,
  SS extends Spec<any> | undefined,
  Errors extends ReadonlyArray<ErrorClass>,
> {
  /** Seed name, e.g. `"retrieve_checkout_session"`; also the span name. */
  readonly name: string
  /**
   * The route on each generation that serves the operation, e.g.
   * `{ v1: { method: "POST", path: "/checkout_sessions" }, "2025-12": { method: "POST", path: "/checkout-sessions" } }`.
   * A generation without an entry does not serve it (declare `LomiUnsupportedOperationError` in `errors`).
   * Every path must have the same placeholders.
   */
  readonly routes?:
    | {
        readonly [G in ApiGeneration]?: RouteSpec<
          P,
          QS extends Spec<any> ? TypeOf<QS> : undefined,
          BS extends Spec<any> ? TypeOf<BS> : undefined,
          SS extends Spec<any> ? TypeOf<SS> : undefined
        >
      }
    | undefined
  /** Instead of `routes`: the method of the one route every generation serves. */
  readonly method?: HttpMethod | undefined
  /** Instead of `routes`: the path template of the one route every generation serves. */
  readonly path?: P | undefined
  /** Why the operation is absent from a generation and what to do instead, for the error's message. */
  readonly notServed?: { readonly [G in ApiGeneration]?: string } | undefined
  /** Optional: derived from the paths; when given it must list the same names in the same order. */
  readonly pathParams?: ReadonlyArray<PathParamNames<P>>
  /** The query spec, for operations that take one (lists): the type callers pass. */
  readonly query?: QS
  /** The JSON body spec, for operations that send one: the type callers pass. */
  readonly body?: BS
  /** The success body spec, the result's type; absent when the answer has no body (204). */
  readonly success?: SS
  /** The operation-specific error classes, e.g. `[LomiNotFoundError]`. */
  readonly errors?: Errors
}

/**
 * Builds an {@link Operation}, inferring its types from the specs, the path templates and the error
 * classes. Throws on a malformed description (a bad template, paths whose placeholders differ between
 * generations, a generation left out without `LomiUnsupportedOperationError` among the errors): that is a
 * bug in the resource package, found at import time.
 *
 * @example
 * ```ts
 * const retrieve = makeOperation({
 *   name: "retrieve_checkout_session",
 *   routes: {
 *     v1: { method: "GET", path: "/checkout_sessions/{session_id}" },
 *     "2025-12": { method: "GET", path: "/checkout-sessions/{session_id}" },
 *   },
 *   success: CheckoutSessionSpec,
 *   errors: [LomiNotFoundError],
 * })
 * ```
 *
 * @since 0.1.0
 */
export const makeOperation = <
  const P extends string,
  QS extends Spec<any> | undefined = undefined,
  BS extends Spec<any> | undefined = undefined,
  SS extends Spec<any> | undefined = undefined,
  const Errors extends ReadonlyArray<ErrorClass> = readonly [],
>(
  spec: OperationSpec<P, QS, BS, SS, Errors>,
): Operation<
  PathInput<P>,
  QS extends Spec<any> ? TypeOf<QS> : undefined,
  BS extends Spec<any> ? TypeOf<BS> : undefined,
  SS extends Spec<any> ? TypeOf<SS> : void,
  InstanceType<Errors[number]>,
  PathParamList<P>
> => {
  const { name } = spec
  const errors: ReadonlyArray<ErrorClass> = spec.errors ?? []
  const single = spec.method !== undefined || spec.path !== undefined
  if (single === (spec.routes !== undefined))
    throw new Error(`Operation ${name}: give either \`routes\` or \`method\` and \`path\``)
  const specs: { readonly [G in ApiGeneration]?: RouteSpec<string, unknown, unknown, unknown> } = single
    ? Object.fromEntries(API_GENERATIONS.map((g) => [g, { method: spec.method, path: spec.path }]))
    : ((spec.routes ?? {}) as {
        readonly [G in ApiGeneration]?: RouteSpec<string, unknown, unknown, unknown>
      })
  const routes: { [G in ApiGeneration]?: Route } = {}
  let pathParams: ReadonlyArray<string> | undefined = spec.pathParams
  for (const generation of API_GENERATIONS) {
    const route = specs[generation]
    if (route === undefined) {
      if (!errors.includes(LomiUnsupportedOperationError))
        throw new Error(
          `Operation ${name}: no route on "${generation}", so LomiUnsupportedOperationError must be among its errors`,
        )
      continue
    }
    const built = makeRoute(name, generation, route, spec)
    if (pathParams !== undefined && pathParams.join(",") !== built.pathParams.join(","))
      throw new Error(
        `Operation ${name}: the placeholders of ${route.path} differ from ${pathParams === spec.pathParams ? "pathParams" : "the other routes'"}`,
      )
    pathParams = built.pathParams
    routes[generation] = built.route
  }
  if (pathParams === undefined) throw new Error(`Operation ${name}: no route on any generation`)
  return {
    name,
    routes,
    notServed: spec.notServed ?? {},
    pathParams,
    query: spec.query,
    body: spec.body,
    success: spec.success,
    errors,
  } as Operation<any, any, any, any, any, any>
}
