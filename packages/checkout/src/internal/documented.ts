// Ties the documented interfaces (what users read in their editor and in the API reference) to the
// specs and the derived APIs (what runs), so the two cannot drift: each tie compiles only while both
// sides are the same type, field for field, modifiers included.
import type { Spec } from "@lomi/core"

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

/** `unknown` when the types agree; otherwise a property, which no spec has, naming the fields that differ. */
export type Agreement<Documented, Actual> =
  Same<Documented, Actual> extends true
    ? unknown
    : { readonly "the interface and the spec differ on": Differing<Documented, Actual> }

/**
 * The spec, typed as accepting its documented interface `T`. It compiles only when the fields the spec
 * names are exactly those (an open struct's index signature aside: unknown fields are kept at runtime, but
 * the interface lists what the API documents); otherwise the error names the fields that differ.
 */
export const documented =
  <T>() =>
  <S extends Spec.Spec<any>>(spec: S & Agreement<T, NamedFields<Spec.TypeOf<S>>>): Spec.Spec<T> =>
    spec as unknown as Spec.Spec<T>
