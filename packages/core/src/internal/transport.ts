/**
 * The request loop: validate, send, classify, retry. Everything an operation needs at run time, and
 * nothing about any particular resource.
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Redacted from "effect/Redacted"
import type * as Tracer from "effect/Tracer"
import type { ResolvedConfig } from "../Config.js"
import {
  LomiConnectionError,
  type LomiError,
  type LomiErrorFields,
  LomiResponseDecodeError,
  LomiTimeoutError,
  type LomiValidationIssue,
} from "../Errors.js"
import type {
  AnyOperation,
  OperationError,
  OperationInput,
  OperationSuccess,
  RequestOptions,
  ResponseMeta,
} from "../Operation.js"
import { backoffDelay, isRetryableStatus, parseRetryAfter, RetryPolicy, shouldRetryHeader } from "../Retry.js"
import type { Route } from "../Route.js"
import { type SpanAttributes, sendOnce, spanAttributes } from "./attempt.js"
import { statusError } from "./errorBody.js"
import { checkInitHeaders, headersRecord } from "./headers.js"
import { chooseSend, type Outgoing } from "./http.js"
import { encodeInput } from "./input.js"
import { type AttemptRecord, attemptLevel, attemptLine, type NextStep } from "./logLine.js"
import { makeMasker } from "./mask.js"
import { resolveCallOptions, validationError } from "./options.js"
import { decodeSuccess, describeCause, readErrorBody } from "./response.js"
import { isRouteNotFound, routeNotFoundError } from "./routeNotFound.js"
import type { Telemetry } from "./telemetry.js"
import { unsupportedOperationError } from "./unsupported.js"

/** What a `LomiClient` does, given a validated configuration and how to report spans and logs. */
export const makeExecutor = (config: ResolvedConfig, telemetry: Telemetry) => {
  const mask = makeMasker(Redacted.value(config.apiKey))
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
    // Everything the caller gave is checked before anything is sent, and every problem is reported.
    const issues: Array<LomiValidationIssue> = []
    const call = resolveCallOptions(config, options, issues)
    const encoded = encodeInput(op, route, input)
    if (!encoded.ok) issues.push(...encoded.issues)
    const init = Option.getOrUndefined(yield* Effect.serviceOption(FetchHttpClient.RequestInit))
    const initHeaders = checkInitHeaders(init, issues)
    if (!encoded.ok || issues.length > 0) return yield* Effect.fail(validationError(issues))
    const { timeoutMs, maxRetries, deadlineMs, idempotencyKey: keyOption } = call
    // One key per logical call, reused by every retry: that is what makes a retried POST safe.
    const idempotencyKey =
      route.method !== "POST" || keyOption === false
        ? undefined
        : (keyOption ?? globalThis.crypto.randomUUID())
    // Without a key the server cannot tell a retry from a second payment, so such a POST is sent once.
    const mayRetry = route.method !== "POST" || idempotencyKey !== undefined

    const { path, query, queryValues, body } = encoded.value
    const url = `${config.baseUrl}${path}${query === "" ? "" : `?${query}`}`
    const headers: Record<string, string> = { accept: "application/json" }
    if (config.userAgent !== undefined) headers["user-agent"] = config.userAgent
    // Neither set of caller headers can hold X-API-KEY, Idempotency-Key or a transport header: both
    // were refused above (client headers when the client was built).
    Object.assign(headers, headersRecord(config.headers), headersRecord(call.headers))
    headers["x-api-key"] = Redacted.value(config.apiKey)
    if (idempotencyKey !== undefined) headers["idempotency-key"] = idempotencyKey
    // A body sets its own content type and no body sends none; the transport computes the length.
    if (body !== undefined) headers["content-type"] = "application/json"
    else delete headers["content-type"]
    const request: Outgoing = { url, method: route.method, headers, body }
    const send = chooseSend(config, yield* FetchHttpClient.Fetch, init, initHeaders)

    const policy = yield* RetryPolicy
    const deadlineAt = deadlineMs === undefined ? undefined : startedAt + deadlineMs
    span.attribute("lomi.idempotency", idempotencyKey !== undefined)

    const maxAttempts = maxRetries + 1
    let attempt = 0
    while (true) {
      attempt++
      const now = yield* Clock.currentTimeMillis
      const remaining = deadlineAt === undefined ? Number.POSITIVE_INFINITY : deadlineAt - now
      const context = (retryable: boolean, requestId: string | undefined) => ({
        requestId,
        retryable,
        attempts: attempt,
        idempotencyKey,
      })
      if (remaining <= 0) return yield* deadlineError(deadlineMs ?? 0, context(false, undefined))
      const cutByDeadline = remaining < timeoutMs
      const budget = Math.min(timeoutMs, remaining)

      const outcome = yield* sendOnce(send, request, budget, op.name, attributes, attempt, telemetry, mask)
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

      let error: LomiError
      let retryable: boolean
      let retryAfterMs: number | undefined
      if (outcome._tag === "Response") {
        const requestId = outcome.headers["x-request-id"]
        span.attribute("http.response.status_code", outcome.status)
        if (requestId !== undefined) span.attribute("lomi.request_id", requestId)
        span.attribute("lomi.attempts", attempt)
        if (outcome.status >= 200 && outcome.status < 300) {
          yield* report(`HTTP ${outcome.status}`, undefined)
          const decoded = decodeSuccess(route, outcome.text, mask)
          if (decoded.ok) {
            const meta: ResponseMeta = {
              status: outcome.status,
              headers: outcome.headers,
              requestId,
              idempotencyKey,
              attempts: attempt,
            }
            // A route whose wire shape differs (a list's bare array) makes the operation's result of it.
            const data =
              route.toResult === undefined ? decoded.value : route.toResult(decoded.value, queryValues)
            return { data, meta }
          }
          return yield* Effect.fail(
            new LomiResponseDecodeError({
              ...fields(outcome.status, "RESPONSE_DECODE_ERROR", context(false, requestId)),
              message: `The ${op.name} response does not match the SDK's schema (status ${outcome.status}); please report it with the request id`,
              body: decoded.body,
              issues: decoded.issues,
            }),
          )
        }
        retryable = shouldRetryHeader(outcome.headers) ?? isRetryableStatus(outcome.status)
        retryAfterMs = parseRetryAfter(outcome.headers, now)
        const body = readErrorBody(outcome.status, outcome.text, outcome.headers["content-type"], mask)
        error =
          outcome.status === 404 && isRouteNotFound(body)
            ? routeNotFoundError(config.baseUrl, generation, route, body, context(false, requestId))
            : statusError(
                outcome.status,
                body,
                context(retryable, requestId),
                op.errors,
                retryAfterMs === undefined ? undefined : retryAfterMs / 1000,
              )
        retryable = error.retryable
      } else if (outcome._tag === "Transport") {
        retryable = true
        const cause = describeCause(outcome.cause, mask)
        error = new LomiConnectionError({
          ...fields(undefined, "CONNECTION_ERROR", context(true, undefined)),
          message: `Could not reach the lomi. API (${route.method} ${route.path}): ${cause.message}`,
          cause: cause.cause,
        })
      } else {
        if (cutByDeadline) {
          const next =
            mayRetry && maxRetries > 0 ? { givingUp: `the deadline of ${deadlineMs} ms ran out` } : undefined
          yield* report("attempt timeout", next)
          return yield* deadlineError(deadlineMs ?? budget, context(false, undefined))
        }
        retryable = true
        error = new LomiTimeoutError({
          ...fields(undefined, "TIMEOUT", context(true, undefined)),
          message: `${route.method} ${route.path} timed out after ${budget} ms (attempt ${attempt})`,
          kind: "attempt",
          timeoutMs: budget,
        })
      }

      const reason = retryReason(error)
      // Stopping on a transient failure is worth a warning only when the call was allowed to retry: with
      // `maxRetries: 0` or `idempotencyKey: false` the caller chose a single attempt.
      const giveUp = (why: string) =>
        Effect.andThen(
          report(reason, mayRetry && maxRetries > 0 ? { givingUp: why } : undefined),
          Effect.fail(error),
        )
      if (!retryable) {
        yield* report(reason, undefined)
        return yield* Effect.fail(error)
      }
      if (!mayRetry || attempt > maxRetries) return yield* giveUp("no retries left")
      // A server asking for a longer pause than we are willing to block for gets the error back,
      // with `retryAfter` on rate limits, so the caller can reschedule.
      if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs)
        return yield* giveUp(
          `the server asked to wait ${Math.round(retryAfterMs / 1000)} s, longer than the ${Math.round(policy.maxRetryAfterMs / 1000)} s the SDK waits`,
        )
      const delayMs = retryAfterMs ?? backoffDelay(attempt, yield* Random.next, policy)
      const afterDelay = (yield* Clock.currentTimeMillis) + delayMs
      // Never sleep past the deadline: the caller would get the same error later, for nothing.
      if (deadlineAt !== undefined && afterDelay >= deadlineAt)
        return yield* giveUp(`the deadline of ${deadlineMs} ms leaves no time for another attempt`)

      span.event("lomi.retry", yield* Clock.currentTimeNanos, {
        "lomi.attempt": attempt,
        "lomi.retry.reason": reason,
        "lomi.retry.delay_ms": delayMs,
      })
      yield* report(reason, { retryInMs: delayMs })
      yield* Effect.sleep(Duration.millis(delayMs))
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

const fields = (
  status: number | undefined,
  code: string,
  context: Omit<LomiErrorFields, "status" | "code" | "message">,
): Omit<LomiErrorFields, "message"> => ({ status, code, ...context })

const deadlineError = (deadlineMs: number, context: Omit<LomiErrorFields, "status" | "code" | "message">) =>
  Effect.fail(
    new LomiTimeoutError({
      ...fields(undefined, "DEADLINE_EXCEEDED", context),
      message: `The request deadline of ${deadlineMs} ms was exceeded after ${context.attempts} attempt(s)`,
      kind: "deadline",
      timeoutMs: deadlineMs,
    }),
  )

// A failed attempt's outcome, as its log line and its retry event name it.
const retryReason = (error: LomiError): string => {
  switch (error._tag) {
    case "LomiConnectionError":
      return "connection error"
    case "LomiTimeoutError":
      return "attempt timeout"
    default:
      return `HTTP ${error.status}${error.code === "" ? "" : ` ${error.code}`}`
  }
}

// The attempt's line, when its level is logged; the duration runs from `startedAt` to now.
const logAttempt = (telemetry: Telemetry, startedAt: number, record: AttemptRecord): Effect.Effect<void> => {
  const level = attemptLevel(record)
  if (!telemetry.logs(level)) return Effect.void
  return Effect.flatMap(Clock.currentTimeMillis, (now) =>
    telemetry.log(level, attemptLine({ ...record, durationMs: now - startedAt })),
  )
}
