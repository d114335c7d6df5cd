import { createServer, type IncomingMessage, type ServerOptions, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { createSandboxHandler, type SandboxHandler } from "./handler.js"
import { DEFAULT_MAX_BODY_BYTES, type SandboxHandlerOptions } from "./options.js"
import { filePersistence } from "./persistence.js"
import type { SandboxRequest } from "./request.js"
import { type ErrorCode, failure, type Reply } from "./responses.js"

/** Options of {@link startSandbox}: the handler's options plus where to listen and what file to keep. */
export interface SandboxOptions extends Omit<SandboxHandlerOptions, "persistence"> {
  /** TCP port; default 0 (a free port). */
  readonly port?: number
  /** Interface to listen on; default `127.0.0.1`. */
  readonly host?: string
  /** File the data is kept in (a journal, fsynced before each answer); default in memory only. */
  readonly dataFile?: string
  /**
   * How long a client may take to send a complete request before it gets a 408 and the connection is
   * closed (default 300,000 ms, as node:http). Headers must arrive within the same time, at most 60 s.
   */
  readonly requestTimeoutMs?: number
}

/** A running sandbox server: the handler's controls, plus where it listens. */
export interface Sandbox
  extends Pick<
    SandboxHandler,
    | "apiKey"
    | "seed"
    | "reset"
    | "setFaults"
    | "faults"
    | "requests"
    | "clearRequests"
    | "seedCheckoutSessions"
    | "webhookDeliveries"
    | "redeliverWebhook"
    | "webhooksIdle"
  > {
  /**
   * Base URL of the 1.1.0 document's routes, `origin + "/v1"` (`/v1/checkout_sessions`, ...): pass it
   * to an SDK that targets the document's generation.
   */
  readonly url: string
  /**
   * `http://HOST:PORT`: the base URL of today's routes (`/checkout-sessions`, `/payment-links`, as lomi.
   * serves them without `/v1`): pass it to an SDK that targets today's generation. The hosted pages
   * and `/__admin` live here too.
   */
  readonly origin: string
  /** As the handler's `completeCheckout`; the session's `url` uses this server's origin unless told otherwise. */
  completeCheckout: SandboxHandler["completeCheckout"]
  /** The runtime-neutral handler behind the server, for in-process use. */
  readonly handler: SandboxHandler
  /**
   * Stops listening, closes every connection (idle keep-alive ones too), stops webhook deliveries
   * (aborting those in flight) and waits for pending writes.
   */
  close(): Promise<void>
}

const DEFAULT_REQUEST_TIMEOUT = 300_000

// What node:http itself answers for errors before a request exists; anything else is a parse error (400).
const CLIENT_ERRORS: ReadonlyMap<string, readonly [number, string, ErrorCode, string]> = new Map([
  [
    "ERR_HTTP_REQUEST_TIMEOUT",
    [408, "Request Timeout", "REQUEST_TIMEOUT", "The request was not received in time"],
  ],
  [
    "HPE_HEADER_OVERFLOW",
    [431, "Request Header Fields Too Large", "INVALID_REQUEST", "Request headers are too large"],
  ],
] as const)

const headerReader =
  (req: IncomingMessage) =>
  (name: string): string | undefined => {
    const value = req.headers[name]
    return Array.isArray(value) ? value.join(", ") : value
  }

/**
 * Reads the body, keeping at most `max` bytes: enough to know it is too large without buffering it all.
 * A declared length over the limit is refused at once, without waiting for bytes that may never come.
 */
const readBody = (
  req: IncomingMessage,
  max: number,
): Promise<{ body?: Uint8Array; tooLarge: boolean; aborted?: boolean }> =>
  new Promise((resolve) => {
    const declared = Number(req.headers["content-length"] ?? Number.NaN)
    if (declared > max) {
      req.resume()
      req.on("error", () => {})
      resolve({ tooLarge: true })
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on("data", (chunk: Buffer) => {
      if (tooLarge) return
      size += chunk.byteLength
      if (size > max) tooLarge = true
      else chunks.push(chunk)
    })
    req.on("end", () =>
      resolve(tooLarge || size === 0 ? { tooLarge } : { body: Buffer.concat(chunks), tooLarge }),
    )
    // The client went away mid-body: there is nobody to answer.
    req.on("error", () => resolve({ tooLarge, aborted: true }))
  })

/** node:http timeouts for a request time limit; the check interval is short enough for short limits. */
const serverTimeouts = (requestTimeout: number): ServerOptions => ({
  requestTimeout,
  headersTimeout: Math.min(60_000, requestTimeout),
  // node:http looks for timed-out requests every 30 s by default, which would outlast a short limit.
  connectionsCheckingInterval: Math.min(30_000, Math.max(10, Math.floor(requestTimeout / 4))),
})

const writeReply = (res: ServerResponse, reply: Reply, close: boolean): void => {
  const body = reply.body === undefined ? undefined : Buffer.from(reply.body, "utf8")
  const headers: Record<string, string | number> = { ...reply.headers }
  if (body !== undefined) headers["content-length"] = body.byteLength
  if (close) headers.connection = "close"
  res.writeHead(reply.status, headers)
  res.end(body)
}

/**
 * Starts the sandbox on node:http (default 127.0.0.1 on a free port) and resolves once it listens.
 * Injected connection resets destroy the socket, so clients see exactly what a dropped connection does.
 */
export const startSandbox = async (options: SandboxOptions = {}): Promise<Sandbox> => {
  const {
    port = 0,
    host = "127.0.0.1",
    dataFile,
    requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT,
    ...handlerOptions
  } = options
  if (!Number.isSafeInteger(requestTimeoutMs) || requestTimeoutMs < 1)
    throw new RangeError("requestTimeoutMs must be an integer >= 1")
  const maxBody = handlerOptions.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const handler = createSandboxHandler(
    dataFile === undefined ? handlerOptions : { ...handlerOptions, persistence: filePersistence(dataFile) },
  )
  await handler.ready
  let origin = ""

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { body, tooLarge, aborted } = await readBody(req, maxBody)
    if (aborted === true) {
      req.socket.destroy()
      return
    }
    const target = req.url ?? "/"
    // Our own origin, never the Host header: a client must not choose the host of the `url` fields
    // stored and answered to others. Concatenate rather than resolve: `new URL("//evil/x", base)` would
    // change the host.
    const request: SandboxRequest = {
      method: req.method ?? "GET",
      url: `${origin}${target.startsWith("/") ? target : `/${target}`}`,
      header: headerReader(req),
      body,
      bodyTooLarge: tooLarge,
    }
    const result = await handler.dispatch(request)
    if (result.kind === "reset") {
      req.socket.destroy()
      return
    }
    if (result.kind === "reply") {
      // After a 413 the unread rest of the body is still on the socket: close it rather than parse it as a request.
      writeReply(res, result.reply, tooLarge)
      return
    }
    const full = Buffer.from(result.reply.body ?? "", "utf8")
    res.writeHead(result.reply.status, { ...result.reply.headers, "content-length": full.byteLength })
    res.write(full.subarray(0, Math.floor(full.byteLength / 2)), () => req.socket.destroy())
  }

  const server = createServer(serverTimeouts(requestTimeoutMs), (req, res) => {
    serve(req, res).catch((error: unknown) => {
      console.error("lomi-sandbox: failed to answer", error)
      if (!res.headersSent) writeReply(res, failure(500, "INTERNAL_ERROR", "Internal sandbox error"), true)
      else req.socket.destroy()
    })
  })
  // Requests node:http cannot even parse still get the contract's envelope, unless an answer is already under way.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    const answering =
      (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true
    if (error.code === "ECONNRESET" || !socket.writable || answering) {
      socket.destroy()
      return
    }
    const [status, reason, code, message] = CLIENT_ERRORS.get(error.code ?? "") ?? [
      400,
      "Bad Request",
      "INVALID_REQUEST",
      "Malformed HTTP request",
    ]
    const body = JSON.stringify({
      error: {
        code,
        message,
        details: { reason: error.code ?? "parse error" },
      },
    })
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    )
  })

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address
  origin = `http://${shownHost}:${address.port}`

  let closing: Promise<void> | undefined
  return {
    url: `${origin}/v1`,
    origin,
    apiKey: handler.apiKey,
    get seed() {
      return handler.seed
    },
    handler,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()))
        server.closeAllConnections()
        await handler.close()
        await closed
      })()
      return closing
    },
    reset: () => handler.reset(),
    setFaults: (rules, seed) => handler.setFaults(rules, seed),
    faults: () => handler.faults(),
    requests: () => handler.requests(),
    clearRequests: () => handler.clearRequests(),
    seedCheckoutSessions: (count, template, seedOptions) =>
      handler.seedCheckoutSessions(count, template, seedOptions),
    completeCheckout: (sessionId, outcome, completeOptions) =>
      handler.completeCheckout(sessionId, outcome, { origin, ...completeOptions }),
    webhookDeliveries: () => handler.webhookDeliveries(),
    redeliverWebhook: (eventId) => handler.redeliverWebhook(eventId),
    webhooksIdle: () => handler.webhooksIdle(),
  }
}
