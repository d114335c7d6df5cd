/**
 * When the SDK retries and how long it waits. The loop itself lives with the transport; this module holds
 * the rules, as pure functions, so they can be tested and documented on their own.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import { DEFAULT_RETRY_POLICY } from "./internal/retryRules.js"

/**
 * Backoff timings. A `Context.Reference`, so Effect users (and the SDK's own tests) can tune them with
 * `Effect.provideService(RetryPolicy, { ... })`; the defaults suit the lomi. API.
 *
 * @since 0.1.0
 */
export interface RetryPolicy {
  /** Delay before the first retry; doubles on each further retry (default 500 ms). */
  readonly initialDelayMs: number
  /** Cap of the computed delay (default 8 s). */
  readonly maxDelayMs: number
  /**
   * The longest server-requested delay (`Retry-After`, `retry-after-ms`) the SDK waits (default 60 s).
   * A longer request ends retrying: the error reports `retryAfter` so the caller can reschedule.
   */
  readonly maxRetryAfterMs: number
}

/**
 * The current {@link RetryPolicy}.
 *
 * @since 0.1.0
 */
// Pure, so Promise-only bundles (which never read it) drop it and effect's `Context` with it.
export const RetryPolicy = /*#__PURE__*/ Context.Reference<RetryPolicy>("@lomi/core/RetryPolicy", {
  defaultValue: () => DEFAULT_RETRY_POLICY,
})

export {
  backoffDelay,
  type HeaderRecord,
  isRetryableStatus,
  parseRetryAfter,
  shouldRetryHeader,
} from "./internal/retryRules.js"
