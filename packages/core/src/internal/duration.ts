/**
 * Effect's `Duration.Input` read as milliseconds without loading effect, so the Promise client takes the
 * same `timeout` and `deadline` values as the Effect API: a number of milliseconds, a bigint of
 * nanoseconds, `"5 seconds"`, `[seconds, nanos]`, `{ seconds: 5 }`, or a `Duration` of effect 3 or 4.
 */

const UNITS: Readonly<Record<string, number>> = {
  nano: 1e-6,
  micro: 1e-3,
  milli: 1,
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
}

// Effect's own pattern for the string form.
const PATTERN = /^(-?\d+(?:\.\d+)?)\s+(nano|micro|milli|second|minute|hour|day|week)s?$/

const OBJECT_FIELDS: ReadonlyArray<readonly [string, number]> = [
  ["weeks", 604_800_000],
  ["days", 86_400_000],
  ["hours", 3_600_000],
  ["minutes", 60_000],
  ["seconds", 1_000],
  ["milliseconds", 1],
  ["microseconds", 1e-3],
  ["nanoseconds", 1e-6],
]

const isDuration = (u: object): boolean => "~effect/Duration" in u || Symbol.for("effect/Duration") in u

// A `Duration`'s value: `{ _tag: "Millis", millis }`, `{ _tag: "Nanos", nanos }` or an infinity.
const fromDuration = (value: unknown): number | undefined => {
  if (typeof value !== "object" || value === null) return undefined
  const v = value as { _tag?: unknown; millis?: unknown; nanos?: unknown }
  switch (v._tag) {
    case "Millis":
      return typeof v.millis === "number" ? v.millis : undefined
    case "Nanos":
      return typeof v.nanos === "bigint" ? Number(v.nanos) / 1e6 : undefined
    case "Infinity":
      return Number.POSITIVE_INFINITY
    case "NegativeInfinity":
      return Number.NEGATIVE_INFINITY
    default:
      return undefined
  }
}

/** `input` in milliseconds, or `undefined` when it is not a `Duration.Input`. */
export const durationMillis = (input: unknown): number | undefined => {
  switch (typeof input) {
    case "number":
      return input
    case "bigint":
      return Number(input) / 1e6
    case "string": {
      if (input === "Infinity") return Number.POSITIVE_INFINITY
      if (input === "-Infinity") return Number.NEGATIVE_INFINITY
      const match = PATTERN.exec(input)
      return match === null ? undefined : Number(match[1]) * (UNITS[match[2] as string] as number)
    }
    case "object": {
      if (input === null) return undefined
      if (isDuration(input)) return fromDuration((input as { value?: unknown }).value)
      if (Array.isArray(input)) {
        if (input.length !== 2 || !input.every((n) => typeof n === "number")) return undefined
        return (input[0] as number) * 1_000 + (input[1] as number) / 1e6
      }
      let ms = 0
      for (const [field, scale] of OBJECT_FIELDS) {
        const n = (input as Record<string, unknown>)[field]
        if (typeof n === "number") ms += n * scale
      }
      return ms
    }
    default:
      return undefined
  }
}
