/// <reference types="node" />
/**
 * What happens to connections when a call gives up before the response headers (an attempt timeout, an
 * aborted signal), seen from the server's side. This pins observed behaviour, so a change in Node or in
 * undici is noticed: the README's Transport section describes exactly this.
 */
import { createServer, type Server } from "node:http"
import type { AddressInfo, Socket } from "node:net"
import { afterEach, describe, expect, it } from "vitest"
import type { LomiClientOptions } from "../src/Config.js"
import { runPromise } from "../src/Promise.js"
import { makePromiseClient } from "../src/PromiseClient.js"
import { API_KEY, client, retrieveSession } from "./support/client.js"

interface Connection {
  readonly openedAt: number
  requests: number
  closedAt: number | undefined
}

/** A server that reads requests and never answers them, recording every connection it accepts. */
const hangingServer = async () => {
  const connections: Array<Connection> = []
  const bySocket = new Map<Socket, Connection>()
  const server: Server = createServer((request) => {
    request.resume()
    const connection = bySocket.get(request.socket)
    if (connection !== undefined) connection.requests++
  })
  server.on("connection", (socket: Socket) => {
    const connection: Connection = { openedAt: Date.now(), requests: 0, closedAt: undefined }
    connections.push(connection)
    bySocket.set(socket, connection)
    socket.on("close", () => {
      connection.closedAt = Date.now()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  open.push(server)
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/v1`, connections }
}

const open: Array<Server> = []
afterEach(async () => {
  for (const server of open.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const until = async (predicate: () => boolean, ms: number) => {
  const deadline = Date.now() + ms
  while (!predicate() && Date.now() < deadline) await sleep(10)
  return predicate()
}

const undiciMajor = Number((process.versions as { undici?: string }).undici?.split(".")[0] ?? 0)

const TRANSPORTS = [
  ["Effect", "node:http", {}],
  ["Effect", "fetch", { fetch: globalThis.fetch }],
  ["Promise", "node:http", {}],
  ["Promise", "fetch", { fetch: globalThis.fetch }],
] as const

/**
 * Makes one call that gives up before any response: by its attempt timeout, or by an aborted signal;
 * through the Effect API's runner, or the Promise client's.
 */
const giveUp = async (
  url: string,
  how: "timeout" | "abort",
  options: LomiClientOptions,
  api: "Effect" | "Promise" = "Effect",
) => {
  const input = { path: { session_id: "cs_1" } }
  const controller = new AbortController()
  const signal = how === "abort" ? controller.signal : undefined
  if (how === "abort") setTimeout(() => controller.abort(), 100)
  if (api === "Promise") {
    const lomi = makePromiseClient({ apiKey: API_KEY, baseUrl: url, maxRetries: 0, ...options })
    return lomi.execute(retrieveSession, input, { timeout: 100 }, signal).catch((error: unknown) => error)
  }
  const lomi = await client(url, { maxRetries: 0, ...options })
  const call = lomi.execute(retrieveSession, input, { timeout: 100 })
  return runPromise(call, { signal }).catch((error: unknown) => error)
}

describe.each(TRANSPORTS)(
  "%s API over %s: a call that gives up before the response headers",
  (api, transport, options) => {
    it.each(["timeout", "abort"] as const)("by %s closes its connection at once", async (how) => {
      const server = await hangingServer()
      const error = await giveUp(server.url, how, options, api)
      const failedAt = Date.now()
      expect(error).toMatchObject(how === "timeout" ? { _tag: "LomiTimeoutError" } : { name: "AbortError" })
      const used = server.connections.filter((c) => c.requests > 0)
      expect(used).toHaveLength(1)
      expect(await until(() => used[0]!.closedAt !== undefined, 1000)).toBe(true)
      expect(used[0]!.closedAt! - failedAt).toBeLessThan(1000)

      // What else is left open half a second later.
      await sleep(500)
      const idle = server.connections.filter((c) => c.requests === 0 && c.closedAt === undefined)
      if (transport === "fetch" && undiciMajor < 7) {
        // undici 6 (Node 20) replaces the destroyed connection at once with a new one to the same origin,
        // which carries no request and waits in its keep-alive pool.
        expect(idle).toHaveLength(1)
      } else {
        // node:http opens nothing; undici 7 (Node 24) closes its replacement at once.
        expect(idle).toHaveLength(0)
      }
    })
  },
)

describe.runIf(undiciMajor < 7)("undici 6's replacement connection after an abort (fetch on Node 20)", () => {
  it("is closed by undici after its 4-second keep-alive timeout", async () => {
    const server = await hangingServer()
    await giveUp(server.url, "timeout", { fetch: globalThis.fetch })
    const failedAt = Date.now()
    expect(await until(() => server.connections.length === 2, 1000)).toBe(true)
    const replacement = server.connections[1]!
    expect(await until(() => replacement.closedAt !== undefined, 10_000)).toBe(true)
    const lifetime = replacement.closedAt! - failedAt
    expect(lifetime).toBeGreaterThan(2_000)
    expect(lifetime).toBeLessThan(8_000)
    expect(replacement.requests).toBe(0)
  }, 15_000)

  it("is the one the next request to the same origin uses", async () => {
    const server = await hangingServer()
    await giveUp(server.url, "timeout", { fetch: globalThis.fetch })
    expect(await until(() => server.connections.length === 2, 1000)).toBe(true)
    await giveUp(server.url, "timeout", { fetch: globalThis.fetch })
    expect(server.connections[1]!.requests).toBe(1)
  })
})
