import * as Effect from "effect/Effect"
import { describe, expect, it } from "vitest"
import { LomiNotFoundError } from "../src/Errors.js"
import { runPromise } from "../src/Promise.js"
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
})
