// A server for the decompression benchmark, in its own process: it answers a checkout-session list request
// under `/gzip/...` with one very large page, gzip-compressed, and under `/identity/...` with the same page
// uncompressed. The page is built from what the sandbox answers the same path (its shape, `{data,
// pagination}` or today's bare array, and a real session repeated with fresh ids), so the SDK decodes it as
// it would the sandbox's. `/info` describes the last request and its page.
// Args: sandbox URL, API key, target JSON bytes. Prints `{ url }`, serves until stdin closes.
import { randomUUID } from "node:crypto"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { gzipSync } from "node:zlib"

const [sandboxUrl, apiKey, targetBytes] = process.argv.slice(2) as [string, string, string]

interface Page {
  readonly json: Buffer
  readonly gzip: Buffer
  readonly items: number
}

const pages = new Map<string, Promise<Page>>()
let lastRequest: { path: string; acceptEncoding: string | null } | undefined

/**
 * The `i`-th session of the page: the template with its own id (and the URL that carries it), amount, title
 * and timestamps, so the page compresses as a real one does rather than as one object repeated.
 */
const vary = (template: Record<string, unknown>, i: number): Record<string, unknown> => {
  const session: Record<string, unknown> = { ...template }
  const id = randomUUID()
  session.checkout_session_id = id
  if (typeof template.url === "string" && typeof template.checkout_session_id === "string")
    session.url = template.url.replace(template.checkout_session_id, id)
  if (typeof template.amount === "number") session.amount = 500 + ((i * 7919) % 250_000)
  if (typeof template.title === "string") session.title = `Order ord-2026-${String(i).padStart(6, "0")}`
  for (const field of ["created_at", "updated_at", "expires_at"]) {
    const at = typeof template[field] === "string" ? Date.parse(template[field] as string) : Number.NaN
    if (!Number.isNaN(at)) session[field] = new Date(at - i * 37_000).toISOString()
  }
  return session
}

const buildPage = async (path: string, query: URLSearchParams): Promise<Page> => {
  // The path is relative to the base URL, as the SDK sent it under `/gzip`; the sandbox serves under `/v1`.
  const probe = new URL(`${sandboxUrl}${path}`)
  probe.searchParams.set("limit", "1")
  const response = await fetch(probe, { headers: { accept: "application/json", "x-api-key": apiKey } })
  if (!response.ok) throw new Error(`the sandbox answered ${response.status} to ${probe.pathname}`)
  const sample = (await response.json()) as unknown
  const list = Array.isArray(sample) ? sample : (sample as { data: Array<unknown> }).data
  const template = list[0] as Record<string, unknown> | undefined
  if (template === undefined) throw new Error(`the sandbox listed no session at ${probe.pathname}`)
  const items = Math.ceil(Number(targetBytes) / JSON.stringify(template).length)
  const data = Array.from({ length: items }, (_, i) => vary(template, i))
  const body = Array.isArray(sample)
    ? data
    : {
        ...(sample as object),
        data,
        pagination: { limit: Number(query.get("limit") ?? items), offset: 0, total: items },
      }
  const json = Buffer.from(JSON.stringify(body))
  return { json, gzip: gzipSync(json), items }
}

const send = (
  res: http.ServerResponse,
  status: number,
  body: Buffer,
  headers: http.OutgoingHttpHeaders = {},
) => {
  res.writeHead(status, { "content-type": "application/json", "content-length": body.byteLength, ...headers })
  res.end(body)
}

const notFound = (res: http.ServerResponse, what: string) =>
  send(res, 404, Buffer.from(JSON.stringify({ error: { message: `no ${what}` } })))

const describe = (res: http.ServerResponse, page: Page) =>
  send(
    res,
    200,
    Buffer.from(
      JSON.stringify({
        items: page.items,
        jsonBytes: page.json.byteLength,
        gzipBytes: page.gzip.byteLength,
        lastRequest,
      }),
    ),
  )

const server = http.createServer((req, res) => {
  req.resume()
  req.on("end", () => {
    const url = new URL(req.url ?? "/", "http://bench")
    if (url.pathname === "/info") {
      const page = lastRequest === undefined ? undefined : pages.get(lastRequest.path)
      return page === undefined ? notFound(res, "page requested yet") : page.then((p) => describe(res, p))
    }
    const match = /^\/(gzip|identity)(\/.*)$/.exec(url.pathname)
    if (match === null || req.method !== "GET") return notFound(res, `route ${req.method} ${url.pathname}`)
    const encoding = match[1] as "gzip" | "identity"
    const path = match[2]!
    lastRequest = { path, acceptEncoding: req.headers["accept-encoding"] ?? null }
    let page = pages.get(path)
    if (page === undefined) {
      page = buildPage(path, url.searchParams)
      pages.set(path, page)
    }
    page.then(
      (p) =>
        encoding === "gzip"
          ? send(res, 200, p.gzip, { "content-encoding": "gzip", vary: "accept-encoding" })
          : send(res, 200, p.json),
      (error: Error) => send(res, 500, Buffer.from(JSON.stringify({ error: { message: error.message } }))),
    )
  })
})
server.keepAliveTimeout = 60_000
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`)
})
process.stdin.resume()
process.stdin.on("end", () => {
  server.closeAllConnections()
  server.close(() => process.exit(0))
})
