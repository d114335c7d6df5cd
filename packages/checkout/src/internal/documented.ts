// Ties the documented interfaces (what users read in their editor and in the API reference) to the
// schemas and the derived APIs (what runs), so the two cannot drift: each tie compiles only while both
// sides are the same type, field for field, modifiers included.
import type * as Schema from "effect/Schema"

/** `true` when `A` and `B` are the same type (not merely assignable to each other), else `false`. */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false

/** Compiles only when `T` is `true`: `type Check = Expect<Same<A, B>>` fails to compile when they differ. */
export type Expect<T extends true> = T

/**
 * `T` without its index signatures: the named fields of an open struct, with their modifiers (of each
 * member, for a union).
 */
export type NamedFields<T> = T extends unknown
  ? {
      [K in keyof T as string extends K
        ? never
        : number extends K
          ? never
          : symbol extends K
            ? never
            : K]: T[K]
    }
  : never

/** The keys on which `A` and `B` differ (missing on one side, or of another type or modifier). */
type Differing<A, B> = {
  [K in keyof A | keyof B]: K extends keyof A
    ? K extends keyof B
      ? Same<Pick<A, K>, Pick<B, K>> extends true
        ? never
        : K
      : K
    : K
}[keyof A | keyof B]

/** `unknown` when the types agree; otherwise a property, which no schema has, naming the fields that differ. */
export type Agreement<Documented, Actual> =
  Same<Documented, Actual> extends true
    ? unknown
    : { readonly "the interface and the schema differ on": Differing<Documented, Actual> }

/**
 * The schema, typed as decoding to its documented interface `T` and encoding to `E` (the same wire fields
 * unless said otherwise). It compiles only when the fields the schema names, decoded and encoded, are
 * exactly those (an open struct's index signature aside: unknown fields are kept at runtime, but the
 * interface lists what the API documents); otherwise the error names the fields that differ.
 */
export const documented =
  <T, E = T>() =>
  <S extends Schema.Top>(
    schema: S & Agreement<T, NamedFields<S["Type"]>> & Agreement<E, NamedFields<S["Encoded"]>>,
  ): Schema.Codec<T, E, S["DecodingServices"], S["EncodingServices"]> =>
    schema as unknown as Schema.Codec<T, E, S["DecodingServices"], S["EncodingServices"]>
