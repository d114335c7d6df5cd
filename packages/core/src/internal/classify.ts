/**
 * Step three of an attempt: what its outcome means. A response or a transport failure becomes the call's
 * result, or a typed error with whether a retry could fix it; nothing here waits, logs or sends.
 */
import type { ApiGeneration } from "../ApiGeneration.js"
import {
  LomiConnectionError,
  type LomiError,
  type LomiErrorFields,
  LomiResponseDecodeError,
  LomiTimeoutError,
} from "../Errors.js"
import type { AnyOperation, ResponseMeta } from "../Operation.js"
import type { Route } from "../Route.js"
import type { Attempt } from "./attempt.js"
import { type CallContext, statusError } from "./errorBody.js"
import type { Masker } from "./mask.js"
import { decodeSuccess, describeCause, readErrorBody } from "./response.js"
import { isRetryableStatus, parseRetryAfter, shouldRetryHeader } from "./retryRules.js"
import { isRouteNotFound, routeNotFoundError } from "./routeNotFound.js"

/** What an attempt is being classified against. */
export interface AttemptContext {
  readonly op: AnyOperation
  readonly route: Route
  readonly baseUrl: string
  readonly generation: ApiGeneration
  readonly mask: Masker
  /** 1 for the first attempt. */
  readonly attempt: number
  readonly idempotencyKey: string | undefined
  readonly queryValues: Readonly<Record<string, unknown>>
  /** When the attempt started, for a `Retry-After` given as an HTTP date. */
  readonly startedAtMs: number
  /** The attempt's time budget. */
  readonly budgetMs: number
  /** The call's deadline, when it set the budget (a timeout then means the deadline ran out). */
  readonly deadlineMs: number | undefined
  readonly cutByDeadline: boolean
}

/** An attempt's meaning: the call's result, or its error. */
export type Outcome =
  | { readonly _tag: "Success"; readonly data: unknown; readonly meta: ResponseMeta }
  | {
      readonly _tag: "Failure"
      readonly error: LomiError
      /** The outcome as a log line and a retry event name it: `HTTP 503 SERVICE_UNAVAILABLE`. */
      readonly reason: string
      /** Whether another attempt could succeed. */
      readonly retryable: boolean
      /** The delay the server asked for, in milliseconds. */
      readonly retryAfterMs: number | undefined
      /** The attempt ran out of the call's deadline: no other attempt may start. */
      readonly deadline: boolean
    }

const context = (ctx: AttemptContext, retryable: boolean, requestId: string | undefined): CallContext => ({
  requestId,
  retryable,
  attempts: ctx.attempt,
  idempotencyKey: ctx.idempotencyKey,
})

const fields = (
  status: number | undefined,
  code: string,
  call: CallContext,
): Omit<LomiErrorFields, "message"> => ({
  status,
  code,
  ...call,
})

/** The error of a call whose deadline ran out, after `call.attempts` attempts. */
export const deadlineError = (deadlineMs: number, call: CallContext): LomiTimeoutError =>
  new LomiTimeoutError({
    ...fields(undefined, "DEADLINE_EXCEEDED", call),
    message: `The request deadline of ${deadlineMs} ms was exceeded after ${call.attempts} attempt(s)`,
    kind: "deadline",
    timeoutMs: deadlineMs,
  })

const failure = (
  error: LomiError,
  reason: string,
  retryAfterMs: number | undefined = undefined,
  deadline = false,
): Outcome => ({ _tag: "Failure", error, reason, retryable: error.retryable, retryAfterMs, deadline })

/** What an attempt's outcome means for the call. */
export const classify = (outcome: Attempt, ctx: AttemptContext): Outcome => {
  const { op, route } = ctx
  if (outcome._tag === "Transport") {
    const cause = describeCause(outcome.cause, ctx.mask)
    const error = new LomiConnectionError({
      ...fields(undefined, "CONNECTION_ERROR", context(ctx, true, undefined)),
      message: `Could not reach the lomi. API (${route.method} ${route.path}): ${cause.message}`,
      cause: cause.cause,
    })
    return failure(error, "connection error")
  }
  if (outcome._tag === "Timeout") {
    if (ctx.cutByDeadline)
      return failure(
        deadlineError(ctx.deadlineMs ?? ctx.budgetMs, context(ctx, false, undefined)),
        "attempt timeout",
        undefined,
        true,
      )
    const error = new LomiTimeoutError({
      ...fields(undefined, "TIMEOUT", context(ctx, true, undefined)),
      message: `${route.method} ${route.path} timed out after ${ctx.budgetMs} ms (attempt ${ctx.attempt})`,
      kind: "attempt",
      timeoutMs: ctx.budgetMs,
    })
    return failure(error, "attempt timeout")
  }

  const { status, headers, text } = outcome
  const requestId = headers["x-request-id"]
  if (status >= 200 && status < 300) {
    const decoded = decodeSuccess(route, text, ctx.mask)
    if (!decoded.ok) {
      const error = new LomiResponseDecodeError({
        ...fields(status, "RESPONSE_DECODE_ERROR", context(ctx, false, requestId)),
        message: `The ${op.name} response does not match the SDK's schema (status ${status}); please report it with the request id`,
        body: decoded.body,
        issues: decoded.issues,
      })
      return failure(error, `HTTP ${status}`)
    }
    const meta: ResponseMeta = {
      status,
      headers,
      requestId,
      idempotencyKey: ctx.idempotencyKey,
      attempts: ctx.attempt,
    }
    // A route whose wire shape differs (a list's bare array) makes the operation's result of it.
    const data = route.toResult === undefined ? decoded.value : route.toResult(decoded.value, ctx.queryValues)
    return { _tag: "Success", data, meta }
  }

  const retryable = shouldRetryHeader(headers) ?? isRetryableStatus(status)
  const retryAfterMs = parseRetryAfter(headers, ctx.startedAtMs)
  const body = readErrorBody(status, text, headers["content-type"], ctx.mask)
  const error =
    status === 404 && isRouteNotFound(body)
      ? routeNotFoundError(ctx.baseUrl, ctx.generation, route, body, context(ctx, false, requestId))
      : statusError(
          status,
          body,
          context(ctx, retryable, requestId),
          op.errors,
          retryAfterMs === undefined ? undefined : retryAfterMs / 1000,
        )
  return failure(error, `HTTP ${status}${error.code === "" ? "" : ` ${error.code}`}`, retryAfterMs)
}
