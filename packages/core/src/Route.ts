/**
 * An operation's route on one generation of lomi.'s routes: its method and path template, and what differs
 * on that generation's wire (the checks of its query or body, the wire names of list parameters, the shape
 * of its answer). {@link makeOperation} builds an operation's routes from {@link RouteSpec}s.
 *
 * @since 0.2.0
 */
import type { ApiGeneration } from "./ApiGeneration.js"
import type { Spec } from "./Spec.js"

/**
 * The HTTP methods the lomi. API uses.
 *
 * @since 0.1.0
 */
export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE"

/**
 * How a 2xx body whose wire shape is not the operation's result becomes that result: the spec of the wire
 * body, and a function of the decoded body and the query the request sent (its wire values, by the
 * operation's own parameter names). A list of lomi.'s `"2025-12"` routes answers a bare array, which
 * becomes a `Page` with the request's `limit` and `offset` (see `ArrayPage`).
 *
 * @since 0.2.0
 */
export interface ResponseFormat<A> {
  /** The spec of the wire body. */
  readonly spec: Spec<any>
  /** The result, from the decoded body and the query the request sent. */
  readonly toResult: (decoded: any, query: Readonly<Record<string, unknown>>) => A
}

/**
 * An operation's route on one generation of lomi.'s routes, with what differs on the wire there.
 *
 * @since 0.2.0
 */
export interface Route {
  /** The HTTP method. */
  readonly method: HttpMethod
  /** Template with `{param}` placeholders, e.g. `"/checkout-sessions/{session_id}"`. */
  readonly path: string
  /** The query spec this generation checks: the operation's, or one of its own (other parameters). */
  readonly query: Spec<any> | undefined
  /** Query parameters this generation spells otherwise on the wire, e.g. `{ link_type: "linkType" }`. */
  readonly queryNames: Readonly<Record<string, string>> | undefined
  /** The body spec this generation checks: the operation's, or one of its own (other fields). */
  readonly body: Spec<any> | undefined
  /** The spec of the success body on the wire; `undefined` means no body is expected (204). */
  readonly success: Spec<any> | undefined
  /** Turns the decoded success body into the operation's result when the shapes differ; else `undefined`. */
  readonly toResult: ResponseFormat<unknown>["toResult"] | undefined
}

/**
 * An operation's route on one generation, as `makeOperation` takes it: the method and path, and
 * what differs on that generation's wire (otherwise the operation's own `query`, `body` and `success`).
 *
 * @since 0.2.0
 */
export interface RouteSpec<P extends string, Q, B, S> {
  /** The HTTP method. */
  readonly method: HttpMethod
  /** Template with `{param}` placeholders, e.g. `"/checkout-sessions/{session_id}"`. */
  readonly path: P
  /** This generation's check of the query, when it takes other parameters than another generation. */
  readonly query?: Spec<Q> | undefined
  /** Query parameters this generation spells otherwise on the wire, e.g. `{ link_type: "linkType" }`. */
  readonly queryNames?: { readonly [K in keyof Q & string]?: string } | undefined
  /** This generation's check of the body, when it takes other fields than another generation. */
  readonly body?: Spec<B> | undefined
  /** This generation's success body, when its wire shape differs (a list's page). */
  readonly success?: Spec<S> | ResponseFormat<S> | undefined
}

const PLACEHOLDER = /\{([^{}]*)\}/g
const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

// The placeholders of a path template, or why it is malformed: a bug in the resource package, found at
// import time.
const placeholders = (name: string, path: string): ReadonlyArray<string> => {
  if (!path.startsWith("/")) throw new Error(`Operation ${name}: path must start with "/"`)
  const params = [...path.matchAll(PLACEHOLDER)].map((match) => match[1] ?? "")
  for (const param of params) {
    if (!PARAM_NAME.test(param)) throw new Error(`Operation ${name}: bad path parameter {${param}}`)
  }
  if (new Set(params).size !== params.length)
    throw new Error(`Operation ${name}: a path parameter appears twice`)
  const rest = path.replace(PLACEHOLDER, "")
  if (rest.includes("{") || rest.includes("}"))
    throw new Error(`Operation ${name}: unbalanced braces in path`)
  return params
}

const isFormat = (success: unknown): success is ResponseFormat<unknown> =>
  typeof success === "object" && success !== null && "toResult" in success && "spec" in success

/**
 * Builds the route of operation `name` on `generation` from its spec and the operation's own specs (which
 * a route overrides), with the placeholders of its path. Throws on a malformed spec: a bug in the resource
 * package, found at import time.
 *
 * @internal
 */
export const makeRoute = (
  name: string,
  generation: ApiGeneration,
  spec: RouteSpec<string, unknown, unknown, unknown>,
  shared: {
    readonly query?: Spec<any> | undefined
    readonly body?: Spec<any> | undefined
    readonly success?: Spec<any> | undefined
  },
): { readonly route: Route; readonly pathParams: ReadonlyArray<string> } => {
  if (spec.method === undefined || spec.path === undefined)
    throw new Error(`Operation ${name}: the route on "${generation}" needs a method and a path`)
  for (const key of ["query", "body", "success"] as const) {
    if (spec[key] !== undefined && shared[key] === undefined)
      throw new Error(`Operation ${name}: the route on "${generation}" has a ${key} the operation lacks`)
  }
  const success = spec.success ?? shared.success
  return {
    pathParams: placeholders(name, spec.path),
    route: {
      method: spec.method,
      path: spec.path,
      query: spec.query ?? shared.query,
      queryNames: spec.queryNames as Readonly<Record<string, string>> | undefined,
      body: spec.body ?? shared.body,
      success: isFormat(success) ? success.spec : success,
      toResult: isFormat(success) ? success.toResult : undefined,
    },
  }
}
