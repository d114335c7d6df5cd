/**
 * The request loop, written once for both APIs: a generator that runs the steps (send an attempt,
 * classify it, decide whether to retry, wait) and yields an {@link Instruction} wherever it needs the
 * outside world: the clock, randomness, the network, a timer, the log. The Effect API runs it with
 * Effect's clock, random, tracer and logger (`transport.ts`, so `TestClock` drives its retries); the
 * Promise client runs it with `Date.now`, `Math.random` and `setTimeout` (`promiseRunner.ts`), without
 * loading effect.
 */
import type { ApiGeneration } from "../ApiGeneration.js"
import type { LomiError } from "../Errors.js"
import type { AnyOperation, ResponseMeta } from "../Operation.js"
import type { RetryPolicy } from "../Retry.js"
import type { Route } from "../Route.js"
import type { Attempt } from "./attempt.js"
import { classify, deadlineError } from "./classify.js"
import { decide } from "./decide.js"
import type { Outgoing } from "./http.js"
import type { LineLevel } from "./lines.js"
import { type AttemptRecord, attemptLevel, attemptLine, type NextStep } from "./logLine.js"
import type { Masker } from "./mask.js"
import type { PreparedCall } from "./prepare.js"

/** What the loop asks of its runner; the comment says what the runner passes back to `next`. */
export type Instruction =
  /** The time in milliseconds. */
  | { readonly _tag: "Now" }
  /** A number in [0, 1). */
  | { readonly _tag: "Random" }
  /** One attempt within `budgetMs`: the {@link Attempt}, its response masked. */
  | { readonly _tag: "Send"; readonly request: Outgoing; readonly budgetMs: number; readonly attempt: number }
  /** Nothing, after `ms` milliseconds. */
  | { readonly _tag: "Sleep"; readonly ms: number }
  /** Nothing, once the line is written. */
  | { readonly _tag: "Log"; readonly level: LineLevel; readonly line: string }
  /** Nothing: a retry event on the call's span (the Promise client has none). */
  | { readonly _tag: "RetryEvent"; readonly attributes: Readonly<Record<string, string | number>> }

/** The call's span, as far as the loop touches it. */
export interface LoopSpan {
  attribute(key: string, value: unknown): void
}

/** A span that records nothing, for the Promise client. */
export const NO_SPAN: LoopSpan = { attribute: () => {} }

/** What every call of a client shares. */
export interface LoopContext {
  readonly baseUrl: string
  readonly generation: ApiGeneration
  readonly mask: Masker
  readonly policy: RetryPolicy
  /** Whether a line at `level` is written, so only those are formatted. */
  readonly logs: (level: LineLevel) => boolean
}

/** How a call ended. */
export type LoopResult =
  | { readonly ok: true; readonly data: unknown; readonly meta: ResponseMeta }
  | { readonly ok: false; readonly error: LomiError }

const NOW: Instruction = { _tag: "Now" }
const RANDOM: Instruction = { _tag: "Random" }

/**
 * The attempts of one prepared call (`prepare.ts` has checked everything the caller gave): each within
 * the attempt timeout and what is left of the deadline, retried as `decide` says.
 */
export function* callLoop(
  ctx: LoopContext,
  op: AnyOperation,
  route: Route,
  call: PreparedCall,
  span: LoopSpan,
): Generator<Instruction, LoopResult, any> {
  const { request, idempotencyKey, mayRetry, timeoutMs, maxRetries, deadlineMs } = call
  const startedAt: number = yield NOW
  const deadlineAtMs = deadlineMs === undefined ? undefined : startedAt + deadlineMs
  span.attribute("lomi.idempotency", idempotencyKey !== undefined)

  const maxAttempts = maxRetries + 1
  for (let attempt = 1; ; attempt++) {
    const now: number = attempt === 1 ? startedAt : yield NOW
    const remaining = deadlineAtMs === undefined ? Number.POSITIVE_INFINITY : deadlineAtMs - now
    if (remaining <= 0) {
      const error = deadlineError(deadlineMs ?? 0, {
        requestId: undefined,
        retryable: false,
        attempts: attempt,
        idempotencyKey,
      })
      return { ok: false, error }
    }
    const budgetMs = Math.min(timeoutMs, remaining)

    const sent: Attempt = yield { _tag: "Send", request, budgetMs, attempt }
    if (sent._tag === "Response") {
      span.attribute("http.response.status_code", sent.status)
      const requestId = sent.headers["x-request-id"]
      if (requestId !== undefined) span.attribute("lomi.request_id", requestId)
      span.attribute("lomi.attempts", attempt)
    }
    const outcome = classify(sent, {
      op,
      route,
      baseUrl: ctx.baseUrl,
      generation: ctx.generation,
      mask: ctx.mask,
      attempt,
      idempotencyKey,
      queryValues: call.queryValues,
      startedAtMs: now,
      budgetMs,
      deadlineMs,
      cutByDeadline: remaining < timeoutMs,
    })
    const record = (outcomeText: string, next: NextStep | undefined): AttemptRecord => ({
      op,
      route,
      attempt,
      maxAttempts,
      outcome: outcomeText,
      durationMs: 0,
      next,
    })
    if (outcome._tag === "Success") {
      yield* logAttempt(ctx, now, record(`HTTP ${outcome.meta.status}`, undefined))
      return { ok: true, data: outcome.data, meta: outcome.meta }
    }

    const decision = decide(outcome, {
      attempt,
      maxRetries,
      mayRetry,
      deadlineMs,
      deadlineAtMs,
      nowMs: yield NOW,
      random: yield RANDOM,
      policy: ctx.policy,
    })
    if (decision._tag === "GiveUp") {
      const next = decision.why === undefined ? undefined : { givingUp: decision.why }
      yield* logAttempt(ctx, now, record(outcome.reason, next))
      return { ok: false, error: outcome.error }
    }
    yield {
      _tag: "RetryEvent",
      attributes: {
        "lomi.attempt": attempt,
        "lomi.retry.reason": outcome.reason,
        "lomi.retry.delay_ms": decision.delayMs,
      },
    }
    yield* logAttempt(ctx, now, record(outcome.reason, { retryInMs: decision.delayMs }))
    yield { _tag: "Sleep", ms: decision.delayMs }
  }
}

// The attempt's line, when its level is logged; the duration runs from `startedAt` to now.
function* logAttempt(
  ctx: LoopContext,
  startedAt: number,
  record: AttemptRecord,
): Generator<Instruction, void, any> {
  const level = attemptLevel(record)
  if (!ctx.logs(level)) return
  const now: number = yield NOW
  yield { _tag: "Log", level, line: attemptLine({ ...record, durationMs: now - startedAt }) }
}
