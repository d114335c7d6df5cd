import { describe, expect, it } from "vitest"
import { isLomiError, LomiValidationError } from "../src/Errors.js"
import { makeOperation } from "../src/Operation.js"
import { client, createSession, listSessions, retrieveSession, runFailure } from "./support/client.js"
import { serverPerTest } from "./support/server.js"

const startServer = serverPerTest()

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

describe("hostile arguments: a LomiValidationError naming the place, and nothing sent", () => {
  const body = { amount: 1, currency_code: "XOF" }
  const refuse = async (
    call: (lomi: Awaited<ReturnType<typeof client>>) => Parameters<typeof runFailure>[0],
  ): Promise<LomiValidationError> => {
    const server = await startServer(() => ({ status: 200, body: {} }))
    const error = await runFailure(call(await client(server.url)))
    expect(isLomiError(error)).toBe(true)
    expect(error).toBeInstanceOf(LomiValidationError)
    expect(server.requests).toHaveLength(0)
    return error as LomiValidationError
  }

  it.each([
    ["null", null, /got null/],
    ["an array", [], /got an array/],
    ["a string", "order-1", /got a string/],
  ])("per-call options that are %s", async (_label, options, message) => {
    const error = await refuse((lomi) =>
      lomi.execute(createSession, { body }, options as unknown as Record<string, never>),
    )
    expect(error.issues).toEqual([{ path: ["options"], message: expect.stringMatching(message) }])
  })

  it("an unknown per-call option, listing the known names (a typo must not send a random key)", async () => {
    const error = await refuse((lomi) =>
      lomi.execute(createSession, { body }, { idempotencykey: "order-1" } as never),
    )
    expect(error.issues).toEqual([
      {
        path: ["options", "idempotencykey"],
        message:
          'Unknown option "idempotencykey". Known options: idempotencyKey, timeout, maxRetries, deadline, headers',
      },
    ])
  })

  it("options whose getters or traps throw", async () => {
    const getter = await refuse((lomi) =>
      lomi.execute(
        createSession,
        { body },
        {
          get timeout(): number {
            throw new Error("getter")
          },
        },
      ),
    )
    expect(getter.issues).toEqual([{ path: ["options", "timeout"], message: "Could not be read: getter" }])
    const trap = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error("trap")
        },
      },
    )
    const proxied = await refuse((lomi) => lomi.execute(createSession, { body }, trap))
    expect(proxied.issues).toEqual([{ path: ["options"], message: "Could not be read: trap" }])
  })

  it.each([
    ["a lone surrogate", "\ud800", /lone UTF-16 surrogate/],
    ["a line break", "cs_1\n", /control characters/],
    ["a NUL", "cs\u00001", /control characters/],
    ["DEL", "cs_1\u007f", /control characters/],
  ])("a path id with %s", async (_label, id, message) => {
    const error = await refuse((lomi) => lomi.execute(retrieveSession, { path: { session_id: id } }))
    expect(error.issues).toEqual([{ path: ["path", "session_id"], message: expect.stringMatching(message) }])
  })

  it("a query string with a lone surrogate", async () => {
    const error = await refuse((lomi) => lomi.execute(listSessions, { query: { sort: "a\udc00" } }))
    expect(error.issues).toEqual([{ path: ["query", "sort"], message: expect.stringMatching(/surrogate/) }])
  })

  it("input that throws when read", async () => {
    const input = new Proxy(
      {},
      {
        get: () => {
          throw new Error("input trap")
        },
      },
    )
    const error = await refuse((lomi) => lomi.execute(createSession, input))
    expect(error.issues).toEqual([{ path: [], message: "Could not be read: input trap" }])
    const params = {
      amount: 1,
      get currency_code(): string {
        throw new Error("params getter")
      },
    }
    const fromGetter = await refuse((lomi) => lomi.execute(createSession, { body: params }))
    expect(fromGetter.issues).toEqual([{ path: ["body"], message: "Could not be read: params getter" }])
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
