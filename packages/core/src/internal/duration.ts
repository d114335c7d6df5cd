import * as Duration from "effect/Duration"
import * as Option from "effect/Option"

const NOT_A_DURATION = "is not a duration (use milliseconds or an Effect Duration)"

/**
 * A duration option as milliseconds, or a reason it is unusable. A bare number is milliseconds, as in
 * `fetch`-style SDKs; anything else goes through Effect's `Duration.Input` (`"5 seconds"`, ...). Never
 * throws, whatever it is given.
 */
export const toMillis = (input: unknown): number | string => {
  let ms: number
  try {
    if (typeof input === "number") ms = input
    else {
      const duration = Duration.fromInput(input as Duration.Input)
      if (Option.isNone(duration)) return NOT_A_DURATION
      ms = Duration.toMillis(duration.value)
    }
  } catch {
    return NOT_A_DURATION
  }
  if (typeof ms !== "number" || Number.isNaN(ms) || ms <= 0) return "must be a positive duration"
  if (!Number.isFinite(ms)) return "must be finite"
  return ms
}
