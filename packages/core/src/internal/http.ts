/**
 * Sending one HTTP request and reading its whole response, by one of two transports: `fetch` everywhere,
 * and `node:http` on Node, where it serves about three times the requests per second of Node's `fetch`
 * (undici) for the same CPU. The request loop (`transport.ts`) does not know which one it uses.
 */
import type { ResolvedConfig } from "../Config.js"
import { detectRuntime } from "../UserAgent.js"
import { CANCELLED, type Cancel } from "./cancel.js"
import { headersRecord } from "./headers.js"

/** What one attempt sends, built once per call and reused by every retry. */
export interface Outgoing {
  readonly url: string
  readonly method: string
  /** Lower-case names. */
  readonly headers: Record<string, string>
  readonly body: string | undefined
}

/** A whole response: status, headers with lower-case names, and the body as text. */
export interface Incoming {
  readonly status: number
  readonly headers: Record<string, string>
  readonly text: string
}

/**
 * Sends a request and reads the whole body. Rejects with whatever the transport threw (a network error,
 * a reset, a truncated body); `cancel` aborts the request and closes its connection (the promise then
 * rejects, and the caller has already moved on).
 */
export type Send = (request: Outgoing, cancel: Cancel) => Promise<Incoming>

/** Sends through a `fetch` function: the caller's, or the runtime's. */
export const fetchSend =
  (fetch: typeof globalThis.fetch, init: globalThis.RequestInit | undefined): Send =>
  async (request, cancel) => {
    const controller = new AbortController()
    const { signal } = controller
    cancel.onCancel(() => controller.abort(CANCELLED))
    const response = await fetch(request.url, {
      // Following a redirect would resend the key to wherever `Location` points.
      redirect: "manual",
      ...init,
      method: request.method,
      headers: request.headers,
      body: request.body ?? null,
      signal,
    })
    const text = await response.text()
    return { status: response.status, headers: headersRecord(response.headers), text }
  }

// The few parts of `node:http`, `node:https` and `node:zlib` used here. Core compiles without Node's
// typings, and its published types must not need them.
interface NodeEmitter {
  on(event: string, listener: (...args: Array<any>) => void): unknown
}
interface NodeResponse extends NodeEmitter {
  readonly statusCode?: number | undefined
  readonly headers: Record<string, string | Array<string> | undefined>
  readonly complete: boolean
}
interface NodeRequest extends NodeEmitter {
  end(body?: string): unknown
  destroy(): unknown
}
interface NodeHttp {
  request(
    options: {
      readonly protocol: string
      readonly hostname: string
      readonly port: string
      readonly path: string
      readonly method: string
      readonly headers: Record<string, string>
    },
    onResponse: (response: NodeResponse) => void,
  ): NodeRequest
}
type ZlibCallback = (error: Error | null, result: Uint8Array) => void
type Inflate = (data: Uint8Array, callback: ZlibCallback) => void
/** The asynchronous decoders of `node:zlib` the transport uses. */
export interface NodeZlib {
  gunzip: Inflate
  inflate: Inflate
  inflateRaw: Inflate
  brotliDecompress: Inflate
}
interface NodeModules {
  readonly http: NodeHttp
  readonly https: NodeHttp
  readonly zlib: NodeZlib
}

let nodeModules: NodeModules | false | undefined
let nodeSender: Send | undefined

/**
 * Node's `http`, `https` and `zlib`, when running on Node (not Bun, Deno or workerd, whose `fetch` is
 * native and whose `node:http` is emulated). `process.getBuiltinModule` reaches them without an import
 * that bundlers for browsers and edge runtimes would have to resolve.
 */
const loadNodeModules = (): NodeModules | undefined => {
  if (nodeModules === undefined) {
    nodeModules = false
    const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    if (detectRuntime().name === "node" && typeof process?.getBuiltinModule === "function") {
      nodeModules = {
        http: process.getBuiltinModule("node:http") as NodeHttp,
        https: process.getBuiltinModule("node:https") as NodeHttp,
        zlib: process.getBuiltinModule("node:zlib") as NodeZlib,
      }
    }
  }
  return nodeModules === false ? undefined : nodeModules
}

const UNDICI_DISPATCHER = Symbol.for("undici.globalDispatcher.1")

/**
 * Whether `fetch` has been pointed somewhere else: undici's `MockAgent` in a user's tests, a `ProxyAgent`
 * or `EnvHttpProxyAgent`. Requests then keep going through `fetch`, so that they are still intercepted
 * or proxied. The default dispatcher (and an undici `Agent` of the user's) is an `Agent`.
 */
const fetchIsRedirected = (): boolean => {
  const dispatcher = (globalThis as Record<symbol, unknown>)[UNDICI_DISPATCHER]
  return (
    typeof dispatcher === "object" &&
    dispatcher !== null &&
    (dispatcher as { constructor?: { name?: unknown } }).constructor?.name !== "Agent"
  )
}

/**
 * The `node:http` transport, or `undefined` off Node or when `fetch` was redirected. It uses the global
 * agents (keep-alive since Node 19, and whatever proxy support the process gave them), asks for and
 * decodes compressed bodies as `fetch` does, and does not follow redirects (an API client should not
 * resend its key to wherever a `Location` points).
 */
export const nodeSend = (): Send | undefined => {
  const modules = loadNodeModules()
  if (modules === undefined || fetchIsRedirected()) return undefined
  nodeSender ??= sendWith(modules)
  return nodeSender
}

const decoder = new TextDecoder()

const sendWith =
  (modules: NodeModules): Send =>
  (request, cancel) =>
    new Promise<Incoming>((resolve, reject) => {
      let settled = false
      const fail = (cause: unknown) => {
        if (settled) return
        settled = true
        cancel.clear()
        reject(cause)
      }
      let outgoing: NodeRequest | undefined
      // Aborting (the attempt's timeout, the caller's signal) closes the connection at once.
      const abort = () => {
        fail(CANCELLED)
        outgoing?.destroy()
      }
      cancel.onCancel(abort)
      if (settled) return
      const { body } = request
      const headers = { ...request.headers }
      if (headers["accept-encoding"] === undefined) headers["accept-encoding"] = "gzip, deflate, br"
      if (body !== undefined) headers["content-length"] = String(utf8Length(body))
      try {
        const { url } = request
        const { origin, protocol, hostname, port } = originOf(url)
        const client = protocol === "https:" ? modules.https : modules.http
        const options = {
          protocol,
          hostname,
          port,
          path: url.slice(origin.length) || "/",
          method: request.method,
          headers,
        }
        outgoing = client.request(options, (response) => {
          const chunks: Array<Uint8Array> = []
          response.on("data", (chunk: Uint8Array) => chunks.push(chunk))
          response.on("error", fail)
          response.on("end", () => {
            if (settled) return
            if (!response.complete) return fail(new Error("The connection closed mid-response"))
            decompress(modules.zlib, response.headers["content-encoding"], concat(chunks), (error, data) => {
              // An interruption (timeout, abort) during the decode has already settled the attempt.
              if (settled) return
              if (error !== null) return fail(error)
              let text: string
              try {
                text = decoder.decode(data)
              } catch (cause) {
                return fail(cause)
              }
              settled = true
              cancel.clear()
              resolve({ status: response.statusCode ?? 0, headers: headersRecord(response.headers), text })
            })
          })
          // A connection closed before the body was complete emits neither `end` nor always `error`.
          response.on("close", () => {
            if (!response.complete) fail(new Error("The connection closed before the response was complete"))
          })
        })
      } catch (cause) {
        return fail(cause)
      }
      outgoing.on("error", fail)
      outgoing.end(body)
    })

/** The parts of a URL's origin that `http.request` takes as options. */
interface Origin {
  readonly origin: string
  readonly protocol: string
  readonly hostname: string
  readonly port: string
}

// Node's `http.request` parses a URL string on every request; a client sends to one origin, so its parts are
// parsed once and only the path is cut from each URL. The URL is the checked base URL (an http(s) `href`,
// which starts with its `origin`) followed by a path and query built percent-encoded, without dot
// segments, by `input.ts`.
let lastOrigin: Origin | undefined

const originOf = (url: string): Origin => {
  const last = lastOrigin
  if (last !== undefined && url.startsWith(last.origin) && url.charCodeAt(last.origin.length) === 47)
    return last
  const parsed = new URL(url)
  lastOrigin = {
    origin: parsed.origin,
    protocol: parsed.protocol,
    // `http.request` wants an IPv6 literal without its brackets.
    hostname: parsed.hostname.startsWith("[") ? parsed.hostname.slice(1, -1) : parsed.hostname,
    port: parsed.port,
  }
  return lastOrigin
}

/**
 * The bytes of `text` in UTF-8, without encoding it: the body goes to `end` as a string, which Node sends
 * in one write with the headers (a byte array goes as a second buffer). A lone surrogate is sent as U+FFFD
 * (three bytes); `JSON.stringify` escapes them anyway.
 */
export const utf8Length = (text: string): number => {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    if (code < 0x800) bytes += 1
    else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: two UTF-16 units, four bytes.
      bytes += 2
      i++
    } else bytes += 2
  }
  return bytes
}

const concat = (chunks: Array<Uint8Array>): Uint8Array => {
  if (chunks.length === 1) return chunks[0]!
  let length = 0
  for (const chunk of chunks) length += chunk.byteLength
  const out = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

/**
 * Decodes a body by its `content-encoding`, on zlib's thread pool: a large body must not hold the event
 * loop (and every other request of the process) while it inflates. Exported for its test.
 */
export const decompress = (
  zlib: NodeZlib,
  encoding: string | Array<string> | undefined,
  data: Uint8Array,
  callback: ZlibCallback,
): void => {
  const inflate = inflaterOf(zlib, typeof encoding === "string" ? encoding.trim().toLowerCase() : undefined)
  if (inflate === undefined) callback(null, data)
  else inflate(data, callback)
}

const inflaterOf = (zlib: NodeZlib, encoding: string | undefined): Inflate | undefined => {
  switch (encoding) {
    case "gzip":
    case "x-gzip":
      return zlib.gunzip
    case "deflate":
      // Servers differ on whether "deflate" means the zlib wrapper or raw deflate; fetch accepts both.
      return (data, callback) =>
        zlib.inflate(data, (error, result) =>
          error === null ? callback(null, result) : zlib.inflateRaw(data, callback),
        )
    case "br":
      return zlib.brotliDecompress
    default:
      return undefined
  }
}

/**
 * The transport of a call: `fetch` when the client was given one, when an Effect program provided its
 * own `FetchHttpClient.Fetch` or `RequestInit`, or off Node; `node:http` otherwise (see `nodeSend`).
 * Effect's `HttpClient` is not used: its per-request machinery (URL parsing, response wrappers, a
 * finalization registry, header objects) halved throughput, and the SDK needs none of it.
 */
export const chooseSend = (
  config: ResolvedConfig,
  fetchReference: typeof globalThis.fetch,
  init: globalThis.RequestInit | undefined,
  initHeaders: Record<string, string> | undefined,
): Send => {
  const fetch = config.fetch ?? fetchReference
  if (config.fetch === undefined && init === undefined && fetch === globalThis.fetch) {
    const node = nodeSend()
    if (node !== undefined) return node
  }
  if (initHeaders === undefined) return fetchSend(fetch, init)
  // Headers of a `RequestInit` service (Effect's fetch client option) are defaults ours override.
  const send = fetchSend(fetch, init)
  return (request, cancel) => send({ ...request, headers: { ...initHeaders, ...request.headers } }, cancel)
}
