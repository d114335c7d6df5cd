// Derives both public APIs of a resource from its operation descriptions, so no operation's plumbing is
// written twice: the Effect service calls core's executor, and the Promise client runs the Effect service.

import {
  type PromiseRequestOptions as CorePromiseRequestOptions,
  captureCallSite,
  type LomiClient,
  type Operation,
  type OperationError,
  type OperationInput,
  type OperationSuccess,
  type Page,
  PagePromise,
  paginate,
  type RequestOptions,
  type ResponseMeta,
  runPromiseCall,
} from "@lomi/core"
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"

type AnyOperation = Operation<any, any, any, any, any>

/** The five operations of a resource with create, list, retrieve, update and delete. */
export interface CrudOperations {
  readonly create: AnyOperation
  readonly list: AnyOperation
  readonly retrieve: AnyOperation
  readonly update: AnyOperation
  readonly delete: AnyOperation
}

type BodyOf<Op> = Op extends Operation<any, any, infer B, any, any> ? B : never
type QueryOf<Op> = Op extends Operation<any, infer Q, any, any, any> ? Q : never
type ItemOf<Op> = OperationSuccess<Op> extends Page<infer A> ? A : never

/** A result together with the response metadata (status, headers, request id, idempotency key, attempts). */
export interface WithMeta<A> {
  /** The result, as the call without `withMeta` resolves to it. */
  readonly data: A
  /** The status, headers, request id, idempotency key and number of attempts of the response. */
  readonly meta: ResponseMeta
}

type Fx<Op, A = OperationSuccess<Op>> = Effect.Effect<A, OperationError<Op>>

/** The Effect API of a resource: each method fails with exactly the errors its operation can fail with. */
export interface ResourceService<Ops extends CrudOperations> {
  /** Creates a resource. POSTs carry an idempotency key, identical on every retry. */
  readonly create: (params: BodyOf<Ops["create"]>, options?: RequestOptions) => Fx<Ops["create"]>
  /** Retrieves one resource by id. */
  readonly retrieve: (id: string, options?: RequestOptions) => Fx<Ops["retrieve"]>
  /** Replaces the given top-level fields; absent fields are untouched. */
  readonly update: (id: string, params: BodyOf<Ops["update"]>, options?: RequestOptions) => Fx<Ops["update"]>
  /** Deletes a resource; a later retrieve fails with `LomiNotFoundError`. */
  readonly delete: (id: string, options?: RequestOptions) => Fx<Ops["delete"], void>
  /** One page of resources. */
  readonly list: (query?: QueryOf<Ops["list"]>, options?: RequestOptions) => Fx<Ops["list"]>
  /** Every resource across pages, fetched one page at a time as the stream is consumed. */
  readonly stream: (
    query?: QueryOf<Ops["list"]>,
    options?: RequestOptions,
  ) => Stream.Stream<ItemOf<Ops["list"]>, OperationError<Ops["list"]>>
  /** The same calls, resolving to `{ data, meta }` with the response metadata. */
  readonly withMeta: {
    readonly create: (
      params: BodyOf<Ops["create"]>,
      options?: RequestOptions,
    ) => Fx<Ops["create"], WithMeta<OperationSuccess<Ops["create"]>>>
    readonly retrieve: (
      id: string,
      options?: RequestOptions,
    ) => Fx<Ops["retrieve"], WithMeta<OperationSuccess<Ops["retrieve"]>>>
    readonly update: (
      id: string,
      params: BodyOf<Ops["update"]>,
      options?: RequestOptions,
    ) => Fx<Ops["update"], WithMeta<OperationSuccess<Ops["update"]>>>
    readonly delete: (id: string, options?: RequestOptions) => Fx<Ops["delete"], WithMeta<void>>
    readonly list: (
      query?: QueryOf<Ops["list"]>,
      options?: RequestOptions,
    ) => Fx<Ops["list"], WithMeta<OperationSuccess<Ops["list"]>>>
  }
}

/** Per-call options of the Promise client: core's request options plus an `AbortSignal`. */
export interface PromiseRequestOptions extends CorePromiseRequestOptions {}

type P<Op, A = OperationSuccess<Op>> = Promise<A>

/** The Promise API of a resource; rejections are the same tagged errors the Effect API fails with. */
export interface PromiseResource<Ops extends CrudOperations> {
  /** Creates a resource. POSTs carry an idempotency key, identical on every retry. */
  create(params: BodyOf<Ops["create"]>, options?: PromiseRequestOptions): P<Ops["create"]>
  /** Retrieves one resource by id. */
  retrieve(id: string, options?: PromiseRequestOptions): P<Ops["retrieve"]>
  /** Replaces the given top-level fields; absent fields are untouched. */
  update(id: string, params: BodyOf<Ops["update"]>, options?: PromiseRequestOptions): P<Ops["update"]>
  /** Deletes a resource; a later retrieve rejects with `LomiNotFoundError`. */
  delete(id: string, options?: PromiseRequestOptions): P<Ops["delete"], void>
  /** Resolves to one page; `for await` over the result walks every item of every page. */
  list(query?: QueryOf<Ops["list"]>, options?: PromiseRequestOptions): PagePromise<ItemOf<Ops["list"]>>
  /** The same calls, resolving to `{ data, meta }` with the response metadata. */
  readonly withMeta: {
    create(
      params: BodyOf<Ops["create"]>,
      options?: PromiseRequestOptions,
    ): P<Ops["create"], WithMeta<OperationSuccess<Ops["create"]>>>
    retrieve(
      id: string,
      options?: PromiseRequestOptions,
    ): P<Ops["retrieve"], WithMeta<OperationSuccess<Ops["retrieve"]>>>
    update(
      id: string,
      params: BodyOf<Ops["update"]>,
      options?: PromiseRequestOptions,
    ): P<Ops["update"], WithMeta<OperationSuccess<Ops["update"]>>>
    delete(id: string, options?: PromiseRequestOptions): P<Ops["delete"], WithMeta<void>>
    list(
      query?: QueryOf<Ops["list"]>,
      options?: PromiseRequestOptions,
    ): P<Ops["list"], WithMeta<OperationSuccess<Ops["list"]>>>
  }
}

type Verb = keyof CrudOperations
const VERBS: ReadonlyArray<Verb> = ["create", "list", "retrieve", "update", "delete"]

// Positional arguments of every method, read off the description: one id per path parameter, then the
// body or the query when the operation has one, then the per-call options.
const arityOf = (op: AnyOperation): number =>
  op.pathParams.length + (op.body !== undefined || op.query !== undefined ? 1 : 0)

const toInput = (
  op: AnyOperation,
  args: ReadonlyArray<unknown>,
): { readonly input: OperationInput; readonly options: RequestOptions | undefined } => {
  const path: Record<string, string> = {}
  let i = 0
  for (const name of op.pathParams) path[name] = args[i++] as string
  const input: { path?: Record<string, string>; query?: unknown; body?: unknown } = {}
  if (op.pathParams.length > 0) input.path = path
  if (op.body !== undefined) input.body = args[i++]
  else if (op.query !== undefined) input.query = args[i++]
  return { input, options: args[i] as RequestOptions | undefined }
}

// The list query for the page at `offset`, for auto-pagination. Only pages after a first one that passed
// validation get here; should copying the query throw anyway, the query goes as is and the request loop
// reports why it cannot be read.
const atOffset = <Q>(query: Q | undefined, offset: number): Q => {
  try {
    return { ...(query as object), offset } as Q
  } catch {
    return query as Q
  }
}

// Where a walk over every page starts: the caller's `offset` when it is one, so `stream({ offset: 40 })`
// starts at 40 like `for await` does (it used to start at 0); anything else is left to validation.
const startOffset = (query: unknown): number | undefined => {
  try {
    const offset = (query as { offset?: unknown } | undefined)?.offset
    return typeof offset === "number" && Number.isSafeInteger(offset) && offset >= 0 ? offset : undefined
  } catch {
    return undefined
  }
}

/** The calls of a resource's Effect API: everything but `stream`, which the Promise client does not use. */
export type ResourceCalls<Ops extends CrudOperations> = Omit<ResourceService<Ops>, "stream">

/** Builds the calls of a resource on a core client; kept apart from `stream` so Promise bundles skip `Stream`. */
export const makeResourceCalls = <Ops extends CrudOperations>(
  client: LomiClient["Service"],
  ops: Ops,
): ResourceCalls<Ops> => {
  const plain: Record<string, (...args: ReadonlyArray<unknown>) => unknown> = {}
  const withMeta: Record<string, (...args: ReadonlyArray<unknown>) => unknown> = {}
  for (const verb of VERBS) {
    const op = ops[verb]
    plain[verb] = (...args) => {
      const { input, options } = toInput(op, args)
      return client.execute(op, input, options)
    }
    withMeta[verb] = (...args) => {
      const { input, options } = toInput(op, args)
      return client.executeWithMeta(op, input, options)
    }
  }
  return { ...plain, withMeta } as unknown as ResourceCalls<Ops>
}

/** Builds the Effect API of a resource on a core client. */
export const makeResourceService = <Ops extends CrudOperations>(
  client: LomiClient["Service"],
  ops: Ops,
): ResourceService<Ops> => {
  const calls = makeResourceCalls(client, ops)
  const stream: ResourceService<Ops>["stream"] = (query, options) => {
    const start = startOffset(query) ?? 0
    // The first page is asked for with the caller's query as given, so validation sees exactly it (a bad
    // `offset` included); later offsets are always past the start.
    return paginate(
      (offset) =>
        calls.list(offset === start ? query : atOffset(query, offset), options) as Effect.Effect<
          Page<ItemOf<Ops["list"]>>,
          OperationError<Ops["list"]>
        >,
      start,
    )
  }
  return { ...calls, stream }
}

/** Builds the Promise API of a resource on its Effect API. */
export const makePromiseResource = <Ops extends CrudOperations>(
  service: ResourceCalls<Ops>,
  ops: Ops,
): PromiseResource<Ops> => {
  // Every argument is handled inside `runPromiseCall`: a bad one rejects (never throws) and sends nothing.
  // The options come right after the operation's own arguments. The caller's stack is captured as the
  // method is called, so a rejection points at the caller's line rather than at Effect's runtime.
  const wrap = (fn: (...args: Array<any>) => Effect.Effect<any, any>, op: AnyOperation) => {
    const arity = arityOf(op)
    const method = (...args: Array<any>) =>
      runPromiseCall(args[arity], (options) => fn(...args.slice(0, arity), options), captureCallSite(method))
    return method
  }
  const plain: Record<string, unknown> = {}
  const withMeta: Record<string, unknown> = {}
  for (const verb of VERBS) {
    plain[verb] = wrap(service[verb], ops[verb])
    withMeta[verb] = wrap(service.withMeta[verb], ops[verb])
  }
  // Every page of a walk, the first and the later ones, fails with the stack of the `list` call.
  const list = (query?: QueryOf<Ops["list"]>, options?: PromiseRequestOptions) => {
    const site = captureCallSite(list)
    return new PagePromise(
      () => runPromiseCall(options, (rest) => service.list(query, rest), site),
      (offset: number) =>
        runPromiseCall(options, (rest) => service.list(atOffset(query, offset), rest), site),
    )
  }
  return { ...plain, list, withMeta } as unknown as PromiseResource<Ops>
}

/** The list query every resource shares: `limit` 1..100, `offset` >= 0, `sort` as `field:direction`. */
export const ListQuery = <const F extends ReadonlyArray<string>>(fields: F) => {
  const sorts = fields.flatMap((f) => [`${f}:asc`, `${f}:desc`]) as ReadonlyArray<
    `${F[number]}:asc` | `${F[number]}:desc`
  >
  return Schema.Struct({
    limit: Schema.optionalKey(
      Schema.Number.check(
        Schema.makeFilter((n) =>
          Number.isInteger(n) && n >= 1 && n <= 100 ? undefined : "Expected an integer between 1 and 100",
        ),
      ),
    ),
    offset: Schema.optionalKey(
      Schema.Number.check(
        Schema.makeFilter((n) => (Number.isInteger(n) && n >= 0 ? undefined : "Expected an integer >= 0")),
      ),
    ),
    sort: Schema.optionalKey(Schema.Literals(sorts)),
  })
}

/** An update must change something: an empty PATCH is rejected before it is sent. */
export const nonEmptyUpdate = Schema.makeFilter((params: object) =>
  Object.keys(params).length > 0 ? undefined : "Expected at least one field to update",
)

/** Requires `fields` unless `unless(params)` holds; each missing field is reported at its own path. */
export const requireFields = <T extends object>(
  fields: ReadonlyArray<keyof T & string>,
  unless: (params: T) => boolean,
  why: string,
) =>
  Schema.makeFilter((params: T) => {
    if (unless(params)) return undefined
    return fields
      .filter((field) => params[field] === undefined)
      .map((field) => ({ path: [field], issue: `Missing key (${why})` }))
  })
