/**
 * The one check of "plain JSON" input: what `JSON.stringify` would send unchanged and a server reads back
 * as the same value. `JSON.stringify` itself throws on cycles and bigints, overflows the stack on deep
 * nesting, calls `toJSON` and getters, sends `NaN` as `null` and drops functions and symbols without a
 * word; this walk refuses all of those with a path instead, and returns a copy that is safe to serialise.
 */
import type { JsonValue } from "../Json.js"
import { isWellFormed, LONE_SURROGATE_MESSAGE } from "../Text.js"
import { describe, messageOf } from "./describe.js"

/** The deepest nesting of a JSON field (`metadata`): the object or array given counts as level 1. */
export const MAX_DEPTH = 32
/** The deepest nesting of a whole request body, which holds such fields. */
export const MAX_BODY_DEPTH = 64
/** The most values (containers and leaves) one check walks: a bound on time, not a format rule. */
export const MAX_VALUES = 100_000
// Enough to fix a payload; a value with ten thousand bad entries should not make a ten-thousand-line error.
const MAX_ISSUES = 20

/** One problem, at a path relative to the checked value. */
export interface JsonIssue {
  readonly path: ReadonlyArray<string | number>
  readonly message: string
}

/** The outcome of {@link checkJson}: the checked copy, or every problem found (at most 20). */
export type JsonCheck =
  | { readonly ok: true; readonly value: JsonValue }
  | { readonly ok: false; readonly issues: ReadonlyArray<JsonIssue> }

// A container being walked: its children still to visit, and the copy being filled.
interface Frame {
  readonly source: object
  readonly copy: Record<string, unknown> | Array<unknown>
  readonly path: ReadonlyArray<string | number>
  readonly depth: number
  readonly children: Array<readonly [key: string | number, value: unknown]>
  index: number
}

// `copy[key] = value` would set the prototype for a key named `__proto__`.
const define = (copy: Record<string, unknown>, key: string, value: unknown) => {
  if (key === "__proto__")
    Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true })
  else copy[key] = value
}

/**
 * Checks that `root` is plain JSON: objects whose prototype is `Object.prototype` or `null` with only
 * enumerable string-keyed data properties, arrays without holes, well-formed strings, finite numbers,
 * booleans and `null`, nested at most {@link MAX_DEPTH} deep and without cycles. Never throws and never
 * recurses (hostile input cannot overflow the stack); returns a copy of `root` made of fresh plain objects
 * and arrays, so nothing the caller holds (a Proxy, an object changed meanwhile) is read again.
 */
export const checkJson = (root: unknown, maxDepth: number = MAX_DEPTH): JsonCheck => {
  const issues: Array<JsonIssue> = []
  let budget = MAX_VALUES
  const ancestors = new Set<object>()
  const stack: Array<Frame> = []
  const fail = (path: ReadonlyArray<string | number>, message: string): undefined => {
    if (issues.length < MAX_ISSUES) issues.push({ path, message })
    return undefined
  }

  // A leaf's copy, a container's (empty) copy with a frame pushed to fill it, or `undefined` when refused.
  const enter = (
    value: unknown,
    path: ReadonlyArray<string | number>,
    depth: number,
  ): { readonly value: unknown } | undefined => {
    if (--budget < 0) return fail(path, `Too many values (more than ${MAX_VALUES})`)
    switch (typeof value) {
      case "string":
        return isWellFormed(value) ? { value } : fail(path, LONE_SURROGATE_MESSAGE)
      case "number":
        return Number.isFinite(value) ? { value } : fail(path, `Expected a finite number, got ${value}`)
      case "boolean":
        return { value }
      case "object":
        break
      default:
        return fail(path, `Expected a JSON value, got ${describe(value)}`)
    }
    if (value === null) return { value }
    if (ancestors.has(value)) return fail(path, "Circular reference: the value contains itself")
    if (depth > maxDepth) return fail(path, `Nested too deep (more than ${maxDepth} levels)`)
    const children: Array<readonly [string | number, unknown]> = []
    let copy: Record<string, unknown> | Array<unknown>
    if (Array.isArray(value)) {
      if (Object.getPrototypeOf(value) !== Array.prototype) return fail(path, "Expected a plain array")
      const length = value.length
      if (length > budget) return fail(path, `Too many values (more than ${MAX_VALUES})`)
      for (let i = 0; i < length; i++) {
        const descriptor = Object.getOwnPropertyDescriptor(value, i)
        if (descriptor === undefined) fail([...path, i], "Expected a JSON value, got a hole (undefined)")
        else if (!("value" in descriptor)) fail([...path, i], "Expected a data property, got a getter")
        else children.push([i, descriptor.value])
      }
      copy = []
    } else {
      const prototype = Object.getPrototypeOf(value)
      if (prototype !== Object.prototype && prototype !== null)
        return fail(path, `Expected a plain object, got ${describe(value)}`)
      for (const key of Reflect.ownKeys(value)) {
        if (typeof key === "symbol") {
          fail(path, `Expected string keys only, got ${String(key)}`)
          continue
        }
        const descriptor = Object.getOwnPropertyDescriptor(value, key)
        if (descriptor === undefined) continue
        if (!isWellFormed(key)) fail([...path, key], `Key: ${LONE_SURROGATE_MESSAGE}`)
        else if (!descriptor.enumerable) fail([...path, key], "Expected an enumerable property")
        else if (!("value" in descriptor)) fail([...path, key], "Expected a data property, got a getter")
        else children.push([key, descriptor.value])
      }
      copy = {}
    }
    ancestors.add(value)
    stack.push({ source: value, copy, path, depth, children, index: 0 })
    return { value: copy }
  }

  // A Proxy's trap that throws is reported at the value it guards, and the walk goes on.
  const tryEnter = (value: unknown, path: ReadonlyArray<string | number>, depth: number) => {
    try {
      return enter(value, path, depth)
    } catch (error) {
      return fail(path, `Could not be read: ${messageOf(error)}`)
    }
  }

  const result = tryEnter(root, [], 1)
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const frame = stack[stack.length - 1]!
    const next = frame.children[frame.index++]
    if (next === undefined) {
      stack.pop()
      ancestors.delete(frame.source)
      continue
    }
    const [key, value] = next
    const child = tryEnter(value, [...frame.path, key], frame.depth + 1)
    if (child === undefined) continue
    if (Array.isArray(frame.copy)) frame.copy[key as number] = child.value
    else define(frame.copy, key as string, child.value)
  }
  if (issues.length > 0 || result === undefined) {
    return { ok: false, issues: issues.length > 0 ? issues : [{ path: [], message: "Not a JSON value" }] }
  }
  return { ok: true, value: result.value as JsonValue }
}
