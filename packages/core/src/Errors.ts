/**
 * The typed errors of the lomi. SDK: one tagged class per failure kind, so callers can match on `_tag`
 * (`Effect.catchTag`) or `instanceof`, and every request error carries the same diagnostics.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import type { ApiGeneration } from "./ApiGeneration.js"

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
export class LomiBadRequestError extends Data.TaggedError("LomiBadRequestError")<
  LomiErrorFields & {
    /** The server's `error.details`, as sent (for `INVALID_REQUEST`, `issues`: each bad field and why). */
    readonly details: unknown
  }
> {
  /** `"LomiBadRequestError"`: match on it with `switch (error._tag)`, `Effect.catchTag` or `instanceof`. */
  declare readonly _tag: "LomiBadRequestError"
}

/**
 * 401: the API key is missing, malformed, revoked or for the wrong environment.
 *
 * @since 0.1.0
 */
export class LomiAuthenticationError extends Data.TaggedError("LomiAuthenticationError")<LomiErrorFields> {
  /** `"LomiAuthenticationError"`: match on it with `switch (error._tag)`, `Effect.catchTag` or `instanceof`. */
  declare readonly _tag: "LomiAuthenticationError"
}

/**
 * 403: the key is valid but may not perform this operation.
 *
 * @since 0.1.0
 */
export class LomiPermissionDeniedError extends Data.TaggedError(
  "LomiPermissionDeniedError",
)<LomiErrorFields> {
  /** `"LomiPermissionDeniedError"`: match on it with `switch (error._tag)`, `Effect.catchTag` or `instanceof`. */
  declare readonly _tag: "LomiPermissionDeniedError"
}

/**
 * 404: the resource does not exist (or was deleted).
 *
 * @since 0.1.0
 */
export class LomiNotFoundError extends Data.TaggedError("LomiNotFoundError")<LomiErrorFields> {
  /** `"LomiNotFoundError"`: match on it with `switch (error._tag)`, `Effect.catchTag` or `instanceof`. */
  declare readonly _tag: "LomiNotFoundError"
}

/**
 * 409: the request conflicts with the resource's state, or a request with the same idempotency key is
 * still in flight. Retried automatically.
 *
 * @since 0.1.0
 */
export class LomiConflictError extends Data.TaggedError("LomiConflictError")<LomiErrorFields> {
  /** `"LomiConflictError"`: match on it with `switch (error._tag)`, `Effect.catchTag` or `instanceof`. */
  declare readonly _tag: "LomiConflictError"
}

/**
 * 429: too many requests. `retryAfter` is the server's `Retry-After` in seconds, when it sent one.
 *
 * @since 0.1.0
 */
export class LomiRateLimitError extends Data.TaggedError("LomiRateLimitError")<
  LomiErrorFields & {
    /** The server's `Retry-After`, in seconds, when it sent one. */
    readonly retryAfter: number | undefined
  }
> {
  /** `"LomiRateLimitError"`: match on it with `switch (error._tag)`, `Effect.catchTag` or `instanceof`. */
  declare readonly _tag: "LomiRateLimitError"
}

/**
 * 5xx: the server failed. Retried automatically for 500, 502, 503 and 504.
 *
 * @since 0.1.0
 */
export class LomiServerError extends Data.TaggedError("LomiServerError")<LomiErrorFields> {
  /** `"LomiServerError"`: match on it with `switch (error._tag)`, `Effect.catchTag` or `instanceof`. */
  declare readonly _tag: "LomiServerError"
}

/**
 * Any status the SDK has no class for, or one the operation does not declare (for example a 404 from an
 * operation that cannot return one).
 *
 * @since 0.1.0
 */
export class LomiUnexpectedStatusError extends Data.TaggedError(
  "LomiUnexpectedStatusError",
)<LomiErrorFields> {
  /** `"LomiUnexpectedStatusError"`: match on it with `switch (error._tag)`, `Effect.catchTag` or `instanceof`. */
  declare readonly _tag: "LomiUnexpectedStatusError"
}

/**
 * No response: DNS failure, refused or reset connection, TLS failure. Retried automatically.
 *
 * @since 0.1.0
 */
export class LomiConnectionError extends Data.TaggedError("LomiConnectionError")<
  LomiErrorFields & {
    /** The transport's own error (key masked), for diagnostics. */
    readonly cause?: unknown
  }
> {
  /** `"LomiConnectionError"`: match on it with `switch (error._tag)`, `Effect.catchTag` or `instanceof`. */
  declare readonly _tag: "LomiConnectionError"
}

/**
 * No response in time. `kind` is `"attempt"` when one attempt exceeded `timeout` (retried), or
 * `"deadline"` when the overall `deadline` across retries ran out.
 *
 * @since 0.1.0
 */
export class LomiTimeoutError extends Data.TaggedError("LomiTimeoutError")<
  LomiErrorFields & {
    /** `attempt`: one attempt exceeded `timeout` (retried); `deadline`: the overall `deadline` ran out. */
    readonly kind: "attempt" | "deadline"
    /** The limit that was exceeded, in milliseconds. */
    readonly timeoutMs: number
  }
> {
  /** `"LomiTimeoutError"`: match on it with `switch (error._tag)`, `Effect.catchTag` or `instanceof`. */
  declare readonly _tag: "LomiTimeoutError"
}

/**
 * A 2xx response whose body does not fit the operation's schema. `body` holds the first 2 KB of the raw
 * body and `issues` the schema's complaints, to report a contract change.
 *
 * @since 0.1.0
 */
export class LomiResponseDecodeError extends Data.TaggedError("LomiResponseDecodeError")<
  LomiErrorFields & {
    /** The first 2 KB of the raw body (key masked). */
    readonly body: string
    /** The schema's complaints: which fields did not fit, and why. */
    readonly issues: string
  }
> {
  /** `"LomiResponseDecodeError"`: match on it with `switch (error._tag)`, `Effect.catchTag` or `instanceof`. */
  declare readonly _tag: "LomiResponseDecodeError"
}

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
export class LomiValidationError extends Data.TaggedError("LomiValidationError")<
  LomiErrorFields & {
    /** Every rejected field, with its path and why. */
    readonly issues: ReadonlyArray<LomiValidationIssue>
  }
> {
  /** `"LomiValidationError"`: match on it with `switch (error._tag)`, `Effect.catchTag` or `instanceof`. */
  declare readonly _tag: "LomiValidationError"
}

/**
 * The operation does not exist on the generation of lomi.'s routes the client speaks (`update` and
 * `delete` on `"2025-12"`). Raised before anything is sent (`attempts` is 0); the message names the
 * operation, the generation and what to do instead.
 *
 * @since 0.2.0
 */
export class LomiUnsupportedOperationError extends Data.TaggedError("LomiUnsupportedOperationError")<
  LomiErrorFields & {
    /** The operation's seed name, e.g. `"update_checkout_session"`. */
    readonly operation: string
    /** The generation of routes the client speaks, which has no such operation. */
    readonly apiGeneration: ApiGeneration
  }
> {
  /** `"LomiUnsupportedOperationError"`: match on it with `switch (error._tag)`, `Effect.catchTag` or `instanceof`. */
  declare readonly _tag: "LomiUnsupportedOperationError"
}

/**
 * The client options are invalid (unknown option, missing or malformed API key, non-https base URL...).
 * Raised when the client is built, never by a request.
 *
 * @since 0.1.0
 */
export class LomiConfigError extends Data.TaggedError("LomiConfigError")<{
  /** What is wrong with the options, and how to fix it. */
  readonly message: string
}> {
  /** `"LomiConfigError"`: match on it with `switch (error._tag)`, `Effect.catchTag` or `instanceof`. */
  declare readonly _tag: "LomiConfigError"
}

/**
 * The errors every operation can fail with.
 *
 * @since 0.1.0
 */
export type CommonError =
  | LomiValidationError
  | LomiBadRequestError
  | LomiAuthenticationError
  | LomiPermissionDeniedError
  | LomiRateLimitError
  | LomiServerError
  | LomiUnexpectedStatusError
  | LomiConnectionError
  | LomiTimeoutError
  | LomiResponseDecodeError

/**
 * Every error a request can fail with: the common ones, and those only some operations declare.
 *
 * @since 0.1.0
 */
export type LomiError = CommonError | LomiNotFoundError | LomiConflictError | LomiUnsupportedOperationError

/**
 * The constructor of one of the request error classes: what an operation lists in `errors`.
 *
 * @since 0.1.0
 */
export type ErrorClass = (typeof LomiErrorClasses)[number]

/**
 * The request error classes, in the order of {@link LomiErrorTags}.
 *
 * @since 0.1.0
 */
export const LomiErrorClasses = [
  LomiBadRequestError,
  LomiAuthenticationError,
  LomiPermissionDeniedError,
  LomiNotFoundError,
  LomiConflictError,
  LomiRateLimitError,
  LomiServerError,
  LomiUnexpectedStatusError,
  LomiConnectionError,
  LomiTimeoutError,
  LomiResponseDecodeError,
  LomiValidationError,
  LomiUnsupportedOperationError,
] as const

/**
 * The `_tag` of every request error.
 *
 * @since 0.1.0
 */
export const LomiErrorTags: ReadonlyArray<LomiError["_tag"]> = [
  "LomiBadRequestError",
  "LomiAuthenticationError",
  "LomiPermissionDeniedError",
  "LomiNotFoundError",
  "LomiConflictError",
  "LomiRateLimitError",
  "LomiServerError",
  "LomiUnexpectedStatusError",
  "LomiConnectionError",
  "LomiTimeoutError",
  "LomiResponseDecodeError",
  "LomiValidationError",
  "LomiUnsupportedOperationError",
]

/**
 * Whether `u` is one of the request errors (works across duplicated copies of the package too, since it
 * checks the tag rather than the class identity).
 *
 * @since 0.1.0
 */
export const isLomiError = (u: unknown): u is LomiError =>
  typeof u === "object" &&
  u !== null &&
  u instanceof Error &&
  "_tag" in u &&
  (LomiErrorTags as ReadonlyArray<unknown>).includes(u._tag)
