/**
 * Limit/offset pagination, as the lomi. list endpoints answer it:
 * `{"data": [...], "pagination": {"limit", "offset", "total"}}`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

/**
 * One page of a list.
 *
 * @since 0.1.0
 */
export interface Page<A> {
  /** The items of this page, in the list's order. */
  readonly data: ReadonlyArray<A>
  /** Where this page sits in the list. */
  readonly pagination: PageInfo
}

/**
 * Where a page sits in its list, as the server reports it.
 *
 * @since 0.1.0
 */
export interface PageInfo {
  /** The page size that was asked for (1 to 100). */
  readonly limit: number
  /** How many items precede this page. */
  readonly offset: number
  /** How many items the whole list holds. */
  readonly total: number
}

/**
 * The wire form of a {@link Page}.
 *
 * @since 0.1.0
 */
export interface PageEncoded<I> {
  /** The items, in their wire form. */
  readonly data: ReadonlyArray<I>
  /** Where this page sits in the list. */
  readonly pagination: PageInfo
}

// Any number: a page whose `pagination` says something odd (a negative total, a fractional limit) still
// hands over its items, and `nextOffset` treats the nonsense as the last page.
const Count = Schema.Number

/**
 * The schema of a page of `item`. Unknown keys (in the page and in `pagination`) are ignored, so an API
 * that adds fields does not break old SDKs; `limit`, `offset` and `total` may be any number (the API
 * document declares plain integers, and a generated mock sends negative ones).
 *
 * @since 0.1.0
 */
export const PageSchema = <S extends Schema.Top>(
  item: S,
): Schema.Codec<Page<S["Type"]>, PageEncoded<S["Encoded"]>, S["DecodingServices"], S["EncodingServices"]> =>
  Schema.Struct({
    data: Schema.Array(item),
    pagination: Schema.Struct({ limit: Count, offset: Count, total: Count }),
  }) as any

const isCount = (n: number): boolean => Number.isSafeInteger(n) && n >= 0

/**
 * The offset of the page after `page`, or `undefined` when `page` is the last: it reached `total`, came back
 * short of `limit`, or was empty (a server that ignores `offset` cannot make the SDK loop forever). A page
 * whose `limit` or `total` is not a non-negative integer, or an offset that is not one, is the last too: no
 * further request is built from nonsense. `requestedOffset` is the offset the page was asked for; the next
 * one starts right after its items, so none is skipped or repeated.
 *
 * @since 0.1.0
 */
export const nextOffset = <A>(page: Page<A>, requestedOffset: number): number | undefined => {
  const count = page.data.length
  const { limit, total } = page.pagination
  if (count === 0 || !isCount(requestedOffset) || !isCount(limit) || !isCount(total)) return undefined
  const next = requestedOffset + count
  if (next >= total || !Number.isSafeInteger(next)) return undefined
  if (count < limit) return undefined
  return next
}

/**
 * Every item of a list, page after page. Pages are fetched on demand, so at most one page is held in
 * memory and a consumer that stops early (`Stream.take`) fetches no further page.
 *
 * @since 0.1.0
 */
export const paginate = <A, E, R>(
  fetchPage: (offset: number) => Effect.Effect<Page<A>, E, R>,
  startOffset = 0,
): Stream.Stream<A, E, R> =>
  Stream.paginate(startOffset, (offset: number) =>
    Effect.map(fetchPage(offset), (page) => {
      const next = nextOffset(page, offset)
      return [page.data, next === undefined ? Option.none<number>() : Option.some(next)] as const
    }),
  )
