import { describe, expect, it } from "vitest"
import { LomiValidationError } from "../src/Errors.js"
import { makeOperation } from "../src/Operation.js"
import { client, createSession, listSessions, retrieveSession, runFailure } from "./support/client.js"

// No server: validation must fail before any request, so the client points at a port nothing listens on.
const lomi = () => client("http://127.0.0.1:9")

describe("input validation", () => {
  it("collects every bad body field, with paths and a summary", async () => {
    const error = await runFailure(
      (await lomi()).execute(createSession, {
        body: { amount: -5, currency_code: "GBP", metadata: { a: 1 } },
      }),
    )
    expect(error).toBeInstanceOf(LomiValidationError)
    if (!(error instanceof LomiValidationError)) return
    expect(error.issues.map((i) => i.path)).toEqual([
      ["body", "amount"],
      ["body", "currency_code"],
      ["body", "metadata", "a"],
    ])
    expect(error.message).toMatch(
      /^Invalid request: body\.amount: Expected a value greater than 0, got -5; body\.currency_code: Expected "XOF" \| "USD" \| "EUR", got "GBP"; body\.metadata\.a: /,
    )
    expect(error).toMatchObject({ attempts: 0, status: undefined, retryable: false, code: "INVALID_INPUT" })
  })

  it("reports a missing body and missing fields", async () => {
    const error = await runFailure((await lomi()).execute(createSession, {}))
    expect(error._tag).toBe("LomiValidationError")
    const missing = await runFailure((await lomi()).execute(createSession, { body: {} }))
    expect((missing as LomiValidationError).issues.map((i) => i.path)).toEqual([
      ["body", "amount"],
      ["body", "currency_code"],
    ])
  })

  it.each([
    [undefined, "Missing path parameter"],
    [{}, "Expected a non-empty string"],
    [{ session_id: "" }, "Expected a non-empty string"],
    [{ session_id: 42 }, "Expected a non-empty string"],
    [{ session_id: ".." }, 'Must not be ".."'],
    [{ session_id: "." }, 'Must not be "."'],
  ])("rejects the path %o", async (path, message) => {
    const error = await runFailure(
      (await lomi()).execute(retrieveSession, { path: path as unknown as Record<string, string> }),
    )
    expect(error).toMatchObject({
      _tag: "LomiValidationError",
      issues: [{ path: ["path", "session_id"], message }],
    })
  })

  it("prefixes query issues and rejects input an operation does not take", async () => {
    const error = await runFailure(
      (await lomi()).execute(listSessions, { query: { limit: 500, offset: -1 }, body: { x: 1 } }),
    )
    expect((error as LomiValidationError).issues.map((i) => i.path)).toEqual([
      ["query", "limit"],
      ["query", "offset"],
      ["body"],
    ])
  })

  it("validates request options", async () => {
    const error = await runFailure(
      (await lomi()).execute(
        createSession,
        { body: { amount: 1, currency_code: "XOF" } },
        { timeout: -1, maxRetries: 99, idempotencyKey: "has space", headers: { "a b": "c" } },
      ),
    )
    expect((error as LomiValidationError).issues.map((i) => i.path)).toEqual([
      ["options", "timeout"],
      ["options", "maxRetries"],
      ["options", "headers"],
      ["options", "idempotencyKey"],
    ])
  })
})

describe("makeOperation", () => {
  it("reads path parameters from the template", () => {
    const op = makeOperation({ name: "x", method: "GET", path: "/a/{a_id}/b/{b_id}" })
    expect(op.pathParams).toEqual(["a_id", "b_id"])
    expect(op.errors).toEqual([])
  })

  it("accepts pathParams when they match the template", () => {
    const op = makeOperation({ name: "x", method: "GET", path: "/a/{a_id}", pathParams: ["a_id"] })
    expect(op.pathParams).toEqual(["a_id"])
    expect(() =>
      makeOperation({ name: "x", method: "GET", path: "/a/{a_id}/{b_id}", pathParams: ["b_id", "a_id"] }),
    ).toThrow(/pathParams/)
  })

  it.each(["no-slash", "/a/{}", "/a/{a}/{a}", "/a/{a b}", "/a/{a"])("rejects the template %s", (path) => {
    expect(() => makeOperation({ name: "x", method: "GET", path })).toThrow(/Operation x/)
  })
})
