/**
 * Step one of a call: everything the caller gave, checked and turned into the request every attempt sends.
 * No I/O and no Effect: the request loop (`transport.ts`) runs it once per call.
 */
import type { ResolvedConfig } from "../Config.js"
import type { LomiValidationIssue } from "../Errors.js"
import type { AnyOperation, OperationInput, RequestOptions } from "../Operation.js"
import type { Route } from "../Route.js"
import { checkInitHeaders, headersRecord } from "./headers.js"
import type { Outgoing } from "./http.js"
import { encodeInput } from "./input.js"
import { resolveCallOptions } from "./options.js"
import { revealSecret } from "./secret.js"

/** A call ready to send: its request, and the limits and key its attempts share. */
export interface PreparedCall {
  readonly request: Outgoing
  /** The query's wire values, for a route that makes its result of them (`toResult`). */
  readonly queryValues: Readonly<Record<string, unknown>>
  /** Sent on every attempt of a POST, so the server can tell a retry from a second payment. */
  readonly idempotencyKey: string | undefined
  /** `false` for a POST without a key: it is sent once. */
  readonly mayRetry: boolean
  readonly timeoutMs: number
  readonly maxRetries: number
  readonly deadlineMs: number | undefined
  /** The headers of a `FetchHttpClient.RequestInit` service, checked; `undefined` without one. */
  readonly initHeaders: Record<string, string> | undefined
}

/**
 * Checks a call's options and input (and the headers of a `RequestInit` in context) and builds its
 * request; on failure, every issue found, so nothing is sent. `newKey` makes the idempotency key of a POST
 * that was not given one.
 */
export const prepareCall = (
  config: ResolvedConfig,
  op: AnyOperation,
  route: Route,
  input: OperationInput,
  options: RequestOptions,
  init: globalThis.RequestInit | undefined,
  newKey: () => string = () => globalThis.crypto.randomUUID(),
):
  | { readonly ok: true; readonly call: PreparedCall }
  | { readonly ok: false; readonly issues: ReadonlyArray<LomiValidationIssue> } => {
  const issues: Array<LomiValidationIssue> = []
  const call = resolveCallOptions(config, options, issues)
  const encoded = encodeInput(op, route, input)
  if (!encoded.ok) issues.push(...encoded.issues)
  const initHeaders = checkInitHeaders(init, issues)
  if (!encoded.ok || issues.length > 0) return { ok: false, issues }
  // One key per logical call, reused by every retry: that is what makes a retried POST safe.
  const idempotencyKey =
    route.method !== "POST" || call.idempotencyKey === false ? undefined : (call.idempotencyKey ?? newKey())

  const { path, query, queryValues, body } = encoded.value
  const headers: Record<string, string> = { accept: "application/json" }
  if (config.userAgent !== undefined) headers["user-agent"] = config.userAgent
  // Neither set of caller headers can hold X-API-KEY, Idempotency-Key or a transport header: both
  // were refused (client headers when the client was built).
  Object.assign(headers, headersRecord(config.headers), headersRecord(call.headers))
  headers["x-api-key"] = revealSecret(config.apiKey) ?? ""
  if (idempotencyKey !== undefined) headers["idempotency-key"] = idempotencyKey
  // A body sets its own content type and no body sends none; the transport computes the length.
  if (body !== undefined) headers["content-type"] = "application/json"
  else delete headers["content-type"]
  return {
    ok: true,
    call: {
      request: {
        url: `${config.baseUrl}${path}${query === "" ? "" : `?${query}`}`,
        method: route.method,
        headers,
        body,
      },
      queryValues,
      idempotencyKey,
      mayRetry: route.method !== "POST" || idempotencyKey !== undefined,
      timeoutMs: call.timeoutMs,
      maxRetries: call.maxRetries,
      deadlineMs: call.deadlineMs,
      initHeaders,
    },
  }
}
