import { type Issue, json, type Reply } from "./responses.js"

// Errors as today's routes answer them: lomi.'s API is a NestJS app (apps/api/src/main.ts at 6b469e25),
// whose built-in HTTP exceptions answer `{"message", "error", "statusCode"}`.

const REASONS: ReadonlyMap<number, string> = new Map([
  [400, "Bad Request"],
  [401, "Unauthorized"],
  [404, "Not Found"],
  [409, "Conflict"],
  [413, "Payload Too Large"],
  [422, "Unprocessable Entity"],
  [429, "Too Many Requests"],
  [500, "Internal Server Error"],
  [503, "Service Unavailable"],
])

/** What Nest's `ParseIntPipe` answers for a `limit` or `offset` that is not a numeric string. */
export const PARSE_INT_MESSAGE = "Validation failed (numeric string is expected)"

/** An error in Nest's shape; `message` is a list when several things are wrong, as a ValidationPipe's. */
export const nestError = (
  status: number,
  message: string | ReadonlyArray<string>,
  headers: Record<string, string> = {},
): Reply => json(status, { message, error: REASONS.get(status) ?? "Error", statusCode: status }, headers)

/** The 404 Nest (on Express) answers for a method and path no controller serves. */
export const nestRouteNotFound = (method: string, url: URL): Reply =>
  nestError(404, `Cannot ${method} ${url.pathname}${url.search}`)

/**
 * One issue as a sentence that starts with the field it is about, in class-validator's manner
 * (`amount must be ...`, `property x should not exist`).
 */
export const issueSentence = (issue: Issue): string => {
  const field = issue.path.length === 0 ? "request body" : issue.path.join(".")
  const { message } = issue
  const unknown = /^Unknown (?:field|query parameter) "(.*)"$/s.exec(message)
  if (unknown !== null) return `property ${unknown[1]} should not exist`
  const oneOf = /^Expected one of (.*)$/s.exec(message)
  if (oneOf !== null) return `${field} must be one of the following values: ${oneOf[1]}`
  const typed = /^Expected (.*), got (.*)$/s.exec(message)
  if (typed !== null) return `${field} must be ${typed[1]} (got ${typed[2]})`
  if (/^Must\b/.test(message)) return `${field} must${message.slice(4)}`
  if (/^(?:Required|Not)\b/.test(message))
    return `${field} is ${message[0]?.toLowerCase()}${message.slice(1)}`
  return `${field}: ${message}`
}

/** A 400 listing every problem as a sentence naming its field. */
export const nestInvalid = (issues: ReadonlyArray<Issue>): Reply => nestError(400, issues.map(issueSentence))
