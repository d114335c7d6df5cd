/**
 * Effect Schemas from the SDK's specs, for Effect users who want a resource as a Schema (to decode a
 * stored session, to build a form, to derive JSON Schema). The derived schema accepts and refuses what the
 * spec does, with the same messages for the rules the spec states; the SDK itself checks with the spec.
 *
 * @since 0.2.0
 */
import * as Schema from "effect/Schema"
import { JsonObject, JsonValue } from "./Schemas.js"
import type { Check, Spec, SpecNode } from "./Spec.js"

/**
 * The Effect Schema of `spec`: structs become `Schema.Struct`s (with a rest of `Schema.Unknown` when the spec
 * keeps unknown keys), optional fields `optionalKey`, nullable ones `optional(NullOr(...))`, checks
 * `Schema.makeFilter`s. Like every Effect struct, one whose spec refuses unknown keys refuses them when
 * decoded with `{ onExcessProperty: "error" }` (and drops them otherwise).
 *
 * @since 0.2.0
 */
export const toSchema = <A>(spec: Spec<A>): Schema.Codec<A, A> => build(spec) as unknown as Schema.Codec<A, A>

// A spec check as an Effect filter: a message, or issues at their own paths.
const filter = <A>(check: Check<A>) =>
  Schema.makeFilter((value: A) => {
    const refused = check(value)
    if (refused === undefined || typeof refused === "string") return refused
    const issues = Array.isArray(refused) ? refused : [refused]
    return issues.map((issue: { path: ReadonlyArray<string | number>; message: string }) => ({
      path: issue.path,
      issue: issue.message,
    }))
  })

const withChecks = (schema: Schema.Top, checks: ReadonlyArray<Check<any>>): Schema.Top => {
  const [first, ...rest] = checks
  return first === undefined ? schema : schema.check(filter(first), ...rest.map(filter))
}

const build = (node: SpecNode): Schema.Top => {
  switch (node._tag) {
    case "string":
      return withChecks(Schema.String, node.checks)
    case "number":
      return withChecks(Schema.Number, node.checks)
    case "boolean":
      return Schema.Boolean
    case "literals":
      return Schema.Literals(node.values)
    case "openEnum":
      return Schema.Union([Schema.Literals(node.values), Schema.String])
    case "unknown":
      return Schema.Unknown
    case "json":
      return node.object ? JsonObject : JsonValue
    case "array":
      return Schema.Array(build(node.item))
    case "record":
      return Schema.Record(Schema.String, build(node.value))
    case "struct": {
      const fields: Record<string, Schema.Top> = {}
      for (const [key, field] of node.entries) {
        const schema = build(field.spec)
        fields[key] = field.nullable
          ? Schema.optional(Schema.NullOr(schema))
          : field.undefinable
            ? Schema.optional(schema)
            : field.optional
              ? Schema.optionalKey(schema)
              : schema
      }
      const struct = Schema.Struct(fields)
      return withChecks(
        node.extra === "keep"
          ? Schema.StructWithRest(struct, [Schema.Record(Schema.String, Schema.Unknown)])
          : struct,
        node.checks,
      )
    }
    case "union": {
      const members = Object.values(node.members).map(build)
      return Schema.Union(node.fallback === undefined ? members : [...members, build(node.fallback)])
    }
  }
}
