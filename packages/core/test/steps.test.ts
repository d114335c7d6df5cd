// The request loop's steps alone, without a server: what an outcome means (`classify`), whether to retry
// it (`decide`), and what a call sends (`prepareCall`). The end-to-end tests run them together.
import { describe, expect, it } from "vitest"
import type { ResolvedConfig } from "../src/Config.js"
import type { Attempt } from "../src/internal/attempt.js"
import { type AttemptContext, classify, type Outcome } from "../src/internal/classify.js"
import { type CallState, decide, type Failure } from "../src/internal/decide.js"
import { makeMasker } from "../src/internal/mask.js"
import { prepareCall } from "../src/internal/prepare.js"
import { Secret } from "../src/internal/secret.js"
import { API_KEY, createSession, retrieveSession, session } from "./support/client.js"

const route = retrieveSession.routes.v1!
const ctx = (over: Partial<AttemptContext> = {}): AttemptContext => ({
  op: retrieveSession,
  route,
  baseUrl: "https://api.example",
  generation: "v1",
  mask: makeMasker(API_KEY),
  attempt: 1,
  idempotencyKey: undefined,
  queryValues: {},
  startedAtMs: 1_000_000,
  budgetMs: 60_000,
  deadlineMs: undefined,
  cutByDeadline: false,
  ...over,
})
const response = (status: number, body: unknown, headers: Record<string, string> = {}): Attempt => ({
  _tag: "Response",
  status,
  headers: { "content-type": "application/json", ...headers },
  text: typeof body === "string" ? body : JSON.stringify(body),
})
const failureOf = (outcome: Outcome): Failure => {
  if (outcome._tag !== "Failure") throw new Error(`expected a failure, got ${outcome._tag}`)
  return outcome
}

describe("classify", () => {
  it("decodes a 2xx body into the result and its meta", () => {
    const outcome = classify(response(200, session, { "x-request-id": "req_1" }), ctx({ attempt: 2 }))
    expect(outcome).toMatchObject({
      _tag: "Success",
      data: session,
      meta: { status: 200, requestId: "req_1", attempts: 2 },
    })
  })

  it("a 2xx body that does not fit the schema is a decode error, not retried", () => {
    const failure = failureOf(classify(response(200, { id: 1 }), ctx()))
    expect(failure).toMatchObject({ reason: "HTTP 200", retryable: false, deadline: false })
    expect(failure.error._tag).toBe("LomiResponseDecodeError")
  })

  it("a 503 is retryable, with the delay the server asked for", () => {
    const body = { error: { code: "SERVICE_UNAVAILABLE", message: "busy" } }
    const failure = failureOf(classify(response(503, body, { "retry-after": "2" }), ctx()))
    expect(failure).toMatchObject({
      reason: "HTTP 503 SERVICE_UNAVAILABLE",
      retryable: true,
      retryAfterMs: 2000,
    })
    expect(failure.error).toMatchObject({ _tag: "LomiServerError", retryable: true, attempts: 1 })
  })

  it("x-should-retry overrides the status rule both ways", () => {
    expect(failureOf(classify(response(400, {}, { "x-should-retry": "true" }), ctx())).retryable).toBe(true)
    expect(failureOf(classify(response(503, {}, { "x-should-retry": "false" }), ctx())).retryable).toBe(false)
  })

  it("a 404 in the API's shape is the resource's; any other 404 is a missing route", () => {
    const resource = failureOf(
      classify(response(404, { error: { code: "NOT_FOUND", message: "no" } }), ctx()),
    )
    expect(resource.error).toMatchObject({ _tag: "LomiNotFoundError", retryable: false })
    const router = failureOf(
      classify(response(404, "<html>Not Found</html>", { "content-type": "text/html" }), ctx()),
    )
    expect(router.error).toMatchObject({ _tag: "LomiUnexpectedStatusError", code: "ROUTE_NOT_FOUND" })
  })

  it("masks the key in what the server sent", () => {
    const failure = failureOf(
      classify(response(500, { error: { code: "E", message: `bad ${API_KEY}` } }), ctx()),
    )
    expect(failure.error.message).not.toContain(API_KEY.slice(13, 21))
    expect(failure.error.message).toContain("<redacted>")
  })

  it("a transport failure is a retryable connection error, its cause masked", () => {
    const failure = failureOf(classify({ _tag: "Transport", cause: new Error(`reset ${API_KEY}`) }, ctx()))
    expect(failure).toMatchObject({ reason: "connection error", retryable: true })
    expect(failure.error._tag).toBe("LomiConnectionError")
    expect(failure.error.message).not.toContain(API_KEY)
  })

  it("a timeout is retryable, unless the deadline set its budget", () => {
    const attempt = failureOf(classify({ _tag: "Timeout" }, ctx({ budgetMs: 500 })))
    expect(attempt).toMatchObject({ reason: "attempt timeout", retryable: true, deadline: false })
    expect(attempt.error).toMatchObject({ code: "TIMEOUT", kind: "attempt", timeoutMs: 500 })
    const cut = failureOf(
      classify({ _tag: "Timeout" }, ctx({ budgetMs: 200, deadlineMs: 900, cutByDeadline: true })),
    )
    expect(cut).toMatchObject({ reason: "attempt timeout", deadline: true })
    expect(cut.error).toMatchObject({ code: "DEADLINE_EXCEEDED", kind: "deadline", timeoutMs: 900 })
  })
})

const policy = { initialDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 }
const state = (over: Partial<CallState> = {}): CallState => ({
  attempt: 1,
  maxRetries: 2,
  mayRetry: true,
  deadlineMs: undefined,
  deadlineAtMs: undefined,
  nowMs: 0,
  random: 0,
  policy,
  ...over,
})
const transient = failureOf(classify(response(503, {}), ctx()))
const withRetryAfter = (ms: number): Failure => ({ ...transient, retryAfterMs: ms })

describe("decide", () => {
  it("retries a transient failure with exponential backoff and jitter", () => {
    expect(decide(transient, state())).toEqual({ _tag: "Retry", delayMs: 500 })
    expect(decide(transient, state({ attempt: 2 }))).toEqual({ _tag: "Retry", delayMs: 1000 })
    expect(decide(transient, state({ attempt: 2, random: 0.5 }))).toEqual({ _tag: "Retry", delayMs: 875 })
  })

  it("waits what the server asked, and gives up when it asks for too long", () => {
    expect(decide(withRetryAfter(3_000), state())).toEqual({ _tag: "Retry", delayMs: 3_000 })
    expect(decide(withRetryAfter(120_000), state())).toEqual({
      _tag: "GiveUp",
      why: "the server asked to wait 120 s, longer than the 60 s the SDK waits",
    })
  })

  it("gives up quietly on what a retry cannot fix", () => {
    const notFound = failureOf(
      classify(response(404, { error: { code: "NOT_FOUND", message: "no" } }), ctx()),
    )
    expect(decide(notFound, state())).toEqual({ _tag: "GiveUp", why: undefined })
  })

  it("gives up when the retries are used up, with a warning only if retrying was allowed", () => {
    expect(decide(transient, state({ attempt: 3 }))).toEqual({ _tag: "GiveUp", why: "no retries left" })
    expect(decide(transient, state({ maxRetries: 0 }))).toEqual({ _tag: "GiveUp", why: undefined })
    // A POST without an idempotency key is sent once.
    expect(decide(transient, state({ mayRetry: false }))).toEqual({ _tag: "GiveUp", why: undefined })
  })

  it("never sleeps past the deadline", () => {
    const near = state({ deadlineMs: 1_000, deadlineAtMs: 1_000, nowMs: 600 })
    expect(decide(transient, near)).toEqual({
      _tag: "GiveUp",
      why: "the deadline of 1000 ms leaves no time for another attempt",
    })
    expect(decide(transient, { ...near, nowMs: 400 })).toEqual({ _tag: "Retry", delayMs: 500 })
  })

  it("an attempt cut by the deadline ends the call", () => {
    const cut = failureOf(classify({ _tag: "Timeout" }, ctx({ deadlineMs: 900, cutByDeadline: true })))
    expect(decide(cut, state({ deadlineMs: 900 }))).toEqual({
      _tag: "GiveUp",
      why: "the deadline of 900 ms ran out",
    })
  })
})

describe("prepareCall", () => {
  const config: ResolvedConfig = {
    // Held as the resolution holds it (`Secret`), so no Effect Redacted reader is needed.
    apiKey: new Secret(API_KEY, "LOMI_API_KEY") as never,
    baseUrl: "https://api.example",
    apiGeneration: "v1",
    maxRetries: 2,
    timeoutMs: 60_000,
    deadlineMs: undefined,
    fetch: undefined,
    headers: { "x-client": "a" },
    userAgent: "ua",
    logLevel: undefined,
    logger: undefined,
  }
  const body = { amount: 100, currency_code: "XOF" }
  const createRoute = createSession.routes.v1!

  it("builds a POST with a fresh idempotency key, the key header and a JSON body", () => {
    const prepared = prepareCall(config, createSession, createRoute, { body }, {}, undefined, () => "key-1")
    expect(prepared.ok && prepared.call).toMatchObject({
      idempotencyKey: "key-1",
      mayRetry: true,
      request: {
        url: "https://api.example/checkout_sessions",
        method: "POST",
        body: JSON.stringify(body),
        headers: {
          "x-api-key": API_KEY,
          "idempotency-key": "key-1",
          "content-type": "application/json",
          "x-client": "a",
        },
      },
    })
  })

  it("a POST without a key is not retried; a GET has no key", () => {
    const once = prepareCall(
      config,
      createSession,
      createRoute,
      { body },
      { idempotencyKey: false },
      undefined,
    )
    expect(once.ok && once.call).toMatchObject({ idempotencyKey: undefined, mayRetry: false })
    const get = prepareCall(config, retrieveSession, route, { path: { session_id: "cs_1" } }, {}, undefined)
    expect(get.ok && get.call).toMatchObject({ idempotencyKey: undefined, mayRetry: true })
  })

  it("reports every problem of the input, the options and a RequestInit at once", () => {
    const prepared = prepareCall(
      config,
      createSession,
      createRoute,
      { body: { amount: -1, currency_code: "GBP" } },
      { timeout: -1 },
      { headers: { "x-api-key": "other" } },
    )
    expect(prepared.ok).toBe(false)
    const paths = prepared.ok ? [] : prepared.issues.map((issue) => issue.path.join("."))
    expect(paths).toEqual(expect.arrayContaining(["options.timeout", "RequestInit.headers.x-api-key"]))
    expect(paths.filter((path) => path.startsWith("body")).length).toBeGreaterThanOrEqual(2)
  })
})
