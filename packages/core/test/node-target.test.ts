/// <reference types="node" />
/**
 * Where the `node:http` transport sends: it parses a client's origin once and cuts only the path from each
 * URL, so these pin that the request line and the host are what the URL says: an IPv6 literal, a base
 * path, an encoded path parameter and a query.
 */
import { createServer, type IncomingMessage, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { afterEach, describe, expect, it } from "vitest"
import { utf8Length } from "../src/internal/http.js"
import { makePromiseClient } from "../src/PromiseClient.js"
import { API_KEY, createSession, listSessions, retrieveSession } from "./support/client.js"

const servers: Array<Server> = []
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve))
})

/** A server on `host` that records each request's line and Host header and answers a small session. */
const recordingServer = async (host: string) => {
  const seen: Array<{ url: string | undefined; host: string | undefined }> = []
  const bodies: Array<{ length: string | undefined; bytes: Buffer }> = []
  const server = createServer(async (request: IncomingMessage, response) => {
    seen.push({ url: request.url, host: request.headers.host })
    const chunks: Array<Buffer> = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    if (request.method === "POST")
      bodies.push({ length: request.headers["content-length"], bytes: Buffer.concat(chunks) })
    response.setHeader("content-type", "application/json")
    const session = { id: "cs_1", amount: 100 }
    response.end(JSON.stringify(request.url?.includes("?") ? { data: [session] } : session))
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  servers.push(server)
  return { port: (server.address() as AddressInfo).port, seen, bodies }
}

describe("the node:http transport", () => {
  it("sends to an IPv6 literal, under the base URL's path", async () => {
    const { port, seen } = await recordingServer("::1")
    const lomi = makePromiseClient({ apiKey: API_KEY, baseUrl: `http://[::1]:${port}/v1`, maxRetries: 0 })
    const input = { path: { session_id: "cs 1/é" } }
    await expect(lomi.execute(retrieveSession, input, undefined, undefined)).resolves.toMatchObject({
      data: { id: "cs_1" },
    })
    expect(seen).toEqual([{ url: "/v1/checkout_sessions/cs%201%2F%C3%A9", host: `[::1]:${port}` }])
  })

  it("sends the query, and reaches two origins from one process", async () => {
    const first = await recordingServer("127.0.0.1")
    const second = await recordingServer("127.0.0.1")
    for (const { port } of [first, second]) {
      const lomi = makePromiseClient({ apiKey: API_KEY, baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 })
      await lomi.execute(listSessions, { query: { limit: 5, sort: "created_at:desc" } }, undefined, undefined)
    }
    expect(first.seen).toEqual([
      { url: "/checkout_sessions?limit=5&sort=created_at%3Adesc", host: `127.0.0.1:${first.port}` },
    ])
    expect(second.seen).toEqual([
      { url: "/checkout_sessions?limit=5&sort=created_at%3Adesc", host: `127.0.0.1:${second.port}` },
    ])
  })

  it("sends a body of any characters with its length in bytes", async () => {
    const { port, bodies } = await recordingServer("127.0.0.1")
    const lomi = makePromiseClient({ apiKey: API_KEY, baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 })
    const metadata = { note: "Café à Dakar, 15 000 F CFA 🍵", empty: "", ascii: "plain" }
    const input = { body: { amount: 15000, currency_code: "XOF", metadata } }
    await lomi.execute(createSession, input, undefined, undefined)
    expect(bodies).toHaveLength(1)
    const [{ length, bytes }] = bodies as [{ length: string; bytes: Buffer }]
    expect(Number(length)).toBe(bytes.byteLength)
    expect(JSON.parse(bytes.toString("utf8"))).toEqual(input.body)
  })
})

describe("utf8Length", () => {
  it("counts what TextEncoder writes, surrogate pairs and lone surrogates included", () => {
    const samples = [
      "",
      "a",
      "é",
      "€",
      "🍵",
      "a🍵b",
      "\ud800",
      "\udc00x",
      "x\ud800",
      "\ud83c\udf75\ud83c",
      "\u007f\u0080\u07ff\u0800\uffff",
    ]
    for (let code = 0; code < 0x11000; code += 97) samples.push(String.fromCodePoint(code))
    const encoder = new TextEncoder()
    for (const text of samples)
      expect(utf8Length(text), JSON.stringify(text)).toBe(encoder.encode(text).byteLength)
  })
})
