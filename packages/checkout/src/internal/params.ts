// Spec pieces the resources' inputs share: the list query, and the rules of updates and of required fields.

import { Spec } from "@lomi/core"
import { OffsetInput } from "./fields.js"

const LIMIT: Spec.Spec<number> = /*#__PURE__*/ Spec.number((n) =>
  Number.isInteger(n) && n >= 1 && n <= 100 ? undefined : "Expected an integer between 1 and 100",
)

type Optional<A> = Spec.Field<A> & { readonly "~optional": true }

/** The list query every resource shares: `limit` 1..100, `offset` a safe integer >= 0, `sort` as `field:direction`. */
export const ListQuery = <const F extends ReadonlyArray<string>>(
  fields: F,
): {
  readonly limit: Optional<number>
  readonly offset: Optional<number>
  readonly sort: Optional<`${F[number]}:asc` | `${F[number]}:desc`>
} => {
  const sorts = fields.flatMap((f) => [`${f}:asc`, `${f}:desc`]) as ReadonlyArray<
    `${F[number]}:asc` | `${F[number]}:desc`
  >
  return {
    limit: Spec.optional(LIMIT),
    offset: Spec.optional(OffsetInput),
    sort: Spec.optional(Spec.literals(sorts)),
  }
}

/** An update must change something: an empty PATCH is rejected before it is sent. */
export const nonEmptyUpdate = (params: object): string | undefined =>
  Object.keys(params).length > 0 ? undefined : "Expected at least one field to update"

/** Requires `fields` unless `unless(params)` holds; each missing field is reported at its own path. */
export const requireFields =
  <T extends object>(
    fields: ReadonlyArray<keyof T & string>,
    unless: (params: T) => boolean,
    why: string,
  ): Spec.Check<T> =>
  (params: T) => {
    if (unless(params)) return undefined
    return fields
      .filter((field) => params[field] === undefined)
      .map((field) => ({ path: [field], message: `Missing key (${why})` }))
  }
