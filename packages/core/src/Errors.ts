/**
 * The typed errors of the lomi. SDK: the classes (defined in `ErrorClasses.ts`) and the one table that
 * says what each stands for. Everything else about them derives from the table: the unions
 * ({@link LomiError}, {@link CommonError}), {@link LomiErrorClasses}, {@link isLomiError}, the class each
 * HTTP status becomes and its default code, the retried statuses, and the READMEs' errors tables (a test
 * compares them). Adding an error class is a class in `ErrorClasses.ts` and a row here.
 *
 * @since 0.1.0
 */
import * as Classes from "./ErrorClasses.js"

export * from "./ErrorClasses.js"

/** How the SDK reads one HTTP status. */
export interface StatusRule {
  /** The error's `code` when the server sent none, e.g. `NOT_FOUND`. */
  readonly code: string
  /** The reason phrase of the SDK's own messages, e.g. `Not Found`. */
  readonly reason: string
  /** Whether a response with this status is retried (unless the server's `x-should-retry` says otherwise). */
  readonly retried: boolean
}

/** One row of {@link ERROR_TABLE}. */
export interface ErrorRow {
  /** The class; its name is its `_tag`. */
  readonly class: new (
    fields: never,
  ) => Error & { readonly _tag: string }
  /**
   * What raises it: an HTTP `status`, the `input` (before sending), the `network` (no response), a 2xx
   * `body` that does not decode, or the client `options` (when the client is built: not a request error).
   */
  readonly from: "status" | "input" | "network" | "body" | "options"
  /** Whether every operation can fail with it (a {@link CommonError}), or only those that declare it. */
  readonly common: boolean
  /** The statuses that become this class, and how the SDK reads each. */
  readonly statuses?: Readonly<Record<number, StatusRule>>
  /** Further statuses it takes: a range, or `"rest"`: every status no other row takes. */
  readonly otherStatuses?: readonly [from: number, to: number] | "rest"
  /** When the SDK retries it, as the READMEs say, for a row not raised by a status. */
  readonly retried?: string
}

/**
 * The SDK's error classes, one row each, in the order of {@link LomiErrorClasses}.
 *
 * @internal
 */
export const ERROR_TABLE = [
  {
    class: Classes.LomiBadRequestError,
    from: "status",
    common: true,
    statuses: {
      400: { code: "INVALID_REQUEST", reason: "Bad Request", retried: false },
      422: { code: "UNPROCESSABLE_ENTITY", reason: "Unprocessable Entity", retried: false },
    },
  },
  {
    class: Classes.LomiAuthenticationError,
    from: "status",
    common: true,
    statuses: { 401: { code: "UNAUTHORIZED", reason: "Unauthorized", retried: false } },
  },
  {
    class: Classes.LomiPermissionDeniedError,
    from: "status",
    common: true,
    statuses: { 403: { code: "FORBIDDEN", reason: "Forbidden", retried: false } },
  },
  {
    class: Classes.LomiNotFoundError,
    from: "status",
    common: false,
    statuses: { 404: { code: "NOT_FOUND", reason: "Not Found", retried: false } },
  },
  {
    class: Classes.LomiConflictError,
    from: "status",
    common: false,
    statuses: { 409: { code: "CONFLICT", reason: "Conflict", retried: true } },
  },
  {
    class: Classes.LomiRateLimitError,
    from: "status",
    common: true,
    statuses: { 429: { code: "RATE_LIMITED", reason: "Too Many Requests", retried: true } },
  },
  {
    class: Classes.LomiServerError,
    from: "status",
    common: true,
    statuses: {
      500: { code: "INTERNAL_ERROR", reason: "Internal Server Error", retried: true },
      502: { code: "BAD_GATEWAY", reason: "Bad Gateway", retried: true },
      503: { code: "SERVICE_UNAVAILABLE", reason: "Service Unavailable", retried: true },
      504: { code: "GATEWAY_TIMEOUT", reason: "Gateway Timeout", retried: true },
    },
    otherStatuses: [500, 599],
  },
  {
    class: Classes.LomiUnexpectedStatusError,
    from: "status",
    common: true,
    statuses: { 408: { code: "REQUEST_TIMEOUT", reason: "Request Timeout", retried: true } },
    otherStatuses: "rest",
  },
  { class: Classes.LomiConnectionError, from: "network", common: true, retried: "yes" },
  { class: Classes.LomiTimeoutError, from: "network", common: true, retried: '`kind: "attempt"`: yes' },
  { class: Classes.LomiResponseDecodeError, from: "body", common: true },
  { class: Classes.LomiValidationError, from: "input", common: true },
  { class: Classes.LomiUnsupportedOperationError, from: "input", common: false },
  { class: Classes.LomiConfigError, from: "options", common: false },
] as const satisfies ReadonlyArray<ErrorRow>

/**
 * The request error classes (every class but {@link LomiConfigError}), in the order of
 * {@link LomiErrorTags}.
 *
 * @since 0.1.0
 */
export const LomiErrorClasses = Object.freeze(
  ERROR_TABLE.flatMap((row) => (row.from === "options" ? [] : [row.class])),
)

/**
 * The classes of the errors every operation can fail with, whatever it declares.
 *
 * @since 0.2.0
 */
export const LomiCommonErrorClasses = Object.freeze(
  ERROR_TABLE.flatMap((row) => (row.common ? [row.class] : [])),
)

/**
 * The constructor of one of the request error classes: what an operation lists in `errors`.
 *
 * @since 0.1.0
 */
export type ErrorClass = (typeof LomiErrorClasses)[number]

/**
 * Every error a request can fail with: the common ones, and those only some operations declare.
 *
 * @since 0.1.0
 */
export type LomiError = InstanceType<ErrorClass>

/**
 * The errors every operation can fail with.
 *
 * @since 0.1.0
 */
export type CommonError = InstanceType<(typeof LomiCommonErrorClasses)[number]>

/**
 * The `_tag` of every request error.
 *
 * @since 0.1.0
 */
export const LomiErrorTags: ReadonlyArray<LomiError["_tag"]> = LomiErrorClasses.map(
  (c) => c.prototype.name as LomiError["_tag"],
)

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
