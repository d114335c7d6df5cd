/// <reference types="node" />
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Headers from "effect/http/Headers"
import { describe, expect, it } from "vitest"
import type { LomiClientOptions } from "../src/Config.js"
import {
  LomiBadRequestError,
  LomiConfigError,
  LomiConnectionError,
  LomiNotFoundError,
  LomiRateLimitError,
  LomiServerError,
  LomiTimeoutError,
  LomiUnexpectedStatusError,
  type LomiValidationError,
} from "../src/Errors.js"
import { headersRecord } from "../src/internal/headers.js"
import { make } from "../src/LomiClient.js"
import { makeOperation } from "../src/Operation.js"
import {
  API_KEY,
  client as clientOf,
  createSession,
  deleteSession,
  listSessions,
  retrieveSession,
  run,
  runFailure,
  Session,
  session,
} from "./support/client.js"
import { type Reply, serverPerTest } from "./support/server.js"

const startServer = serverPerTest()

const serve = async (script: (index: number) => Reply) => {
  return startServer((_request, index) => script(index))
}

const unavailable: Reply = {
  status: 503,
  body: { error: { code: "SERVICE_UNAVAILABLE", message: "try later" } },
}
const body = { amount: 5000, currency_code: "XOF" }

// Node runs `node:http` by default and `fetch` when given one: every behaviour holds over both.
const TRANSPORTS = [
  ["node:http", {}],
  ["fetch", { fetch: globalThis.fetch }],
] as const

describe.each(TRANSPORTS)("over %s", (transport, transportOptions) => {
  const client = (url: string, options: LomiClientOptions = {}) =>
    clientOf(url, { ...transportOptions, ...options })

  describe("request shape", () => {
    it("sends the key, JSON headers and the user agent, and decodes the body with its metadata", async () => {
      const s = await serve(() => ({ status: 201, body: session }))
      const lomi = await client(s.url)
      const result = await run(lomi.executeWithMeta(createSession, { body }))
      expect(result.data).toEqual(session)
      expect(result.meta).toMatchObject({ status: 201, requestId: "req_1", attempts: 1 })
      const [request] = s.requests
      expect(request?.method).toBe("POST")
      expect(request?.url).toBe("/v1/checkout_sessions")
      expect(request?.headers["x-api-key"]).toBe(API_KEY)
      expect(request?.headers.accept).toBe("application/json")
      expect(request?.headers["content-type"]).toBe("application/json")
      expect(request?.headers["user-agent"]).toMatch(
        /^lomi-typescript\/\d+\.\d+\.\d+ \(node \d+\.\d+\.\d+\)$/,
      )
      expect(JSON.parse(request?.body ?? "")).toEqual(body)
      expect(request?.headers["idempotency-key"]).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      )
      expect(result.meta.idempotencyKey).toBe(request?.headers["idempotency-key"])
    })

    it("sends no body, content type or idempotency key on GET, and no user agent when turned off", async () => {
      const s = await serve(() => ({ status: 200, body: session }))
      const lomi = await client(s.url, { userAgent: false, headers: { "X-Extra": "1" } })
      await run(
        lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }, { headers: { "x-call": "2" } }),
      )
      const headers = s.requests[0]?.headers
      expect(headers?.["content-type"]).toBeUndefined()
      expect(headers?.["idempotency-key"]).toBeUndefined()
      expect(headers?.["user-agent"] ?? "").not.toMatch(/lomi-typescript/)
      expect(headers?.["x-extra"]).toBe("1")
      expect(headers?.["x-call"]).toBe("2")
    })

    it("refuses caller headers for the key or the idempotency key, pointing at the right option", async () => {
      const s = await serve(() => ({ status: 200, body: session }))
      const built = await Effect.runPromise(
        Effect.flip(make({ apiKey: API_KEY, baseUrl: s.url, headers: { "X-API-KEY": "other" } })),
      )
      expect(built).toBeInstanceOf(LomiConfigError)
      expect(built.message).toMatch(/"X-API-KEY": the SDK sets it from the `apiKey` option/)
      const lomi = await client(s.url)
      for (const [header, option] of [
        ["x-api-key", "apiKey"],
        ["Idempotency-Key", "idempotencyKey"],
      ] as const) {
        const error = await runFailure(lomi.execute(createSession, { body }, { headers: { [header]: "x" } }))
        expect(error).toMatchObject({ _tag: "LomiValidationError", attempts: 0 })
        expect((error as LomiValidationError).issues).toEqual([
          { path: ["options", "headers"], message: expect.stringContaining(`\`${option}\``) },
        ])
      }
      expect(s.requests).toHaveLength(0)
    })

    it.each([
      "Upgrade",
      "connection",
      "Host",
      "content-length",
      "transfer-encoding",
      "keep-alive",
      "TE",
      "trailer",
      "expect",
      "proxy-authorization",
      "Proxy-Connection",
      "accept-encoding",
    ])(
      "refuses a %s header up front: at construction, and per call before any byte is sent",
      async (name) => {
        const s = await serve(() => ({ status: 200, body: session }))
        const built = await Effect.runPromise(
          Effect.flip(make({ apiKey: API_KEY, baseUrl: s.url, headers: { [name]: "x" } })),
        )
        expect(built).toBeInstanceOf(LomiConfigError)
        expect(built.message).toContain(JSON.stringify(name))
        const lomi = await client(s.url)
        const error = await runFailure(
          lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }, { headers: { [name]: "x" } }),
        )
        expect(error).toMatchObject({ _tag: "LomiValidationError", attempts: 0, retryable: false })
        expect((error as LomiValidationError).issues[0]?.path).toEqual(["options", "headers"])
        expect(s.requests).toHaveLength(0)
      },
    )

    it("percent-encodes path parameters so they cannot change the path", async () => {
      const s = await serve(() => ({ status: 200, body: session }))
      const lomi = await client(s.url)
      await run(lomi.execute(retrieveSession, { path: { session_id: "../x" } }))
      await run(lomi.execute(retrieveSession, { path: { session_id: "a/b?c=d#e" } }))
      expect(s.requests.map((r) => r.url)).toEqual([
        "/v1/checkout_sessions/..%2Fx",
        "/v1/checkout_sessions/a%2Fb%3Fc%3Dd%23e",
      ])
    })

    it("omits undefined query values", async () => {
      const s = await serve(() => ({ status: 200, body: { data: [session] } }))
      const lomi = await client(s.url)
      await run(
        lomi.execute(listSessions, { query: { limit: 10, offset: undefined, sort: "created_at:desc" } }),
      )
      expect(s.requests[0]?.url).toBe("/v1/checkout_sessions?limit=10&sort=created_at%3Adesc")
    })

    it("accepts a 204 without a body when the operation expects none", async () => {
      const s = await serve(() => ({ status: 204 }))
      const lomi = await client(s.url)
      const result = await run(lomi.executeWithMeta(deleteSession, { path: { session_id: "cs_1" } }))
      expect(result.data).toBeUndefined()
      expect(result.meta.status).toBe(204)
    })

    it("reports a 2xx body that does not fit the schema, keeping the start of the body", async () => {
      const s = await serve(() => ({ status: 200, body: { id: 42, padding: "x".repeat(5000) } }))
      const lomi = await client(s.url)
      const error = await runFailure(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }))
      expect(error._tag).toBe("LomiResponseDecodeError")
      if (error._tag !== "LomiResponseDecodeError") return
      expect(error.body.length).toBe(2048)
      expect(error.body.startsWith('{"id":42')).toBe(true)
      expect(error.issues).toContain("id")
      expect(error.requestId).toBe("req_1")
      expect(error.retryable).toBe(false)
    })

    it("reports invalid JSON on a 2xx as a decode error", async () => {
      const s = await serve(() => ({ status: 200, body: "<html>hi</html>" }))
      const lomi = await client(s.url)
      const error = await runFailure(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }))
      expect(error._tag).toBe("LomiResponseDecodeError")
    })
  })

  describe("retries and idempotency", () => {
    it("retries 503, 503, 200 and sends the same idempotency key each time", async () => {
      const s = await serve((i) => (i < 2 ? unavailable : { status: 201, body: session }))
      const lomi = await client(s.url)
      const result = await run(lomi.executeWithMeta(createSession, { body }))
      expect(result.meta.attempts).toBe(3)
      const keys = s.requests.map((r) => r.headers["idempotency-key"])
      expect(keys).toHaveLength(3)
      expect(new Set(keys).size).toBe(1)
      expect(keys[0]).toBe(result.meta.idempotencyKey)
    })

    it("uses a caller-supplied idempotency key", async () => {
      const s = await serve((i) => (i < 1 ? unavailable : { status: 201, body: session }))
      const lomi = await client(s.url)
      await run(lomi.execute(createSession, { body }, { idempotencyKey: "order-1234" }))
      expect(s.requests.map((r) => r.headers["idempotency-key"])).toEqual(["order-1234", "order-1234"])
    })

    it("gives up after maxRetries with the last error, its attempts and key", async () => {
      const s = await serve(() => unavailable)
      const lomi = await client(s.url, { maxRetries: 1 })
      const error = await runFailure(lomi.execute(createSession, { body }))
      expect(error).toBeInstanceOf(LomiServerError)
      expect(error).toMatchObject({
        status: 503,
        code: "SERVICE_UNAVAILABLE",
        message: "try later",
        attempts: 2,
      })
      expect(error.idempotencyKey).toBe(s.requests[0]?.headers["idempotency-key"])
      expect(error.requestId).toBe("req_2")
      expect(s.requests).toHaveLength(2)
    })

    it("waits as long as Retry-After says", async () => {
      const s = await serve((i) =>
        i === 0
          ? {
              status: 429,
              headers: { "retry-after": "1" },
              body: { error: { code: "RATE_LIMITED", message: "slow down" } },
            }
          : { status: 200, body: session },
      )
      const lomi = await client(s.url)
      const started = Date.now()
      await run(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }))
      // A lower bound only: waiting at least what the server asked is the behaviour under test.
      expect(Date.now() - started).toBeGreaterThanOrEqual(950)
      expect(s.requests).toHaveLength(2)
    })

    it("honours retry-after-ms and reports retryAfter on the final rate limit error", async () => {
      const s = await serve(() => ({ status: 429, headers: { "retry-after-ms": "10", "retry-after": "2" } }))
      const lomi = await client(s.url, { maxRetries: 2 })
      const error = await runFailure(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }))
      expect(error).toBeInstanceOf(LomiRateLimitError)
      expect(error).toMatchObject({ attempts: 3, retryable: true, retryAfter: 0.01 })
    })

    it("does not wait for a Retry-After longer than 60 s and returns the error at once", async () => {
      const s = await serve(() => ({ status: 429, headers: { "retry-after": "3600" } }))
      const lomi = await client(s.url)
      const error = await runFailure(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }))
      expect(error).toMatchObject({ _tag: "LomiRateLimitError", retryAfter: 3600, attempts: 1 })
      expect(s.requests).toHaveLength(1)
    })

    it("retries a connection reset", async () => {
      const s = await serve((i) => (i === 0 ? { reset: true } : { status: 200, body: session }))
      const lomi = await client(s.url)
      const result = await run(lomi.executeWithMeta(retrieveSession, { path: { session_id: "cs_1" } }))
      expect(result.meta.attempts).toBe(2)
    })

    it("fails with LomiConnectionError when resets persist", async () => {
      const s = await serve(() => ({ reset: true }))
      const lomi = await client(s.url, { maxRetries: 1 })
      const error = await runFailure(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }))
      expect(error).toBeInstanceOf(LomiConnectionError)
      expect(error).toMatchObject({
        status: undefined,
        attempts: 2,
        retryable: true,
        code: "CONNECTION_ERROR",
      })
      expect(error.message).toMatch(transport === "fetch" ? /fetch failed/ : /socket hang up \(ECONNRESET\)/)
    })

    it.each([400, 401, 403, 404, 422])("does not retry %i", async (status) => {
      const s = await serve(() => ({ status, body: { error: { code: "X", message: `status ${status}` } } }))
      const lomi = await client(s.url)
      const error = await runFailure(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }))
      expect(error.status).toBe(status)
      expect(error.message).toBe(`status ${status}`)
      expect(error.retryable).toBe(false)
      expect(s.requests).toHaveLength(1)
    })

    it.each([408, 409, 429, 500, 502, 504])("retries %i", async (status) => {
      const s = await serve((i) => (i === 0 ? { status } : { status: 200, body: session }))
      const lomi = await client(s.url)
      const result = await run(lomi.executeWithMeta(retrieveSession, { path: { session_id: "cs_1" } }))
      expect(result.meta.attempts).toBe(2)
    })

    it("lets x-should-retry override the status rule both ways", async () => {
      const s = await serve((i) =>
        i === 0
          ? { status: 400, headers: { "x-should-retry": "true" } }
          : { status: 503, headers: { "x-should-retry": "false" } },
      )
      const lomi = await client(s.url)
      const error = await runFailure(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }))
      expect(error).toMatchObject({ status: 503, attempts: 2, retryable: false })
    })

    it("never retries a POST whose idempotency key is turned off", async () => {
      const s = await serve(() => unavailable)
      const lomi = await client(s.url)
      const error = await runFailure(lomi.execute(createSession, { body }, { idempotencyKey: false }))
      expect(error).toMatchObject({ _tag: "LomiServerError", attempts: 1, idempotencyKey: undefined })
      expect(s.requests).toHaveLength(1)
      expect(s.requests[0]?.headers["idempotency-key"]).toBeUndefined()
    })

    it("retries PATCH and DELETE without a key", async () => {
      const patch = makeOperation({
        name: "update_checkout_session",
        method: "PATCH",
        path: "/checkout_sessions/{session_id}",
        body: Session,
        success: Session,
      })
      const s = await serve((i) => (i === 0 ? unavailable : { status: 200, body: session }))
      const lomi = await client(s.url)
      await run(lomi.execute(patch, { path: { session_id: "cs_1" }, body: session }))
      expect(s.requests.map((r) => [r.method, r.headers["idempotency-key"]])).toEqual([
        ["PATCH", undefined],
        ["PATCH", undefined],
      ])
    })

    it("generates a new key per logical call", async () => {
      const s = await serve(() => ({ status: 201, body: session }))
      const lomi = await client(s.url)
      await run(lomi.execute(createSession, { body }))
      await run(lomi.execute(createSession, { body }))
      expect(s.requests[0]?.headers["idempotency-key"]).not.toBe(s.requests[1]?.headers["idempotency-key"])
    })

    it("logs each attempt (the retried one at info) with its reason and delay, never the key", async () => {
      const s = await serve((i) => (i === 0 ? unavailable : { status: 201, body: session }))
      const lomi = await client(s.url)
      const { Logger } = await import("./support/logger.js")
      const lines = await Logger.capture(lomi.execute(createSession, { body }))
      const attempts = lines.filter((line) => line.includes("lomi: create_checkout_session"))
      expect(attempts).toHaveLength(2)
      expect(attempts[0]).toMatch(
        /level=INFO .*POST \/checkout_sessions attempt 1\/3: HTTP 503 SERVICE_UNAVAILABLE after \d+ ms; retrying in \d+ ms/,
      )
      expect(attempts[1]).toMatch(/level=DEBUG .*attempt 2\/3: HTTP 201 after \d+ ms"$/)
      for (const line of lines) {
        expect(line).not.toContain(API_KEY)
        expect(line).not.toContain(s.requests[0]?.headers["idempotency-key"])
      }
    })
  })

  describe("declared errors", () => {
    it("maps 404 to LomiNotFoundError when the operation declares it", async () => {
      const s = await serve(() => ({
        status: 404,
        body: { error: { code: "NOT_FOUND", message: "no such session" } },
      }))
      const lomi = await client(s.url)
      const error = await runFailure(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }))
      expect(error).toBeInstanceOf(LomiNotFoundError)
    })

    it("maps an undeclared 404 to LomiUnexpectedStatusError, keeping status and message", async () => {
      const s = await serve(() => ({
        status: 404,
        body: { error: { code: "NOT_FOUND", message: "no route" } },
      }))
      const lomi = await client(s.url)
      const error = await runFailure(lomi.execute(listSessions, {}))
      expect(error).toBeInstanceOf(LomiUnexpectedStatusError)
      expect(error).toMatchObject({ status: 404, code: "NOT_FOUND", message: "no route" })
    })

    it("keeps 400 details", async () => {
      const details = { issues: [{ path: ["amount"], message: "must be positive" }] }
      const s = await serve(() => ({
        status: 400,
        body: { error: { code: "INVALID_REQUEST", message: "bad", details } },
      }))
      const lomi = await client(s.url)
      const error = await runFailure(lomi.execute(createSession, { body }))
      expect(error).toBeInstanceOf(LomiBadRequestError)
      expect((error as LomiBadRequestError).details).toEqual(details)
    })
  })

  describe("timeouts, deadline and cancellation", () => {
    it("fires the attempt timeout, aborts the request and retries", async () => {
      const s = await serve((i) => (i === 0 ? { hang: true } : { status: 200, body: session }))
      const lomi = await client(s.url, { timeout: 100 })
      const result = await run(lomi.executeWithMeta(retrieveSession, { path: { session_id: "cs_1" } }))
      expect(result.meta.attempts).toBe(2)
      await s.waitForAbort(0)
      expect(s.requests[0]?.abortedBeforeResponse).toBe(true)
    })

    it("fails with LomiTimeoutError kind attempt when every attempt times out", async () => {
      const s = await serve(() => ({ hang: true }))
      const lomi = await client(s.url, { maxRetries: 1 })
      const error = await runFailure(
        lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }, { timeout: "50 millis" }),
      )
      expect(error).toBeInstanceOf(LomiTimeoutError)
      expect(error).toMatchObject({ kind: "attempt", timeoutMs: 50, attempts: 2, retryable: true })
    })

    it("stops retrying at the deadline", async () => {
      const s = await serve(() => ({ status: 503, headers: { "retry-after-ms": "150" } }))
      const lomi = await client(s.url, { maxRetries: 10, deadline: 400 })
      const error = await runFailure(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }))
      // 150 ms apart within 400 ms: a few attempts, never the 11 that maxRetries allows.
      expect(["LomiServerError", "LomiTimeoutError"]).toContain(error._tag)
      expect(error.attempts).toBeLessThan(5)
      expect(s.requests.length).toBe(error.attempts)
    })

    it("cuts a hanging attempt at the deadline with kind deadline", async () => {
      const s = await serve(() => ({ hang: true }))
      const lomi = await client(s.url)
      const error = await runFailure(
        lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }, { deadline: 100 }),
      )
      expect(error).toMatchObject({ _tag: "LomiTimeoutError", kind: "deadline", timeoutMs: 100, attempts: 1 })
      await s.waitForAbort(0)
    })

    it("aborts the in-flight request when the fiber is interrupted", async () => {
      const s = await serve(() => ({ hang: true }))
      const lomi = await client(s.url)
      await run(
        Effect.gen(function* () {
          const fiber = yield* Effect.forkChild(
            lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }),
          )
          yield* Effect.promise(() => s.waitForRequests(1))
          yield* Fiber.interrupt(fiber)
        }),
      )
      await s.waitForAbort(0)
      expect(s.requests).toHaveLength(1)
    })
  })

  describe("responses on the wire", () => {
    it.each(["gzip", "deflate", "deflate-raw", "br"] as const)("decodes a %s body", async (encoding) => {
      const s = await serve(() => ({ status: 200, body: session, encoding }))
      const lomi = await client(s.url)
      expect(await run(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }))).toEqual(session)
      expect(s.requests[0]?.headers["accept-encoding"]).toMatch(/gzip/)
    })

    it("retries a body cut off mid-way, and reports it as a connection error when it persists", async () => {
      const s = await serve((i) => (i === 1 ? { status: 200, body: session } : { truncate: true }))
      const lomi = await client(s.url)
      const result = await run(lomi.executeWithMeta(retrieveSession, { path: { session_id: "cs_1" } }))
      expect(result.meta.attempts).toBe(2)
      const again = await client(s.url, { maxRetries: 0 })
      const error = await runFailure(again.execute(retrieveSession, { path: { session_id: "cs_1" } }))
      expect(error).toMatchObject({ _tag: "LomiConnectionError", attempts: 1 })
    })

    it("does not follow a redirect, which would resend the key to wherever it points", async () => {
      const s = await serve(() => ({ status: 307, headers: { location: "/elsewhere" } }))
      const lomi = await client(s.url)
      const error = await runFailure(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }))
      expect(error).toMatchObject({ status: 307, retryable: false })
      expect(s.requests.map((r) => r.url)).toEqual(["/v1/checkout_sessions/cs_1"])
    })
  })
})

describe("choice of transport on Node", () => {
  it("uses node:http by default, and fetch when the client is given one", async () => {
    const s = await serve(() => ({ status: 200, body: session }))
    await run((await clientOf(s.url)).execute(retrieveSession, { path: { session_id: "cs_1" } }))
    const viaFetch = await clientOf(s.url, { fetch: globalThis.fetch })
    await run(viaFetch.execute(retrieveSession, { path: { session_id: "cs_1" } }))
    // Node's fetch (undici) adds `sec-fetch-mode`; node:http sends only the SDK's headers.
    expect(s.requests.map((r) => r.headers["sec-fetch-mode"])).toEqual([undefined, "cors"])
  })

  it("keeps to fetch when undici's global dispatcher was replaced, so MockAgent and proxies still apply", async () => {
    const s = await serve(() => ({ status: 200, body: session }))
    const slot = Symbol.for("undici.globalDispatcher.1")
    const global = globalThis as unknown as Record<symbol, unknown>
    await fetch(`${s.url}/warm-up`).then((r) => r.text()) // makes undici install its default Agent
    const original = global[slot] as { dispatch: (options: unknown, handler: unknown) => boolean }
    const seen: Array<string> = []
    // Stands for a MockAgent or a ProxyAgent: any dispatcher that is not undici's plain Agent.
    global[slot] = {
      dispatch: (options: { path: string }, handler: unknown) => {
        seen.push(options.path)
        return original.dispatch(options, handler)
      },
    }
    try {
      await run((await clientOf(s.url)).execute(retrieveSession, { path: { session_id: "cs_1" } }))
    } finally {
      global[slot] = original
    }
    expect(seen).toEqual(["/v1/checkout_sessions/cs_1"])
  })
})

describe("RequestInit headers", () => {
  it("are read like Effect's Headers.fromInput: lower-case names, arrays joined, undefined skipped", () => {
    const inputs: Array<Headers.Input> = [
      { "X-Trace": "a", Accept: "text/plain", "x-list": ["1", "2"], "x-none": undefined },
      [
        ["X-Trace", "a"],
        ["x-trace", "b"],
      ],
      new globalThis.Headers({ "X-Trace": "a", "X-Other": "b" }),
    ]
    for (const input of inputs)
      expect(headersRecord(input as HeadersInit)).toEqual({ ...Headers.fromInput(input) })
  })

  it("are defaults that the SDK's own headers override", async () => {
    const s = await serve(() => ({ status: 200, body: session }))
    const lomi = await clientOf(s.url)
    await run(
      lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }).pipe(
        Effect.provideService(FetchHttpClient.RequestInit, {
          headers: { "X-Trace": "t1", Accept: "text/html" },
        }),
      ),
    )
    expect(s.requests[0]?.headers["x-trace"]).toBe("t1")
    expect(s.requests[0]?.headers.accept).toBe("application/json")
  })

  it("are refused, before anything is sent, when they hold a header the SDK or its transport owns", async () => {
    const s = await serve(() => ({ status: 200, body: session }))
    const lomi = await clientOf(s.url)
    const error = await runFailure(
      lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }).pipe(
        Effect.provideService(FetchHttpClient.RequestInit, {
          headers: [
            ["Upgrade", "websocket"],
            ["X-API-KEY", "other"],
          ],
        }),
      ),
    )
    expect(error).toMatchObject({ _tag: "LomiValidationError", attempts: 0 })
    expect((error as LomiValidationError).issues.map((i) => i.path)).toEqual([
      ["RequestInit", "headers", "upgrade"],
      ["RequestInit", "headers", "x-api-key"],
    ])
    expect(s.requests).toHaveLength(0)
  })
})
