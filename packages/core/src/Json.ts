/**
 * Schemas for free-form JSON input (`metadata` and the like), for resource packages. They accept plain
 * JSON only and say where anything else is: a cycle, a `bigint`, `NaN`, a `Date`, a function, a getter,
 * a lone surrogate, nesting deeper than 32 levels. Core runs the same check over every request body.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import { describe } from "./internal/describe.js"
import { checkJson } from "./internal/json.js"

/**
 * A JSON value: a string, a finite number, a boolean, `null`, or an array or plain object of JSON values.
 *
 * @since 0.1.0
 */
export type JsonValue = string | number | boolean | null | ReadonlyArray<JsonValue> | JsonObject

/**
 * A JSON object: string keys to {@link JsonValue}s.
 *
 * @since 0.1.0
 */
export interface JsonObject {
  readonly [key: string]: JsonValue
}

const isJsonObject = (value: JsonValue): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value)

// Decoding checks the value and yields the walk's copy, so what is later serialised is what was checked.
const make = <T extends JsonValue>(
  refine: (value: JsonValue) => string | undefined,
  annotations: Schema.Annotations.Declaration<T>,
) =>
  Schema.declareConstructor<T>()(
    [],
    () => (input, ast) => {
      const result = checkJson(input)
      if (!result.ok) {
        const [first, ...rest] = result.issues.map(
          (issue) =>
            new SchemaIssue.Pointer(issue.path, new SchemaIssue.InvalidValue({ message: issue.message })),
        )
        return Effect.fail(rest.length === 0 ? first! : new SchemaIssue.Composite(ast, [first!, ...rest]))
      }
      const refused = refine(result.value)
      return refused === undefined
        ? Effect.succeed(result.value as T)
        : Effect.fail(new SchemaIssue.InvalidValue({ message: refused }))
    },
    annotations,
  )

/**
 * Any JSON value (see the module description for what is refused). Decoding yields a fresh copy.
 *
 * @since 0.1.0
 */
export const JsonValue: Schema.declareConstructor<JsonValue, JsonValue, readonly []> =
  /*#__PURE__*/ make<JsonValue>(() => undefined, { identifier: "JsonValue", expected: "a JSON value" })

/**
 * A JSON object (not an array, not `null`), such as `metadata`. Decoding yields a fresh copy.
 *
 * @since 0.1.0
 */
export const JsonObject: Schema.declareConstructor<JsonObject, JsonObject, readonly []> =
  /*#__PURE__*/ make<JsonObject>(
    (value) => (isJsonObject(value) ? undefined : `Expected a JSON object, got ${describe(value)}`),
    { identifier: "JsonObject", expected: "a JSON object" },
  )
