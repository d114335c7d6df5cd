/** The data a spec is made of (read by the interpreter and by `toSchema`), and how values are shown in its messages. */
import type { Check } from "../Spec.js"
import { describe } from "./describe.js"

/**
 * What carries a spec's type (type-level only: no spec has the property at runtime).
 *
 * @since 0.2.0
 */
export interface Typed<A> {
  /** The type of the values the spec accepts, for `TypeOf`. */
  readonly "~type"?: ((_: A) => A) | undefined
}

/**
 * A field of a struct: its spec and whether it may be absent (`optional`) or `null` (`nullable`).
 *
 * @since 0.2.0
 */
export interface Field<A> {
  /** The spec of the field's value. */
  readonly spec: SpecNode & Typed<A>
  /** Whether the key may be absent. */
  readonly optional: boolean
  /** Whether the value may also be `null` (response fields). */
  readonly nullable: boolean
  /** Whether the value may also be `undefined`. */
  readonly undefinable: boolean
}

/**
 * A struct's node.
 *
 * @since 0.2.0
 */
export interface StructNode {
  /** The kind of node. */
  readonly _tag: "struct"
  /** The fields by key. */
  readonly fields: { readonly [key: string]: Field<unknown> }
  /** The same fields in their declared order, the order of issues and of the copy. */
  readonly entries: ReadonlyArray<readonly [string, Field<unknown>]>
  /**
   * `refuse`: a key not in `fields` is an issue (inputs); `keep`: it is kept as is (responses); `drop`: it is
   * left out of a new object holding the fields (a page's envelope).
   */
  readonly extra: "refuse" | "keep" | "drop"
  /** Rules across fields, run once every field is fine. */
  readonly checks: ReadonlyArray<Check<any>>
}

/**
 * The shape of every spec, without its type.
 *
 * @since 0.2.0
 */
export type SpecNode =
  | {
      /** A string. */
      readonly _tag: "string"
      /** Its rules. */
      readonly checks: ReadonlyArray<Check<string>>
    }
  | {
      /** A number. */
      readonly _tag: "number"
      /** Its rules. */
      readonly checks: ReadonlyArray<Check<number>>
    }
  | {
      /** `true` or `false`. */
      readonly _tag: "boolean"
    }
  | {
      /** One of `values`. */
      readonly _tag: "literals"
      /** The strings accepted. */
      readonly values: ReadonlyArray<string>
      /** The values as the message of a refusal lists them: `"XOF" | "USD" | "EUR"`. */
      readonly expected: string
    }
  | {
      /** Any string, `values` being the known ones. */
      readonly _tag: "openEnum"
      /** The values known today. */
      readonly values: ReadonlyArray<string>
    }
  | {
      /** Anything. */
      readonly _tag: "unknown"
    }
  | {
      /** Plain JSON. */
      readonly _tag: "json"
      /** Whether it must be an object. */
      readonly object: boolean
    }
  | {
      /** An array. */
      readonly _tag: "array"
      /** The spec of each item. */
      readonly item: SpecNode
    }
  | {
      /** An object of string keys. */
      readonly _tag: "record"
      /** The spec of each value. */
      readonly value: SpecNode
    }
  | StructNode
  | {
      /** One of `members`, picked by the string at `key`. */
      readonly _tag: "union"
      /** The key whose string value picks the member. */
      readonly key: string
      /** The member for each value of `key`. */
      readonly members: { readonly [tag: string]: SpecNode }
      /** The member for any other value of `key`, when later values must still decode. */
      readonly fallback: SpecNode | undefined
    }

/**
 * A value as "got ..." messages show it, as Effect's Schema did: strings quoted, numbers and the like as
 * written, objects as JSON. It is the caller's own input (or a response's): `JSON.stringify` of a hostile
 * object may throw, and then only its kind is shown.
 */
export const show = (value: unknown): string => {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value)
    case "bigint":
      return `${value}n`
    case "object": {
      if (value === null) return "null"
      try {
        if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString()
        const json = JSON.stringify(value)
        return json === undefined ? describe(value) : json
      } catch {
        return describe(value)
      }
    }
    case "function":
      return "a function"
    default:
      return String(value)
  }
}
