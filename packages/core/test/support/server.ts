/// <reference types="node" />
/**
 * A purpose-built HTTP server on 127.0.0.1 that answers each request from a script, to put the client in
 * front of real sockets (resets, hangs, slow answers) rather than a mocked fetch.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib"
import { afterEach } from "vitest"

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
      /** Compresses the body and says so in `content-encoding` (`deflate-raw` sends raw deflate as `deflate`). */
      readonly encoding?: "gzip" | "deflate" | "deflate-raw" | "br"
    }
  /** Announces a body, sends half of it, then destroys the socket. */
  | { readonly truncate: true }
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

const compressors = {
  gzip: (text: string) => gzipSync(text),
  deflate: (text: string) => deflateSync(text),
  "deflate-raw": (text: string) => deflateRawSync(text),
  br: (text: string) => brotliCompressSync(text),
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
      if ("truncate" in reply) {
        res.writeHead(200, { "content-type": "application/json", "content-length": "100" })
        res.write('{"id":"cs_1","amo')
        setTimeout(() => req.socket.destroy(), 20)
        return
      }
      if (reply.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, reply.delayMs))
      if (res.destroyed) return
      const text = typeof reply.body === "object" ? JSON.stringify(reply.body) : (reply.body ?? "")
      const body = reply.encoding === undefined ? text : compressors[reply.encoding](text)
      const headers: Record<string, string> = {
        "x-request-id": `req_${index + 1}`,
        ...(typeof reply.body === "object" ? { "content-type": "application/json" } : {}),
        ...(reply.encoding === undefined
          ? {}
          : { "content-encoding": reply.encoding === "deflate-raw" ? "deflate" : reply.encoding }),
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

/**
 * `startServer` for a test file: every server a test starts is closed after that test, however many it
 * starts and whether it passes or fails.
 */
export const serverPerTest = (): typeof startServer => {
  const open: Array<TestServer> = []
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()))
  })
  return async (script) => {
    const server = await startServer(script)
    open.push(server)
    return server
  }
}
