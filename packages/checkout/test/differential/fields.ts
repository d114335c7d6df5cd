/**
 * Inputs for the differential test, generated from the SDK's own schemas: the walk reads an Effect Schema's
 * AST generically (an `Objects` node's property signatures; `String`, `Number`, `Boolean`, `Literal`,
 * `Union`, `Arrays`, records, `Declaration` and `Unknown` nodes) and never a module's internals. The filters
 * on a node are not interpreted: they are run, by decoding with the field's own node, to find the values
 * the SDK takes for that field. An input is a valid one with one to three fields changed, left out or added,
 * so that both verdicts come up often.
 */
import * as Schema from "effect/Schema"
import type * as AST from "effect/SchemaAST"
import * as fc from "fast-check"
import { BOOLEANS, CONSTANTS, JSONS, lookalikes, NUMBERS, STRINGS } from "./pools.js"

/** Where a value travels: in a JSON body, or as a query string parameter (`String(value)` on the wire). */
export type Place = "body" | "query"

/** One field of an input schema, as the walk found it. */
export interface FieldModel {
  readonly name: string
  readonly optional: boolean
  /** Whether the SDK's schema of this field alone (its type and its filters) accepts `value`. */
  readonly accepts: (value: unknown) => boolean
  /** Values for this field: many the field takes, edges of its type, and values of other types. */
  readonly values: fc.Arbitrary<unknown>
}

/** The kind of value a node describes, which picks the pool its values come from. */
type Kind =
  | { readonly _tag: "string" }
  | { readonly _tag: "number" }
  | { readonly _tag: "boolean" }
  | { readonly _tag: "literals"; readonly values: ReadonlyArray<string | number | boolean> }
  | { readonly _tag: "json" }

const kindOf = (ast: AST.AST): Kind => {
  switch (ast._tag) {
    case "String":
    case "TemplateLiteral":
      return { _tag: "string" }
    case "Number":
      return { _tag: "number" }
    case "Boolean":
      return { _tag: "boolean" }
    case "Literal":
      return typeof ast.literal === "bigint" ? { _tag: "json" } : { _tag: "literals", values: [ast.literal] }
    case "Union": {
      const members = ast.types.map(kindOf)
      if (members.every((m) => m._tag === "literals"))
        return { _tag: "literals", values: members.flatMap((m) => (m._tag === "literals" ? m.values : [])) }
      // A union of other kinds draws from the widest: JSON covers every one of them.
      const first = members[0]
      return first !== undefined && members.every((m) => m._tag === first._tag) ? first : { _tag: "json" }
    }
    // Arrays, nested or keyed objects, declarations (core's JSON schemas) and `Unknown`: JSON values.
    default:
      return { _tag: "json" }
  }
}

/** Values of every type but `kind`'s: the wrong types a caller might pass. */
const wrongTypes = (kind: Kind): fc.Arbitrary<unknown> =>
  fc.oneof(
    ...(kind._tag === "string" || kind._tag === "literals" ? [] : [STRINGS]),
    ...(kind._tag === "number" ? [] : [NUMBERS]),
    ...(kind._tag === "boolean" ? [] : [BOOLEANS]),
    ...(kind._tag === "json" ? [] : [JSONS]),
    fc.constantFrom<unknown>(null, [], {}, [1], ["a", "b"]),
  )

const edgesOf = (kind: Kind): fc.Arbitrary<unknown> => {
  switch (kind._tag) {
    case "string":
      return STRINGS
    case "number":
      return NUMBERS
    case "boolean":
      return BOOLEANS
    case "json":
      return JSONS
    case "literals":
      return fc.oneof(
        fc.constantFrom(...kind.values),
        fc.constantFrom(
          ...kind.values.flatMap(
            (v): ReadonlyArray<unknown> => (typeof v === "string" ? lookalikes(v) : [v]),
          ),
        ),
        STRINGS,
      )
  }
}

// ---------------------------------------------------------------------------------------- the wire

// A query string is UTF-8: a lone surrogate would arrive as U+FFFD, another value than the one checked.
const wellFormed = (s: string) => !/\p{Cs}/u.test(s)

/**
 * Whether a query value can be written in a query string as the SDK writes it (`String(v)`, arrays
 * repeated), short enough for a server to read the request line (Node reads 16 KiB of headers).
 */
const expressible = (value: unknown): boolean => {
  const scalar = (v: unknown) =>
    (typeof v === "string" && wellFormed(v) && encodeURIComponent(v).length <= 4096) ||
    typeof v === "number" ||
    typeof v === "boolean"
  // One item would be the same query as the item alone, so only longer arrays are distinguishable.
  return scalar(value) || (Array.isArray(value) && value.length >= 2 && value.every(scalar))
}

/**
 * Whether a value the field refuses looks on the wire exactly like one it takes (the string `"10"` for a
 * number, `"true"` for a boolean): a query string has no types, so no server can tell them apart.
 */
const ambiguous = (value: unknown, accepts: (v: unknown) => boolean): boolean => {
  if (accepts(value) || Array.isArray(value)) return false
  const text = String(value)
  const twins: Array<unknown> = [text, Number(text), text === "true" ? true : text === "false" ? false : text]
  return twins.some((twin) => String(twin) === text && accepts(twin))
}

// -------------------------------------------------------------------------------------------- the walk

/** A value the field takes when the drawn one is refused, so the branch of valid values stays valid. */
const takenOr = (
  drawn: fc.Arbitrary<unknown>,
  taken: ReadonlyArray<unknown>,
  accepts: (v: unknown) => boolean,
) =>
  taken.length === 0
    ? drawn
    : fc
        .tuple(drawn, fc.constantFrom(...taken))
        .map(([value, fallback]) => (accepts(value) ? value : fallback))

const fieldModel = (name: string, node: AST.AST, place: Place): FieldModel => {
  const schema = Schema.make(node) as Schema.Top
  const is = Schema.is(schema as Schema.Codec<unknown>)
  const accepts = (value: unknown) => {
    try {
      return is(value)
    } catch {
      return false
    }
  }
  const kind = kindOf(node)
  const taken = [...CONSTANTS, ...(kind._tag === "literals" ? kind.values : [])].filter(accepts)
  const values = fc.oneof(
    // Values the SDK takes for this field: the sandbox must take them too.
    { weight: 5, arbitrary: takenOr(edgesOf(kind), taken, accepts) },
    // The edges of its type, taken or not.
    { weight: 4, arbitrary: edgesOf(kind) },
    { weight: 1, arbitrary: wrongTypes(kind) },
  )
  return {
    name,
    optional: node.context?.isOptional === true,
    accepts,
    values: place === "body" ? values : values.filter((v) => expressible(v) && !ambiguous(v, accepts)),
  }
}

const propertiesOf = (schema: { readonly ast: AST.AST }) => {
  const { ast } = schema
  if (ast._tag !== "Objects")
    throw new TypeError(`expected a struct schema (an Objects node), got a ${ast._tag} node`)
  return ast.propertySignatures.map((ps) => {
    if (typeof ps.name !== "string") throw new TypeError(`expected string keys, got ${String(ps.name)}`)
    return { name: ps.name, type: ps.type }
  })
}

/** The field names of an input schema (a struct, whatever checks it carries). */
export const namesOf = (schema: { readonly ast: AST.AST }): ReadonlyArray<string> =>
  propertiesOf(schema).map((p) => p.name)

/**
 * The fields of an input schema (a struct, whatever checks it carries), each with its values. Throws for a
 * schema that is not a struct: the walk reads nothing else at the top.
 */
export const fieldsOf = (schema: { readonly ast: AST.AST }, place: Place): ReadonlyArray<FieldModel> =>
  propertiesOf(schema).map((p) => fieldModel(p.name, p.type, place))

/** Names an input does not take: typos, prototype names, other operations' fields, anything. */
export const unknownNames = (known: ReadonlyArray<string>, place: Place): fc.Arbitrary<string> => {
  const fixed = [
    "colour",
    "sucess_url",
    "Amount",
    "amount ",
    "AMOUNT",
    "id",
    "object",
    "line_items",
    "constructor",
    "toString",
    "hasOwnProperty",
    "metadata.x",
    "a\u0000b",
    "\ud800",
    "😀",
    " ",
    "",
    ...(place === "body" ? ["__proto__"] : ["page", "per_page", "starting_after", "Limit", "limit "]),
    ...known,
  ]
  const names = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...fixed) },
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }),
  )
  return place === "body" ? names : names.filter(wellFormed)
}

/** Values of unknown fields: JSON in a body, what a query string can hold in a query. */
export const unknownValues = (place: Place): fc.Arbitrary<unknown> =>
  place === "body"
    ? fc.oneof(JSONS, STRINGS, NUMBERS, BOOLEANS)
    : fc.oneof(STRINGS, NUMBERS, BOOLEANS).filter(expressible)

/** One generated input, printed compactly by fast-check (long strings and arrays cut short). */
export interface Case {
  readonly input: Record<string, unknown>
}

// `copy[key] = value` would set the prototype for a key named `__proto__`: an own key is what is meant.
const define = (target: Record<string, unknown>, key: string, value: unknown) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })

// Long strings and arrays cut short; every character outside printable ASCII escaped, so that an invisible
// one (U+200B, U+FEFF) shows.
const compact = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "string" && v.length > 60
      ? `${v.slice(0, 24)}…(${v.length} chars)`
      : Array.isArray(v) && v.length > 12
        ? [...v.slice(0, 3), `…(${v.length} items)`]
        : v,
  ).replace(/[^\x20-\x7e]/g, (c) => (c === "…" ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`))

const named = (input: Record<string, unknown>): Case =>
  Object.assign({ input }, { [fc.toStringMethod]: () => compact(input) })

type Mutation = { readonly set: string; readonly value: unknown } | { readonly omit: string }

/** What the inputs of one operation are made from. */
export interface InputSpace {
  readonly fields: ReadonlyArray<FieldModel>
  /** A valid input, which most inputs change in one to three fields. */
  readonly base: Readonly<Record<string, unknown>>
  readonly place: Place
  /** Names to try as unknown fields besides the usual ones: other operations' fields, say. */
  readonly otherNames: ReadonlyArray<string>
  /** Names never added as unknown: what a renamed parameter is called on the wire. */
  readonly reserved?: ReadonlyArray<string>
  /** Values worth trying in unknown fields besides the pools': the ids of the resources at hand. */
  readonly extraValues?: ReadonlyArray<unknown>
}

/**
 * Inputs of one operation: `base` with one to three fields set to values of their own (mostly), left out,
 * or added though unknown; now and then `base` itself, or a fresh input of random fields.
 */
export const inputsOf = (space: InputSpace): fc.Arbitrary<Case> => {
  const { fields, base, place, reserved = [], extraValues = [] } = space
  const own = fields.map((f) => f.name)
  // An own field set to any value would skip the field's wire filter; unknown names are the others.
  const unknown = unknownNames(space.otherNames, place).filter(
    (name) => !reserved.includes(name) && !own.includes(name),
  )
  const unknownValue =
    extraValues.length === 0
      ? unknownValues(place)
      : fc.oneof(unknownValues(place), fc.constantFrom(...extraValues))
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom(...fields).chain((f) => f.values.map((value) => ({ set: f.name, value }))),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...new Set([...own, ...Object.keys(base)])).map((omit) => ({ omit })),
    },
    { weight: 1, arbitrary: fc.tuple(unknown, unknownValue).map(([set, value]) => ({ set, value })) },
  )
  const mutated = fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => {
    const input: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(base)) define(input, key, value)
    for (const m of mutations) {
      if ("omit" in m) delete input[m.omit]
      else define(input, m.set, m.value)
    }
    return input
  })
  const fresh = fc.record(Object.fromEntries(fields.map((f) => [f.name, f.values])), {
    requiredKeys: fields.filter((f) => !f.optional).map((f) => f.name),
  })
  return fc
    .oneof(
      { weight: 1, arbitrary: fc.constant(base).map((b) => ({ ...b })) },
      { weight: 12, arbitrary: mutated },
      { weight: 1, arbitrary: fresh },
    )
    .map(named)
}
