/**
 * Bridges from Effect to Promises, for the Promise clients that resource packages derive from their
 * operations. Rejections are the SDK's own error instances, so `instanceof` and `_tag` work.
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { type CallSite, withCallSite } from "./CallSite.js"
import type { LomiValidationIssue } from "./Errors.js"
import { messageOf } from "./internal/describe.js"
import { READ_FAILED, REQUEST_OPTIONS, readOptions, validationError } from "./internal/options.js"
import type { RequestOptions } from "./Operation.js"
import { nextOffset, type Page } from "./Pagination.js"

/**
 * Per-call options of a Promise client: core's {@link RequestOptions} plus an `AbortSignal`.
 *
 * @since 0.1.0
 */
export interface PromiseRequestOptions extends RequestOptions {
  /** Aborting it cancels the call, including an in-flight request and any pending retry. */
  readonly signal?: AbortSignal | undefined
}

const PROMISE_OPTIONS: ReadonlyArray<string> = [...REQUEST_OPTIONS, "signal"]

const abortReason = (signal: AbortSignal): unknown => {
  try {
    return signal.reason ?? new DOMException("This operation was aborted", "AbortError")
  } catch {
    return new DOMException("This operation was aborted", "AbortError")
  }
}

// Duck-typed rather than `instanceof`, so a signal from another realm (an iframe, a test environment) works.
const isAbortSignal = (u: unknown): u is AbortSignal => {
  if (typeof u !== "object" || u === null) return false
  const s = u as Record<string, unknown>
  return (
    typeof s.aborted === "boolean" &&
    typeof s.addEventListener === "function" &&
    typeof s.removeEventListener === "function"
  )
}

/** The signal of Promise options, or the issues that make it unusable. */
const readSignal = (value: unknown, issues: Array<LomiValidationIssue>): AbortSignal | undefined => {
  if (value === undefined) return undefined
  try {
    if (isAbortSignal(value)) return value
  } catch (error) {
    issues.push({ path: ["options", "signal"], message: `${READ_FAILED}${messageOf(error)}` })
    return undefined
  }
  issues.push({ path: ["options", "signal"], message: "Expected an AbortSignal" })
  return undefined
}

const settle = <A>(exit: Exit.Exit<A, unknown>, signal: AbortSignal | undefined): A => {
  if (Exit.isSuccess(exit)) return exit.value
  if (signal?.aborted && Cause.hasInterrupts(exit.cause)) throw abortReason(signal)
  const failure = Cause.findErrorOption(exit.cause)
  if (failure._tag === "Some") throw failure.value
  throw Cause.squash(exit.cause)
}

/**
 * Runs an effect as a Promise. It rejects with the failure itself (not a wrapper), or with the signal's
 * reason (an `AbortError` by default) when `signal` aborts, which also aborts the in-flight request. It
 * never throws: a `signal` that is not an `AbortSignal` rejects with a `LomiValidationError`, and the
 * effect is not run.
 *
 * @since 0.1.0
 */
export const runPromise = <A, E>(
  effect: Effect.Effect<A, E>,
  options?: { readonly signal?: AbortSignal | undefined },
): Promise<A> => {
  const issues: Array<LomiValidationIssue> = []
  let signal: AbortSignal | undefined
  try {
    const value = options === undefined || options === null ? undefined : options.signal
    signal = readSignal(value, issues)
  } catch (error) {
    issues.push({ path: ["options", "signal"], message: `${READ_FAILED}${messageOf(error)}` })
  }
  if (issues.length > 0) return Promise.reject(validationError(issues))
  return runChecked(effect, signal)
}

const runChecked = <A, E>(effect: Effect.Effect<A, E>, signal: AbortSignal | undefined): Promise<A> => {
  try {
    if (signal?.aborted) return Promise.reject(abortReason(signal))
    return Effect.runPromiseExit(effect, signal === undefined ? undefined : { signal }).then((exit) =>
      settle(exit, signal),
    )
  } catch (error) {
    // Only a signal whose methods throw gets here; the effect has not started.
    return Promise.reject(
      validationError([{ path: ["options", "signal"], message: `${READ_FAILED}${messageOf(error)}` }]),
    )
  }
}

/** `promise`, whose rejection (when `owns` recognises it) carries the stack of `site`. */
const rejectingAt = <A>(promise: Promise<A>, site: CallSite | undefined): Promise<A> =>
  site === undefined
    ? promise
    : promise.then(undefined, (error: unknown) => {
        throw withCallSite(error, site)
      })

/**
 * One call of a Promise client. `options` is whatever the caller passed as the call's options: it must be
 * `undefined` or an object of known options ({@link PromiseRequestOptions}); the `signal` is checked and
 * kept here, the rest goes to `call`, whose request loop checks the values. Never throws: a bad argument
 * rejects with a `LomiValidationError` and nothing is sent. With `site` (from {@link captureCallSite}), a
 * rejection's stack is the caller's.
 *
 * @since 0.1.0
 */
export const runPromiseCall = <A, E>(
  options: unknown,
  call: (options: RequestOptions | undefined) => Effect.Effect<A, E>,
  site?: CallSite | undefined,
): Promise<A> => rejectingAt(runCall(options, call), site)

const runCall = <A, E>(
  options: unknown,
  call: (options: RequestOptions | undefined) => Effect.Effect<A, E>,
): Promise<A> => {
  const issues: Array<LomiValidationIssue> = []
  const values = readOptions(options, PROMISE_OPTIONS, issues)
  const signal = readSignal(values.signal, issues)
  if (issues.length > 0) return Promise.reject(validationError(issues))
  let rest: RequestOptions | undefined
  if (options !== undefined) {
    rest = {}
    for (const name of REQUEST_OPTIONS)
      if (values[name] !== undefined) (rest as Record<string, unknown>)[name] = values[name]
  }
  // `suspend`, so nothing `call` does escapes as a synchronous throw.
  return runChecked(
    Effect.suspend(() => call(rest)),
    signal,
  )
}

/**
 * The result of a list call in a Promise client: `await` it for the first page, or iterate it with
 * `for await` for every item across pages, fetched one page at a time. Nothing is requested until it is
 * awaited or iterated, so an unused list never produces an unhandled rejection.
 *
 * @example
 * ```ts
 * const page = await lomi.checkoutSessions.list({ limit: 50 })
 * for await (const session of lomi.checkoutSessions.list()) console.log(session.id)
 * ```
 *
 * @since 0.1.0
 */
export class PagePromise<A> implements PromiseLike<Page<A>>, AsyncIterable<A> {
  readonly #firstPage: () => Promise<Page<A>>
  readonly #nextPage: (offset: number) => Promise<Page<A>>
  #first: Promise<Page<A>> | undefined

  constructor(firstPage: () => Promise<Page<A>>, nextPage: (offset: number) => Promise<Page<A>>) {
    this.#firstPage = firstPage
    this.#nextPage = nextPage
  }

  #page(): Promise<Page<A>> {
    this.#first ??= this.#firstPage()
    return this.#first
  }

  // biome-ignore lint/suspicious/noThenProperty: a PagePromise is meant to be awaited.
  then<T1 = Page<A>, T2 = never>(
    onfulfilled?: ((value: Page<A>) => T1 | PromiseLike<T1>) | null | undefined,
    onrejected?: ((reason: unknown) => T2 | PromiseLike<T2>) | null | undefined,
  ): Promise<T1 | T2> {
    return this.#page().then(onfulfilled, onrejected)
  }

  /** Like `Promise.prototype.catch`. */
  catch<T = never>(
    onrejected?: ((reason: unknown) => T | PromiseLike<T>) | null | undefined,
  ): Promise<Page<A> | T> {
    return this.#page().catch(onrejected)
  }

  /** Like `Promise.prototype.finally`. */
  finally(onfinally?: (() => void) | null | undefined): Promise<Page<A>> {
    return this.#page().finally(onfinally)
  }

  /** Walks every item of every page, fetching the next page only when the current one is used up. */
  [Symbol.asyncIterator](): AsyncIterator<A> {
    return new PageIterator(() => this.#page(), this.#nextPage)
  }

  /** `"PagePromise"`, for `Object.prototype.toString`. */
  get [Symbol.toStringTag](): string {
    return "PagePromise"
  }
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined }

/**
 * Walks a list item by item. Items of a page already fetched are handed out at once (one resolved promise
 * each), with none of an async generator's per-item awaits; the next page is requested only when the last
 * item of the current one has been taken and the caller asks for more, so breaking out of `for await` never
 * fetches another page.
 */
class PageIterator<A> implements AsyncIterator<A> {
  #first: (() => Promise<Page<A>>) | undefined
  #page: Page<A> | undefined
  #index = 0
  #offset = 0
  #done = false
  // The page being fetched; calls to `next` made meanwhile wait for it.
  #pending: Promise<void> | undefined
  readonly #nextPage: (offset: number) => Promise<Page<A>>

  constructor(first: () => Promise<Page<A>>, nextPage: (offset: number) => Promise<Page<A>>) {
    this.#first = first
    this.#nextPage = nextPage
  }

  #load(page: Promise<Page<A>>, offsetOf: (page: Page<A>) => number): Promise<void> {
    return page.then(
      (loaded) => {
        this.#pending = undefined
        this.#page = loaded
        this.#index = 0
        this.#offset = offsetOf(loaded)
      },
      (error: unknown) => {
        this.#pending = undefined
        this.#done = true
        throw error
      },
    )
  }

  next(): Promise<IteratorResult<A>> {
    if (this.#pending !== undefined) return this.#pending.then(() => this.next())
    if (this.#done) return Promise.resolve(DONE)
    if (this.#first !== undefined) {
      // Nothing is requested before the first `next`. The first page's own offset counts, since the caller
      // chose it; after that, the offsets we asked for.
      this.#pending = this.#load(this.#first(), (page) => page.pagination.offset)
      this.#first = undefined
      return this.next()
    }
    const page = this.#page!
    if (this.#index < page.data.length)
      return Promise.resolve({ done: false, value: page.data[this.#index++]! })
    const next = nextOffset(page, this.#offset)
    if (next === undefined) return this.return()
    // The exhausted page is let go before the next one arrives.
    this.#page = undefined
    this.#pending = this.#load(this.#nextPage(next), () => next)
    return this.next()
  }

  return(): Promise<IteratorResult<A>> {
    this.#done = true
    this.#first = undefined
    this.#page = undefined
    return Promise.resolve(DONE)
  }
}
