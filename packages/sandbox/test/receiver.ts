import { createServer, type IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"
import { afterEach } from "vitest"

/** One POST the receiver got, with the raw body exactly as sent. */
export interface Hit {
  readonly headers: IncomingHttpHeaders
  readonly body: string
  /** The parsed envelope. */
  readonly event: any
  /** Set when the sender went away before an answer was written (an aborted attempt). */
  aborted: boolean
}

/** What to do with a hit: answer this status (possibly later), or never answer. */
export type Answer = number | "hang" | Promise<number>

const open: Array<() => Promise<void>> = []

afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()))
})

/**
 * A webhook endpoint on 127.0.0.1 that records every hit and answers as `answer` says (default 204).
 * Closed after the current test.
 */
export const receiver = async (answer: (hit: Hit, index: number) => Answer = () => 204) => {
  const hits: Hit[] = []
  const listeners = new Set<() => void>()
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8")
      let event: unknown
      try {
        event = JSON.parse(body)
      } catch {
        event = undefined
      }
      const hit: Hit = { headers: req.headers, body, event, aborted: false }
      res.on("close", () => {
        if (!res.writableFinished) hit.aborted = true
        for (const listener of listeners) listener()
      })
      hits.push(hit)
      for (const listener of listeners) listener()
      const decided = answer(hit, hits.length - 1)
      if (decided === "hang") return
      void Promise.resolve(decided).then((status) => {
        if (!res.destroyed) res.writeHead(status, { "content-type": "text/plain" }).end("ok")
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const close = async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
  open.push(close)
  const { port } = server.address() as AddressInfo
  /** Resolves once `predicate` holds over the hits (checked on every hit and every closed exchange). */
  const until = (predicate: (hits: ReadonlyArray<Hit>) => boolean): Promise<void> =>
    new Promise((resolve) => {
      const check = () => {
        if (!predicate(hits)) return
        listeners.delete(check)
        resolve()
      }
      listeners.add(check)
      check()
    })
  return {
    url: `http://127.0.0.1:${port}/hooks/lomi`,
    port,
    hits,
    until,
    /** Resolves once `count` requests have arrived. */
    received: (count: number) => until((all) => all.length >= count),
    close,
  }
}

/** A manually released gate, to hold answers until the test says so. */
export const gate = () => {
  let open!: () => void
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { opened, open }
}

/** A port nothing listens on (bound, then released). */
export const closedPort = async (): Promise<number> => {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Polls `predicate` every few ms until it holds; fails after `ms` (state of the sandbox, not the receiver). */
export const eventually = async (predicate: () => boolean, ms = 3000): Promise<void> => {
  const deadline = Date.now() + ms
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
