/// <reference types="node" />
// A rejection's stack shows the caller's file and line, as a native async function's would, and none of the
// SDK's or Effect's frames: for a call, a list (awaited and walked), and a webhook's unwrap.
import { readFileSync } from "node:fs"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { LomiWebhooks } from "../src/effect.js"
import {
  firstPage,
  retrieveMissing,
  retrieveMissingWithResponse,
  unwrapUnsigned,
  walk,
} from "./fixtures/calls.js"
import { rejection, runScript, useSandbox } from "./support.js"

const ctx = useSandbox()

const fixture = fileURLToPath(new URL("./fixtures/calls.ts", import.meta.url))
const source = readFileSync(fixture, "utf8").split("\n")
// `fixtures/calls.ts:<line>` of the first line holding `text`.
const at = (text: string) => `fixtures/calls.ts:${source.findIndex((line) => line.includes(text)) + 1}:`

const expectCallerStack = (error: unknown, header: string, call: string) => {
  const stack = (error as Error).stack ?? ""
  const [first, second] = stack.split("\n")
  expect(first).toBe(header)
  // The first frame is the caller's line, then the caller's callers; nothing of the SDK or of Effect.
  expect(second).toContain(at(call))
  expect(stack).toContain("stacks.test.ts")
  expect(stack).not.toMatch(/packages\/(core|checkout)\/src|node_modules\/effect/)
}

describe("stacks show the caller", () => {
  it("retrieve of a missing session, awaited and through withResponse()", async () => {
    const error = await rejection(retrieveMissing(ctx.lomi))
    expectCallerStack(
      error,
      "LomiNotFoundError: No checkout session with id cs_missing",
      "checkoutSessions.retrieve(",
    )
    const viaResponse = await rejection(retrieveMissingWithResponse(ctx.lomi))
    expectCallerStack(viaResponse, `LomiNotFoundError: ${(error as Error).message}`, ".withResponse()")
  })

  it("a list, awaited and walked with for await", async () => {
    // The document's routes at the origin, which serves today's: every call is a route 404.
    const lomi = ctx.client({ baseUrl: ctx.sandbox.origin, apiGeneration: "v1" })
    const header = (path: string) =>
      new RegExp(`^LomiUnexpectedStatusError: GET ${ctx.sandbox.origin}${path} is not a lomi\\. API route`)
    const first = await rejection(firstPage(lomi))
    expectCallerStack(first, `LomiUnexpectedStatusError: ${(first as Error).message}`, "paymentLinks.list(")
    expect((first as Error).stack).toMatch(header("/payment_links"))
    const walked = await rejection(walk(lomi))
    expectCallerStack(
      walked,
      `LomiUnexpectedStatusError: ${(walked as Error).message}`,
      "checkoutSessions.list(",
    )
    expect((walked as Error).stack).toMatch(header("/checkout_sessions"))
  })

  it("a later page of a walk", async () => {
    // One page of one session, then a server failure on the next page.
    const session = {
      checkout_session_id: "6f1c1f3e-1f0b-4c55-9d1e-3f1e2a9b7c10",
      status: "open",
      amount: 100,
      currency_code: "XOF",
      created_at: "2026-01-01T00:00:00.000Z",
    }
    const server = createServer((req, res) => {
      req.resume()
      const later = new URL(req.url ?? "/", "http://x").searchParams.has("offset")
      res.writeHead(later ? 500 : 200, { "content-type": "application/json" })
      res.end(
        JSON.stringify(
          later
            ? { error: { code: "INTERNAL_ERROR", message: "page two failed" } }
            : { data: [session], pagination: { limit: 1, offset: 0, total: 2 } },
        ),
      )
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    try {
      const { port } = server.address() as AddressInfo
      const lomi = ctx.client({ baseUrl: `http://127.0.0.1:${port}/v1`, maxRetries: 0 })
      expectCallerStack(
        await rejection(walk(lomi)),
        "LomiServerError: page two failed",
        "checkoutSessions.list(",
      )
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it("a webhook's unwrap", async () => {
    const error = await rejection(unwrapUnsigned(new LomiWebhooks({ secret: "whsec_stack_test" })))
    expectCallerStack(error, `LomiWebhookVerificationError: ${(error as Error).message}`, "webhooks.unwrap(")
  })

  it("outside vitest too: a plain process with source maps", async () => {
    const result = await runScript(fileURLToPath(new URL("./fixtures/stack-script.ts", import.meta.url)), {
      KEY: ctx.sandbox.apiKey,
      URL: ctx.sandbox.url,
    })
    const { stack } = JSON.parse(result.stdout) as { stack: string }
    const lines = stack.split("\n")
    expect(lines[0]).toBe("LomiNotFoundError: No checkout session with id cs_missing")
    expect(lines[1]).toContain(at("checkoutSessions.retrieve("))
    expect(lines[2]).toContain("fixtures/stack-script.ts:")
    expect(stack).not.toMatch(/packages\/(core|checkout)\/src|node_modules\/effect/)
  })
})
