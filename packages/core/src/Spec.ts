/**
 * The SDK's own small schema language: what a request may carry and what a response must hold, described
 * as plain data and checked by one interpreter that needs nothing from Effect. The Promise client validates
 * and decodes with it (so it ships without Effect's Schema, which alone weighs more than the whole client),
 * the Effect API uses the same interpreter, and `@lomi/core/effect` turns any spec into an Effect Schema
 * for users who want one.
 *
 * @since 0.2.0
 */
import { describe, messageOf } from "./internal/describe.js"
import { checkJson, MAX_DEPTH } from "./internal/json.js"
import type { JsonObject, JsonValue } from "./Json.js"

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
 * A rule on a value that its type alone does not express: `undefined` when the value is fine, else why it
 * is not (or, for an object, the issues at their own paths).
 *
 * @since 0.2.0
 */
export type Check<A> = (value: A) => string | ReadonlyArray<SpecIssue> | undefined

/**
 * A spec of values of type `A`: plain data, read by {@link parse} and by `toSchema` in `@lomi/core/effect`.
 *
 * @since 0.2.0
 */
export type Spec<A> = SpecNode & { readonly "~type"?: (_: A) => A }

/**
 * The shape of every spec, without its type.
 *
 * @since 0.2.0
 */
export type SpecNode =
  | { readonly _tag: "string"; readonly checks: ReadonlyArray<Check<string>> }
  | { readonly _tag: "number"; readonly checks: ReadonlyArray<Check<number>> }
  | { readonly _tag: "boolean" }
  | { readonly _tag: "literals"; readonly values: ReadonlyArray<string> }
  /** Any string; `values` are the ones known today (a later one is accepted too). */
  | { readonly _tag: "openEnum"; readonly values: ReadonlyArray<string> }
  | { readonly _tag: "unknown" }
  /** Plain JSON (core's one JSON check), `object` when it must be an object. */
  | { readonly _tag: "json"; readonly object: boolean }
  | { readonly _tag: "array"; readonly item: SpecNode }
  | { readonly _tag: "record"; readonly value: SpecNode }
  | {
      readonly _tag: "struct"
      readonly fields: Readonly<Record<string, Field<unknown>>>
      /** `refuse`: a key not in `fields` is an issue (inputs); `keep`: it is kept as is (responses). */
      readonly extra: "refuse" | "keep"
      readonly checks: ReadonlyArray<Check<any>>
    }
  | {
      readonly _tag: "union"
      /** The key whose string value picks the member. */
      readonly key: string
      readonly members: Readonly<Record<string, SpecNode>>
      /** The member for any other value of `key`, when later values must still decode. */
      readonly fallback: SpecNode | undefined
    }

/**
 * A field of a struct: its spec and whether it may be absent (`optional`) or `null` (`nullable`).
 *
 * @since 0.2.0
 */
export interface Field<A> {
  readonly spec: Spec<A>
  readonly optional: boolean
  readonly nullable: boolean
}

/**
 * The type of the values a spec accepts.
 *
 * @since 0.2.0
 */
export type TypeOf<S> = S extends { readonly "~type"?: (_: infer A) => infer _ } ? A : never

const node = <A>(spec: SpecNode): Spec<A> => spec as Spec<A>

/**
 * A string, passing every check in order.
 *
 * @since 0.2.0
 */
export const string = (...checks: ReadonlyArray<Check<string>>): Spec<string> =>
  node({ _tag: "string", checks })

/**
 * A number, passing every check in order.
 *
 * @since 0.2.0
 */
export const number = (...checks: ReadonlyArray<Check<number>>): Spec<number> =>
  node({ _tag: "number", checks })

/**
 * `true` or `false`.
 *
 * @since 0.2.0
 */
export const boolean: Spec<boolean> = /*#__PURE__*/ node({ _tag: "boolean" })

/**
 * One of `values`.
 *
 * @since 0.2.0
 */
export const literals = <const L extends ReadonlyArray<string>>(values: L): Spec<L[number]> =>
  node({ _tag: "literals", values })

/**
 * Any string: `values` are the ones known today, a later one is accepted too (response enums).
 *
 * @since 0.2.0
 */
export const openEnum = <const L extends ReadonlyArray<string>>(values: L): Spec<L[number] | (string & {})> =>
  node({ _tag: "openEnum", values })

/**
 * Anything (a response field the SDK does not interpret).
 *
 * @since 0.2.0
 */
export const unknown: Spec<unknown> = /*#__PURE__*/ node({ _tag: "unknown" })

/**
 * Plain JSON to a depth of 32 (see core's `JsonValue`): a request carries the checked copy.
 *
 * @since 0.2.0
 */
export const jsonValue: Spec<JsonValue> = /*#__PURE__*/ node({ _tag: "json", object: false })

/**
 * A plain JSON object (not an array, not `null`), checked as {@link jsonValue}.
 *
 * @since 0.2.0
 */
export const jsonObject: Spec<JsonObject> = /*#__PURE__*/ node({ _tag: "json", object: true })

/**
 * An array of `item`s.
 *
 * @since 0.2.0
 */
export const array = <A>(item: Spec<A>): Spec<ReadonlyArray<A>> => node({ _tag: "array", item })

/**
 * An object of string keys to `value`s.
 *
 * @since 0.2.0
 */
export const record = <A>(value: Spec<A>): Spec<Readonly<Record<string, A>>> =>
  node({ _tag: "record", value })

/**
 * A field that may be absent (never `undefined` when present).
 *
 * @since 0.2.0
 */
export const optional = <A>(spec: Spec<A>): Field<A> & { readonly "~optional": true } =>
  ({ spec, optional: true, nullable: false }) as Field<A> & { readonly "~optional": true }

/**
 * A response field that may be absent or `null`.
 *
 * @since 0.2.0
 */
export const nullable = <A>(spec: Spec<A>): Field<A | null> & { readonly "~optional": true } =>
  ({ spec, optional: true, nullable: true }) as Field<A | null> & { readonly "~optional": true }

/**
 * The fields of a struct: a spec (required) or a {@link Field} (optional or nullable).
 *
 * @since 0.2.0
 */
export type Fields = Readonly<Record<string, Spec<any> | (Field<any> & { readonly "~optional": true })>>

type FieldType<F> = F extends Field<infer A> ? A : TypeOf<F>
type OptionalKeys<F> = { [K in keyof F]: F[K] extends { readonly "~optional": true } ? K : never }[keyof F]

/**
 * The object type of a struct's fields.
 *
 * @since 0.2.0
 */
export type StructType<F extends Fields> = {
  readonly [K in Exclude<keyof F, OptionalKeys<F>>]: FieldType<F[K]>
} & { readonly [K in OptionalKeys<F>]?: FieldType<F[K]> }

/**
 * An object with `fields`. A key not in `fields` is refused (`extra: "refuse"`, the default: inputs, where a
 * typo must not go unnoticed) or kept as is (`"keep"`: responses, where the API may add fields). `checks`
 * run once every field is fine (rules across fields).
 *
 * @since 0.2.0
 */
export const struct = <F extends Fields>(
  fields: F,
  options: { readonly extra?: "refuse" | "keep"; readonly checks?: ReadonlyArray<Check<StructType<F>>> } = {},
): Spec<StructType<F>> => {
  const normalized: Record<string, Field<unknown>> = {}
  for (const [key, field] of Object.entries(fields)) {
    normalized[key] = "spec" in field ? field : { spec: field, optional: false, nullable: false }
  }
  return node({
    _tag: "struct",
    fields: normalized,
    extra: options.extra ?? "refuse",
    checks: options.checks ?? [],
  })
}

/**
 * One of `members`, chosen by the string at `key`; any other value goes to `fallback`, or is refused.
 *
 * @since 0.2.0
 */
export const union = <M extends Readonly<Record<string, Spec<any>>>, B = never>(
  key: string,
  members: M,
  fallback?: Spec<B>,
): Spec<TypeOf<M[keyof M]> | B> => node({ _tag: "union", key, members, fallback })

/**
 * The outcome of {@link parse}: the accepted value (for inputs, a fresh copy of what was checked), or
 * every issue found.
 *
 * @since 0.2.0
 */
export type Parsed<A> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly issues: ReadonlyArray<SpecIssue> }

const INVALID: unique symbol = Symbol("invalid")
type Path = ReadonlyArray<string | number>
// Enough to fix a payload in one go, without a ten-thousand-line error for ten thousand bad items.
const MAX_ISSUES = 50

/**
 * Checks a caller's `value` against `spec`, collecting every issue rather than stopping at the first.
 * Never throws: a getter or a Proxy that throws is an issue at its path. Objects and arrays come back as
 * fresh copies, so what is later sent is exactly what was checked, whatever the caller's objects do next.
 *
 * @since 0.2.0
 */
export const parse = <A>(spec: Spec<A>, value: unknown): Parsed<A> => check(spec, value, true)

/**
 * Checks a value the SDK itself just read from JSON (a response body): like {@link parse}, but objects are
 * checked in place rather than copied, since nothing else holds them.
 *
 * @since 0.2.0
 */
export const decode = <A>(spec: Spec<A>, value: unknown): Parsed<A> => check(spec, value, false)

interface Context {
  readonly issues: Array<SpecIssue>
  readonly copy: boolean
}

const check = <A>(spec: Spec<A>, value: unknown, copy: boolean): Parsed<A> => {
  const ctx: Context = { issues: [], copy }
  const result = run(spec, value, [], ctx)
  return result === INVALID || ctx.issues.length > 0
    ? { ok: false, issues: ctx.issues.length > 0 ? ctx.issues : [{ path: [], message: "Invalid value" }] }
    : { ok: true, value: result as A }
}

const fail = (ctx: Context, path: Path, message: string): typeof INVALID => {
  if (ctx.issues.length < MAX_ISSUES) ctx.issues.push({ path, message })
  return INVALID
}

const runChecks = <A>(
  checks: ReadonlyArray<Check<A>>,
  value: A,
  path: Path,
  ctx: Context,
): A | typeof INVALID => {
  for (const rule of checks) {
    const refused = rule(value)
    if (refused === undefined) continue
    if (typeof refused === "string") return fail(ctx, path, refused)
    for (const issue of refused) fail(ctx, [...path, ...issue.path], issue.message)
    return INVALID
  }
  return value
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

// `copy[key] = value` would set the prototype for a key named `__proto__`.
const define = (copy: Record<string, unknown>, key: string, value: unknown) => {
  if (key === "__proto__")
    Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true })
  else copy[key] = value
}

const expected = (what: string, value: unknown) => `Expected ${what}, got ${describe(value)}`

const run = (spec: SpecNode, value: unknown, path: Path, ctx: Context): unknown => {
  try {
    return runNode(spec, value, path, ctx)
  } catch (error) {
    return fail(ctx, path, `Could not be read: ${messageOf(error)}`)
  }
}

const runNode = (spec: SpecNode, value: unknown, path: Path, ctx: Context): unknown => {
  switch (spec._tag) {
    case "string":
      return typeof value === "string"
        ? runChecks(spec.checks, value, path, ctx)
        : fail(ctx, path, expected("a string", value))
    case "number":
      return typeof value === "number"
        ? runChecks(spec.checks, value, path, ctx)
        : fail(ctx, path, expected("a number", value))
    case "boolean":
      return typeof value === "boolean" ? value : fail(ctx, path, expected("a boolean", value))
    case "literals":
      return typeof value === "string" && spec.values.includes(value)
        ? value
        : fail(
            ctx,
            path,
            `Expected ${spec.values.map((v) => JSON.stringify(v)).join(" | ")}, got ${
              typeof value === "string" ? JSON.stringify(value) : describe(value)
            }`,
          )
    case "openEnum":
      return typeof value === "string" ? value : fail(ctx, path, expected("a string", value))
    case "unknown":
      return value
    case "json": {
      if (spec.object && !isPlainObject(value)) return fail(ctx, path, expected("a JSON object", value))
      // A response was parsed from JSON: it is JSON by construction, and only an input needs the walk.
      if (!ctx.copy) return value
      const checked = checkJson(value, MAX_DEPTH)
      if (checked.ok) return checked.value
      for (const issue of checked.issues) fail(ctx, [...path, ...issue.path], issue.message)
      return INVALID
    }
    case "array": {
      if (!Array.isArray(value)) return fail(ctx, path, expected("an array", value))
      const out: Array<unknown> | undefined = ctx.copy ? [] : undefined
      let bad = false
      for (let i = 0; i < value.length; i++) {
        const item = run(spec.item, value[i], [...path, i], ctx)
        if (item === INVALID) bad = true
        else out?.push(item)
      }
      return bad ? INVALID : (out ?? value)
    }
    case "record": {
      if (!isPlainObject(value)) return fail(ctx, path, expected("an object", value))
      const out: Record<string, unknown> | undefined = ctx.copy ? {} : undefined
      let bad = false
      for (const key of Object.keys(value)) {
        const item = run(spec.value, value[key], [...path, key], ctx)
        if (item === INVALID) bad = true
        else if (out !== undefined) define(out, key, item)
      }
      return bad ? INVALID : (out ?? value)
    }
    case "struct":
      return runStruct(spec, value, path, ctx)
    case "union": {
      if (!isPlainObject(value)) return fail(ctx, path, expected("an object", value))
      const tag = value[spec.key]
      const member =
        typeof tag === "string" && Object.hasOwn(spec.members, tag) ? spec.members[tag] : spec.fallback
      if (member === undefined) {
        return fail(
          ctx,
          [...path, spec.key],
          `Expected one of ${Object.keys(spec.members).join(", ")}, got ${
            typeof tag === "string" ? JSON.stringify(tag) : describe(tag)
          }`,
        )
      }
      return run(member, value, path, ctx)
    }
  }
}

// A getter runs once, here; if it throws, the issue is at its own key and the rest is still checked.
const read = (value: Record<string, unknown>, key: string, path: Path, ctx: Context): unknown => {
  try {
    return value[key]
  } catch (error) {
    return fail(ctx, path, `Could not be read: ${messageOf(error)}`)
  }
}

const runStruct = (
  spec: Extract<SpecNode, { readonly _tag: "struct" }>,
  value: unknown,
  path: Path,
  ctx: Context,
): unknown => {
  if (!isPlainObject(value)) return fail(ctx, path, expected("an object", value))
  const out: Record<string, unknown> | undefined = ctx.copy ? {} : undefined
  let bad = false
  for (const key of Object.keys(value)) {
    const field = Object.hasOwn(spec.fields, key) ? spec.fields[key] : undefined
    if (field === undefined) {
      if (spec.extra === "keep") {
        if (out !== undefined) define(out, key, value[key])
      } else {
        fail(ctx, [...path, key], `Unknown field "${key}"`)
        bad = true
      }
      continue
    }
    const given = read(value, key, [...path, key], ctx)
    const item =
      given === INVALID || (given === null && field.nullable)
        ? given
        : run(field.spec, given, [...path, key], ctx)
    if (item === INVALID) bad = true
    else if (out !== undefined) out[key] = item
  }
  for (const key in spec.fields) {
    if (!spec.fields[key]!.optional && !Object.hasOwn(value, key)) {
      fail(ctx, [...path, key], "Missing field")
      bad = true
    }
  }
  return bad ? INVALID : runChecks(spec.checks, (out ?? value) as never, path, ctx)
}
