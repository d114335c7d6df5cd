import type { Issue } from "./responses.js"
import { canonicalId } from "./validation.js"

/** A request reduced to what the sandbox reads; the node adapter builds it without a `Request` object. */
export interface SandboxRequest {
  /** The HTTP method, e.g. `POST`. */
  readonly method: string
  /** Absolute URL; its origin is used for the `url` fields of resources unless `publicOrigin` is set. */
  readonly url: string
  /** Reads a header by lower-case name. */
  readonly header: (name: string) => string | undefined
  /** The raw body, when there is one. */
  readonly body?: Uint8Array | undefined
  /** Set by adapters that stopped reading a body over `maxBodyBytes`. */
  readonly bodyTooLarge?: boolean
}

const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i

const decoder = new TextDecoder("utf-8", { fatal: true })

/**
 * Decodes one path segment, `undefined` when it is not valid percent-encoding. UUIDs come back lower-case,
 * the form ids are stored in (they are case-insensitive, as in the live service's database).
 */
export const safeDecode = (segment: string): string | undefined => {
  try {
    return canonicalId(decodeURIComponent(segment))
  } catch {
    return undefined
  }
}

/** The body as UTF-8 text, `""` when it is not valid UTF-8 (form posts of the hosted pages). */
export const safeText = (bytes: Uint8Array): string => {
  try {
    return decoder.decode(bytes)
  } catch {
    return ""
  }
}

/** Reads a standard `Request` into a {@link SandboxRequest}, refusing to buffer more than `max` bytes. */
export const fromRequest = async (request: Request, max: number): Promise<SandboxRequest> => {
  const header = (name: string): string | undefined => request.headers.get(name) ?? undefined
  const base = { method: request.method, url: request.url, header }
  if (request.body === null) return base
  const declared = Number(request.headers.get("content-length") ?? Number.NaN)
  if (declared > max) {
    await request.body.cancel().catch(() => {})
    return { ...base, bodyTooLarge: true }
  }
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel().catch(() => {})
      return { ...base, bodyTooLarge: true }
    }
    chunks.push(value)
  }
  const body = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    body.set(chunk, at)
    at += chunk.byteLength
  }
  return { ...base, body }
}

/** A JSON request body that could not be read: a summary and the problem, worded by each generation. */
export interface UnreadableBody {
  readonly ok: false
  readonly message: string
  readonly issues: ReadonlyArray<Issue>
}

/** Parses a JSON request body, or says why it cannot be read. */
export const parseBody = (request: SandboxRequest): { ok: true; value: unknown } | UnreadableBody => {
  const type = request.header("content-type")
  if (type === undefined || !JSON_MEDIA.test(type)) {
    return {
      ok: false,
      message: "Content-Type must be application/json",
      issues: [{ path: ["Content-Type"], message: `Expected application/json, got ${type ?? "nothing"}` }],
    }
  }
  if (request.body === undefined || request.body.byteLength === 0) {
    return { ok: false, message: "A JSON body is required", issues: [{ path: [], message: "Required" }] }
  }
  try {
    return { ok: true, value: JSON.parse(decoder.decode(request.body)) }
  } catch (error) {
    const reason = error instanceof Error ? error.message : "unreadable body"
    return { ok: false, message: "Malformed JSON body", issues: [{ path: [], message: reason }] }
  }
}
