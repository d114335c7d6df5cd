/**
 * The SDK's own small schema language: what a request may carry and what a response must hold, described
 * as plain data and checked by one interpreter that needs nothing from Effect. Both APIs validate inputs
 * ({@link parse}) and decode responses ({@link decode}) with it, so the Promise client ships without
 * Effect's Schema; `toSchema` turns any spec into an Effect Schema for users who want one.
 *
 * @since 0.2.0
 */
import { type Field, type SpecNode, type StructNode, show, type Typed } from "./internal/specNode.js"
import type { SpecIssue } from "./internal/specRun.js"
import type { JsonObject, JsonValue } from "./Json.js"

export type { Field, SpecNode, StructNode, Typed } from "./internal/specNode.js"
export { decode, formatIssues, type Parsed, parse, type SpecIssue } from "./internal/specRun.js"

/**
 * A rule on a value that its type alone does not express: `undefined` when the value is fine, else why it
 * is not (a message about the value itself, or issues at their own paths below it).
 *
 * @since 0.2.0
 */
export type Check<A> = (value: A) => string | SpecIssue | ReadonlyArray<SpecIssue> | undefined

/**
 * A spec of values of type `A`: plain data, read by {@link parse}, {@link decode} and `toSchema`.
 *
 * @since 0.2.0
 */
export type Spec<A> = SpecNode & Typed<A>

/**
 * The type of the values a spec accepts.
 *
 * @since 0.2.0
 */
export type TypeOf<S> = S extends Typed<infer A> ? A : never

/**
 * What marks a struct field that may be absent (type-level only).
 *
 * @since 0.2.0
 */
export interface OptionalField {
  /** The field may be absent. */
  readonly "~optional": true
}

const node = <A>(spec: SpecNode): Spec<A> => spec as Spec<A>

/**
 * A string, passing every check.
 *
 * @since 0.2.0
 */
export const string = (...checks: ReadonlyArray<Check<string>>): Spec<string> =>
  node({ _tag: "string", checks })

/**
 * A number (any, `NaN` included unless a check refuses it), passing every check.
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
  node({ _tag: "literals", values, expected: values.map((v) => show(v)).join(" | ") })

/**
 * Any string: `values` are the ones known today, a later one is accepted too (response enums). The type
 * keeps autocompletion for the known values.
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
 * Plain JSON to a depth of 32 (see core's `JsonValue`): an input is replaced by the checked copy.
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
export const record = <A>(value: Spec<A>): Spec<{ readonly [key: string]: A }> =>
  node({ _tag: "record", value })

/**
 * A spec with further checks, run after its own (all of them, every issue kept).
 *
 * @since 0.2.0
 */
export const check = <A>(spec: Spec<A>, ...checks: ReadonlyArray<Check<A>>): Spec<A> => {
  if (spec._tag !== "string" && spec._tag !== "number" && spec._tag !== "struct")
    throw new Error(`Spec.check: a ${spec._tag} spec takes no checks`)
  return node({ ...spec, checks: [...spec.checks, ...(checks as ReadonlyArray<Check<any>>)] } as SpecNode)
}

/**
 * A field that may be absent (never `undefined` when present).
 *
 * @since 0.2.0
 */
export const optional = <A>(spec: Spec<A>): Field<A> & OptionalField =>
  ({ spec, optional: true, nullable: false, undefinable: false }) as Field<A> & OptionalField

/**
 * A field that may be absent or `undefined` (Effect's `Schema.optional`).
 *
 * @since 0.2.0
 */
export const maybe = <A>(spec: Spec<A>): Field<A | undefined> & OptionalField =>
  ({ spec, optional: true, nullable: false, undefinable: true }) as Field<A | undefined> & OptionalField

/**
 * A response field that may be absent, `null` or `undefined`.
 *
 * @since 0.2.0
 */
export const nullable = <A>(spec: Spec<A>): Field<A | null | undefined> & OptionalField =>
  ({ spec, optional: true, nullable: true, undefinable: true }) as Field<A | null | undefined> & OptionalField

/**
 * The fields of a struct: a spec (required) or a {@link Field} (optional or nullable).
 *
 * @since 0.2.0
 */
export type Fields = { readonly [key: string]: Spec<any> | (Field<any> & OptionalField) }

/**
 * The type of a struct field's value: a {@link Field}'s, or a spec's.
 *
 * @since 0.2.0
 */
export type FieldType<F> = F extends OptionalField ? (F extends Field<infer A> ? A : never) : TypeOf<F>
/**
 * The keys of a struct's fields that may be absent.
 *
 * @since 0.2.0
 */
export type OptionalKeys<F> = {
  [K in keyof F]: F[K] extends OptionalField ? K : never
}[keyof F]

/**
 * `T` as one object type (an intersection's members merged), for readable hover text.
 *
 * @since 0.2.0
 */
export type Simplify<T> = { [K in keyof T]: T[K] } & {}

/**
 * The object type of a struct's fields.
 *
 * @since 0.2.0
 */
export type StructType<F extends Fields> = Simplify<
  { readonly [K in Exclude<keyof F, OptionalKeys<F>>]: FieldType<F[K]> } & {
    readonly [K in OptionalKeys<F>]?: FieldType<F[K]>
  }
>

/**
 * An object with `fields`. A key not in `fields` is refused (`extra: "refuse"`, the default: inputs, where a
 * typo must not go unnoticed), kept as is (`"keep"`: responses, where the API may add fields) or dropped
 * from a new object holding the fields (`"drop"`). `checks` run once every field is fine (rules across
 * fields), all of them.
 *
 * @since 0.2.0
 */
export const struct = <F extends Fields>(
  fields: F,
  options: {
    readonly extra?: "refuse" | "keep" | "drop"
    readonly checks?: ReadonlyArray<Check<StructType<F>>>
  } = {},
): Spec<StructType<F>> => {
  const entries: Array<readonly [string, Field<unknown>]> = []
  for (const key of Object.keys(fields)) {
    const field = fields[key]!
    entries.push([
      key,
      "spec" in field ? field : { spec: field, optional: false, nullable: false, undefinable: false },
    ])
  }
  const structNode: StructNode = {
    _tag: "struct",
    fields: Object.fromEntries(entries),
    entries,
    extra: options.extra ?? "refuse",
    checks: (options.checks ?? []) as ReadonlyArray<Check<any>>,
  }
  return node(structNode)
}

/**
 * One of `members`, chosen by the string at `key`; any other value goes to `fallback`, or is refused.
 *
 * @since 0.2.0
 */
export const union = <M extends { readonly [tag: string]: Spec<any> }, B = never>(
  key: string,
  members: M,
  fallback?: Spec<B>,
): Spec<TypeOf<M[keyof M]> | B> => node({ _tag: "union", key, members, fallback })
