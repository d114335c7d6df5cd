/**
 * Free-form JSON (`metadata` and the like): the types of plain JSON values, for modules that must not load
 * Effect (a type-only export: the types are declared beside their Effect Schemas, in `Schemas.ts`). Inputs
 * of these types are checked by core's one JSON walk (`Spec.jsonValue`, `Spec.jsonObject`), which refuses a
 * cycle, a `bigint`, `NaN`, a `Date`, a function, a getter, a lone surrogate or nesting deeper than 32
 * levels with the path of each; core runs the same check over every request body.
 *
 * @since 0.1.0
 */
export type { JsonObject, JsonValue } from "./Schemas.js"
