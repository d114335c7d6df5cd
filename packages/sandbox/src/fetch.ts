import type { SandboxDispatch } from "./request-log.js"
import { toResponse } from "./responses.js"

const injectedReset = () => new Error("connection reset (injected fault)")

/**
 * What a dispatch looks like to a `fetch` caller: a `Response`; for a truncation, one whose body
 * stream errors after half the bytes; for a reset, the `TypeError` `fetch` rejects with.
 */
export const toFetchResponse = (result: SandboxDispatch): Response => {
  if (result.kind === "reset") throw new TypeError("fetch failed", { cause: injectedReset() })
  if (result.kind === "reply") return toResponse(result.reply)
  const bytes = new TextEncoder().encode(result.reply.body ?? "")
  const half = bytes.slice(0, Math.floor(bytes.byteLength / 2))
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(half)
      controller.error(new TypeError("terminated", { cause: injectedReset() }))
    },
  })
  return new Response(stream, {
    status: result.reply.status,
    headers: { ...result.reply.headers, "content-length": String(bytes.byteLength) },
  })
}
