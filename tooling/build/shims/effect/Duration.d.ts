/** A time unit of the string form (`"5 seconds"`). */
export type Unit =
  | "nano"
  | "nanos"
  | "micro"
  | "micros"
  | "milli"
  | "millis"
  | "second"
  | "seconds"
  | "minute"
  | "minutes"
  | "hour"
  | "hours"
  | "day"
  | "days"
  | "week"
  | "weeks"

/** Duration components, added together (`{ seconds: 1, milliseconds: 500 }`). */
export interface DurationObject {
  readonly weeks?: number | undefined
  readonly days?: number | undefined
  readonly hours?: number | undefined
  readonly minutes?: number | undefined
  readonly seconds?: number | undefined
  readonly milliseconds?: number | undefined
  readonly microseconds?: number | undefined
  readonly nanoseconds?: number | undefined
}

/** An effect `Duration`, by its shape. */
export interface Duration {
  readonly "~effect/Duration": "~effect/Duration"
  readonly value:
    | { readonly _tag: "Millis"; readonly millis: number }
    | { readonly _tag: "Nanos"; readonly nanos: bigint }
    | { readonly _tag: "Infinity" }
    | { readonly _tag: "NegativeInfinity" }
}

/**
 * A duration as effect 4.1's `Duration.Input` takes it, without effect: milliseconds as a number, nanoseconds
 * as a bigint, `[seconds, nanos]`, `"5 seconds"`, `{ minutes: 1 }`, or an effect `Duration`.
 */
export type Input =
  | Duration
  | number
  | bigint
  | readonly [seconds: number, nanos: number]
  | `${number} ${Unit}`
  | "Infinity"
  | "-Infinity"
  | DurationObject
