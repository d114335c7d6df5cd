/**
 * Pagination for Effect code: every item of a list as a `Stream`, page after page. (The pages themselves,
 * and when a list ends, are `Pagination.ts`'s, which the Promise client uses without Effect.)
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { nextOffset, type Page } from "./Pagination.js"

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
