/// <reference types="node" />
/**
 * A server that echoes the API key back in every header and every field it can, whole, upper-cased,
 * JSON-escaped, cut short and straddling the SDK's own cuts (200 characters of an error snippet, 2 KB of a
 * decode error's body). Nothing the SDK produces may then hold the key or any 8-character piece of its
 * secret part: not an error however it is rendered, not `meta`, not a span, not a log line.
 */
import { createServer as createNetServer, type Socket } from "node:net"
import { inspect } from "node:util"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as EffectLogger from "effect/Logger"
import * as References from "effect/References"
import * as Tracer from "effect/Tracer"
import { describe, expect, it } from "vitest"
import type { LomiClientOptions } from "../src/Config.js"
import type { ResponseMeta } from "../src/Operation.js"
import { RetryPolicy } from "../src/Retry.js"
import { client, createSession, fastPolicy, retrieveSession, session } from "./support/client.js"
import { type Reply, serverPerTest } from "./support/server.js"

const startServer = serverPerTest()

// Random-looking, so that no 8-character piece of it turns up by chance in a timestamp or a port.
const KEY = "lomi_sk_test_5d1f0c9ab7e24c8f93a6b0d4e2f17c85"
const SECRET = KEY.slice("lomi_sk_test_".length)
const PIECES = Array.from({ length: SECRET.length - 7 }, (_, i) => SECRET.slice(i, i + 8))

/** What of the key a text gives away, in any letter case; empty when nothing. */
const leaks = (text: string): Array<string> => {
  const lower = text.toLowerCase()
  return [KEY, ...PIECES].filter((piece) => lower.includes(piece.toLowerCase()))
}

// The key spelt with a JSON escape: the raw text does not contain it, the parsed string does.
const escaped = `\\u006c${KEY.slice(1)}`

const echoHeaders = (): Record<string, string> => ({
  "x-request-id": KEY,
  "x-echo": `key=${KEY}; upper=${KEY.toUpperCase()}`,
  "x-echo-piece": SECRET.slice(5, 19),
  [`x-${SECRET}`]: "a header named after the key",
  "www-authenticate": `ApiKey realm="lomi", key="${KEY}"`,
})

const jsonError = (status: number, extra: Record<string, string> = {}): Reply => ({
  status,
  headers: { ...echoHeaders(), ...extra },
  body: {
    error: {
      code: KEY,
      message: `Invalid key ${KEY} (${KEY.toUpperCase()}), starting ${KEY.slice(0, 22)}`,
      details: { key: KEY, list: [KEY, { nested: KEY }], [KEY]: "as a key", tail: SECRET.slice(-11) },
    },
  },
})

// The key starts 10 characters before the cut, so a cut made before masking would keep a piece of it.
const straddling = (cut: number, prefix: string) =>
  `${prefix}${"x".repeat(cut - prefix.length - 10)}${KEY} and more`

interface Scenario {
  readonly name: string
  readonly op: "retrieve" | "create"
  readonly replies: ReadonlyArray<Reply>
  readonly outcome: string
}

const scenarios: ReadonlyArray<Scenario> = [
  {
    name: "200 with meta",
    op: "retrieve",
    replies: [{ status: 200, headers: echoHeaders(), body: { ...session, echo: KEY } }],
    outcome: "success",
  },
  { name: "400", op: "create", replies: [jsonError(400)], outcome: "LomiBadRequestError" },
  {
    name: "401 plain text",
    op: "retrieve",
    replies: [
      { status: 401, headers: { ...echoHeaders(), "content-type": "text/plain" }, body: `Bad key: ${KEY}` },
    ],
    outcome: "LomiAuthenticationError",
  },
  {
    name: "403 HTML, the key across the 200-character cut",
    op: "retrieve",
    replies: [
      {
        status: 403,
        headers: { ...echoHeaders(), "content-type": "text/html" },
        body: straddling(200, "<html><body>"),
      },
    ],
    outcome: "LomiPermissionDeniedError",
  },
  {
    name: "404 {statusCode, message: [...], error}",
    op: "retrieve",
    replies: [
      { status: 404, headers: echoHeaders(), body: { statusCode: 404, message: [KEY, "gone"], error: KEY } },
    ],
    outcome: "LomiNotFoundError",
  },
  {
    name: "409 declared",
    op: "create",
    replies: [jsonError(409, { "x-should-retry": "false" })],
    outcome: "LomiConflictError",
  },
  { name: "418 undeclared", op: "retrieve", replies: [jsonError(418)], outcome: "LomiUnexpectedStatusError" },
  { name: "422", op: "create", replies: [jsonError(422)], outcome: "LomiBadRequestError" },
  {
    name: "429, retried, then 429",
    op: "retrieve",
    replies: [jsonError(429, { "retry-after-ms": "1" }), jsonError(429, { "retry-after-ms": "1" })],
    outcome: "LomiRateLimitError",
  },
  {
    name: "500 with the key JSON-escaped",
    op: "retrieve",
    replies: [
      {
        status: 500,
        headers: { ...echoHeaders(), "content-type": "application/json", "x-should-retry": "false" },
        body: `{"error":{"code":"${escaped}","message":"key ${escaped}","details":{"${escaped}":["${escaped}"]}}}`,
      },
    ],
    outcome: "LomiServerError",
  },
  {
    name: "503 gzip, retried, then 502 brotli",
    op: "create",
    replies: [
      { ...jsonError(503), encoding: "gzip" },
      { ...jsonError(502, { "x-should-retry": "false" }), encoding: "br" },
    ],
    outcome: "LomiServerError",
  },
  {
    name: "200 that does not decode, the key across the 2 KB cut",
    op: "retrieve",
    replies: [
      {
        status: 200,
        headers: { ...echoHeaders(), "content-type": "application/json" },
        body: (() => {
          const start = `{"id":42,"amount":"${KEY}","pad":"`
          return `${start}${"y".repeat(2048 - 10 - start.length)}${KEY}"}`
        })(),
      },
    ],
    outcome: "LomiResponseDecodeError",
  },
]

/** Runs a call with a tracer and a logger that keep everything, and renders all of it. */
const capture = async <A, E>(effect: Effect.Effect<A, E>) => {
  const lines: Array<string> = []
  const spans: Array<Tracer.NativeSpan> = []
  const tracer = Tracer.make({
    span(options) {
      const span = new Tracer.NativeSpan(options)
      spans.push(span)
      return span
    },
  })
  const logger = EffectLogger.make((options) => {
    lines.push(String(EffectLogger.formatLogFmt.log(options)))
  })
  const exit = await Effect.runPromise(
    effect.pipe(
      Effect.tapCause((cause) => Effect.logError("call failed", cause)),
      Effect.exit,
      Effect.withTracer(tracer),
      Effect.provideService(RetryPolicy, fastPolicy),
      Effect.provideService(References.MinimumLogLevel, "All"),
      Effect.provide(EffectLogger.layer([logger])),
    ),
  )
  const renderedSpans = spans.map((s) =>
    inspect(
      { name: s.name, attributes: [...s.attributes], events: s.events, status: s.status },
      { depth: Infinity },
    ),
  )
  return { exit, lines, spans: renderedSpans }
}

// `String` of a record without a prototype (`meta.headers`) throws, which shows nothing.
const string = (value: unknown): string => {
  try {
    return String(value)
  } catch {
    return ""
  }
}

const renderings = (value: unknown): Array<string> => [
  string(value),
  JSON.stringify(value) ?? "",
  inspect(value, { depth: Infinity }),
  String((value as { stack?: unknown }).stack ?? ""),
]

const TRANSPORTS = [
  ["node:http", {}],
  ["fetch", { fetch: globalThis.fetch }],
] as const

describe.each(TRANSPORTS)("over %s, a server echoing the key", (_transport, transportOptions) => {
  const clientFor = (url: string, options: LomiClientOptions = {}) =>
    client(url, { apiKey: KEY, ...transportOptions, ...options })

  it.each(scenarios)("$name: nothing the SDK produces holds the key or a piece of it", async (scenario) => {
    const server = await startServer((request, index) => {
      // The server really has the key: it echoes what it was sent.
      expect(request.headers["x-api-key"]).toBe(KEY)
      return scenario.replies[Math.min(index, scenario.replies.length - 1)]!
    })
    const lomi = await clientFor(server.url, { maxRetries: scenario.replies.length - 1 })
    const effect: Effect.Effect<{ readonly data: unknown; readonly meta: ResponseMeta }, unknown> =
      scenario.op === "retrieve"
        ? lomi.executeWithMeta(retrieveSession, { path: { session_id: "cs_1" } })
        : lomi.executeWithMeta(createSession, { body: { amount: 1, currency_code: "XOF" } })
    const { exit, lines, spans } = await capture(effect)
    expect(server.requests).toHaveLength(scenario.replies.length)

    const texts: Array<string> = [...lines, ...spans]
    if (Exit.isSuccess(exit)) {
      expect(scenario.outcome).toBe("success")
      const { data, meta } = exit.value
      expect(meta.requestId).toBe("<redacted>")
      texts.push(...renderings(meta), ...renderings(meta.headers))
      // A success body is the caller's data: whole copies of the key are masked there too.
      for (const text of renderings(data)) expect(text.toLowerCase()).not.toContain(KEY.toLowerCase())
    } else {
      const error = exit.cause.reasons.find((r) => r._tag === "Fail")?.error as {
        _tag: string
        requestId: unknown
      }
      expect(error?._tag).toBe(scenario.outcome)
      expect(error.requestId).toBe("<redacted>")
      texts.push(...renderings(error), ...renderings(exit.cause))
    }
    if (scenario.replies.length > 1) expect(lines.some((line) => line.includes("retrying"))).toBe(true)
    expect(texts.length).toBeGreaterThan(4)
    for (const text of texts) expect(leaks(text), text).toEqual([])
  })

  it("a malformed response carrying the key: the connection error and its cause hold none of it", async () => {
    // Not HTTP a parser accepts: Node's parser error keeps the raw bytes it received.
    const sockets = new Set<Socket>()
    const raw = createNetServer((socket) => {
      sockets.add(socket)
      socket.once("data", () => {
        socket.end(`HTTP/1.1 200 OK\r\nX-Echo: ${KEY}\r\nContent-Length: ${KEY}\r\n\r\n${KEY}`)
      })
    })
    await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve))
    const port = (raw.address() as { port: number }).port
    const lomi = await clientFor(`http://127.0.0.1:${port}/v1`, { maxRetries: 1 })
    const { exit, lines, spans } = await capture(
      lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }),
    ).finally(() => {
      for (const socket of sockets) socket.destroy()
      raw.close()
    })
    expect(Exit.isFailure(exit)).toBe(true)
    if (!Exit.isFailure(exit)) return
    const error = exit.cause.reasons.find((r) => r._tag === "Fail")?.error as { _tag: string; cause: unknown }
    expect(error._tag).toBe("LomiConnectionError")
    expect(error.cause).toBeInstanceOf(Error)
    for (const text of [...lines, ...spans, ...renderings(error), ...renderings(exit.cause)])
      expect(leaks(text), text).toEqual([])
  })
})
