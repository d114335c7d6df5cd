/// <reference types="node" />
// A 404 is a missing resource only when the API's own handlers say so; a server that does not serve the
// API's routes (a wrong `baseUrl`, a proxy path) gets ROUTE_NOT_FOUND, never LomiNotFoundError.
import { describe, expect, it } from "vitest"
import { LomiNotFoundError, LomiUnexpectedStatusError } from "../src/Errors.js"
import { client, listSessions, retrieveSession, runFailure } from "./support/client.js"
import { type Reply, serverPerTest } from "./support/server.js"

const startServer = serverPerTest()

const json = (body: unknown): Reply => ({ status: 404, body: body as object })
const text = (body: string, type: string): Reply => ({ status: 404, body, headers: { "content-type": type } })

const ROUTE_404S: ReadonlyArray<readonly [string, Reply]> = [
  [
    "NestJS on Express",
    json({ statusCode: 404, message: "Cannot GET /v1/checkout_sessions/cs_1", error: "Not Found" }),
  ],
  [
    "NestJS on Fastify",
    json({ statusCode: 404, message: "Route GET:/v1/checkout_sessions/cs_1 not found", error: "Not Found" }),
  ],
  [
    "the sandbox",
    json({ error: { code: "NOT_FOUND", message: "No route for /v1/checkout_sessions/cs_1", details: {} } }),
  ],
  [
    "Express's HTML page",
    text(
      "<!DOCTYPE html><html><body><pre>Cannot GET /v1/checkout_sessions/cs_1</pre></body></html>",
      "text/html; charset=utf-8",
    ),
  ],
  [
    "a proxy's HTML page",
    text("<html><head><title>404 Not Found</title></head><body>nginx</body></html>", "text/html"),
  ],
  ["plain text", text("404 page not found", "text/plain")],
  ["an empty body", { status: 404 }],
  ["another JSON shape", json({ message: "Not Found" })],
  ["FastAPI's JSON", json({ detail: "Not Found" })],
]

const RESOURCE_404S: ReadonlyArray<readonly [string, Reply, string]> = [
  [
    "the contract's envelope",
    json({ error: { code: "NOT_FOUND", message: "No checkout session with id cs_1" } }),
    "No checkout session with id cs_1",
  ],
  ["an envelope without a code", json({ error: { message: "gone" } }), "gone"],
  [
    "lomi.'s NestJS answer",
    json({
      statusCode: 404,
      message: "Checkout session with ID cs_1 not found or access denied",
      error: "Not Found",
    }),
    "Checkout session with ID cs_1 not found or access denied",
  ],
  [
    "a NestJS message list",
    json({ statusCode: 404, message: ["Checkout session not found"], error: "Not Found" }),
    "Checkout session not found",
  ],
]

describe("a 404 for a route the server does not serve", () => {
  it.each(ROUTE_404S)("from %s is ROUTE_NOT_FOUND, sent once, for every operation", async (_label, reply) => {
    const server = await startServer(() => reply)
    const lomi = await client(server.url)
    for (const error of [
      await runFailure(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } })),
      await runFailure(lomi.execute(listSessions, {})),
    ]) {
      expect(error).toBeInstanceOf(LomiUnexpectedStatusError)
      expect(error).toMatchObject({ status: 404, code: "ROUTE_NOT_FOUND", retryable: false, attempts: 1 })
      expect(error.message).toMatch(
        /^GET http:\/\/127\.0\.0\.1:\d+\/v1\/checkout_sessions(\/\{session_id\})? is not a lomi\. API route/,
      )
      expect(error.message).toContain("Check `baseUrl` (or LOMI_BASE_URL)")
    }
    expect(server.requests).toHaveLength(2)
  })

  it("says what answered and where to look, with the path as a template", async () => {
    const server = await startServer(() => ROUTE_404S[0]![1])
    const error = await runFailure(
      (await client(server.url)).execute(retrieveSession, { path: { session_id: "cs_1" } }),
    )
    expect(error.message).toBe(
      `GET ${server.url}/checkout_sessions/{session_id} is not a lomi. API route: the server answered 404 with "Cannot GET /v1/checkout_sessions/cs_1". Check \`baseUrl\` (or LOMI_BASE_URL) and \`apiGeneration\`: this client speaks lomi.'s "v1" routes, so the base URL must be the root of an API that serves them, such as https://sandbox.api.lomi.africa/v1 or a local sandbox's \`url\`.`,
    )
    const html = await startServer(() => ROUTE_404S[4]![1])
    const fromHtml = await runFailure(
      (await client(html.url)).execute(retrieveSession, { path: { session_id: "cs_1" } }),
    )
    expect(fromHtml.message).toContain("the server answered 404 with an HTML page.")
    const empty = await startServer(() => ({ status: 404 }))
    const fromEmpty = await runFailure(
      (await client(empty.url)).execute(retrieveSession, { path: { session_id: "cs_1" } }),
    )
    expect(fromEmpty.message).toContain("the server answered 404 with an empty body.")
  })
})

describe("a 404 in one of the API's own error shapes", () => {
  it.each(RESOURCE_404S)(
    "from %s is a missing resource, with the server's message",
    async (_label, reply, message) => {
      const server = await startServer(() => reply)
      const lomi = await client(server.url)
      const error = await runFailure(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }))
      expect(error).toBeInstanceOf(LomiNotFoundError)
      expect(error).toMatchObject({ status: 404, code: "NOT_FOUND", message })
      // An operation that declares no 404 still reports it as the server worded it, not as a route.
      const undeclared = await runFailure(lomi.execute(listSessions, {}))
      expect(undeclared).toBeInstanceOf(LomiUnexpectedStatusError)
      expect(undeclared).toMatchObject({ status: 404, code: "NOT_FOUND", message })
    },
  )
})
