// Schema pieces the resources' inputs share: the list query, and the rules of updates and of required fields.

import * as Schema from "effect/Schema"
import { OffsetInput } from "./fields.js"

/** The list query every resource shares: `limit` 1..100, `offset` a safe integer >= 0, `sort` as `field:direction`. */
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
    offset: Schema.optionalKey(OffsetInput),
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
