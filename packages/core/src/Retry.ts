/**
 * When the SDK retries and how long it waits. The loop itself lives with the transport; this module holds
 * the rules, as pure functions, so they can be tested and documented on their own.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import { DEFAULT_RETRY_POLICY, type RetryPolicy as Policy } from "./internal/retryRules.js"

/**
 * Backoff timings. A `Context.Reference`, so Effect users (and the SDK's own tests) can tune them with
 * `Effect.provideService(RetryPolicy, { ... })`; the defaults suit the lomi. API.
 *
 * @since 0.1.0
 */
export interface RetryPolicy extends Policy {}

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
