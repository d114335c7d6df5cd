/**
 * The error classes of the lomi. SDK, one per failure kind: plain `Error` subclasses (no `effect` needed)
 * with a `_tag` equal to the class name, so callers match with `switch (error._tag)`, `Effect.catchTag` or
 * `instanceof`, and the same diagnostics on every request error. What each class stands for (its
 * statuses, whether it is retried) is a row of the table in `Errors.ts`.
 *
 * @since 0.2.0
 */
import type { ApiGeneration } from "./ApiGeneration.js"
import { TaggedError } from "./internal/taggedError.js"

/**
 * What every request error knows about the failed call.
 *
 * @since 0.1.0
 */
export interface LomiErrorFields {
  /** The HTTP status of the last response, or `undefined` when no response arrived. */
  readonly status: number | undefined
  /** A machine-readable code: the server's (e.g. `NOT_FOUND`) when it sent one, else one of the SDK's. */
  readonly code: string
  /** The server's message when it sent one, else a description written by the SDK. */
  readonly message: string
  /** The `X-Request-Id` of the last response: quote it when contacting lomi. support. */
  readonly requestId: string | undefined
  /** Whether the same request may succeed if sent again (the SDK already retried when it could). */
  readonly retryable: boolean
  /** How many HTTP attempts were made (0 when the input was rejected before any request). */
  readonly attempts: number
  /** The `Idempotency-Key` the request carried, so a caller can retry the same logical call later. */
  readonly idempotencyKey: string | undefined
}

/**
 * 400 or 422: the server rejected the request. `details` is the server's `error.details` (for
 * `INVALID_REQUEST`, `details.issues` lists each bad field).
 *
 * @since 0.1.0
 */
export class LomiBadRequestError extends TaggedError("LomiBadRequestError")<
  LomiErrorFields & {
    /** The server's `error.details`, as sent (for `INVALID_REQUEST`, `issues`: each bad field and why). */
    readonly details: unknown
  }
> {}

/**
 * 401: the API key is missing, malformed, revoked or for the wrong environment.
 *
 * @since 0.1.0
 */
export class LomiAuthenticationError extends TaggedError("LomiAuthenticationError")<LomiErrorFields> {}

/**
 * 403: the key is valid but may not perform this operation.
 *
 * @since 0.1.0
 */
export class LomiPermissionDeniedError extends TaggedError("LomiPermissionDeniedError")<LomiErrorFields> {}

/**
 * 404: the resource does not exist (or was deleted).
 *
 * @since 0.1.0
 */
export class LomiNotFoundError extends TaggedError("LomiNotFoundError")<LomiErrorFields> {}

/**
 * 409: the request conflicts with the resource's state, or a request with the same idempotency key is
 * still in flight. Retried automatically.
 *
 * @since 0.1.0
 */
export class LomiConflictError extends TaggedError("LomiConflictError")<LomiErrorFields> {}

/**
 * 429: too many requests. `retryAfter` is the server's `Retry-After` in seconds, when it sent one.
 *
 * @since 0.1.0
 */
export class LomiRateLimitError extends TaggedError("LomiRateLimitError")<
  LomiErrorFields & {
    /** The server's `Retry-After`, in seconds, when it sent one. */
    readonly retryAfter: number | undefined
  }
> {}

/**
 * 5xx: the server failed. Retried automatically for 500, 502, 503 and 504.
 *
 * @since 0.1.0
 */
export class LomiServerError extends TaggedError("LomiServerError")<LomiErrorFields> {}

/**
 * Any status the SDK has no class for, or one the operation does not declare (for example a 404 from an
 * operation that cannot return one).
 *
 * @since 0.1.0
 */
export class LomiUnexpectedStatusError extends TaggedError("LomiUnexpectedStatusError")<LomiErrorFields> {}

/**
 * No response: DNS failure, refused or reset connection, TLS failure. Retried automatically.
 *
 * @since 0.1.0
 */
export class LomiConnectionError extends TaggedError("LomiConnectionError")<
  LomiErrorFields & {
    /** The transport's own error (key masked), for diagnostics. */
    readonly cause?: unknown
  }
> {}

/**
 * No response in time. `kind` is `"attempt"` when one attempt exceeded `timeout` (retried), or
 * `"deadline"` when the overall `deadline` across retries ran out.
 *
 * @since 0.1.0
 */
export class LomiTimeoutError extends TaggedError("LomiTimeoutError")<
  LomiErrorFields & {
    /** `attempt`: one attempt exceeded `timeout` (retried); `deadline`: the overall `deadline` ran out. */
    readonly kind: "attempt" | "deadline"
    /** The limit that was exceeded, in milliseconds. */
    readonly timeoutMs: number
  }
> {}

/**
 * A 2xx response whose body does not fit the operation's schema. `body` holds the first 2 KB of the raw
 * body and `issues` the schema's complaints, to report a contract change.
 *
 * @since 0.1.0
 */
export class LomiResponseDecodeError extends TaggedError("LomiResponseDecodeError")<
  LomiErrorFields & {
    /** The first 2 KB of the raw body (key masked). */
    readonly body: string
    /** The schema's complaints: which fields did not fit, and why. */
    readonly issues: string
  }
> {}

/**
 * One rejected input field.
 *
 * @since 0.1.0
 */
export interface LomiValidationIssue {
  /** Where the field is, e.g. `["body", "amount"]` or `["path", "session_id"]`. */
  readonly path: ReadonlyArray<string | number>
  /** Why it was rejected. */
  readonly message: string
}

/**
 * The input was rejected before any request was sent: one issue per bad field.
 *
 * @since 0.1.0
 */
export class LomiValidationError extends TaggedError("LomiValidationError")<
  LomiErrorFields & {
    /** Every rejected field, with its path and why. */
    readonly issues: ReadonlyArray<LomiValidationIssue>
  }
> {}

/**
 * The operation does not exist on the generation of lomi.'s routes the client speaks (`update` and
 * `delete` on `"2025-12"`). Raised before anything is sent (`attempts` is 0); the message names the
 * operation, the generation and what to do instead.
 *
 * @since 0.2.0
 */
export class LomiUnsupportedOperationError extends TaggedError("LomiUnsupportedOperationError")<
  LomiErrorFields & {
    /** The operation's seed name, e.g. `"update_checkout_session"`. */
    readonly operation: string
    /** The generation of routes the client speaks, which has no such operation. */
    readonly apiGeneration: ApiGeneration
  }
> {}

/**
 * The client options are invalid (unknown option, missing or malformed API key, non-https base URL...).
 * Raised when the client is built, never by a request.
 *
 * @since 0.1.0
 */
export class LomiConfigError extends TaggedError("LomiConfigError")<{
  /** What is wrong with the options, and how to fix it. */
  readonly message: string
}> {}
