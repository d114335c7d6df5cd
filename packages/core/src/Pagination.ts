/**
 * Limit/offset pagination. Every generation's list answer becomes one {@link Page}: the 1.1.0 document's
 * `{"data": [...], "pagination": {"limit", "offset", "total"}}` ({@link PageSpec}), and lomi.'s
 * `"2025-12"` routes' bare array ({@link ArrayPage}) or `{"data", "total", "limit", "offset"}`
 * ({@link FlatPage}), which do not count the whole list.
 *
 * @since 0.1.0
 */
import type { ResponseFormat } from "./Route.js"
import * as Spec from "./Spec.js"

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
 * Where a page sits in its list.
 *
 * @since 0.1.0
 */
export interface PageInfo {
  /** The page size that was asked for (1 to 100); a page shorter than this is the last. */
  readonly limit: number
  /** How many items precede this page. */
  readonly offset: number
  /**
   * How many items the whole list holds, when the server counts them (the `"v1"` routes do); `undefined`
   * when it does not (lomi.'s `"2025-12"` routes).
   */
  readonly total: number | undefined
}

/**
 * The wire form of a {@link Page} on the `"v1"` routes.
 *
 * @since 0.1.0
 */
export interface PageEncoded<I> {
  /** The items, in their wire form. */
  readonly data: ReadonlyArray<I>
  /** Where this page sits in the list, and how long the list is. */
  readonly pagination: {
    /** The page size that was asked for. */
    readonly limit: number
    /** How many items precede this page. */
    readonly offset: number
    /** How many items the whole list holds. */
    readonly total: number
  }
}

// Any number: a page whose `pagination` says something odd (a negative total, a fractional limit) still
// hands over its items, and `nextOffset` treats the nonsense as the last page.
const Count = /*#__PURE__*/ Spec.number()

// The specs (and Effect Schemas) of `"v1"` pages: an operation whose success is one of them answers a page.
const pages = /*#__PURE__*/ new WeakSet<object>()

/**
 * Marks `spec` as the description of a page, for {@link isPageSpec}.
 *
 * @internal
 */
export const markPage = <S extends object>(spec: S): S => {
  pages.add(spec)
  return spec
}

/**
 * The spec of a page of `item` as the `"v1"` routes answer it. Unknown keys (in the page and in
 * `pagination`) are dropped, so an API that adds fields does not break old SDKs; `limit`, `offset` and
 * `total` may be any number (the API document declares plain integers, and a generated mock sends
 * negative ones).
 *
 * @since 0.2.0
 */
export const PageSpec = <A>(item: Spec.Spec<A>): Spec.Spec<Page<A>> =>
  markPage(
    Spec.struct(
      {
        data: Spec.array(item),
        pagination: Spec.struct({ limit: Count, offset: Count, total: Count }, { extra: "drop" }),
      },
      { extra: "drop" },
    ),
  ) as Spec.Spec<Page<A>>

/**
 * Whether `spec` was built with {@link PageSpec} (or is a `PageSchema`): an operation whose success it is
 * answers a page.
 *
 * @since 0.3.0
 */
export const isPageSpec = (spec: unknown): boolean => pages.has(spec as object)

/**
 * {@link isPageSpec}, under the name it had when operations took Effect Schemas.
 *
 * @deprecated Use `isPageSpec`; goes in the next minor release.
 * @since 0.2.0
 */
export const isPageSchema = isPageSpec

/**
 * A page of `item` as lomi.'s `"2025-12"` checkout sessions list answers it: a bare JSON array. The page's
 * `limit` and `offset` are those the request sent (else the route's defaults, `defaultLimit` and 0), and its
 * `total` is `undefined`: such a list is walked until a page comes back shorter than its `limit`.
 *
 * @since 0.2.0
 */
export const ArrayPage = <A>(
  item: Spec.Spec<A>,
  defaults: {
    /** The page size the server uses when the request sends no `limit`. */
    readonly defaultLimit: number
  },
): ResponseFormat<Page<A>> => ({
  spec: Spec.array(item),
  toResult: (data: ReadonlyArray<A>, query) => ({
    data,
    pagination: { ...requested(query, defaults.defaultLimit), total: undefined },
  }),
})

/**
 * A page of `item` as lomi.'s `"2025-12"` payment links list answers it: `{"data", "total", "limit",
 * "offset"}`. That `total` is not read: lomi.'s service sends the length of the page there, not a count of
 * the list (`payment-links.service.ts`), so the page's `total` is `undefined`. `limit` and `offset` are
 * the server's, else those the request sent.
 *
 * @since 0.2.0
 */
export const FlatPage = <A>(
  item: Spec.Spec<A>,
  defaults: {
    /** The page size the server uses when the request sends no `limit`. */
    readonly defaultLimit: number
  },
): ResponseFormat<Page<A>> => ({
  spec: Spec.struct(
    { data: Spec.array(item), limit: Spec.nullable(Count), offset: Spec.nullable(Count) },
    { extra: "drop" },
  ),
  toResult: (body: { data: ReadonlyArray<A>; limit?: number | null; offset?: number | null }, query) => {
    const sent = requested(query, defaults.defaultLimit)
    return {
      data: body.data,
      pagination: { limit: body.limit ?? sent.limit, offset: body.offset ?? sent.offset, total: undefined },
    }
  },
})

// The `limit` and `offset` a list request sent, else the server's defaults.
const requested = (
  query: Readonly<Record<string, unknown>>,
  defaultLimit: number,
): { readonly limit: number; readonly offset: number } => ({
  limit: typeof query.limit === "number" ? query.limit : defaultLimit,
  offset: typeof query.offset === "number" ? query.offset : 0,
})

const isCount = (n: number): boolean => Number.isSafeInteger(n) && n >= 0

/**
 * The offset of the page after `page`, or `undefined` when `page` is the last: it reached `total` (when the
 * server counts), came back short of `limit`, or was empty (so a server that ignores `offset` and counts
 * its list cannot make the SDK loop forever). A page whose `limit` or `total` is not a non-negative integer, or an offset that is not
 * one, is the last too: no further request is built from nonsense. `requestedOffset` is the offset the page
 * was asked for; the next one starts right after its items, so none is skipped or repeated.
 *
 * @since 0.1.0
 */
export const nextOffset = <A>(page: Page<A>, requestedOffset: number): number | undefined => {
  const count = page.data.length
  const { limit, total } = page.pagination
  if (count === 0 || !isCount(requestedOffset) || !isCount(limit)) return undefined
  if (total !== undefined && !isCount(total)) return undefined
  const next = requestedOffset + count
  if ((total !== undefined && next >= total) || !Number.isSafeInteger(next)) return undefined
  if (count < limit) return undefined
  return next
}
