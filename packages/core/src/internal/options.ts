/**
 * Per-call options: what a caller may pass, checked before anything is sent. Both APIs refuse an unknown
 * option name (a typo such as `idempotencykey` must not quietly send a random key), as client options do.
 */
import type { ResolvedConfig } from "../Config.js"
import { LomiValidationError, type LomiValidationIssue } from "../Errors.js"
import type { RequestOptions } from "../Operation.js"
import { type Check, checkDuration, checkMaxRetries } from "./checks.js"
import { describe, messageOf } from "./describe.js"
import { checkHeaders } from "./headers.js"
import { summarizeIssues } from "./input.js"

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/

/** How an issue about a value that threw when read begins. */
export const READ_FAILED = "Could not be read: "

/** The per-call options of the Effect API, in the order the docs list them. */
export const REQUEST_OPTIONS: ReadonlyArray<keyof RequestOptions> = [
  "idempotencyKey",
  "timeout",
  "maxRetries",
  "deadline",
  "headers",
]

/** The per-call options of a call, resolved against the client's. */
export interface CallOptions {
  readonly timeoutMs: number
  readonly maxRetries: number
  readonly deadlineMs: number | undefined
  readonly headers: Record<string, string>
  readonly idempotencyKey: string | false | undefined
}

/** A `LomiValidationError` for input refused before any request. */
export const validationError = (issues: ReadonlyArray<LomiValidationIssue>): LomiValidationError =>
  new LomiValidationError({
    status: undefined,
    code: "INVALID_INPUT",
    message: summarizeIssues(issues),
    requestId: undefined,
    retryable: false,
    attempts: 0,
    idempotencyKey: undefined,
    issues,
  })

/**
 * Reads the options object a caller passed: `undefined`, or an object with only `known` names. Each known
 * value is read once (a getter runs once) into a plain record; anything that throws becomes an issue.
 */
export const readOptions = (
  options: unknown,
  known: ReadonlyArray<string>,
  issues: Array<LomiValidationIssue>,
): Record<string, unknown> => {
  const values: Record<string, unknown> = Object.create(null)
  if (options === undefined) return values
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    issues.push({
      path: ["options"],
      message: `Expected an object of per-call options or undefined, got ${describe(options)}`,
    })
    return values
  }
  try {
    const unknown = Object.keys(options).filter((key) => !known.includes(key))
    for (const key of unknown) {
      issues.push({
        path: ["options", key],
        message: `Unknown option ${JSON.stringify(key)}. Known options: ${known.join(", ")}`,
      })
    }
  } catch (error) {
    issues.push({ path: ["options"], message: `${READ_FAILED}${messageOf(error)}` })
    return values
  }
  for (const key of known) {
    try {
      values[key] = (options as Record<string, unknown>)[key]
    } catch (error) {
      issues.push({ path: ["options", key], message: `${READ_FAILED}${messageOf(error)}` })
    }
  }
  return values
}

/** Checks a call's options and merges them with the client's; every problem is reported, not the first. */
export const resolveCallOptions = (
  config: ResolvedConfig,
  options: unknown,
  issues: Array<LomiValidationIssue>,
): CallOptions => {
  const values = readOptions(options, REQUEST_OPTIONS, issues)
  const check = <A>(name: string, result: Check<A>, fallback: A): A => {
    if (result.ok) return result.value
    issues.push({ path: ["options", name], message: result.error })
    return fallback
  }
  const timeoutMs =
    values.timeout === undefined
      ? config.timeoutMs
      : check("timeout", checkDuration(values.timeout, "timeout"), 0)
  const maxRetries =
    values.maxRetries === undefined
      ? config.maxRetries
      : check("maxRetries", checkMaxRetries(values.maxRetries), 0)
  const deadlineMs =
    values.deadline === undefined
      ? config.deadlineMs
      : check("deadline", checkDuration(values.deadline, "deadline"), undefined)
  const headers =
    values.headers === undefined ? {} : check("headers", checkHeaders(values.headers, "headers"), {})
  const key = values.idempotencyKey
  if (key !== undefined && key !== false && (typeof key !== "string" || !IDEMPOTENCY_KEY.test(key))) {
    issues.push({
      path: ["options", "idempotencyKey"],
      message: "Expected false or 1 to 255 visible ASCII characters (no spaces)",
    })
  }
  return { timeoutMs, maxRetries, deadlineMs, headers, idempotencyKey: key as string | false | undefined }
}
