import * as Effect from "effect/Effect"
import * as Tracer from "effect/Tracer"
import { expect, it } from "vitest"
import { API_KEY, client, retrieveSession, run, session } from "./support/client.js"
import { serverPerTest } from "./support/server.js"

const startServer = serverPerTest()

it("records a span per operation and per attempt with the path template, status and request id", async () => {
  const server = await startServer((_r, i) => (i === 0 ? { status: 503 } : { status: 200, body: session }))
  const lomi = await client(server.url)
  const spans: Array<Tracer.NativeSpan> = []
  const tracer = Tracer.make({
    span(options) {
      const span = new Tracer.NativeSpan(options)
      spans.push(span)
      return span
    },
  })
  await run(
    Effect.withTracer(lomi.execute(retrieveSession, { path: { session_id: "cs_secret_id_42" } }), tracer),
  )
  expect(spans.map((s) => s.name)).toEqual([
    "retrieve_checkout_session",
    "retrieve_checkout_session.attempt",
    "retrieve_checkout_session.attempt",
  ])
  const [operation, first, second] = spans
  expect(Object.fromEntries(operation?.attributes ?? [])).toMatchObject({
    "http.request.method": "GET",
    "url.template": "/checkout_sessions/{session_id}",
    "http.response.status_code": 200,
    "lomi.attempts": 2,
    "lomi.request_id": "req_2",
  })
  expect(operation?.parent._tag).toBe("None")
  for (const attempt of [first, second]) {
    expect(attempt?.parent._tag === "Some" ? attempt.parent.value : undefined).toBe(operation)
  }
  expect(first?.attributes.get("http.response.status_code")).toBe(503)
  expect(first?.attributes.get("lomi.attempt")).toBe(1)
  expect(second?.attributes.get("lomi.attempt")).toBe(2)
  const retries = operation?.events.filter(([name]) => name === "lomi.retry")
  expect(retries?.map(([name, , attributes]) => [name, attributes["lomi.retry.reason"]])).toEqual([
    ["lomi.retry", "HTTP 503 SERVICE_UNAVAILABLE"],
  ])
  // Neither the raw id nor the key is anywhere in what the tracer received.
  const recorded = JSON.stringify(
    spans.map((s) => ({
      name: s.name,
      attributes: [...s.attributes],
      events: s.events.map(([n, , a]) => [n, a]),
    })),
  )
  expect(recorded).not.toContain("cs_secret_id_42")
  expect(recorded).not.toContain(API_KEY)
})
