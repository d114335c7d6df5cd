import type { Issue } from "./responses.js"

/** Any value `JSON.parse` can produce. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | ReadonlyArray<JsonValue>
  | { readonly [key: string]: JsonValue }

/** A JSON object, as request bodies and stored resources are. */
export type JsonObject = { [key: string]: JsonValue }

/**
 * How deeply a free-form JSON field (`metadata`, `qr_code_data`) may nest; the field itself is level 1.
 * `JSON.parse` reads any depth, but `JSON.stringify` is recursive: a few thousand levels overflow the
 * stack when the value is answered or saved, long after it was accepted.
 */
export const MAX_JSON_DEPTH = 32

const describeDepth = `Must not nest deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`

/**
 * Checks that a parsed JSON value can be stored and written back unchanged: nesting within
 * {@link MAX_JSON_DEPTH}, and only finite numbers (`1e400` parses to `Infinity`, which would be written
 * as `null`). Returns the first problem with its path, or `undefined`. The walk stops at the depth
 * limit, so it never recurses deeper than that itself.
 */
export const checkJsonValue = (value: unknown, path: ReadonlyArray<string | number>): Issue | undefined => {
  const walk = (node: unknown, at: Array<string | number>, depth: number): Issue | undefined => {
    if (typeof node === "number") {
      return Number.isFinite(node) ? undefined : { path: [...at], message: "Number out of range" }
    }
    if (typeof node === "string") {
      return hasLoneSurrogate(node) ? { path: [...at], message: LONE_SURROGATE_MESSAGE } : undefined
    }
    if (typeof node !== "object" || node === null) return undefined
    if (depth > MAX_JSON_DEPTH) return { path: [...at], message: describeDepth }
    const entries: Iterable<[string | number, unknown]> = Array.isArray(node)
      ? node.entries()
      : Object.entries(node)
    for (const [key, child] of entries) {
      at.push(key)
      if (typeof key === "string" && hasLoneSurrogate(key))
        return { path: [...at], message: LONE_SURROGATE_MESSAGE }
      const problem = walk(child, at, depth + 1)
      at.pop()
      if (problem !== undefined) return problem
    }
    return undefined
  }
  return walk(value, [...path], 1)
}

// With the `u` flag a surrogate pair is one code point, so only a lone surrogate is in category Cs.
const LONE_SURROGATE = /\p{Cs}/u

/** Why a string with a lone UTF-16 surrogate (no UTF-8 form, no database would store it) is refused. */
export const LONE_SURROGATE_MESSAGE = "Must be well-formed text (it contains a lone UTF-16 surrogate)"

/** Whether `value` holds a lone UTF-16 surrogate. */
export const hasLoneSurrogate = (value: string): boolean => LONE_SURROGATE.test(value)

/**
 * The position of the first control character (C0 or DEL) in `value`, or -1. Free text may keep tab,
 * line feed and carriage return (`multiline`); names, ids, URLs and addresses may not.
 */
export const controlCharacterAt = (value: string, multiline: boolean): number => {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code >= 0x20 && code !== 0x7f) continue
    if (multiline && (code === 0x09 || code === 0x0a || code === 0x0d)) continue
    return i
  }
  return -1
}

/** The message for a control character found by {@link controlCharacterAt}. */
export const controlCharacterMessage = (value: string, at: number): string =>
  `Must not contain control characters (found U+${value
    .charCodeAt(at)
    .toString(16)
    .toUpperCase()
    .padStart(4, "0")} at index ${at})`
