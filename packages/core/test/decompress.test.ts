/// <reference types="node" />
import * as zlib from "node:zlib"
import { describe, expect, it } from "vitest"
import { decompress, type NodeZlib } from "../src/internal/http.js"
import { client, retrieveSession, run } from "./support/client.js"
import { serverPerTest } from "./support/server.js"

const startServer = serverPerTest()

// 5 MB of JSON once inflated, a few KB on the wire.
const padding = "lomi ".repeat(1_000_000)
const large = { id: "cs_large", amount: 100, padding }
const largeText = JSON.stringify(large)

describe("response decompression", () => {
  it.each([
    ["gzip", zlib.gzipSync],
    ["deflate", zlib.deflateSync],
    ["deflate", zlib.deflateRawSync],
    ["br", zlib.brotliCompressSync],
  ] as const)(
    "decodes 5 MB of %s off the event loop: other callbacks run while it inflates",
    async (encoding, compress) => {
      const compressed = compress(largeText)
      // A ticker that runs whenever the event loop is free. A synchronous decode would call back before
      // the ticker's first turn; zlib's thread pool hands the loop back between chunks.
      let ticks = 0
      let ticking = true
      const tick = () => {
        ticks++
        if (ticking) setImmediate(tick)
      }
      setImmediate(tick)
      const { ticksAtEnd, text } = await new Promise<{ ticksAtEnd: number; text: string }>(
        (resolve, reject) =>
          decompress(zlib as unknown as NodeZlib, encoding, compressed, (error, data) => {
            ticking = false
            if (error !== null) reject(error)
            else resolve({ ticksAtEnd: ticks, text: new TextDecoder().decode(data) })
          }),
      )
      expect(text).toBe(largeText)
      expect(ticksAtEnd).toBeGreaterThan(0)
    },
  )

  it("fails a body that does not inflate, as a transport failure", async () => {
    const failure = await new Promise<unknown>((resolve) =>
      decompress(zlib as unknown as NodeZlib, "gzip", new TextEncoder().encode("not gzip"), resolve),
    )
    expect(failure).toBeInstanceOf(Error)
  })

  it("reads a 5 MB gzip response end to end through node:http", async () => {
    const s = await startServer(() => ({ status: 200, body: large, encoding: "gzip" }))
    const lomi = await client(s.url)
    const session = await run(lomi.execute(retrieveSession, { path: { session_id: "cs_large" } }))
    expect(session).toMatchObject({ id: "cs_large", amount: 100 })
  })
})
