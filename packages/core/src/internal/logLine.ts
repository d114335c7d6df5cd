/**
 * The log line of one HTTP attempt, the same in both APIs: operation, method, path template (never the
 * ids), outcome, duration and attempt number, and what happens next when the attempt failed in a way a
 * retry could fix. It holds nothing secret: the outcome's error code, the only text from the server, was
 * masked when the response was read.
 */
import type { AnyOperation } from "../Operation.js"
import type { Route } from "../Route.js"
import type { LineLevel } from "./lines.js"

/** After a failed attempt: another one after a delay, or none although the failure was transient. */
export type NextStep = { readonly retryInMs: number } | { readonly givingUp: string }

/** What one attempt did. */
export interface AttemptRecord {
  readonly op: AnyOperation
  /** The route of the client's generation that was called. */
  readonly route: Route
  readonly attempt: number
  /** The most attempts the call may make (`maxRetries + 1`). */
  readonly maxAttempts: number
  /** `HTTP 200`, `HTTP 503 SERVICE_UNAVAILABLE`, `connection error`, `attempt timeout`. */
  readonly outcome: string
  readonly durationMs: number
  /** `undefined` when the attempt ended the call as it should (a success, or an error retrying cannot fix). */
  readonly next: NextStep | undefined
}

/**
 * A transient failure given up on is a warning (the call fails); a retry is information (the call may still
 * succeed, so the default `warn` level stays quiet about it); every other attempt is a debug line.
 */
export const attemptLevel = (record: AttemptRecord): LineLevel =>
  record.next === undefined ? "debug" : "retryInMs" in record.next ? "info" : "warn"

/**
 * `lomi: retrieve_checkout_session GET /checkout_sessions/{session_id} attempt 1/3: HTTP 503
 * SERVICE_UNAVAILABLE after 12 ms; retrying in 480 ms`
 */
export const attemptLine = (record: AttemptRecord): string => {
  const { op, route, next } = record
  const head = `lomi: ${op.name} ${route.method} ${route.path} attempt ${record.attempt}/${record.maxAttempts}: ${record.outcome} after ${Math.round(record.durationMs)} ms`
  if (next === undefined) return head
  return "retryInMs" in next
    ? `${head}; retrying in ${next.retryInMs} ms`
    : `${head}; giving up: ${next.givingUp}`
}
