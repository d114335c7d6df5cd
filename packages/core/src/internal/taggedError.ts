/**
 * The base of the SDK's error classes, without `effect`: Promise users may not have it installed, so
 * neither the classes nor their types may reference it. It behaves as Effect's `Data.TaggedError` did:
 * a plain `Error` whose `_tag` `Effect.catchTag` matches on, `name` equal to the tag, the fields as own
 * properties, and `toJSON` and Node's `inspect` giving the fields (the stack stays out of both). Effect
 * users fail with one through `Effect.fail(error)`.
 */

// The constructor's argument as given, so `toJSON` also shows `message` and `cause`, which `Error` keeps
// non-enumerable.
const FIELDS = Symbol("lomi/fields")

const INSPECT = Symbol.for("nodejs.util.inspect.custom")

/**
 * An error class tagged `Tag`, taking its fields `A` (everything but `_tag`) as its one argument.
 *
 * @since 0.1.0
 */
export type TaggedErrorClass<Tag extends string> = new <A extends Record<string, any> = {}>(
  fields: { readonly [P in keyof A as P extends "_tag" ? never : P]: A[P] },
) => Error & {
  /** The class name: match on it with `switch (error._tag)`, `Effect.catchTag` or `instanceof`. */
  readonly _tag: Tag
} & Readonly<A>

/**
 * The base class of the errors tagged `tag` (the class extending it must be named `tag`): how the SDK's
 * packages define their errors without `effect`.
 *
 * @since 0.1.0
 */
export const TaggedError = <Tag extends string>(tag: Tag): TaggedErrorClass<Tag> => {
  class Base extends Error {
    declare readonly [FIELDS]: Record<string, unknown>
    constructor(fields: Record<string, unknown>) {
      super(fields.message as string, fields.cause ? { cause: fields.cause } : undefined)
      Object.assign(this, fields)
      Object.defineProperty(this, FIELDS, { value: fields, enumerable: false })
      // Last, as `Data.TaggedError` had it: `toJSON` lists the fields, then `_tag`.
      Object.defineProperty(this, "_tag", {
        value: tag,
        enumerable: true,
        writable: true,
        configurable: true,
      })
    }
    toJSON(): Record<string, unknown> {
      return { ...this[FIELDS], ...this }
    }
    [INSPECT](): Record<string, unknown> {
      return this.toJSON()
    }
  }
  Base.prototype.name = tag
  return Base as unknown as TaggedErrorClass<Tag>
}
