/** Error codes the sandbox puts in `error.code`. */
export type ErrorCode =
  | "INVALID_REQUEST"
  | "UNAUTHORIZED"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "REQUEST_TIMEOUT"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "IDEMPOTENCY_KEY_MISMATCH"
  | "RATE_LIMITED"
  | "INTERNAL_ERROR"
  | "SERVICE_UNAVAILABLE"

/** One bad field or parameter of a 400 answer: where it is and why it was refused. */
export interface Issue {
  /** Where the bad value is, e.g. `["amount"]` or `[0, "status"]`. */
  readonly path: ReadonlyArray<string | number>
  /** Why it was refused. */
  readonly message: string
}

/**
 * An answer before it becomes a `Response`. Keeping the body as text lets idempotent replays and
 * body faults reuse the exact bytes, and lets the node adapter write it without a `Response` round trip.
 */
export interface Reply {
  /** The HTTP status. */
  readonly status: number
  /** The response headers, lower-case names. */
  readonly headers: Record<string, string>
  /** The body as text, or `undefined` for none (a 204). */
  readonly body: string | undefined
}

const JSON_TYPE = "application/json; charset=utf-8"

/** A JSON answer. */
export const json = (status: number, value: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { "content-type": JSON_TYPE, ...headers },
  body: JSON.stringify(value),
})

/** An answer without a body (204). */
export const empty = (status: number): Reply => ({ status, headers: {}, body: undefined })

/** An HTML page. */
export const html = (status: number, page: string, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { "content-type": "text/html; charset=utf-8", ...headers },
  body: page,
})

/** An error in the contract's envelope `{"error":{"code","message","details"}}`. */
export const failure = (
  status: number,
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Reply => json(status, { error: { code, message, details } }, headers)

/** A 400 listing every bad field, so a client can fix them all in one round trip. */
export const invalid = (message: string, issues: ReadonlyArray<Issue>): Reply =>
  failure(400, "INVALID_REQUEST", message, { issues })

/** Converts a reply into a standard `Response`. */
export const toResponse = (reply: Reply): Response =>
  new Response(reply.body ?? null, { status: reply.status, headers: reply.headers })

/** A 303 to `target`. Stored URLs may hold non-ASCII characters, invalid in a header: send the encoded form. */
export const redirect = (target: string): Reply => ({
  status: 303,
  headers: {
    location: new URL(target, "http://relative.invalid").href.replace(/^http:\/\/relative\.invalid/, ""),
  },
  body: undefined,
})

/** The 404 of a path the sandbox does not serve. */
export const routeNotFound = (url: URL): Reply => failure(404, "NOT_FOUND", `No route for ${url.pathname}`)

/** A 405 naming the methods the route accepts, in the body and in `Allow`. */
export const methodNotAllowed = (allowed: ReadonlyArray<string>): Reply =>
  failure(
    405,
    "METHOD_NOT_ALLOWED",
    `Method not allowed; use ${allowed.join(", ")}`,
    { allowed },
    {
      allow: allowed.join(", "),
    },
  )

/**
 * Thrown by the sandbox's test controls (`completeCheckout`, `redeliverWebhook`) when the target does not
 * exist (`NOT_FOUND`) or is in a state that forbids the action (`CONFLICT`); the admin endpoint answers
 * the matching status, 404 or 409, with `code` in the error envelope.
 */
export class SandboxActionError extends Error {
  /** `"SandboxActionError"`. */
  override readonly name = "SandboxActionError"
  /** The HTTP status the admin endpoint answers for this error. */
  readonly status: 404 | 409

  constructor(
    /** `NOT_FOUND`: no such session; `CONFLICT`: the action does not fit its state (already paid). */
    readonly code: "NOT_FOUND" | "CONFLICT",
    message: string,
  ) {
    super(message)
    this.status = code === "NOT_FOUND" ? 404 : 409
  }
}
