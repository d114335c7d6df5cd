/// <reference types="node" />
// The live service does not always match its document; a purpose-built server plays those answers.
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { inspect } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Lomi, LomiNotFoundError, LomiResponseDecodeError, LomiUnexpectedStatusError } from "../src/index.js"
import { rejection } from "./support.js"

const KEY = "lomi_sk_test_5ec2e75ec2e75ec2e75ec2e75ec2e75e"
let server: Server
let baseUrl: string
let answer: { status: number; body: string; type?: string } = { status: 200, body: "{}" }

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume()
    res.writeHead(answer.status, {
      "content-type": answer.type ?? "application/json",
      "x-request-id": "req_live_1",
    })
    res.end(answer.body)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const lomi = () => new Lomi({ apiKey: KEY, baseUrl, maxRetries: 0 })

describe("lenient decoding of what the live service sends", () => {
  it("keeps unknown fields, accepts nulls and enum values added later", async () => {
    answer = {
      status: 200,
      body: JSON.stringify({
        checkout_session_id: "6f1c1f3e-1f0b-4c55-9d1e-3f1e2a9b7c10",
        status: "processing",
        currency_code: "GHS",
        amount: 15000,
        customer_email: null,
        metadata: null,
        brand_new_field: { nested: true },
      }),
    }
    const session = await lomi().checkoutSessions.retrieve("6f1c1f3e-1f0b-4c55-9d1e-3f1e2a9b7c10")
    expect(session).toMatchObject({ status: "processing", currency_code: "GHS", customer_email: null })
    expect((session as Record<string, unknown>).brand_new_field).toEqual({ nested: true })
  })

  it("a body that is not the resource is a decode error with the raw body, not a crash", async () => {
    answer = { status: 200, body: JSON.stringify({ data: { checkout_session_id: 42 } }) }
    const err = await rejection(lomi().checkoutSessions.retrieve("x"))
    expect(err).toBeInstanceOf(LomiResponseDecodeError)
    expect((err as LomiResponseDecodeError).body).toContain('"checkout_session_id":42')
    expect((err as LomiResponseDecodeError).requestId).toBe("req_live_1")
  })

  it.each([
    ['{"error":{"code":"NOT_FOUND","message":"Session not found"}}', "Session not found"],
    ['{"error":{"message":"Resource missing"}}', "Resource missing"],
    [
      '{"statusCode":404,"message":"Payment link with ID x not found or access denied","error":"Not Found"}',
      "Payment link with ID x not found or access denied",
    ],
  ])("a 404 in one of the API's error shapes, %s, decodes into LomiNotFoundError", async (body, message) => {
    answer = { status: 404, body }
    const err = await rejection(lomi().paymentLinks.retrieve("x"))
    expect(err).toBeInstanceOf(LomiNotFoundError)
    expect((err as LomiNotFoundError).message).toBe(message)
  })

  it.each([
    ['{"statusCode":404,"message":"Cannot GET /v1/payment_links/x","error":"Not Found"}', "application/json"],
    ["<html><body>404 Not Found</body></html>", "text/html"],
    ["", "text/plain"],
  ])("a 404 from something that does not serve the API, %s, is ROUTE_NOT_FOUND", async (body, type) => {
    answer = { status: 404, body, type }
    const err = await rejection(lomi().paymentLinks.retrieve("x"))
    expect(err).toBeInstanceOf(LomiUnexpectedStatusError)
    expect(err).toMatchObject({ status: 404, code: "ROUTE_NOT_FOUND", requestId: "req_live_1" })
    expect((err as LomiUnexpectedStatusError).message).toContain(`${baseUrl}/payment_links/{link_id}`)
  })

  it("never shows the API key: not in the client, not in errors", async () => {
    answer = { status: 404, body: "" }
    const client = lomi()
    const err = await rejection(client.checkoutSessions.retrieve("x"))
    for (const rendering of [
      inspect(client, { depth: 10 }),
      inspect(err, { depth: 10 }),
      String(err),
      JSON.stringify(err),
      (err as Error).stack ?? "",
    ]) {
      expect(rendering).not.toContain(KEY)
      expect(rendering).not.toContain("5ec2e75e")
    }
  })
})
