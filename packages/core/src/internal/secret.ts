/**
 * Secrets without Effect: the Promise client holds the API key in a {@link Secret} (its value kept in a
 * module-private WeakMap, so no rendering of the object can show it), and reads an Effect `Redacted` only
 * through a reader that the Effect API installs (`installRedactedReader`): effect keeps a `Redacted`'s
 * value in a registry of its own module copy, which code that does not load effect cannot reach.
 */

const values = new WeakMap<object, string>()

const INSPECT = Symbol.for("nodejs.util.inspect.custom")

/** A string kept out of every rendering: `String`, JSON, `util.inspect` and `console.log` show `<redacted:label>`. */
export class Secret {
  /** Where the value came from, shown in its renderings (`LOMI_API_KEY`, `LOMI_WEBHOOK_SECRET`). */
  readonly label: string
  constructor(value: string, label: string) {
    values.set(this, value)
    this.label = label
  }
  /** `<redacted:label>`, never the value. */
  toString(): string {
    return `<redacted:${this.label}>`
  }
  /** `<redacted:label>` in `JSON.stringify`. */
  toJSON(): string {
    return this.toString()
  }
  /** `<redacted:label>` in `util.inspect` and `console.log`. */
  [INSPECT](): string {
    return this.toString()
  }
}

// effect 4 marks a Redacted with this key, effect 3 with this symbol.
const REDACTED_KEY = "~effect/Redacted"
const REDACTED_SYMBOL = Symbol.for("effect/Redacted")

/** Whether `u` is an Effect `Redacted` (of effect 3 or 4); `false` for an object that cannot be inspected. */
export const isEffectRedacted = (u: unknown): u is object => {
  if (typeof u !== "object" || u === null) return false
  try {
    return REDACTED_KEY in u || REDACTED_SYMBOL in u
  } catch {
    return false
  }
}

let readRedacted: ((redacted: any) => string) | undefined

/** Lets core read Effect `Redacted` values: the Effect API calls it with effect's `Redacted.value`. */
export const installRedactedReader = (read: (redacted: any) => string): void => {
  readRedacted = read
}

/**
 * The string inside a {@link Secret} or an Effect `Redacted`; `undefined` when `u` is neither, or is a
 * `Redacted` this code cannot read (no reader installed, or one from another copy of effect).
 */
export const revealSecret = (u: unknown): string | undefined => {
  if (typeof u !== "object" || u === null) return undefined
  const own = values.get(u)
  if (own !== undefined) return own
  if (readRedacted === undefined || !isEffectRedacted(u)) return undefined
  try {
    const value: unknown = readRedacted(u)
    return typeof value === "string" ? value : undefined
  } catch {
    return undefined
  }
}
