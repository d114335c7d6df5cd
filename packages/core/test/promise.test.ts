import * as Effect from "effect/Effect"
import { describe, expect, it } from "vitest"
import { LomiNotFoundError, LomiValidationError } from "../src/Errors.js"
import { runPromise, runPromiseCall } from "../src/Promise.js"
import { client, retrieveSession, session } from "./support/client.js"
import { serverPerTest } from "./support/server.js"

const startServer = serverPerTest()

describe("runPromise", () => {
  it("resolves with the value", async () => {
    const server = await startServer(() => ({ status: 200, body: session }))
    const lomi = await client(server.url)
    await expect(
      runPromise(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } })),
    ).resolves.toEqual(session)
  })

  it("rejects with the tagged error instance itself", async () => {
    const server = await startServer(() => ({
      status: 404,
      body: { error: { code: "NOT_FOUND", message: "gone" } },
    }))
    const lomi = await client(server.url)
    const error = await runPromise(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } })).catch(
      (e) => e,
    )
    expect(error).toBeInstanceOf(LomiNotFoundError)
    expect(error).toMatchObject({ _tag: "LomiNotFoundError", message: "gone", requestId: "req_1" })
  })

  it("rejects with a defect as is", async () => {
    const boom = new TypeError("boom")
    await expect(runPromise(Effect.die(boom))).rejects.toBe(boom)
  })

  it("aborts the in-flight request when the signal aborts, rejecting with its reason", async () => {
    const server = await startServer(() => ({ hang: true }))
    const s = server
    const lomi = await client(s.url)
    const controller = new AbortController()
    const pending = runPromise(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }), {
      signal: controller.signal,
    })
    await s.waitForRequests(1)
    const reason = new Error("user navigated away")
    controller.abort(reason)
    await expect(pending).rejects.toBe(reason)
    await s.waitForAbort(0)
    expect(s.requests).toHaveLength(1)
  })

  it("rejects with an AbortError for an already aborted signal, sending nothing", async () => {
    const server = await startServer(() => ({ status: 200, body: session }))
    const lomi = await client(server.url)
    const error = await runPromise(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }), {
      signal: AbortSignal.abort(),
    }).catch((e) => e)
    expect(error).toMatchObject({ name: "AbortError" })
    expect(server.requests).toHaveLength(0)
  })

  it.each([
    ["an object", {}],
    ["a string", "abort"],
    [
      "an object with a throwing getter",
      {
        get aborted(): boolean {
          throw new Error("getter")
        },
      },
    ],
  ])("refuses a signal that is %s: it rejects (never throws) and sends nothing", async (_label, signal) => {
    const server = await startServer(() => ({ status: 200, body: session }))
    const lomi = await client(server.url)
    let pending: Promise<unknown> | undefined
    expect(() => {
      pending = runPromise(lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }), {
        signal: signal as unknown as AbortSignal,
      })
    }).not.toThrow()
    const error = await pending?.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LomiValidationError)
    expect((error as LomiValidationError).issues[0]?.path).toEqual(["options", "signal"])
    // Give a request that should not exist the time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(server.requests).toHaveLength(0)
  })
})

describe("runPromiseCall (a Promise client's call)", () => {
  const call = async (options: unknown) => {
    const server = await startServer(() => ({ status: 200, body: session }))
    const lomi = await client(server.url)
    let seen: unknown = "not called"
    let pending: Promise<unknown> | undefined
    expect(() => {
      pending = runPromiseCall(options, (rest) => {
        seen = rest
        return lomi.execute(retrieveSession, { path: { session_id: "cs_1" } }, rest)
      })
    }).not.toThrow()
    const outcome = await pending?.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    )
    return { outcome, seen, requests: server.requests }
  }

  it("passes core's options on, without the signal", async () => {
    const controller = new AbortController()
    const { outcome, seen, requests } = await call({ timeout: 5000, signal: controller.signal })
    expect(outcome).toEqual({ value: session })
    expect(seen).toEqual({ timeout: 5000 })
    expect(requests).toHaveLength(1)
    expect((await call(undefined)).seen).toBeUndefined()
  })

  it.each([
    ["null", null, ["options"], /got null/],
    ["an array", [{}], ["options"], /got an array/],
    ["a bad signal", { signal: {} }, ["options", "signal"], /AbortSignal/],
    [
      "an unknown name",
      { idempotencykey: "order-1" },
      ["options", "idempotencykey"],
      /Known options: idempotencyKey, timeout, maxRetries, deadline, headers, signal$/,
    ],
  ])("refuses %s before calling anything", async (_label, options, path, message) => {
    const { outcome, seen, requests } = await call(options)
    const error = (outcome as { error: LomiValidationError }).error
    expect(error).toBeInstanceOf(LomiValidationError)
    expect(error.issues).toEqual([{ path, message: expect.stringMatching(message) }])
    expect(seen).toBe("not called")
    expect(requests).toHaveLength(0)
  })
})
