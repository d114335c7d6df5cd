/**
 * An API operation described as data: resource packages build {@link Operation}s with
 * {@link makeOperation} and core executes them, so no operation is ever written twice (once for Effect,
 * once for Promises).
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import type * as Schema from "effect/Schema"
import type { CommonError, ErrorClass, LomiError } from "./Errors.js"

/**
 * The HTTP methods the lomi. API uses.
 *
 * @since 0.1.0
 */
export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE"

/**
 * An operation: how to call one endpoint and what it answers.
 *
 * @since 0.1.0
 */
export interface Operation<
  Path extends Record<string, string> | undefined,
  Query,
  Body,
  Success,
  E extends LomiError,
> {
  /** Seed name, e.g. `"retrieve_checkout_session"`; also the span name. */
  readonly name: string
  /** The HTTP method. */
  readonly method: HttpMethod
  /** Template with `{param}` placeholders, e.g. `"/checkout_sessions/{session_id}"`. */
  readonly path: string
  /** The placeholder names of `path`, in order. */
  readonly pathParams: ReadonlyArray<string>
  /** Query schema; its encoded form is a record of `string | number | boolean | undefined` values. */
  readonly query: Schema.Codec<Query, any> | undefined
  /** JSON body schema. */
  readonly body: Schema.Codec<Body, any> | undefined
  /** Success body schema; `undefined` means no body is expected (204). */
  readonly success: Schema.Codec<Success, any> | undefined
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
 * it against the schemas); with one, the typed input of that operation, for resource packages to expose.
 *
 * @since 0.1.0
 */
export type OperationInput<Op = never> = [Op] extends [never]
  ? {
      /** The value of each `{param}` of the path template. */
      readonly path?: Readonly<Record<string, string>> | undefined
      /** The query, checked against the operation's query schema. */
      readonly query?: unknown
      /** The JSON body, checked against the operation's body schema. */
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
 * What {@link makeOperation} takes.
 *
 * @since 0.1.0
 */
export interface OperationSpec<
  P extends string,
  QS extends Schema.Codec<any, any> | undefined,
  BS extends Schema.Codec<any, any> | undefined,
  SS extends Schema.Codec<any, any> | undefined,
  Errors extends ReadonlyArray<ErrorClass>,
> {
  /** Seed name, e.g. `"retrieve_checkout_session"`; also the span name. */
  readonly name: string
  /** The HTTP method. */
  readonly method: HttpMethod
  /** Template with `{param}` placeholders, e.g. `"/checkout_sessions/{session_id}"`. */
  readonly path: P
  /** Optional: derived from `path`; when given it must list the same names in the same order. */
  readonly pathParams?: ReadonlyArray<PathParamNames<P>>
  /** The query schema, for operations that take one (lists). */
  readonly query?: QS
  /** The JSON body schema, for operations that send one. */
  readonly body?: BS
  /** The success body schema; absent when the answer has no body (204). */
  readonly success?: SS
  /** The operation-specific error classes, e.g. `[LomiNotFoundError]`. */
  readonly errors?: Errors
}

const PLACEHOLDER = /\{([^{}]*)\}/g
const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * Builds an {@link Operation}, inferring its types from the schemas, the path template and the error
 * classes. Throws on a malformed template: that is a bug in the resource package, found at import time.
 *
 * @example
 * ```ts
 * const retrieve = makeOperation({
 *   name: "retrieve_checkout_session",
 *   method: "GET",
 *   path: "/checkout_sessions/{session_id}",
 *   success: CheckoutSession,
 *   errors: [LomiNotFoundError],
 * })
 * ```
 *
 * @since 0.1.0
 */
export const makeOperation = <
  const P extends string,
  QS extends Schema.Codec<any, any> | undefined = undefined,
  BS extends Schema.Codec<any, any> | undefined = undefined,
  SS extends Schema.Codec<any, any> | undefined = undefined,
  const Errors extends ReadonlyArray<ErrorClass> = readonly [],
>(
  spec: OperationSpec<P, QS, BS, SS, Errors>,
): Operation<
  PathInput<P>,
  QS extends Schema.Codec<infer Q, any> ? Q : undefined,
  BS extends Schema.Codec<infer B, any> ? B : undefined,
  SS extends Schema.Codec<infer A, any> ? A : void,
  InstanceType<Errors[number]>
> => {
  if (!spec.path.startsWith("/")) throw new Error(`Operation ${spec.name}: path must start with "/"`)
  const pathParams = [...spec.path.matchAll(PLACEHOLDER)].map((match) => match[1] ?? "")
  for (const param of pathParams) {
    if (!PARAM_NAME.test(param)) throw new Error(`Operation ${spec.name}: bad path parameter {${param}}`)
  }
  if (spec.pathParams !== undefined && spec.pathParams.join(",") !== pathParams.join(",")) {
    throw new Error(`Operation ${spec.name}: pathParams do not match the placeholders of ${spec.path}`)
  }
  if (new Set(pathParams).size !== pathParams.length) {
    throw new Error(`Operation ${spec.name}: a path parameter appears twice`)
  }
  if (spec.path.replace(PLACEHOLDER, "").includes("{") || spec.path.replace(PLACEHOLDER, "").includes("}")) {
    throw new Error(`Operation ${spec.name}: unbalanced braces in path`)
  }
  return {
    name: spec.name,
    method: spec.method,
    path: spec.path,
    pathParams,
    query: spec.query,
    body: spec.body,
    success: spec.success,
    errors: spec.errors ?? [],
  } as Operation<any, any, any, any, any>
}
