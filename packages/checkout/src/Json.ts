/**
 * Free-form JSON (`metadata`, `qr_code_data`): the types of plain JSON values, the same as @lomi/core's.
 * Declared here because core's names also carry its Effect Schemas (`JsonValue`, `JsonObject`), which the
 * Promise entry's declarations must not name: its users need no effect installed to type-check.
 */

/**
 * A JSON value: a string, a finite number, a boolean, `null`, or an array or plain object of JSON values.
 */
export type JsonValue = string | number | boolean | null | ReadonlyArray<JsonValue> | JsonObject

/**
 * A JSON object: string keys to {@link JsonValue}s.
 */
export interface JsonObject {
  readonly [key: string]: JsonValue
}
