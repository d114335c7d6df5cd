/** Values for the property-based tests: strings valid or not, plain JSON, and values that are not JSON. */
import * as fc from "fast-check"
import type { Path } from "./calls.js"

// biome-ignore lint/suspicious/noControlCharactersInRegex: the generators must not produce what they test.
const CONTROL = /[\u0000-\u001f\u007f]/
// biome-ignore lint/suspicious/noControlCharactersInRegex: the generators must not produce what they test.
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/

export const line = fc.string({ unit: "grapheme", maxLength: 24 }).filter((s) => !CONTROL.test(s))
export const nonEmpty = line.filter((s) => s.trim().length > 0)
export const text = fc
  .string({ unit: "grapheme", maxLength: 40 })
  .filter((s) => !CONTROL_BUT_LINE_BREAKS.test(s))
export const url = fc
  .webUrl({ withQueryParameters: true, withFragments: true })
  .filter((s) => URL.canParse(s))
export const email = fc.emailAddress().filter((s) => s.length <= 254 && EMAIL.test(s) && !CONTROL.test(s))
export const dateTime = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString())
export const id = fc.oneof(fc.uuid(), nonEmpty).filter((s) => s !== "." && s !== "..")

/** A string with a control character somewhere. */
export const withControl = fc
  .tuple(line, fc.integer({ min: 0, max: 32 }), line)
  .map(([a, c, b]) => `${a}${String.fromCharCode(c === 32 ? 0x7f : c)}${b}`)
/** A string with a control character other than tab, line feed and carriage return somewhere. */
export const withControlButLineBreaks = withControl.filter((s) => CONTROL_BUT_LINE_BREAKS.test(s))
/** A string with a lone surrogate somewhere (a high one before `x`, or a low one after `x`). */
export const withLoneSurrogate = fc
  .tuple(line, fc.constantFrom("\ud800x", "\udbffx", "x\udc00", "x\udfff"), line)
  .map(([a, s, b]) => `${a}${s}${b}`)

// ------------------------------------------------------------------------------------------------ JSON

const jsonValue = fc.jsonValue({ maxDepth: 3, stringUnit: "grapheme" })
const plainObject = fc.dictionary(fc.string({ unit: "grapheme", maxLength: 8 }), jsonValue, { maxKeys: 4 })
/** Plain JSON objects, some behind a Proxy that changes nothing, some without a prototype. */
export const jsonObject = fc.oneof(
  plainObject,
  plainObject.map((o) => new Proxy(o, {})),
  plainObject.map((o) => Object.assign(Object.create(null), o)),
)

const nested = (depth: number): unknown => {
  let value: unknown = {}
  for (let i = 1; i < depth; i++) value = i % 2 === 0 ? [value] : { d: value }
  return value
}
class Money {
  amount = 1
}
class Items extends Array {}

/** Values that are not plain JSON, each with its name. Factories, so no two calls share an object. */
const hostileJson: fc.Arbitrary<{ readonly label: string; readonly make: () => unknown }> = fc.oneof(
  fc.bigInt().map((n) => ({ label: "bigint", make: () => n })),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY).map((n) => ({
    label: "NaN or Infinity",
    make: () => n,
  })),
  fc.constant({ label: "function", make: () => () => 1 }),
  fc.string().map((s) => ({ label: "symbol", make: () => Symbol(s) })),
  fc.constant({ label: "undefined", make: () => undefined }),
  fc.constant({ label: "undefined in an array", make: () => [1, undefined] }),
  fc.constant({ label: "hole", make: () => Object.assign(new Array(3), { 0: 1 }) }),
  fc.constant({
    label: "getter that throws",
    make: () => ({
      get g(): number {
        throw new Error("getter")
      },
    }),
  }),
  fc.constant({
    label: "getter",
    make: () => ({
      get g() {
        return 1
      },
    }),
  }),
  fc.constant({ label: "toJSON", make: () => ({ toJSON: () => "x" }) }),
  {
    // Objects that are not plain: one branch, weighted like the many single kinds around it.
    weight: 4,
    arbitrary: fc
      .constantFrom<[string, () => unknown]>(
        ["Date", () => new Date(0)],
        ["Map", () => new Map([["a", 1]])],
        ["Set", () => new Set([1])],
        ["RegExp", () => /x/],
        ["Error", () => new Error("x")],
        ["Uint8Array", () => new Uint8Array(2)],
        ["class instance", () => new Money()],
        ["Array subclass", () => Items.from([1])],
        ["boxed number", () => Object(1)],
        ["object with a prototype", () => Object.create({ inherited: 1 })],
      )
      .map(([label, make]) => ({ label, make })),
  },
  fc.constant({
    label: "cycle",
    make: () => {
      const o: { a: Array<unknown> } = { a: [1] }
      o.a.push({ back: o })
      return o
    },
  }),
  fc.integer({ min: 33, max: 5000 }).map((depth) => ({ label: "deep nesting", make: () => nested(depth) })),
  fc.constantFrom("ownKeys", "getPrototypeOf", "getOwnPropertyDescriptor").map((trap) => ({
    label: "Proxy whose traps throw",
    make: () =>
      new Proxy(
        { a: 1 },
        {
          [trap]: () => {
            throw new Error("trap")
          },
        },
      ),
  })),
  withLoneSurrogate.map((s) => ({ label: "lone surrogate", make: () => s })),
  withLoneSurrogate.map((s) => ({ label: "lone surrogate in a key", make: () => ({ [s]: 1 }) })),
  fc.constant({ label: "symbol key", make: () => ({ [Symbol("k")]: 1 }) }),
  fc.constant({
    label: "non-enumerable property",
    make: () => Object.defineProperty({}, "hidden", { value: 1, enumerable: false }),
  }),
)

const segment = fc.oneof(fc.string({ unit: "grapheme", maxLength: 6 }), fc.integer({ min: 0, max: 3 }))

/** A JSON object with a hostile value somewhere inside, and where it is. */
export const objectWithHostile = fc
  .tuple(fc.array(segment, { maxLength: 3 }), hostileJson)
  .map(([path, hostile]) => {
    // A key first, so the outermost value is an object; an empty path puts the hostile value at the top.
    const fullPath: Path = path.length === 0 ? [] : typeof path[0] === "number" ? ["k", ...path] : path
    let value = hostile.make()
    for (let i = fullPath.length - 1; i >= 0; i--) {
      const step = fullPath[i]!
      const inner = value
      value =
        typeof step === "number"
          ? Array.from({ length: step + 1 }, (_, j) => (j === step ? inner : 0))
          : { [step]: inner }
    }
    return { value, path: fullPath, label: hostile.label }
  })
