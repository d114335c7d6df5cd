import type { Issue } from "./responses.js"

/** Fields lists can be sorted on. */
export const SORT_FIELDS = ["created_at", "updated_at", "amount", "title", "expires_at"] as const

/** A field lists can be sorted on. */
export type SortField = (typeof SORT_FIELDS)[number]

/** Validated list parameters. */
export interface ListQuery {
  readonly limit: number
  readonly offset: number
  readonly sortField: SortField
  readonly direction: "asc" | "desc"
}

/** The outcome of checking list parameters. */
export type QueryCheck =
  | { readonly ok: true; readonly value: ListQuery }
  | { readonly ok: false; readonly issues: Issue[] }

const DIGITS = /^\d+$/

/** Reads a non-negative decimal integer within `[min, max]`; anything else (signs, exponents, spaces) is refused. */
const integerParam = (raw: string, min: number, max: number): number | undefined => {
  if (!DIGITS.test(raw)) return undefined
  const value = Number(raw)
  return value >= min && value <= max ? value : undefined
}

/**
 * Validates `limit`, `offset` and `sort`. Out-of-range, malformed, repeated or unknown parameters are
 * refused instead of clamped: a silent clamp hides client bugs that the real service would expose.
 */
export const checkListQuery = (params: URLSearchParams): QueryCheck => {
  const issues: Issue[] = []
  const seen = new Set<string>()
  for (const name of params.keys()) {
    if (seen.has(name)) continue
    seen.add(name)
    if (name !== "limit" && name !== "offset" && name !== "sort") {
      issues.push({ path: [name], message: `Unknown query parameter "${name}"` })
    } else if (params.getAll(name).length > 1) {
      issues.push({ path: [name], message: "Must be given at most once" })
    }
  }
  let limit = 20
  const rawLimit = params.get("limit")
  if (rawLimit !== null) {
    const parsed = integerParam(rawLimit, 1, 100)
    if (parsed === undefined) issues.push({ path: ["limit"], message: "Must be an integer from 1 to 100" })
    else limit = parsed
  }
  let offset = 0
  const rawOffset = params.get("offset")
  if (rawOffset !== null) {
    const parsed = integerParam(rawOffset, 0, Number.MAX_SAFE_INTEGER)
    if (parsed === undefined)
      issues.push({ path: ["offset"], message: `Must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}` })
    else offset = parsed
  }
  let sortField: SortField = "created_at"
  let direction: "asc" | "desc" = "desc"
  const rawSort = params.get("sort")
  if (rawSort !== null) {
    const [field, dir, ...rest] = rawSort.split(":")
    if (
      rest.length > 0 ||
      !(SORT_FIELDS as ReadonlyArray<string>).includes(field ?? "") ||
      (dir !== "asc" && dir !== "desc")
    ) {
      issues.push({
        path: ["sort"],
        message: `Must be field:direction with field one of ${SORT_FIELDS.join(", ")} and direction asc or desc`,
      })
    } else {
      sortField = field as SortField
      direction = dir
    }
  }
  return issues.length === 0
    ? { ok: true, value: { limit, offset, sortField, direction } }
    : { ok: false, issues }
}
