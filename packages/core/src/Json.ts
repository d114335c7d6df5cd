/**
 * Free-form JSON (`metadata` and the like): the types of plain JSON values. Inputs of these types are
 * checked by core's one JSON walk (`Spec.jsonValue`, `Spec.jsonObject`), which refuses a cycle, a `bigint`,
 * `NaN`, a `Date`, a function, a getter, a lone surrogate or nesting deeper than 32 levels with the path of
 * each; core runs the same check over every request body. Their Effect Schemas are in `Schemas.ts`.
 *
 * @since 0.1.0
 */

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
