import * as Duration from "effect/Duration"
import * as Option from "effect/Option"

/**
 * A duration option as milliseconds, or a reason it is unusable. A bare number is milliseconds, as in
 * `fetch`-style SDKs; anything else goes through Effect's `Duration.Input` (`"5 seconds"`, ...).
 */
export const toMillis = (input: Duration.Input): number | string => {
  const duration = Duration.fromInput(input)
  if (Option.isNone(duration)) return "is not a duration (use milliseconds or an Effect Duration)"
  const ms = Duration.toMillis(duration.value)
  if (Number.isNaN(ms) || ms <= 0) return "must be a positive duration"
  if (!Number.isFinite(ms)) return "must be finite"
  return ms
}
