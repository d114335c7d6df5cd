/** Describing a caller's value or a thrown error in a message, without trusting either. */

/** `null`, `an array`, `a string`, `a Date`, `an object`...: what `value` is, for "got ..." messages. */
export const describe = (value: unknown): string => {
  if (value === null) return "null"
  if (Array.isArray(value)) return "an array"
  const type = typeof value
  if (type !== "object") return type === "undefined" ? "undefined" : `a ${type}`
  try {
    const name = Object.getPrototypeOf(value)?.constructor?.name
    return typeof name === "string" && name !== "" && name !== "Object" ? `a ${name}` : "an object"
  } catch {
    return "an object"
  }
}

/** The message of something thrown; its `message` may be a throwing getter too. */
export const messageOf = (error: unknown): string => {
  try {
    return error instanceof Error ? error.message : String(error)
  } catch {
    return "unknown error"
  }
}
