/**
 * What a Promise client's call returns: an {@link ApiPromise}, which resolves to the result and whose
 * `withResponse()` resolves to the result with the response metadata, from the same request; and for a
 * list, a {@link PagePromise}, which also walks every item of every page with `for await`.
 *
 * @since 0.2.0
 */
import type { ResponseMeta } from "./Operation.js"
import { nextOffset, type Page } from "./Pagination.js"

/**
 * A result together with the metadata of the response it came from.
 *
 * @since 0.2.0
 */
export interface WithResponse<A> {
  /** The result, as the call resolves to it without `withResponse`. */
  readonly data: A
  /** The status, headers, request id, idempotency key and number of attempts of the response. */
  readonly meta: ResponseMeta
}

/**
 * The result of a call in a Promise client: a `Promise` of the result, whose {@link ApiPromise.withResponse}
 * resolves to `{ data, meta }` from the same request (one request, however many of the two are used).
 *
 * @example
 * ```ts
 * const session = await lomi.checkoutSessions.create(params)
 * const { data, meta } = await lomi.checkoutSessions.create(params).withResponse()
 * console.log(meta.requestId)
 * ```
 *
 * @since 0.2.0
 */
export class ApiPromise<A> extends Promise<A> {
  readonly #start: () => Promise<WithResponse<A>>
  #response: Promise<WithResponse<A>> | undefined
  #data: Promise<A> | undefined

  /**
   * `response` is the request, started at once when it is a promise, or on first use (`then`,
   * `withResponse`) when it is a function.
   */
  constructor(response: Promise<WithResponse<A>> | (() => Promise<WithResponse<A>>)) {
    // The executor settles nothing the caller sees: `then`, `catch` and `finally` read the request's own
    // promise instead, so an unused `ApiPromise` never rejects unhandled by itself.
    super((resolve) => resolve(undefined as A))
    if (typeof response === "function") this.#start = response
    else {
      this.#response = response
      this.#start = () => response
    }
  }

  /** `Promise`: what `Promise`'s own methods build from an `ApiPromise` is a plain promise. */
  static override get [Symbol.species]() {
    return Promise
  }

  #request(): Promise<WithResponse<A>> {
    this.#response ??= this.#start()
    return this.#response
  }

  #result(): Promise<A> {
    this.#data ??= this.#request().then((response) => response.data)
    return this.#data
  }

  /** Resolves to `{ data, meta }`: the result and the metadata of its response, from the same request. */
  withResponse(): Promise<WithResponse<A>> {
    return this.#request()
  }

  // biome-ignore lint/suspicious/noThenProperty: an ApiPromise is meant to be awaited.
  override then<T1 = A, T2 = never>(
    onfulfilled?: ((value: A) => T1 | PromiseLike<T1>) | null | undefined,
    onrejected?: ((reason: unknown) => T2 | PromiseLike<T2>) | null | undefined,
  ): Promise<T1 | T2> {
    return this.#result().then(onfulfilled, onrejected)
  }

  /** Like `Promise.prototype.catch`. */
  override catch<T = never>(
    onrejected?: ((reason: unknown) => T | PromiseLike<T>) | null | undefined,
  ): Promise<A | T> {
    return this.#result().catch(onrejected)
  }

  /** Like `Promise.prototype.finally`. */
  override finally(onfinally?: (() => void) | null | undefined): Promise<A> {
    return this.#result().finally(onfinally)
  }

  /** `"ApiPromise"`, for `Object.prototype.toString`. */
  override get [Symbol.toStringTag](): string {
    return "ApiPromise"
  }
}

/**
 * The result of a list call in a Promise client: `await` it for the first page (`withResponse()` for the
 * first page with its response metadata), or iterate it with `for await` for every item across pages,
 * fetched one page at a time. Nothing is requested until it is awaited or iterated, so an unused list
 * never produces an unhandled rejection.
 *
 * @example
 * ```ts
 * const page = await lomi.checkoutSessions.list({ limit: 50 })
 * for await (const session of lomi.checkoutSessions.list()) console.log(session.id)
 * ```
 *
 * @since 0.1.0
 */
export class PagePromise<A> extends ApiPromise<Page<A>> implements AsyncIterable<A> {
  readonly #nextPage: (offset: number) => Promise<Page<A>>

  /** `firstPage` fetches the first page with its metadata, `nextPage` the page at an offset. */
  constructor(
    firstPage: () => Promise<WithResponse<Page<A>>>,
    nextPage: (offset: number) => Promise<Page<A>>,
  ) {
    super(firstPage)
    this.#nextPage = nextPage
  }

  /** Walks every item of every page, fetching the next page only when the current one is used up. */
  [Symbol.asyncIterator](): AsyncIterator<A> {
    // Awaiting the list and walking it share the first page.
    return new PageIterator(() => this.then(), this.#nextPage)
  }

  /** `"PagePromise"`, for `Object.prototype.toString`. */
  override get [Symbol.toStringTag](): string {
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
