/// <reference types="node" />
// `layerHttpClient`: the client sends through the Effect program's own `HttpClient`, wrapped by
// `transformClient`, and the SDK's rules (retries, one idempotency key, no redirects, masking) still hold.
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as Layer from "effect/Layer"
import { describe, expect, it } from "vitest"
import { LomiConfigError } from "../src/Errors.js"
import {
  LomiClient,
  type LomiClientService,
  type LomiHttpClientOptions,
  layerHttpClient,
} from "../src/LomiClient.js"
import { API_KEY, createSession, retrieveSession, run, runFailure, session } from "./support/client.js"
import { serverPerTest } from "./support/server.js"

const startServer = serverPerTest()

const tagged = HttpClient.mapRequest(HttpClientRequest.setHeader("x-middleware", "on"))

const withClient = <A, E>(
  options: LomiHttpClientOptions,
  f: (lomi: LomiClientService) => Effect.Effect<A, E>,
): Effect.Effect<A, E | LomiConfigError> =>
  Effect.flatMap(LomiClient, f).pipe(
    Effect.provide(layerHttpClient(options).pipe(Layer.provide(FetchHttpClient.layer))),
  )

describe("layerHttpClient", () => {
  it("sends through the HttpClient from context, wrapped by transformClient, retrying with one key", async () => {
    const s = await startServer((_request, index) =>
      index === 0
        ? { status: 503, body: { error: { code: "SERVICE_UNAVAILABLE", message: "busy" } } }
        : { status: 201, body: session },
    )
    const body = { amount: 1000, currency_code: "XOF" }
    const result = await run(
      withClient({ apiKey: API_KEY, baseUrl: s.url, transformClient: tagged }, (lomi) =>
        lomi.executeWithMeta(createSession, { body }),
      ),
    )
    expect(result.data).toEqual(session)
    expect(result.meta.attempts).toBe(2)
    expect(s.requests).toHaveLength(2)
    const [first, second] = s.requests
    for (const request of s.requests) {
      expect(request.headers["x-middleware"]).toBe("on")
      expect(request.headers["x-api-key"]).toBe(API_KEY)
      expect(request.headers["content-type"]).toBe("application/json")
      expect(JSON.parse(request.body)).toEqual(body)
    }
    expect(first?.headers["idempotency-key"]).toBeDefined()
    expect(second?.headers["idempotency-key"]).toBe(first?.headers["idempotency-key"])
    expect(result.meta.idempotencyKey).toBe(first?.headers["idempotency-key"])
  })

  it("works without transformClient, and maps statuses to the same typed errors", async () => {
    const s = await startServer(() => ({
      status: 404,
      body: { error: { code: "NOT_FOUND", message: "no" } },
    }))
    const error = await runFailure(
      withClient({ apiKey: API_KEY, baseUrl: s.url }, (lomi) =>
        lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }),
      ),
    )
    expect(error).toMatchObject({ _tag: "LomiNotFoundError", status: 404, attempts: 1 })
    expect(s.requests[0]?.headers["x-middleware"]).toBeUndefined()
  })

  it("does not follow a redirect through a fetch-based client", async () => {
    const s = await startServer(() => ({ status: 307, headers: { location: "/elsewhere" } }))
    const error = await runFailure(
      withClient({ apiKey: API_KEY, baseUrl: s.url }, (lomi) =>
        lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }),
      ),
    )
    expect(error).toMatchObject({ _tag: "LomiUnexpectedStatusError", status: 307 })
    expect(s.requests).toHaveLength(1)
  })

  it("masks a key echoed by the server, and reports a failed connection as a LomiConnectionError", async () => {
    const s = await startServer((_request, index) =>
      index === 0
        ? { status: 400, body: { error: { code: "BAD", message: `bad key ${API_KEY}` } } }
        : { reset: true },
    )
    const bad = await runFailure(
      withClient({ apiKey: API_KEY, baseUrl: s.url }, (lomi) =>
        lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }),
      ),
    )
    expect(bad).toMatchObject({ _tag: "LomiBadRequestError" })
    expect(JSON.stringify(bad)).not.toContain(API_KEY)
    const reset = await runFailure(
      withClient({ apiKey: API_KEY, baseUrl: s.url, maxRetries: 0 }, (lomi) =>
        lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }),
      ),
    )
    expect(reset).toMatchObject({ _tag: "LomiConnectionError", retryable: true, attempts: 1 })
  })

  it("refuses fetch and a transformClient that is not a function, with a LomiConfigError", async () => {
    const fetchGiven = await runFailure(
      withClient({ apiKey: API_KEY, fetch: globalThis.fetch } as LomiHttpClientOptions, () => Effect.void),
    )
    expect(fetchGiven).toBeInstanceOf(LomiConfigError)
    expect(fetchGiven.message).toContain("`fetch` would be ignored")
    const notAFunction = await runFailure(
      withClient(
        { apiKey: API_KEY, transformClient: "no" } as unknown as LomiHttpClientOptions,
        () => Effect.void,
      ),
    )
    expect(notAFunction.message).toBe("`transformClient` must be a function from HttpClient to HttpClient.")
    const unknown = await runFailure(
      withClient({ apiKey: API_KEY, transfromClient: tagged } as LomiHttpClientOptions, () => Effect.void),
    )
    expect(unknown.message).toContain('Unknown client option: "transfromClient"')
  })

  it("turns a transformClient that throws or returns no HttpClient into a LomiConfigError", async () => {
    const threw = await runFailure(
      withClient(
        {
          apiKey: API_KEY,
          transformClient: () => {
            throw new Error("middleware not ready")
          },
        },
        () => Effect.void,
      ),
    )
    expect(threw).toBeInstanceOf(LomiConfigError)
    expect(threw.message).toBe("transformClient threw: middleware not ready")
    const returned = await runFailure(
      withClient(
        {
          apiKey: API_KEY,
          transformClient: (() => ({})) as unknown as LomiHttpClientOptions["transformClient"],
        },
        () => Effect.void,
      ),
    )
    expect(returned).toBeInstanceOf(LomiConfigError)
    expect(returned.message).toMatch(/^transformClient must return an HttpClient .*, got /)
  })
})
