import type { ResourceKind } from "./kinds.js"
import type { Issue } from "./responses.js"
import { LINK_TYPES, SESSION_STATUSES } from "./validation.js"

// The list parameters of today's routes (lomi. `checkout-sessions.controller.ts` at b83ef01f,
// `payment-links.controller.ts` at 700515a6): `limit` and `offset` through Nest's ParseIntPipe, and
// filters. Production ignores unknown parameters and out-of-range values reach its database; the
// sandbox refuses them, as it does on `/v1`, so that a client bug shows here rather than as a 500.

/** Checked list parameters of today's routes; an unset filter keeps every item. */
export interface TodayListQuery {
  readonly limit: number
  readonly offset: number
  /** Sessions: `open`, `completed` or `expired`. */
  readonly status?: string
  /** Payment links: `product` or `instant`. */
  readonly linkType?: string
  /** Payment links: active or not. */
  readonly isActive?: boolean
}

/** The outcome of checking today's list parameters. */
export type TodayQueryCheck =
  | { readonly ok: true; readonly value: TodayListQuery }
  /** `limit` or `offset` is not one numeric string: ParseIntPipe's fixed 400. */
  | { readonly ok: false; readonly notNumeric: true }
  | { readonly ok: false; readonly notNumeric: false; readonly issues: Issue[] }

const PARAMETERS: Readonly<Record<ResourceKind, ReadonlySet<string>>> = {
  checkout_sessions: new Set(["limit", "offset", "status"]),
  payment_links: new Set(["limit", "offset", "linkType", "isActive"]),
}

// ParseIntPipe's test: an optional minus sign and digits. A repeated parameter reaches it as an array,
// which it refuses the same way.
const NUMERIC = /^-?\d+$/

const integer = (params: URLSearchParams, name: string, fallback: number): number | undefined => {
  const values = params.getAll(name)
  if (values.length === 0) return fallback
  const [value] = values
  return values.length === 1 && value !== undefined && NUMERIC.test(value) ? Number(value) : undefined
}

const within = (name: string, value: number, min: number, max: number, issues: Issue[]): void => {
  if (value < min) issues.push({ path: [name], message: `Must not be less than ${min}` })
  else if (value > max) issues.push({ path: [name], message: `Must not be greater than ${max}` })
}

/**
 * A filter's value. Production reads an empty value as no filter (`status || null`); the sandbox refuses
 * it, as the SDK does: `status=` is almost always a bug in the caller (an unset variable), not a wish.
 */
const filter = (params: URLSearchParams, name: string, issues: Issue[]): string | undefined => {
  const values = params.getAll(name)
  if (values.length > 1) {
    issues.push({ path: [name], message: "Must be given at most once" })
    return undefined
  }
  if (values[0] === "") {
    issues.push({ path: [name], message: "Must not be empty (leave the parameter out for no filter)" })
    return undefined
  }
  return values[0]
}

const STATUS_HINT = ` (lomi.'s API reference says "complete", its database "completed")`

/** Checks the list parameters of today's route for `kind`. */
export const checkTodayListQuery = (kind: ResourceKind, params: URLSearchParams): TodayQueryCheck => {
  const limit = integer(params, "limit", 20)
  const offset = integer(params, "offset", 0)
  if (limit === undefined || offset === undefined) return { ok: false, notNumeric: true }
  const issues: Issue[] = []
  within("limit", limit, 1, 100, issues)
  within("offset", offset, 0, Number.MAX_SAFE_INTEGER, issues)
  const allowed = PARAMETERS[kind]
  for (const name of new Set(params.keys())) {
    if (!allowed.has(name)) issues.push({ path: [name], message: `Unknown query parameter "${name}"` })
  }
  let query: TodayListQuery = { limit, offset }
  if (kind === "checkout_sessions") {
    const status = filter(params, "status", issues)
    if (status !== undefined && !(SESSION_STATUSES as ReadonlyArray<string>).includes(status)) {
      const hint = status === "complete" ? STATUS_HINT : ""
      issues.push({ path: ["status"], message: `Expected one of ${SESSION_STATUSES.join(", ")}${hint}` })
    } else if (status !== undefined) query = { ...query, status }
  } else {
    const linkType = filter(params, "linkType", issues)
    if (linkType !== undefined && !(LINK_TYPES as ReadonlyArray<string>).includes(linkType)) {
      issues.push({ path: ["linkType"], message: `Expected one of ${LINK_TYPES.join(", ")}` })
    } else if (linkType !== undefined) query = { ...query, linkType }
    const isActive = filter(params, "isActive", issues)
    if (isActive !== undefined && isActive !== "true" && isActive !== "false") {
      issues.push({ path: ["isActive"], message: "Must be true or false" })
    } else if (isActive !== undefined) query = { ...query, isActive: isActive === "true" }
  }
  return issues.length === 0 ? { ok: true, value: query } : { ok: false, notNumeric: false, issues }
}
