/**
 * Step four of an attempt: after a failure, whether to try again and after how long. Pure: the request
 * loop (`transport.ts`) passes the clock's time and a random number, and does the waiting.
 */

import type { RetryPolicy } from "../Retry.js"
import type { Outcome } from "./classify.js"
import { backoffDelay } from "./retryRules.js"

/** The failure of one attempt, as `classify` reports it. */
export type Failure = Extract<Outcome, { readonly _tag: "Failure" }>

/** What the call does after a failed attempt. */
export type Decision =
  | { readonly _tag: "Retry"; readonly delayMs: number }
  /** `why` is set when the failure was transient and the call was allowed to retry: worth a warning. */
  | { readonly _tag: "GiveUp"; readonly why: string | undefined }

/** Where the call stands after a failed attempt. */
export interface CallState {
  /** The attempt that just failed, 1 for the first. */
  readonly attempt: number
  readonly maxRetries: number
  /** `false` for a POST without an idempotency key. */
  readonly mayRetry: boolean
  readonly deadlineMs: number | undefined
  /** When the deadline runs out, on the clock of `nowMs`. */
  readonly deadlineAtMs: number | undefined
  readonly nowMs: number
  /** In [0, 1), for the backoff's jitter. */
  readonly random: number
  readonly policy: RetryPolicy
}

/** Decides whether a failed attempt is retried, and after what delay. */
export const decide = (failure: Failure, state: CallState): Decision => {
  // Stopping on a transient failure is worth a warning only when the call was allowed to retry: with
  // `maxRetries: 0` or `idempotencyKey: false` the caller chose a single attempt.
  const giveUp = (why: string): Decision => ({
    _tag: "GiveUp",
    why: state.mayRetry && state.maxRetries > 0 ? why : undefined,
  })
  if (failure.deadline) return giveUp(`the deadline of ${state.deadlineMs} ms ran out`)
  if (!failure.retryable) return { _tag: "GiveUp", why: undefined }
  if (!state.mayRetry || state.attempt > state.maxRetries) return giveUp("no retries left")
  const { retryAfterMs } = failure
  const { policy } = state
  // A server asking for a longer pause than we are willing to block for gets the error back, with
  // `retryAfter` on rate limits, so the caller can reschedule.
  if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs)
    return giveUp(
      `the server asked to wait ${Math.round(retryAfterMs / 1000)} s, longer than the ${Math.round(policy.maxRetryAfterMs / 1000)} s the SDK waits`,
    )
  const delayMs = retryAfterMs ?? backoffDelay(state.attempt, state.random, policy)
  // Never sleep past the deadline: the caller would get the same error later, for nothing.
  if (state.deadlineAtMs !== undefined && state.nowMs + delayMs >= state.deadlineAtMs)
    return giveUp(`the deadline of ${state.deadlineMs} ms leaves no time for another attempt`)
  return { _tag: "Retry", delayMs }
}
