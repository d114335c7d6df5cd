/// <reference types="node" />
// Log lines of the request loop: one per attempt at debug, retries and transient failures given up on at
// warn; through the `logger` option (default `console`) in Promise clients, Effect's Logger in Effect.
import { afterEach, describe, expect, it, vi } from "vitest"
import type { LomiClientOptions, LomiLogger } from "../src/Config.js"
import { makeUnsafe } from "../src/LomiClient.js"
import { runPromise } from "../src/Promise.js"
import { makePromiseClient } from "../src/PromiseClient.js"
import { API_KEY, client, createSession, retrieveSession, session } from "./support/client.js"
import { Logger } from "./support/logger.js"
import { type Reply, serverPerTest } from "./support/server.js"

const startServer = serverPerTest()

afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

type Line = readonly [level: keyof LomiLogger, message: string]

const recorder = () => {
  const lines: Array<Line> = []
  const logger: LomiLogger = {
    debug: (message) => lines.push(["debug", message]),
    info: (message) => lines.push(["info", message]),
    warn: (message) => lines.push(["warn", message]),
    error: (message) => lines.push(["error", message]),
  }
  return { lines, logger }
}

const SECRET_ID = "cs_private_4242"
const unavailable: Reply = {
  status: 503,
  body: { error: { code: "SERVICE_UNAVAILABLE", message: "maintenance: body text never logged" } },
}

/** A Promise client (what `new Lomi()` builds) against `script`, retrieving SECRET_ID once. */
const retrieveOnce = async (script: (index: number) => Reply, options: LomiClientOptions = {}) => {
  const server = await startServer((_request, index) => script(index))
  // The Promise runner waits the default backoff (about half a second per retry): no test clock here.
  const lomi = makePromiseClient({ apiKey: API_KEY, baseUrl: server.url, ...options })
  await lomi
    .execute(retrieveSession, { path: { session_id: SECRET_ID } }, undefined, undefined)
    .catch(() => undefined)
  return server
}

const ATTEMPT = (n: string, outcome: string) =>
  new RegExp(
    `^lomi: retrieve_checkout_session GET /checkout_sessions/\\{session_id\\} attempt ${n}: ${outcome} after \\d+ ms`,
  )

describe("the Promise clients' log lines", () => {
  it("at debug: one line per attempt, with the path template, the outcome, the duration and what comes next", async () => {
    const { lines, logger } = recorder()
    const server = await retrieveOnce((i) => (i === 0 ? unavailable : { status: 200, body: session }), {
      logger,
      logLevel: "debug",
    })
    expect(lines).toHaveLength(2)
    expect(lines[0]?.[0]).toBe("info")
    expect(lines[0]?.[1]).toMatch(ATTEMPT("1/3", "HTTP 503 SERVICE_UNAVAILABLE"))
    expect(lines[0]?.[1]).toMatch(/; retrying in \d+ ms$/)
    expect(lines[1]?.[0]).toBe("debug")
    expect(lines[1]?.[1]).toMatch(new RegExp(`${ATTEMPT("2/3", "HTTP 200").source}$`))
    const all = lines.map(([, message]) => message).join("\n")
    for (const secret of [SECRET_ID, API_KEY, "body text never logged", server.url])
      expect(all).not.toContain(secret)
  })

  it("by default (warn): only the give-up, so a retry that ends well is quiet", async () => {
    const { lines, logger } = recorder()
    await retrieveOnce(() => unavailable, { logger })
    expect(lines.map(([level]) => level)).toEqual(["warn"])
    expect(lines[0]?.[1]).toMatch(ATTEMPT("3/3", "HTTP 503 SERVICE_UNAVAILABLE"))
    expect(lines[0]?.[1]).toMatch(/; giving up: no retries left$/)
  })

  it("at info: the retries too", async () => {
    const { lines, logger } = recorder()
    await retrieveOnce(() => unavailable, { logger, logLevel: "info" })
    expect(lines.map(([level]) => level)).toEqual(["info", "info", "warn"])
    expect(lines[0]?.[1]).toMatch(/; retrying in \d+ ms$/)
  })

  it("gives up with the reason when the server asks for a longer wait than the SDK blocks for", async () => {
    const { lines, logger } = recorder()
    await retrieveOnce(() => ({ status: 429, headers: { "retry-after": "120" } }), { logger })
    expect(lines).toHaveLength(1)
    expect(lines[0]?.[1]).toMatch(
      /attempt 1\/3: HTTP 429 RATE_LIMITED after \d+ ms; giving up: the server asked to wait 120 s, longer than the 60 s the SDK waits$/,
    )
  })

  it("names a connection failure, and keeps quiet when the caller chose a single attempt", async () => {
    const { lines, logger } = recorder()
    await retrieveOnce(() => ({ reset: true }), { logger, logLevel: "debug", maxRetries: 0 })
    expect(lines).toEqual([["debug", expect.stringMatching(ATTEMPT("1/1", "connection error"))]])
  })

  it("a failure no retry can fix is a debug line, not a warning", async () => {
    const { lines, logger } = recorder()
    await retrieveOnce(() => ({ status: 404, body: { error: { code: "NOT_FOUND", message: "no" } } }), {
      logger,
      logLevel: "debug",
    })
    expect(lines).toEqual([
      ["debug", expect.stringMatching(new RegExp(`${ATTEMPT("1/3", "HTTP 404 NOT_FOUND").source}$`))],
    ])
  })

  it("logs nothing at off, and LOMI_LOG sets the level when the option is absent", async () => {
    const off = recorder()
    await retrieveOnce(() => unavailable, { logger: off.logger, logLevel: "off" })
    expect(off.lines).toEqual([])

    vi.stubEnv("LOMI_LOG", "debug")
    const fromEnv = recorder()
    await retrieveOnce(() => ({ status: 200, body: session }), { logger: fromEnv.logger })
    expect(fromEnv.lines).toEqual([["debug", expect.stringMatching(ATTEMPT("1/3", "HTTP 200"))]])
    const optionWins = recorder()
    await retrieveOnce(() => ({ status: 200, body: session }), {
      logger: optionWins.logger,
      logLevel: "warn",
    })
    expect(optionWins.lines).toEqual([])
  })

  it("writes to console by default", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {})
    await retrieveOnce((i) => (i < 3 ? unavailable : { status: 200, body: session }))
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[0]).toMatch(ATTEMPT("3/3", "HTTP 503 SERVICE_UNAVAILABLE"))
  })

  it("a logger that throws does not fail the call", async () => {
    const server = await startServer(() => ({ status: 200, body: session }))
    const boom = () => {
      throw new Error("logger down")
    }
    const options = {
      apiKey: API_KEY,
      baseUrl: server.url,
      logLevel: "debug",
      logger: { debug: boom, info: boom, warn: boom, error: boom },
    } as const
    const input = { path: { session_id: "cs_1" } }
    const lomi = makePromiseClient(options)
    await expect(lomi.execute(retrieveSession, input, undefined, undefined)).resolves.toMatchObject({
      data: session,
    })
    // `makeUnsafe` (an Effect service built at once) writes to the same logger.
    await expect(runPromise(makeUnsafe(options).execute(retrieveSession, input))).resolves.toEqual(session)
  })
})

describe("the Effect API's log lines", () => {
  const body = { amount: 1, currency_code: "XOF" as const }

  it("go through Effect's Logger, the same lines, filtered by logLevel", async () => {
    const server = await startServer((_r, i) => (i === 0 ? unavailable : { status: 201, body: session }))
    const lines = await Logger.capture((await client(server.url)).execute(createSession, { body }))
    const ours = lines.filter((line) => line.includes("lomi: "))
    expect(ours).toHaveLength(2)
    expect(ours[0]).toMatch(
      /level=INFO .*attempt 1\/3: HTTP 503 SERVICE_UNAVAILABLE after \d+ ms; retrying in \d+ ms/,
    )
    expect(ours[1]).toMatch(/level=DEBUG .*attempt 2\/3: HTTP 201 after \d+ ms/)
    const quiet = await startServer((_r, i) => (i === 0 ? unavailable : { status: 201, body: session }))
    const none = await Logger.capture(
      (await client(quiet.url, { logLevel: "off" })).execute(createSession, { body }),
    )
    expect(none.filter((line) => line.includes("lomi: "))).toEqual([])
  })

  it("go to the logger option instead when one is given", async () => {
    const { lines, logger } = recorder()
    const server = await startServer(() => ({ status: 201, body: session }))
    const captured = await Logger.capture(
      (await client(server.url, { logger })).execute(createSession, { body }),
    )
    expect(lines).toEqual([["debug", expect.stringMatching(/attempt 1\/3: HTTP 201 after \d+ ms$/)]])
    expect(captured.filter((line) => line.includes("lomi: "))).toEqual([])
  })
})
