import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Random from "effect/Random"
import * as References from "effect/References"
import { TestClock } from "effect/testing"
import { describe, expect, it } from "vitest"
import { ERROR_TABLE, type ErrorRow } from "../src/Errors.js"
import {
  backoffDelay,
  isRetryableStatus,
  parseRetryAfter,
  RetryPolicy,
  shouldRetryHeader,
} from "../src/Retry.js"
import { client, retrieveSession, session } from "./support/client.js"
import { serverPerTest } from "./support/server.js"

const policy = { initialDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60_000 }

describe("backoffDelay", () => {
  it("doubles from 0.5 s and caps at 8 s", () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, 0, policy))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ])
  })

  it("jitters down by at most a quarter", () => {
    expect(backoffDelay(1, 0.999999, policy)).toBe(375)
    expect(backoffDelay(5, 0.5, policy)).toBe(7000)
  })
})

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00Z")
  it("reads retry-after-ms first, then seconds, then an HTTP date", () => {
    expect(parseRetryAfter({ "retry-after-ms": "250", "retry-after": "9" }, now)).toBe(250)
    expect(parseRetryAfter({ "retry-after": "2" }, now)).toBe(2000)
    expect(parseRetryAfter({ "retry-after": "1.5" }, now)).toBe(1500)
    expect(parseRetryAfter({ "retry-after": "Thu, 01 Jan 2026 00:00:30 GMT" }, now)).toBe(30_000)
    expect(parseRetryAfter({ "retry-after": "Wed, 31 Dec 2025 00:00:00 GMT" }, now)).toBe(0)
  })

  it("ignores absent and garbage values", () => {
    expect(parseRetryAfter({}, now)).toBeUndefined()
    expect(parseRetryAfter({ "retry-after": "soon" }, now)).toBeUndefined()
    expect(parseRetryAfter({ "retry-after": "-3" }, now)).toBeUndefined()
    expect(parseRetryAfter({ "retry-after-ms": "x", "retry-after": "1" }, now)).toBe(1000)
  })
})

describe("status rule", () => {
  it("retries the statuses the error table marks retried, and no other", () => {
    const rules = (ERROR_TABLE as ReadonlyArray<ErrorRow>).flatMap((row) =>
      Object.entries(row.statuses ?? {}),
    )
    expect(rules.length).toBeGreaterThan(5)
    for (const [status, rule] of rules) expect(isRetryableStatus(Number(status)), status).toBe(rule.retried)
    expect([200, 201, 302, 418, 501, 599].some(isRetryableStatus)).toBe(false)
  })

  it("reads x-should-retry", () => {
    expect(shouldRetryHeader({ "x-should-retry": "true" })).toBe(true)
    expect(shouldRetryHeader({ "x-should-retry": "FALSE" })).toBe(false)
    expect(shouldRetryHeader({ "x-should-retry": "maybe" })).toBeUndefined()
    expect(shouldRetryHeader({})).toBeUndefined()
  })
})

describe("the retry loop on the test clock", () => {
  const startServer = serverPerTest()

  it("sleeps the default backoff (0.5 s, then 1 s) between attempts", async () => {
    const server = await startServer((_r, i) => (i < 2 ? { status: 503 } : { status: 200, body: session }))
    const s = server
    const lomi = await client(s.url)
    const zeroJitter: Random.Random = { nextIntUnsafe: () => 0, nextDoubleUnsafe: () => 0 }
    // The loop logs "retrying" just before it sleeps: wait for that line before moving the clock.
    let retries = 0
    const logger = Logger.make((options) => {
      if (String(options.message).includes("retrying")) retries++
    })
    const retryLogged = (n: number) =>
      Effect.promise(async () => {
        while (retries < n) await new Promise((resolve) => setTimeout(resolve, 5))
        await new Promise((resolve) => setTimeout(resolve, 10))
      })
    const pause = Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 30)))
    const result = await Effect.runPromise(
      Effect.gen(function* () {
        const fiber = yield* Effect.forkChild(
          lomi.executeWithMeta(retrieveSession, { path: { session_id: "cs_1" } }),
        )
        yield* retryLogged(1)
        // The first retry is due at 500 ms: nothing is sent at 499 ms, the retry is sent at 500 ms.
        yield* TestClock.adjust("499 millis")
        yield* pause
        expect(s.requests).toHaveLength(1)
        yield* TestClock.adjust("1 millis")
        yield* retryLogged(2)
        expect(s.requests).toHaveLength(2)
        yield* TestClock.adjust("999 millis")
        yield* pause
        expect(s.requests).toHaveLength(2)
        yield* TestClock.adjust("1 millis")
        return yield* Fiber.join(fiber)
      }).pipe(
        Effect.provideService(RetryPolicy, policy),
        Effect.provideService(Random.Random, zeroJitter),
        Effect.provideService(References.MinimumLogLevel, "All"),
        Effect.provide(Layer.mergeAll(TestClock.layer(), Logger.layer([logger]))),
      ),
    )
    expect(result.meta.attempts).toBe(3)
  })
})
