/// <reference types="node" />
// The live service does not always match its document; a purpose-built server plays those answers.
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { inspect } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Lomi, LomiNotFoundError, LomiResponseDecodeError, LomiUnexpectedStatusError } from "../src/effect.js"
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

const SESSION_ID = "6f1c1f3e-1f0b-4c55-9d1e-3f1e2a9b7c10"
// The fields every checkout session carries: the id, status, amount, currency and creation date.
const session = {
  checkout_session_id: SESSION_ID,
  status: "open",
  amount: 15000,
  currency_code: "XOF",
  created_at: "2026-03-01T12:00:00Z",
}

describe("lenient decoding of what the live service sends", () => {
  it("keeps unknown fields, accepts nulls and enum values added later", async () => {
    answer = {
      status: 200,
      body: JSON.stringify({
        ...session,
        status: "processing",
        currency_code: "GHS",
        customer_email: null,
        metadata: null,
        brand_new_field: { nested: true },
      }),
    }
    const retrieved = await lomi().checkoutSessions.retrieve(SESSION_ID)
    expect(retrieved).toMatchObject({ status: "processing", currency_code: "GHS", customer_email: null })
    // Kept at runtime, though the type lists only what the API documents.
    expect((retrieved as unknown as Record<string, unknown>).brand_new_field).toEqual({ nested: true })
  })

  it("decodes today's fields: checkout_url, description, billing address and the customer's address", async () => {
    const today = {
      ...session,
      checkout_url: "https://checkout.lomi.africa/cs/1",
      description: "Two tickets",
      require_billing_address: true,
      customer_city: "Dakar",
      customer_country: "SN",
      customer_address: "1 rue Carnot",
      customer_postal_code: "10200",
    }
    answer = { status: 200, body: JSON.stringify(today) }
    const retrieved = await lomi().checkoutSessions.retrieve(SESSION_ID)
    expect(retrieved).toEqual(today)
    expect(retrieved.checkout_url).toBe("https://checkout.lomi.africa/cs/1")
  })

  it.each(["checkout_session_id", "status", "amount", "currency_code", "created_at"])(
    "a session without %s, or with it null, is a decode error naming the field",
    async (field) => {
      for (const body of [
        Object.fromEntries(Object.entries(session).filter(([name]) => name !== field)),
        { ...session, [field]: null },
      ]) {
        answer = { status: 200, body: JSON.stringify(body) }
        const err = await rejection(lomi().checkoutSessions.retrieve(SESSION_ID))
        expect(err).toBeInstanceOf(LomiResponseDecodeError)
        expect((err as LomiResponseDecodeError).issues).toContain(field)
      }
    },
  )

  it("a payment link needs only link_id and created_at: a product link may come without price", async () => {
    const link = {
      link_id: "0b6c1a7e-3f3a-4f39-a6cb-0b6a8e2f9a11",
      created_at: "2026-03-01T12:00:00Z",
      link_type: "product",
      product_id: "prod_1",
      amount: null,
    }
    answer = { status: 200, body: JSON.stringify(link) }
    expect(await lomi().paymentLinks.retrieve(link.link_id)).toEqual(link)
    for (const field of ["link_id", "created_at"]) {
      answer = { status: 200, body: JSON.stringify({ ...link, [field]: undefined }) }
      const err = await rejection(lomi().paymentLinks.retrieve(link.link_id))
      expect(err).toBeInstanceOf(LomiResponseDecodeError)
      expect((err as LomiResponseDecodeError).issues).toContain(field)
    }
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

describe("lenient decoding of today's list bodies (lomi.'s 2025-12 routes, at the server's origin)", () => {
  const today = () => new Lomi({ apiKey: KEY, baseUrl: baseUrl.replace(/\/v1$/, ""), maxRetries: 0 })

  it("sessions: a bare array of database rows, nulls and unknown fields kept, no total", async () => {
    const row = { ...session, customer_email: null, qr_code_data: null, line_items: [{ price_id: "p" }] }
    answer = { status: 200, body: JSON.stringify([row]) }
    const page = await today().checkoutSessions.list({ limit: 5, offset: 10, status: "open" })
    expect(page).toEqual({ data: [row], pagination: { limit: 5, offset: 10, total: undefined } })
  })

  it("payment links: {data, total, limit, offset}, whose total is the page's length and is not kept", async () => {
    const row = {
      link_id: "0b6c1a7e-3f3a-4f39-a6cb-0b6a8e2f9a11",
      created_at: "2026-03-01T12:00:00Z",
      url: null,
    }
    answer = {
      status: 200,
      body: JSON.stringify({ data: [row], total: 1, limit: 20, offset: 0, extra: true }),
    }
    const page = await today().paymentLinks.list()
    expect(page).toEqual({ data: [row], pagination: { limit: 20, offset: 0, total: undefined } })
  })

  it("a list body of the other generation's shape is a decode error with the raw body", async () => {
    answer = {
      status: 200,
      body: JSON.stringify({ data: [session], pagination: { limit: 20, offset: 0, total: 1 } }),
    }
    const err = await rejection(today().checkoutSessions.list())
    expect(err).toBeInstanceOf(LomiResponseDecodeError)
    expect((err as LomiResponseDecodeError).body).toContain('"pagination"')
  })
})
