/// <reference types="node" />
/**
 * Where the `node:http` transport sends: it parses a client's origin once and cuts only the path from each
 * URL, so these pin that the request line and the host are what the URL says: an IPv6 literal, a base
 * path, an encoded path parameter and a query.
 */
import { createServer, type IncomingMessage, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { afterEach, describe, expect, it } from "vitest"
import { makePromiseClient } from "../src/PromiseClient.js"
import { API_KEY, listSessions, retrieveSession } from "./support/client.js"

const servers: Array<Server> = []
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve))
})

/** A server on `host` that records each request's line and Host header and answers a small session. */
const recordingServer = async (host: string) => {
  const seen: Array<{ url: string | undefined; host: string | undefined }> = []
  const server = createServer((request: IncomingMessage, response) => {
    seen.push({ url: request.url, host: request.headers.host })
    response.setHeader("content-type", "application/json")
    const session = { id: "cs_1", amount: 100 }
    response.end(JSON.stringify(request.url?.includes("?") ? { data: [session] } : session))
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  servers.push(server)
  return { port: (server.address() as AddressInfo).port, seen }
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
})
