/**
 * The calling convention, derived from an operation's description: a call takes the path parameters in
 * the order of the route template, then the body or the query (when the operation has one), then the
 * per-call options. {@link effectCall} makes it an Effect, {@link promiseCall} an {@link ApiPromise} (a
 * {@link PagePromise} when the operation answers a page); both send the same request through the client.
 *
 * @since 0.2.0
 */
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import { ApiPromise, PagePromise, type WithResponse } from "./ApiPromise.js"
import { type CallSite, captureCallSite, rejectingAt } from "./CallSite.js"
import type { CommonError } from "./Errors.js"
import { validationError } from "./internal/options.js"
import { readPromiseOptions } from "./internal/promiseRunner.js"
import type { LomiClientService } from "./LomiClient.js"
import type {
  AnyOperation,
  Operation,
  OperationInput,
  OperationSuccess,
  RequestOptions,
} from "./Operation.js"
import { paginate } from "./Paginate.js"
import { isPageSpec, type Page } from "./Pagination.js"
import type { PromiseRequestOptions } from "./Promise.js"
import type { PromiseClient } from "./PromiseClient.js"

/**
 * The errors of `Op` besides the common ones (`never` when it declares none).
 *
 * @since 0.2.0
 */
export type OwnError<Op> = Op extends Operation<any, any, any, any, infer E, any> ? E : never

/**
 * The path arguments of a call, one string per name of `Names` (a route template's placeholders, in
 * order). Labelled `id` (one) or `parentId, id` (two), so editors show `retrieve(id: string, ...)`; a
 * label cannot come from the template's own names.
 *
 * @since 0.2.0
 */
export type PathArgs<Names> = Names extends readonly []
  ? []
  : Names extends readonly [string]
    ? [id: string]
    : Names extends readonly [string, string]
      ? [parentId: string, id: string]
      : { -readonly [K in keyof Names]: string }

/**
 * The arguments of a call of `Op` after its path parameters: its body or its query (when it has one),
 * then the per-call `Options`.
 *
 * @since 0.2.0
 */
export type InputArgs<Op, Options> =
  Op extends Operation<any, infer Q, infer B, any, any, any>
    ? [B] extends [undefined]
      ? [Q] extends [undefined]
        ? [options?: Options | undefined]
        : [query?: Q | undefined, options?: Options | undefined]
      : [params: B, options?: Options | undefined]
    : never

/**
 * The arguments of a call of `Op`: its path parameters in the order of the route template, then its body
 * or its query (when it has one), then the per-call `Options`.
 *
 * @since 0.2.0
 */
export type CallArgs<Op, Options> =
  Op extends Operation<any, any, any, any, any, infer Names>
    ? [...PathArgs<Names>, ...InputArgs<Op, Options>]
    : never

/**
 * The item of a paginated operation's pages (`never` when `Op` does not answer a {@link Page}).
 *
 * @since 0.2.0
 */
export type PageItem<Op> = [OperationSuccess<Op>] extends [Page<infer A>] ? A : never

/**
 * A call of `Op` in the Effect API: it fails with exactly `Op`'s errors, and `withResponse` succeeds
 * with the result and the response's metadata.
 *
 * @since 0.2.0
 */
export type EffectCall<Op> = ((
  ...args: CallArgs<Op, RequestOptions>
) => Effect.Effect<OperationSuccess<Op>, CommonError | OwnError<Op>>) & {
  /** The same call, succeeding with `{ data, meta }`: the result and the metadata of its response. */
  readonly withResponse: (
    ...args: CallArgs<Op, RequestOptions>
  ) => Effect.Effect<WithResponse<OperationSuccess<Op>>, CommonError | OwnError<Op>>
}

/**
 * A call of `Op` in a Promise client: an {@link ApiPromise} of the result, or a {@link PagePromise} of
 * the items when `Op` answers a {@link Page}. It rejects (never throws) with `Op`'s errors.
 *
 * @since 0.2.0
 */
export type PromiseCall<Op> = (...args: CallArgs<Op, PromiseRequestOptions>) => PromiseResult<Op>

/**
 * What a Promise call of `Op` returns: a {@link PagePromise} of the items when `Op` answers a
 * {@link Page}, else an {@link ApiPromise} of the result.
 *
 * @since 0.2.0
 */
export type PromiseResult<Op> = [OperationSuccess<Op>] extends [Page<infer A>]
  ? PagePromise<A>
  : ApiPromise<OperationSuccess<Op>>

/**
 * Whether `op` answers a page (its success spec was built with `PageSpec`): its Promise call then
 * returns a {@link PagePromise}, and a resource's `stream` walks it.
 *
 * @since 0.2.0
 */
export const isPaginated = (op: AnyOperation): boolean => op.success !== undefined && isPageSpec(op.success)

type Arguments = ReadonlyArray<unknown>

// Where each argument goes, read off the description: one per path parameter, then the body or the query.
const toInput = (
  op: AnyOperation,
  args: Arguments,
): { readonly input: OperationInput; readonly options: unknown } => {
  let i = 0
  const input: { path?: Record<string, string>; query?: unknown; body?: unknown } = {}
  if (op.pathParams.length > 0) {
    const path: Record<string, string> = {}
    for (const name of op.pathParams) path[name] = args[i++] as string
    input.path = path
  }
  if (op.body !== undefined) input.body = args[i++]
  else if (op.query !== undefined) input.query = args[i++]
  return { input, options: args[i] }
}

// The input for the page at `offset`. Only pages after a first one that passed validation get here; should
// copying the query throw anyway, it goes as is and the request loop reports why it cannot be read.
const atOffset = (input: OperationInput, offset: number): OperationInput => {
  try {
    return { ...input, query: { ...(input.query as object), offset } }
  } catch {
    return input
  }
}

// Where a walk over every page starts: the caller's `offset` when it is one, so `stream({ offset: 40 })`
// starts at 40 like `for await` does; anything else is left to validation.
const startOffset = (query: unknown): number => {
  try {
    const offset = (query as { offset?: unknown } | undefined)?.offset
    return typeof offset === "number" && Number.isSafeInteger(offset) && offset >= 0 ? offset : 0
  } catch {
    return 0
  }
}

/**
 * The Effect call of `op` on `client`.
 *
 * @since 0.2.0
 */
export const effectCall = <Op extends AnyOperation>(client: LomiClientService, op: Op): EffectCall<Op> => {
  const call = (...args: Arguments) => {
    const { input, options } = toInput(op, args)
    return client.execute(op, input, options as RequestOptions | undefined)
  }
  const withResponse = (...args: Arguments) => {
    const { input, options } = toInput(op, args)
    return client.executeWithMeta(op, input, options as RequestOptions | undefined)
  }
  return Object.assign(call, { withResponse }) as unknown as EffectCall<Op>
}

/**
 * Every item of a paginated `op` across pages, from the query's `offset`, fetched one page at a time as
 * the stream is consumed (the Effect counterpart of `for await` over a {@link PagePromise}).
 *
 * @since 0.2.0
 */
export const effectStream =
  <Op extends AnyOperation>(client: LomiClientService, op: Op) =>
  (...args: CallArgs<Op, RequestOptions>): Stream.Stream<PageItem<Op>, CommonError | OwnError<Op>> => {
    const { input, options } = toInput(op, args)
    const start = startOffset(input.query)
    // The first page is asked for with the caller's input as given, so validation sees exactly it (a bad
    // `offset` included); later offsets are always past the start.
    return paginate(
      (offset) =>
        client.execute(
          op,
          offset === start ? input : atOffset(input, offset),
          options as RequestOptions | undefined,
        ) as Effect.Effect<Page<PageItem<Op>>, CommonError | OwnError<Op>>,
      start,
    )
  }

// One request of a Promise call: the options checked here (a bad one rejects, nothing is sent), the rest
// by the request loop; a rejection carries the stack of the caller's line (`site`).
const promiseRequest = (
  client: PromiseClient,
  op: AnyOperation,
  input: OperationInput,
  options: unknown,
  site: CallSite | undefined,
): Promise<{ readonly data: unknown; readonly meta: unknown }> => {
  const read = readPromiseOptions(options)
  return rejectingAt(
    read.ok
      ? client.execute(op, input, read.rest, read.signal)
      : Promise.reject(validationError(read.issues)),
    site,
  )
}

/**
 * The Promise call of `op` on `client`, and its `{ data, meta }` variant. Every argument is handled inside
 * the returned promise: a bad one rejects (never throws) and sends nothing. The caller's stack is captured
 * as the method is called, so a rejection points at the caller's line rather than at the SDK's internals.
 *
 * @since 0.2.0
 */
export const promiseCall = <Op extends AnyOperation>(
  client: PromiseClient,
  op: Op,
): PromiseCall<Op> & {
  /** The same call, resolving to `{ data, meta }` (what `withMeta` offered before `withResponse`). */
  readonly withResponse: (
    ...args: CallArgs<Op, PromiseRequestOptions>
  ) => Promise<WithResponse<OperationSuccess<Op>>>
} => {
  const paginated = isPaginated(op)
  const invoke = (args: Arguments, site: CallSite | undefined) => {
    const { input, options } = toInput(op, args)
    const first = () => promiseRequest(client, op, input, options, site) as Promise<WithResponse<any>>
    if (!paginated) return new ApiPromise(first())
    // Every page of a walk, the first and the later ones, fails with the stack of the call.
    return new PagePromise(first, (offset) =>
      promiseRequest(client, op, atOffset(input, offset), options, site).then(
        (result) => result.data as never,
      ),
    )
  }
  const call = (...args: Arguments) => invoke(args, captureCallSite(call))
  const withResponse = (...args: Arguments) => invoke(args, captureCallSite(withResponse)).withResponse()
  return Object.assign(call, { withResponse }) as never
}
