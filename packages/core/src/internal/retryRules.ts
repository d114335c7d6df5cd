/**
 * The retry rules as pure functions, without effect: the Promise client's request loop uses them as they
 * are, and `Retry.ts` publishes them with the `RetryPolicy` reference Effect users tune.
 */
// The policy's type only: `Retry.ts` holds the `Context.Reference`, which this module must not load.
import type { RetryPolicy } from "../Retry.js"
import { RETRIED_STATUSES } from "./statuses.js"

/** The policy when none is provided: the Promise client's, and the Effect reference's default. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
}

/**
 * Whether a status is worth retrying: timeouts, conflicts (an idempotent request still in flight), rate
 * limits and transient server failures, the `retried` statuses of the error table in `Errors.ts`. Client
 * errors (400, 422, 401, ...) would fail again, so they never are.
 *
 * @since 0.1.0
 */
export const isRetryableStatus = (status: number): boolean => RETRIED_STATUSES.has(status)

/**
 * Response headers as the retry rules read them: lower-case names to values.
 *
 * @since 0.1.0
 */
export type HeaderRecord = Readonly<Record<string, string | undefined>>

/**
 * The server's `x-should-retry` verdict, which overrides the status rule when present.
 *
 * @since 0.1.0
 */
export const shouldRetryHeader = (headers: HeaderRecord): boolean | undefined => {
  const value = headers["x-should-retry"]?.trim().toLowerCase()
  return value === "true" ? true : value === "false" ? false : undefined
}

/**
 * The delay the server asked for, in milliseconds: `retry-after-ms`, else `Retry-After` as seconds or as an
 * HTTP date (relative to `nowMs`). `undefined` when absent or unparseable.
 *
 * @since 0.1.0
 */
export const parseRetryAfter = (headers: HeaderRecord, nowMs: number): number | undefined => {
  const ms = headers["retry-after-ms"]?.trim()
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms)) return Number(ms)
  const value = headers["retry-after"]?.trim()
  if (value === undefined || value === "") return undefined
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000
  // Only a real HTTP date (it names a weekday or month): `Date.parse("-3")` would read a year.
  if (!/[a-z]{3}/i.test(value)) return undefined
  const date = Date.parse(value)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - nowMs)
}

/**
 * The computed backoff before retry number `retry` (1 for the first retry): exponential from
 * `initialDelayMs`, capped at `maxDelayMs`, minus up to 25 % of random jitter so that clients failing
 * together do not retry together. `random` is in [0, 1).
 *
 * @since 0.1.0
 */
export const backoffDelay = (retry: number, random: number, policy: RetryPolicy): number => {
  const exponential = Math.min(policy.initialDelayMs * 2 ** Math.max(0, retry - 1), policy.maxDelayMs)
  return Math.round(exponential * (1 - 0.25 * random))
}
