/**
 * Turns any error response into the typed error for its status. It never fails: the live service sends
 * several JSON shapes, proxies send HTML, and a broken upstream sends nothing at all.
 */
import {
  type ErrorClass,
  LomiBadRequestError,
  LomiCommonErrorClasses,
  type LomiError,
  type LomiErrorFields,
  LomiRateLimitError,
  LomiUnexpectedStatusError,
} from "../Errors.js"
import { classForStatus, statusRule } from "./statuses.js"

/**
 * The shape of an error body: the contract's envelope (`{"error":{...}}`), lomi.'s NestJS shape
 * (`{"statusCode","message","error"}`), other JSON, HTML, other text, or nothing.
 */
export type ErrorBodyShape = "contract" | "nest" | "json" | "html" | "text" | "empty"

/** What can be learnt from an error body. */
export interface ParsedErrorBody {
  readonly shape: ErrorBodyShape
  readonly code: string | undefined
  readonly message: string | undefined
  readonly details: unknown
}

const SNIPPET = 200

/** The SDK's code for a status when the server sent none. */
export const defaultCode = (status: number): string => statusRule(status)?.code ?? `HTTP_${status}`

const describe = (status: number): string => {
  const reason = statusRule(status)?.reason
  return reason === undefined ? `HTTP ${status}` : `HTTP ${status} ${reason}`
}

const nonEmptyString = (u: unknown): string | undefined =>
  typeof u === "string" && u.trim() !== "" ? u : undefined

// NestJS-style validation answers put a list of messages in `message`.
const messageOf = (u: unknown): string | undefined => {
  if (Array.isArray(u)) {
    const parts = u.filter((x): x is string => typeof x === "string" && x.trim() !== "")
    return parts.length > 0 ? parts.join("; ") : undefined
  }
  return nonEmptyString(u)
}

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/**
 * Reads the three JSON error shapes of the contract (`{"error":{"code","message","details"}}`,
 * `{"error":{"message"}}`, `{"statusCode","message","error"}`) and falls back to a snippet for anything
 * else.
 */
export const parseErrorBody = (
  status: number,
  text: string,
  contentType: string | undefined,
): ParsedErrorBody => {
  const trimmed = text.trim()
  if (trimmed === "")
    return {
      shape: "empty",
      code: undefined,
      message: `${describe(status)} (empty response body)`,
      details: undefined,
    }
  let json: unknown
  let isJson = false
  try {
    json = JSON.parse(trimmed)
    isJson = true
  } catch {
    isJson = false
  }
  if (isJson && isRecord(json)) {
    const error = json.error
    if (isRecord(error)) {
      return {
        shape: "contract",
        code: nonEmptyString(error.code),
        message: messageOf(error.message) ?? messageOf(json.message),
        details: error.details,
      }
    }
    // `{"statusCode": 404, "message": "...", "error": "Not Found"}`: `error` is a reason phrase, not a code.
    const message = messageOf(json.message)
    return {
      shape: typeof json.statusCode === "number" && message !== undefined ? "nest" : "json",
      code: nonEmptyString(json.code),
      message: message ?? nonEmptyString(error),
      details: json.details,
    }
  }
  const html = /html/i.test(contentType ?? "") || /^<(!doctype|html)/i.test(trimmed)
  const snippet = trimmed.replace(/\s+/g, " ").slice(0, SNIPPET)
  return {
    shape: html ? "html" : "text",
    code: undefined,
    message: `${describe(status)} with ${html ? "an HTML" : "a non-JSON"} body: ${snippet}`,
    details: undefined,
  }
}

/** Context of the failed call, shared by every error. */
export interface CallContext {
  readonly requestId: string | undefined
  readonly retryable: boolean
  readonly attempts: number
  readonly idempotencyKey: string | undefined
}

// Every operation can fail with these, whatever it declares.
const COMMON: ReadonlySet<ErrorClass> = new Set<ErrorClass>(LomiCommonErrorClasses)

/** Builds the typed error of an error response. */
export const statusError = (
  status: number,
  body: ParsedErrorBody,
  context: CallContext,
  declared: ReadonlyArray<ErrorClass>,
  retryAfterSeconds: number | undefined,
): LomiError => {
  const fields: LomiErrorFields = {
    status,
    code: body.code ?? defaultCode(status),
    message: body.message ?? describe(status),
    requestId: context.requestId,
    retryable: context.retryable,
    attempts: context.attempts,
    idempotencyKey: context.idempotencyKey,
  }
  const cls = classForStatus(status)
  if (!COMMON.has(cls) && !declared.includes(cls)) return new LomiUnexpectedStatusError(fields)
  if (cls === LomiBadRequestError) return new LomiBadRequestError({ ...fields, details: body.details })
  if (cls === LomiRateLimitError) return new LomiRateLimitError({ ...fields, retryAfter: retryAfterSeconds })
  return new (cls as typeof LomiUnexpectedStatusError)(fields)
}
