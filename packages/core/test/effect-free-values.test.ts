/// <reference types="node" />
// The values the Promise client reads without loading effect: `Duration.Input` (read as Effect reads it)
// and the key held in core's own `Secret` (shown as a `Redacted` is shown, never the key).
import { inspect } from "node:util"
import * as Duration from "effect/Duration"
import * as Redacted from "effect/Redacted"
import { describe, expect, it } from "vitest"
import { durationMillis } from "../src/internal/duration.js"
import { installRedactedReader, isEffectRedacted, revealSecret, Secret } from "../src/internal/secret.js"
import { makePromiseClient } from "../src/PromiseClient.js"

const INPUTS: ReadonlyArray<Duration.Input> = [
  0,
  1,
  250,
  1.5,
  60_000,
  5_000_000n,
  "1 nano",
  "250 nanos",
  "3 micros",
  "1 milli",
  "12.5 millis",
  "1 second",
  "5 seconds",
  "0.5 seconds",
  "2 minutes",
  "1 hour",
  "3 days",
  "1 week",
  "Infinity",
  [1, 500_000_000],
  [0, 0],
  { seconds: 5 },
  { minutes: 1, seconds: 30, milliseconds: 5 },
  { hours: 1, microseconds: 10 },
  Duration.millis(1500),
  Duration.nanos(2_500_000n),
  Duration.seconds(90),
  Duration.infinity,
]

describe("Duration.Input read without effect", () => {
  it.each(INPUTS.map((input) => [inspect(input), input] as const))("%s: as Effect reads it", (_, input) => {
    expect(durationMillis(input)).toBeCloseTo(Duration.toMillis(Duration.fromInputUnsafe(input)), 9)
  })

  it.each(["5 secs", "five seconds", "5seconds", "", "1 fortnight", null, true, [1], [1, 2, 3], ["1", 2]])(
    "%o is not a duration",
    (input) => {
      expect(durationMillis(input)).toBeUndefined()
      expect(Duration.fromInput(input as never)._tag).toBe("None")
    },
  )

  it("a client takes them as timeouts: bad ones are a LomiConfigError naming the option", () => {
    const options = { apiKey: "lomi_sk_test_values", baseUrl: "http://127.0.0.1:1" }
    expect(makePromiseClient({ ...options, timeout: "5 seconds" }).config.timeoutMs).toBe(5_000)
    expect(makePromiseClient({ ...options, timeout: Duration.seconds(2) }).config.timeoutMs).toBe(2_000)
    expect(() => makePromiseClient({ ...options, timeout: "5 secs" as never })).toThrow(
      "`timeout` is not a duration",
    )
  })
})

describe("the key in core's Secret", () => {
  it("renders as a Redacted does, never the key", () => {
    const secret = new Secret("lomi_sk_test_hidden_value", "LOMI_API_KEY")
    for (const shown of [String(secret), JSON.stringify({ secret }), inspect(secret), `${secret}`])
      expect(shown).not.toContain("hidden_value")
    expect(String(secret)).toBe(String(Redacted.make("x", { label: "LOMI_API_KEY" })))
    expect(revealSecret(secret)).toBe("lomi_sk_test_hidden_value")
    expect(Object.keys(secret)).toEqual(["label"])
  })

  it("recognises an Effect Redacted, and reads it only through the reader the Effect API installs", () => {
    const redacted = Redacted.make("lomi_sk_test_from_effect")
    expect(isEffectRedacted(redacted)).toBe(true)
    expect(isEffectRedacted({ label: "x" })).toBe(false)
    // This file never imports the Effect API (vitest gives each file its own modules): no reader yet, as
    // in a Promise-only program, where the key must come as a string.
    expect(revealSecret(redacted)).toBeUndefined()
    expect(() => makePromiseClient({ apiKey: redacted, baseUrl: "http://127.0.0.1:1" })).toThrow(
      "`apiKey` is an Effect Redacted, which this client cannot read",
    )
    installRedactedReader(Redacted.value)
    expect(revealSecret(redacted)).toBe("lomi_sk_test_from_effect")
    expect(makePromiseClient({ apiKey: redacted, baseUrl: "http://127.0.0.1:1" }).config.apiKey).toBe(
      redacted,
    )
  })
})
