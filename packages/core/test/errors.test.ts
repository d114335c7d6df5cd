/// <reference types="node" />
import { inspect } from "node:util"
import * as Effect from "effect/Effect"
import { describe, expect, it } from "vitest"
import {
  ERROR_TABLE,
  type ErrorRow,
  isLomiError,
  LomiConfigError,
  LomiErrorClasses,
  LomiErrorTags,
  LomiUnexpectedStatusError,
} from "../src/Errors.js"
import { make } from "../src/LomiClient.js"
import { API_KEY, client, createSession, retrieveSession, runFailure } from "./support/client.js"
import { Logger } from "./support/logger.js"
import { type Reply, serverPerTest } from "./support/server.js"

const startServer = serverPerTest()

const failWith = async (
  reply: Reply,
  op: typeof retrieveSession | typeof createSession = retrieveSession,
) => {
  const server = await startServer(() => reply)
  const lomi = await client(server.url, { maxRetries: 0 })
  return op === retrieveSession
    ? runFailure(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }))
    : runFailure(lomi.execute(createSession, { body: { amount: 1, currency_code: "XOF" } }))
}

// Every status the table names, one status of each range it takes without naming it, and statuses no row
// takes; classes only some operations declare, from one that does and one that does not.
const statusRows = (ERROR_TABLE as ReadonlyArray<ErrorRow>).filter((row) => row.from === "status")
const named = statusRows.flatMap((row) => Object.keys(row.statuses ?? {}).map(Number))
const statusCases = statusRows.flatMap((row) => {
  const { otherStatuses } = row
  const statuses = Object.keys(row.statuses ?? {}).map(Number)
  if (Array.isArray(otherStatuses)) {
    const [from, to] = otherStatuses
    statuses.push(Array.from({ length: to - from + 1 }, (_, i) => from + i).find((s) => !named.includes(s))!)
  }
  if (otherStatuses === "rest") statuses.push(...[302, 418, 451].filter((s) => !named.includes(s)))
  return statuses.flatMap((status) => {
    const rule = statusRows.find((r) => r.statuses?.[status] !== undefined)?.statuses?.[status]
    const expected = { status, code: rule?.code ?? `HTTP_${status}`, retryable: rule?.retried ?? false }
    const ops = [retrieveSession, createSession] as const
    if (row.common) return [{ ...expected, op: ops[0], cls: row.class }]
    return ops.map((op) => ({
      ...expected,
      op,
      cls: (op.errors as ReadonlyArray<unknown>).includes(row.class) ? row.class : LomiUnexpectedStatusError,
    }))
  })
})

describe("status to class, as the error table says", () => {
  it.each(statusCases)("$status from $op.name becomes $cls.name", async ({ op, cls, ...expected }) => {
    // A 404 is a missing resource only in one of the API's error shapes (see routes.test.ts).
    const body = expected.status === 404 ? { error: { message: "No such session" } } : undefined
    const error = await failWith({ status: expected.status, ...(body && { body }) }, op)
    expect(error).toBeInstanceOf(cls)
    expect(error._tag).toBe(cls.name)
    expect(error).toMatchObject(expected)
    expect(isLomiError(error)).toBe(true)
  })
})

describe("error bodies", () => {
  it("reads {error: {code, message, details}}", async () => {
    const error = await failWith({
      status: 400,
      body: {
        error: { code: "INVALID_REQUEST", message: "amount must be positive", details: { issues: [] } },
      },
    })
    expect(error).toMatchObject({
      code: "INVALID_REQUEST",
      message: "amount must be positive",
      details: { issues: [] },
    })
  })

  it("reads {error: {message}}", async () => {
    const error = await failWith({ status: 401, body: { error: { message: "Invalid API key" } } })
    expect(error).toMatchObject({
      _tag: "LomiAuthenticationError",
      code: "UNAUTHORIZED",
      message: "Invalid API key",
    })
  })

  it("reads {statusCode, message, error}", async () => {
    const error = await failWith({
      status: 404,
      body: { statusCode: 404, message: "Session not found", error: "Not Found" },
    })
    expect(error).toMatchObject({
      _tag: "LomiNotFoundError",
      code: "NOT_FOUND",
      message: "Session not found",
    })
  })

  it("reads a message list", async () => {
    const error = await failWith({
      status: 400,
      body: { statusCode: 400, message: ["a is bad", "b is bad"] },
    })
    expect(error.message).toBe("a is bad; b is bad")
  })

  it("describes an empty body", async () => {
    const error = await failWith({ status: 500, headers: { "x-should-retry": "false" } })
    expect(error).toMatchObject({ _tag: "LomiServerError", code: "INTERNAL_ERROR" })
    expect(error.message).toBe("HTTP 500 Internal Server Error (empty response body)")
  })

  it("keeps a snippet of an HTML body", async () => {
    const html = `<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1>${"<p>x</p>".repeat(100)}</body></html>`
    const error = await failWith({
      status: 502,
      headers: { "content-type": "text/html", "x-should-retry": "false" },
      body: html,
    })
    expect(error._tag).toBe("LomiServerError")
    expect(error.message).toMatch(
      /^HTTP 502 Bad Gateway with an HTML body: <!DOCTYPE html><html><body><h1>502 Bad Gateway/,
    )
    expect(error.message.length).toBeLessThan(260)
  })

  it("keeps a snippet of a text body", async () => {
    const error = await failWith({
      status: 403,
      headers: { "content-type": "text/plain" },
      body: "Forbidden by WAF",
    })
    expect(error).toMatchObject({ _tag: "LomiPermissionDeniedError", code: "FORBIDDEN" })
    expect(error.message).toBe("HTTP 403 Forbidden with a non-JSON body: Forbidden by WAF")
  })

  it("survives JSON that is not an object", async () => {
    const error = await failWith({ status: 400, body: "[1,2" })
    expect(error._tag).toBe("LomiBadRequestError")
    const other = await failWith({ status: 400, body: "null" })
    expect(other._tag).toBe("LomiBadRequestError")
  })
})

describe("the API key never leaks", () => {
  const renderings = (e: unknown): Array<string> => [
    String(e),
    JSON.stringify(e),
    inspect(e, { depth: 10 }),
    String((e as Error).stack ?? ""),
    String((e as Error).message ?? ""),
  ]

  it("not from an error, even when the server echoes the key", async () => {
    const error = await failWith({
      status: 401,
      body: { error: { code: "UNAUTHORIZED", message: `Invalid key ${API_KEY}`, details: { key: API_KEY } } },
    })
    for (const text of renderings(error)) expect(text).not.toContain(API_KEY)
    expect(error.message).toBe("Invalid key <redacted>")
  })

  it("not from a decode error body", async () => {
    const server = await startServer(() => ({ status: 200, body: { echo: API_KEY } }))
    const lomi = await client(server.url)
    const error = await runFailure(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }))
    expect(error._tag).toBe("LomiResponseDecodeError")
    for (const text of renderings(error)) expect(text).not.toContain(API_KEY)
  })

  it("not from a connection error or its cause", async () => {
    const server = await startServer(() => ({ reset: true }))
    const lomi = await client(server.url, { maxRetries: 0 })
    const error = await runFailure(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }))
    for (const text of renderings(error)) expect(text).not.toContain(API_KEY)
  })

  it("not from the client config", async () => {
    const lomi = await client("http://127.0.0.1:1")
    for (const text of renderings(lomi.config)) expect(text).not.toContain(API_KEY)
    for (const text of renderings(lomi)) expect(text).not.toContain(API_KEY)
  })

  it("not from config errors about a bad key", async () => {
    const bad = `${API_KEY}\n`
    const error = await Effect.runPromise(Effect.flip(make({ apiKey: bad })))
    expect(error).toBeInstanceOf(LomiConfigError)
    for (const text of renderings(error)) expect(text).not.toContain(API_KEY)
  })

  it("not from log output of a failing call with retries", async () => {
    const server = await startServer(() => ({ status: 503, body: { error: { message: `bad ${API_KEY}` } } }))
    const lomi = await client(server.url)
    const lines = await Logger.capture(
      lomi.execute(createSession, { body: { amount: 1, currency_code: "XOF" } }),
    )
    expect(lines.length).toBeGreaterThan(2)
    for (const line of lines) expect(line).not.toContain(API_KEY)
  })
})

describe("error catalogue", () => {
  it("lists one class per tag, named after it", () => {
    expect(LomiErrorClasses.map((c) => c.name)).toEqual(LomiErrorTags)
  })

  it("isLomiError rejects look-alikes and config errors", () => {
    expect(isLomiError({ _tag: "LomiNotFoundError" })).toBe(false)
    expect(isLomiError(new LomiConfigError({ message: "x" }))).toBe(false)
    expect(isLomiError(new Error("x"))).toBe(false)
    expect(isLomiError(undefined)).toBe(false)
  })
})
