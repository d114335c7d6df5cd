/**
 * The request loop, in four steps each testable alone: prepare the request (`prepare.ts`), send one attempt
 * (`attempt.ts`), classify its outcome (`classify.ts`), decide whether to retry (`decide.ts`). This module
 * only runs them in order, with the clock, the spans and the log lines. Nothing here knows a resource.
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import type * as Tracer from "effect/Tracer"
import type { ResolvedConfig } from "../Config.js"
import type {
  AnyOperation,
  OperationError,
  OperationInput,
  OperationSuccess,
  RequestOptions,
  ResponseMeta,
} from "../Operation.js"
import { RetryPolicy } from "../Retry.js"
import type { Route } from "../Route.js"
import { type SpanAttributes, sendOnce, spanAttributes } from "./attempt.js"
import { classify, deadlineError } from "./classify.js"
import { decide } from "./decide.js"
import { chooseSend, type Send } from "./http.js"
import { type AttemptRecord, attemptLevel, attemptLine, type NextStep } from "./logLine.js"
import { makeMasker } from "./mask.js"
import { validationError } from "./options.js"
import { prepareCall } from "./prepare.js"
import { revealSecret } from "./secret.js"
import type { Telemetry } from "./telemetry.js"
import { unsupportedOperationError } from "./unsupported.js"

/**
 * What a `LomiClient` does, given a validated configuration and how to report spans and logs. `transport`,
 * when given, sends every request (an Effect program's `HttpClient`); otherwise each call chooses
 * `node:http` or `fetch` (see `chooseSend`).
 */
export const makeExecutor = (config: ResolvedConfig, telemetry: Telemetry, transport?: Send) => {
  const mask = makeMasker(revealSecret(config.apiKey) ?? "")
  // Fixed when the client is built: each call reads its operation's route for it, one property read.
  const generation = config.apiGeneration

  const executeWithMeta = <Op extends AnyOperation>(
    op: Op,
    input: OperationInput,
    options: RequestOptions = {},
  ): Effect.Effect<
    { readonly data: OperationSuccess<Op>; readonly meta: ResponseMeta },
    OperationError<Op>
  > => {
    const route = op.routes[generation]
    // Not served by this generation: nothing to validate or send.
    if (route === undefined)
      return Effect.fail(unsupportedOperationError(op, generation)) as Effect.Effect<
        never,
        OperationError<Op>
      >
    const attributes = spanAttributes(op, route, generation)
    return telemetry.useSpan(op.name, { attributes }, (span) =>
      run(op, route, attributes, input, options, span),
    ) as Effect.Effect<
      { readonly data: OperationSuccess<Op>; readonly meta: ResponseMeta },
      OperationError<Op>
    >
  }

  // One generator function per client, not a fresh `function*` per call: each new generator closure gets its
  // own map, allocated in old space, which kept the call's closure (and through the span, the decoded
  // response) alive across young-generation GCs until the next full GC.
  const run = (
    op: AnyOperation,
    route: Route,
    attributes: SpanAttributes,
    input: OperationInput,
    options: RequestOptions,
    span: Tracer.Span,
  ) => Effect.gen(() => attempts(op, route, attributes, input, options, span))

  function* attempts(
    op: AnyOperation,
    route: Route,
    attributes: SpanAttributes,
    input: OperationInput,
    options: RequestOptions,
    span: Tracer.Span,
  ) {
    const startedAt = yield* Clock.currentTimeMillis
    const init = Option.getOrUndefined(yield* Effect.serviceOption(FetchHttpClient.RequestInit))
    // Everything the caller gave is checked before anything is sent, and every problem is reported.
    const prepared = prepareCall(config, op, route, input, options, init)
    if (!prepared.ok) return yield* Effect.fail(validationError(prepared.issues))
    const { request, idempotencyKey, mayRetry, timeoutMs, maxRetries, deadlineMs } = prepared.call
    const send =
      transport ?? chooseSend(config, yield* FetchHttpClient.Fetch, init, prepared.call.initHeaders)
    const policy = yield* RetryPolicy
    const deadlineAtMs = deadlineMs === undefined ? undefined : startedAt + deadlineMs
    span.attribute("lomi.idempotency", idempotencyKey !== undefined)

    const maxAttempts = maxRetries + 1
    for (let attempt = 1; ; attempt++) {
      const now = yield* Clock.currentTimeMillis
      const remaining = deadlineAtMs === undefined ? Number.POSITIVE_INFINITY : deadlineAtMs - now
      if (remaining <= 0)
        return yield* Effect.fail(
          deadlineError(deadlineMs ?? 0, {
            requestId: undefined,
            retryable: false,
            attempts: attempt,
            idempotencyKey,
          }),
        )
      const budgetMs = Math.min(timeoutMs, remaining)

      const sent = yield* sendOnce(send, request, budgetMs, op.name, attributes, attempt, telemetry, mask)
      if (sent._tag === "Response") {
        span.attribute("http.response.status_code", sent.status)
        const requestId = sent.headers["x-request-id"]
        if (requestId !== undefined) span.attribute("lomi.request_id", requestId)
        span.attribute("lomi.attempts", attempt)
      }
      const outcome = classify(sent, {
        op,
        route,
        baseUrl: config.baseUrl,
        generation,
        mask,
        attempt,
        idempotencyKey,
        queryValues: prepared.call.queryValues,
        startedAtMs: now,
        budgetMs,
        deadlineMs,
        cutByDeadline: remaining < timeoutMs,
      })
      const report = (outcomeText: string, next: NextStep | undefined) =>
        logAttempt(telemetry, now, {
          op,
          route,
          attempt,
          maxAttempts,
          outcome: outcomeText,
          durationMs: 0,
          next,
        })
      if (outcome._tag === "Success") {
        yield* report(`HTTP ${outcome.meta.status}`, undefined)
        return { data: outcome.data, meta: outcome.meta }
      }

      const decision = decide(outcome, {
        attempt,
        maxRetries,
        mayRetry,
        deadlineMs,
        deadlineAtMs,
        nowMs: yield* Clock.currentTimeMillis,
        random: yield* Random.next,
        policy,
      })
      if (decision._tag === "GiveUp") {
        yield* report(outcome.reason, decision.why === undefined ? undefined : { givingUp: decision.why })
        return yield* Effect.fail(outcome.error)
      }
      span.event("lomi.retry", yield* Clock.currentTimeNanos, {
        "lomi.attempt": attempt,
        "lomi.retry.reason": outcome.reason,
        "lomi.retry.delay_ms": decision.delayMs,
      })
      yield* report(outcome.reason, { retryInMs: decision.delayMs })
      yield* Effect.sleep(Duration.millis(decision.delayMs))
    }
  }

  const execute = <Op extends AnyOperation>(
    op: Op,
    input: OperationInput,
    options?: RequestOptions,
  ): Effect.Effect<OperationSuccess<Op>, OperationError<Op>> =>
    Effect.map(executeWithMeta(op, input, options), (result) => result.data)

  return { execute, executeWithMeta }
}

// The attempt's line, when its level is logged; the duration runs from `startedAt` to now.
const logAttempt = (telemetry: Telemetry, startedAt: number, record: AttemptRecord): Effect.Effect<void> => {
  const level = attemptLevel(record)
  if (!telemetry.logs(level)) return Effect.void
  return Effect.flatMap(Clock.currentTimeMillis, (now) =>
    telemetry.log(level, attemptLine({ ...record, durationMs: now - startedAt })),
  )
}
