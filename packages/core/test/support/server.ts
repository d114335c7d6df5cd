/// <reference types="node" />
/**
 * A purpose-built HTTP server on 127.0.0.1 that answers each request from a script, to put the client in
 * front of real sockets (resets, hangs, slow answers) rather than a mocked fetch.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

export interface Recorded {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage["headers"]
  readonly body: string
  /** Set when the client went away before the response was finished. */
  abortedBeforeResponse: boolean
}

export type Reply =
  | {
      readonly status: number
      readonly headers?: Record<string, string>
      readonly body?: string | object
      readonly delayMs?: number
    }
  /** Destroys the socket without answering: the client sees a connection reset. */
  | { readonly reset: true }
  /** Never answers (until the client gives up). */
  | { readonly hang: true }

export interface TestServer {
  readonly url: string
  readonly requests: Array<Recorded>
  /** Resolves when `n` requests have arrived. */
  readonly waitForRequests: (n: number) => Promise<void>
  /** Resolves when the client has gone away from request `index`. */
  readonly waitForAbort: (index: number) => Promise<void>
  readonly close: () => Promise<void>
}

export const startServer = async (
  script: (request: Recorded, index: number) => Reply | Promise<Reply>,
): Promise<TestServer> => {
  const requests: Array<Recorded> = []
  const waiters = new Set<() => void>()
  const notify = () => {
    for (const waiter of waiters) waiter()
  }
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Array<Buffer> = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", async () => {
      const recorded: Recorded = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        abortedBeforeResponse: false,
      }
      const index = requests.push(recorded) - 1
      res.on("close", () => {
        if (!res.writableFinished) {
          recorded.abortedBeforeResponse = true
          notify()
        }
      })
      notify()
      const reply = await script(recorded, index)
      if ("reset" in reply) {
        req.socket.destroy()
        return
      }
      if ("hang" in reply) return
      if (reply.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, reply.delayMs))
      if (res.destroyed) return
      const body = typeof reply.body === "object" ? JSON.stringify(reply.body) : (reply.body ?? "")
      const headers: Record<string, string> = {
        "x-request-id": `req_${index + 1}`,
        ...(typeof reply.body === "object" ? { "content-type": "application/json" } : {}),
        ...reply.headers,
      }
      res.writeHead(reply.status, headers)
      res.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  const until = (predicate: () => boolean) =>
    new Promise<void>((resolve) => {
      if (predicate()) return resolve()
      const waiter = () => {
        if (predicate()) {
          waiters.delete(waiter)
          resolve()
        }
      }
      waiters.add(waiter)
    })
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    waitForRequests: (n) => until(() => requests.length >= n),
    waitForAbort: (index) => until(() => requests[index]?.abortedBeforeResponse === true),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
