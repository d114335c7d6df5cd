/**
 * The Effect Schemas core offers Effect users: free-form JSON ({@link JsonValue}, {@link JsonObject}), the
 * text rules as filters, and {@link PageSchema}. The SDK itself checks with its specs (`Spec.ts`); nothing
 * on the request path imports this module, so the Promise client ships without Effect's Schema.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import { describe } from "./internal/describe.js"
import { checkJson } from "./internal/json.js"
import { markPage, type Page, type PageEncoded } from "./Pagination.js"
import {
  CONTROL_CHARACTER_MESSAGE,
  hasControlCharacter,
  isWellFormed,
  LONE_SURROGATE_MESSAGE,
} from "./Text.js"

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
 * Any JSON value (see `Json.ts` for what is refused). Decoding yields a fresh copy.
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

/**
 * A schema check refusing strings with a lone surrogate: `Schema.String.check(wellFormed)`.
 *
 * @since 0.1.0
 */
export const wellFormed = /*#__PURE__*/ Schema.makeFilter((s: string) =>
  isWellFormed(s) ? undefined : LONE_SURROGATE_MESSAGE,
)

/**
 * A schema check refusing strings with control characters: `Schema.String.check(noControlCharacters)`.
 *
 * @since 0.1.0
 */
export const noControlCharacters = /*#__PURE__*/ Schema.makeFilter((s: string) =>
  hasControlCharacter(s) ? CONTROL_CHARACTER_MESSAGE : undefined,
)

// Any number: a page whose `pagination` says something odd still hands over its items (see `nextOffset`).
const Count = Schema.Number

/**
 * The Effect Schema of a page of `item` as the `"v1"` routes answer it (operations describe theirs with
 * `PageSpec`). Unknown keys are ignored; `limit`, `offset` and `total` may be any number.
 *
 * @since 0.1.0
 */
export const PageSchema = <S extends Schema.Top>(
  item: S,
): Schema.Codec<Page<S["Type"]>, PageEncoded<S["Encoded"]>, S["DecodingServices"], S["EncodingServices"]> =>
  markPage(
    Schema.Struct({
      data: Schema.Array(item),
      pagination: Schema.Struct({ limit: Count, offset: Count, total: Count }),
    }),
  ) as any
