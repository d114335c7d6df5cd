/**
 * Turns untyped operation input into wire form (path, query string, JSON body), collecting every problem
 * instead of stopping at the first, so a caller fixes all their fields in one go.
 */
import type { LomiValidationIssue } from "../Errors.js"
import type { AnyOperation, OperationInput } from "../Operation.js"
import type { Route } from "../Route.js"
import { parse, type Spec } from "../Spec.js"
import {
  CONTROL_CHARACTER_MESSAGE,
  hasControlCharacter,
  isWellFormed,
  LONE_SURROGATE_MESSAGE,
} from "../Text.js"
import { messageOf } from "./describe.js"
import { checkJson, MAX_BODY_DEPTH } from "./json.js"

/** The wire form of a validated input. */
export interface EncodedInput {
  /** The path with every parameter percent-encoded, e.g. `/checkout_sessions/cs_1`. */
  readonly path: string
  /** The query string without `?`, or `""`. */
  readonly query: string
  /** The query's wire values by the operation's parameter names (before any renaming), for `toResult`. */
  readonly queryValues: Readonly<Record<string, unknown>>
  /** The JSON body, or `undefined`. */
  readonly body: string | undefined
}

// Every issue is reported, with the rejected value (`got "GBP"`), which is the caller's own input and never
// the API key. Unknown fields are errors, not silently dropped: a typo such as `sucess_url` must not create
// a session that redirects nowhere. The checked value is a fresh copy: what is sent is what was checked.
const toWire = (
  spec: Spec<unknown>,
  value: unknown,
  prefix: string,
  issues: Array<LomiValidationIssue>,
): { readonly wire: unknown } | undefined => {
  const parsed = parse(spec, value)
  if (parsed.ok) return { wire: parsed.value }
  for (const issue of parsed.issues)
    issues.push({
      path: [prefix, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))],
      message: issue.message,
    })
  return undefined
}

// `name` is the parameter as the caller wrote it (issues point there), `wire` as the route spells it.
const appendQuery = (
  params: URLSearchParams,
  name: string,
  wire: string,
  value: unknown,
  issues: Array<LomiValidationIssue>,
) => {
  if (value === undefined || value === null) return
  if (typeof value === "string" && !isWellFormed(value)) {
    issues.push({ path: ["query", name], message: LONE_SURROGATE_MESSAGE })
  } else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    params.append(wire, String(value))
  } else if (Array.isArray(value)) {
    for (const item of value) appendQuery(params, name, wire, item, issues)
  } else {
    issues.push({ path: ["query", name], message: "Expected a string, number or boolean query value" })
  }
}

/** The outcome of {@link encodeInput}. */
export type EncodeResult =
  | { readonly ok: true; readonly value: EncodedInput }
  | { readonly ok: false; readonly issues: ReadonlyArray<LomiValidationIssue> }

const NO_QUERY: Readonly<Record<string, unknown>> = Object.freeze({})

/**
 * Validates and encodes `input` for `op` on `route` (the route of the client's generation, whose specs
 * check it); on failure, every issue found. Never throws: whatever the input does when read (a throwing
 * getter, a Proxy trap) becomes an issue.
 */
export const encodeInput = (op: AnyOperation, route: Route, input: unknown): EncodeResult => {
  try {
    return encode(op, route, input as OperationInput)
  } catch (error) {
    return { ok: false, issues: [{ path: [], message: `Could not be read: ${messageOf(error)}` }] }
  }
}

const pathParamIssue = (value: unknown): string | undefined => {
  if (typeof value !== "string" || value === "") return "Expected a non-empty string"
  // URL parsers resolve dot segments (even percent-encoded ones), which would change the endpoint.
  if (value === "." || value === "..") return `Must not be "${value}"`
  if (!isWellFormed(value)) return LONE_SURROGATE_MESSAGE
  if (hasControlCharacter(value)) return CONTROL_CHARACTER_MESSAGE
  return undefined
}

const encode = (op: AnyOperation, route: Route, input: OperationInput): EncodeResult => {
  const issues: Array<LomiValidationIssue> = []
  if (typeof input !== "object" || input === null) {
    return { ok: false, issues: [{ path: [], message: "Expected an object with path, query and body" }] }
  }

  const pathInput: unknown = input.path
  let path = route.path
  if (op.pathParams.length > 0 && (typeof pathInput !== "object" || pathInput === null)) {
    for (const name of op.pathParams) issues.push({ path: ["path", name], message: "Missing path parameter" })
  } else {
    for (const name of op.pathParams) {
      const value = (pathInput as Record<string, unknown>)[name]
      const problem = pathParamIssue(value)
      if (problem !== undefined) issues.push({ path: ["path", name], message: problem })
      // A function replacement, so `$&`-style patterns in an id are not interpreted.
      else path = path.replace(`{${name}}`, () => encodeURIComponent(value as string))
    }
  }

  let query = ""
  let queryValues = NO_QUERY
  if (route.query !== undefined) {
    const result = toWire(route.query, input.query ?? {}, "query", issues)
    if (result !== undefined) {
      const params = new URLSearchParams()
      if (typeof result.wire === "object" && result.wire !== null) {
        queryValues = result.wire as Record<string, unknown>
        const names = route.queryNames
        for (const [key, value] of Object.entries(result.wire)) {
          const wire = names !== undefined && Object.hasOwn(names, key) ? (names[key] as string) : key
          appendQuery(params, key, wire, value, issues)
        }
      }
      query = params.toString()
    }
  } else if (input.query !== undefined) {
    issues.push({ path: ["query"], message: `${op.name} takes no query parameters` })
  }

  let body: string | undefined
  if (route.body !== undefined) {
    const result = toWire(route.body, input.body, "body", issues)
    if (result !== undefined) {
      // The wire form must be plain JSON whatever the spec lets through (e.g. `Spec.unknown`); the
      // checked copy is what is serialised.
      const json = checkJson(result.wire, MAX_BODY_DEPTH)
      if (json.ok) body = JSON.stringify(json.value)
      else
        for (const issue of json.issues)
          issues.push({ path: ["body", ...issue.path], message: issue.message })
    }
  } else if (input.body !== undefined) {
    issues.push({ path: ["body"], message: `${op.name} takes no body` })
  }

  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: { path, query, queryValues, body } }
}

/** `body.metadata.items[3]`: names with dots, indexes in brackets. */
export const formatPath = (path: ReadonlyArray<string | number>): string =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("")

/** `Invalid request: body.amount: ...; body.currency_code: ...` */
export const summarizeIssues = (issues: ReadonlyArray<LomiValidationIssue>): string =>
  `Invalid request: ${issues.map((i) => (i.path.length > 0 ? `${formatPath(i.path)}: ${i.message}` : i.message)).join("; ")}`
