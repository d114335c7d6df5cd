/**
 * The one interpreter of specs, for inputs (`parse`: a fresh copy of what was checked) and responses
 * (`decode`: checked in place). It runs on every call, so it walks with one mutable path and allocates
 * only for what it copies and for the issues it reports.
 */
import type { Check, Spec } from "../Spec.js"
import { describe, messageOf } from "./describe.js"
import { checkJson, MAX_DEPTH } from "./json.js"
import { type SpecNode, type StructNode, show } from "./specNode.js"

/**
 * One problem with a value: where it is (relative to the value checked) and why it was refused.
 *
 * @since 0.2.0
 */
export interface SpecIssue {
  /** Keys and indexes from the checked value down to the bad one; empty for the value itself. */
  readonly path: ReadonlyArray<string | number>
  /** Why it was refused, in a sentence a caller can act on. */
  readonly message: string
}

/**
 * The outcome of `parse` and `decode`: the accepted value, or every issue found (at most 50).
 *
 * @since 0.2.0
 */
export type Parsed<A> =
  | {
      /** Accepted. */
      readonly ok: true
      /** The value (for `parse`, a fresh copy of what was checked). */
      readonly value: A
    }
  | {
      /** Refused. */
      readonly ok: false
      /** Every issue found, in order. */
      readonly issues: ReadonlyArray<SpecIssue>
    }

const INVALID: unique symbol = Symbol("invalid")
// Enough to fix a payload in one go, without a ten-thousand-line error for ten thousand bad items.
const MAX_ISSUES = 50

interface Context {
  readonly issues: Array<SpecIssue>
  readonly copy: boolean
  /** The path of the value being checked: pushed and popped, copied only into an issue. */
  readonly path: Array<string | number>
}

/**
 * Checks a caller's `value` against `spec`, collecting every issue rather than stopping at the first.
 * Never throws: an object whose getter or Proxy trap throws is an issue at its path. Objects and arrays
 * come back as fresh copies (fields in the spec's order), so what is later sent is exactly what was
 * checked, whatever the caller's objects do next.
 *
 * @since 0.2.0
 */
export const parse = <A>(spec: Spec<A>, value: unknown): Parsed<A> => check(spec, value, true)

/**
 * Checks a value the SDK itself just read from JSON (a response body, a webhook event): like `parse`, but
 * checked in place rather than copied, since nothing else holds it; unknown keys of open structs are kept.
 *
 * @since 0.2.0
 */
export const decode = <A>(spec: Spec<A>, value: unknown): Parsed<A> => check(spec, value, false)

const check = <A>(spec: SpecNode, value: unknown, copy: boolean): Parsed<A> => {
  const ctx: Context = { issues: [], copy, path: [] }
  const result = run(spec, value, ctx)
  return result === INVALID || ctx.issues.length > 0
    ? { ok: false, issues: ctx.issues.length > 0 ? ctx.issues : [{ path: [], message: "Invalid value" }] }
    : { ok: true, value: result as A }
}

const fail = (ctx: Context, message: string, key?: string | number): typeof INVALID => {
  if (ctx.issues.length < MAX_ISSUES)
    ctx.issues.push({ path: key === undefined ? [...ctx.path] : [...ctx.path, key], message })
  return INVALID
}

const failAt = (ctx: Context, path: ReadonlyArray<string | number>, message: string) => {
  if (ctx.issues.length < MAX_ISSUES) ctx.issues.push({ path: [...ctx.path, ...path], message })
}

// Every check runs and every refusal is kept, as Effect's Schema does with `errors: "all"`.
const runChecks = (checks: ReadonlyArray<Check<any>>, value: unknown, ctx: Context): unknown => {
  let bad = false
  for (let i = 0; i < checks.length; i++) {
    const refused = checks[i]!(value)
    if (refused === undefined || (Array.isArray(refused) && refused.length === 0)) continue
    bad = true
    if (typeof refused === "string") fail(ctx, refused)
    else if (Array.isArray(refused)) for (const issue of refused) failAt(ctx, issue.path, issue.message)
    else failAt(ctx, (refused as SpecIssue).path, (refused as SpecIssue).message)
  }
  return bad ? INVALID : value
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

// `copy[key] = value` would set the prototype for a key named `__proto__`.
const define = (copy: Record<string, unknown>, key: string, value: unknown) => {
  if (key === "__proto__")
    Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true })
  else copy[key] = value
}

const expected = (ctx: Context, what: string, value: unknown) =>
  fail(ctx, `Expected ${what}, got ${show(value)}`)

// A getter or Proxy trap that throws spoils the object it belongs to: the issue is at the object's path.
const walk = (spec: SpecNode, value: any, ctx: Context): unknown => {
  const depth = ctx.path.length
  try {
    switch (spec._tag) {
      case "array":
        return runArray(spec.item, value, ctx)
      case "record":
        return runRecord(spec.value, value, ctx)
      case "struct":
        return runStruct(spec, value, ctx)
      case "union":
        return value[spec.key]
      default:
        return INVALID
    }
  } catch (error) {
    ctx.path.length = depth
    return fail(ctx, `Could not be read: ${messageOf(error)}`)
  }
}

const run = (spec: SpecNode, value: unknown, ctx: Context): unknown => {
  switch (spec._tag) {
    case "string":
      if (typeof value !== "string") return expected(ctx, "string", value)
      return spec.checks.length === 0 ? value : runChecks(spec.checks, value, ctx)
    case "number":
      if (typeof value !== "number") return expected(ctx, "number", value)
      return spec.checks.length === 0 ? value : runChecks(spec.checks, value, ctx)
    case "boolean":
      return typeof value === "boolean" ? value : expected(ctx, "boolean", value)
    case "literals":
      return typeof value === "string" && spec.values.includes(value)
        ? value
        : expected(ctx, spec.expected, value)
    case "openEnum":
      return typeof value === "string" ? value : expected(ctx, "string", value)
    case "unknown":
      return value
    case "json":
      return runJson(spec.object, value, ctx)
    case "array":
      if (!Array.isArray(value)) return expected(ctx, "array", value)
      return walk(spec, value, ctx)
    case "record":
      if (!isObject(value)) return expected(ctx, "object", value)
      return walk(spec, value, ctx)
    case "struct":
      if (!isObject(value)) return expected(ctx, "object", value)
      return walk(spec, value, ctx)
    case "union": {
      if (!isObject(value)) return expected(ctx, "object", value)
      // The member's own walk reads the object again; this read may throw on its own.
      const tag = walk(spec, value, ctx)
      if (tag === INVALID) return INVALID
      const member =
        typeof tag === "string" && Object.hasOwn(spec.members, tag) ? spec.members[tag] : spec.fallback
      if (member === undefined) {
        const names = Object.keys(spec.members)
          .map((name) => show(name))
          .join(" | ")
        return fail(ctx, `Expected ${names}, got ${show(tag)}`, spec.key)
      }
      return run(member, value, ctx)
    }
  }
}

const runJson = (object: boolean, value: unknown, ctx: Context): unknown => {
  let checked = value
  // A response was parsed from JSON: it is JSON by construction, and only an input needs the walk.
  if (ctx.copy) {
    const result = checkJson(value, MAX_DEPTH)
    if (!result.ok) {
      for (const issue of result.issues) failAt(ctx, issue.path, issue.message)
      return INVALID
    }
    checked = result.value
  }
  return object && !isObject(checked)
    ? fail(ctx, `Expected a JSON object, got ${describe(checked)}`)
    : checked
}

const runArray = (item: SpecNode, value: ReadonlyArray<unknown>, ctx: Context): unknown => {
  const out: Array<unknown> | undefined = ctx.copy ? new Array(value.length) : undefined
  let bad = false
  for (let i = 0; i < value.length; i++) {
    ctx.path.push(i)
    const result = run(item, value[i], ctx)
    ctx.path.pop()
    if (result === INVALID) bad = true
    else if (out !== undefined) out[i] = result
  }
  return bad ? INVALID : (out ?? value)
}

const runRecord = (item: SpecNode, value: Record<string, unknown>, ctx: Context): unknown => {
  const out: Record<string, unknown> | undefined = ctx.copy ? {} : undefined
  let bad = false
  for (const key of Object.keys(value)) {
    ctx.path.push(key)
    const result = run(item, value[key], ctx)
    ctx.path.pop()
    if (result === INVALID) bad = true
    else if (out !== undefined) define(out, key, result)
  }
  return bad ? INVALID : (out ?? value)
}

// Like Effect's Schema: unknown keys first, then each field in its declared order, then (only when every
// field is fine) the struct's own checks.
const runStruct = (spec: StructNode, value: Record<string, unknown>, ctx: Context): unknown => {
  const out: Record<string, unknown> | undefined = ctx.copy || spec.extra === "drop" ? {} : undefined
  let bad = false
  const keys =
    spec.extra === "refuse" || (out !== undefined && spec.extra === "keep") ? Object.keys(value) : undefined
  if (keys !== undefined && spec.extra === "refuse") {
    for (const key of keys) {
      if (Object.hasOwn(spec.fields, key)) continue
      bad = true
      fail(ctx, `Unexpected key with value ${show(value[key])}`, key)
    }
  }
  const entries = spec.entries
  for (let i = 0; i < entries.length; i++) {
    const [key, field] = entries[i]!
    if (!Object.hasOwn(value, key)) {
      if (!field.optional) {
        fail(ctx, "Missing key", key)
        bad = true
      }
      continue
    }
    const given = value[key]
    let result: unknown = given
    if (!((given === null && field.nullable) || (given === undefined && field.undefinable))) {
      ctx.path.push(key)
      result = run(field.spec, given, ctx)
      ctx.path.pop()
    }
    if (result === INVALID) bad = true
    else if (out !== undefined) define(out, key, result)
  }
  if (bad) return INVALID
  if (out !== undefined && keys !== undefined && spec.extra === "keep")
    for (const key of keys) if (!Object.hasOwn(spec.fields, key)) define(out, key, value[key])
  const result = out ?? value
  return spec.checks.length === 0 ? result : runChecks(spec.checks, result, ctx)
}

/**
 * Issues as lines of text, each message followed by where it is (`at ["data"][3]["amount"]`), for errors
 * that carry one string.
 *
 * @since 0.2.0
 */
export const formatIssues = (issues: ReadonlyArray<SpecIssue>): string =>
  issues
    .map(({ path, message }) =>
      path.length === 0
        ? message
        : `${message}\n  at ${path.map((p) => `[${typeof p === "number" ? p : JSON.stringify(p)}]`).join("")}`,
    )
    .join("\n")
