// The decompression benchmark's client process (run with --expose-gc). For each variant, one very large
// list page (bigpage-child.ts) is fetched while `monitorEventLoopDelay` (1 ms resolution) watches the event
// loop and a tiny request (one session, from the sandbox: another process than the page's server) is wanted
// every 5 ms on a connection of its own, its latency recorded. The `node:zlib` *Sync functions are wrapped
// to count the time spent in them. Args: page server URL, API key, rounds, sandbox URL, a session id.
// Prints one JSON line.
import * as http from "node:http"
import { createRequire, syncBuiltinESMExports } from "node:module"
import { monitorEventLoopDelay } from "node:perf_hooks"
import * as zlib from "node:zlib"
import { DECOMPRESSION_VARIANTS, type DecompressionVariant as Variant } from "./decompression.js"
import { median, percentile, rotate, round } from "./stats.js"

const [url, apiKey, roundsArg, sandboxUrl, sessionId] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
]

// Before the SDK loads, so it sees the wrapped functions however it reaches them.
let syncZlibMs = 0
const mutableZlib = createRequire(import.meta.url)("node:zlib") as Record<string, unknown>
const gunzipSync = mutableZlib.gunzipSync as (data: Buffer) => Buffer
const decompressors = /^(gunzip|inflate|inflateRaw|unzip|brotliDecompress|zstdDecompress)Sync$/
for (const name of Object.keys(mutableZlib).filter((n) => decompressors.test(n))) {
  const original = mutableZlib[name] as (...args: Array<unknown>) => unknown
  mutableZlib[name] = function (this: unknown, ...args: Array<unknown>) {
    const t0 = performance.now()
    try {
      return original.apply(this, args)
    } finally {
      syncZlibMs += performance.now() - t0
    }
  }
}
syncBuiltinESMExports()
const { Lomi } = await import("@lomi/checkout")

// The page server copies its shape from the sandbox's `/v1` routes, so the clients speak that generation
// (under `/gzip`, a base URL alone would mean today's routes).
const clients = {
  gzip: new Lomi({ apiKey, baseUrl: `${url}/gzip`, apiGeneration: "v1" }),
  identity: new Lomi({ apiKey, baseUrl: `${url}/identity`, apiGeneration: "v1" }),
}

/** The body as sent, still compressed. */
const getRaw = (target: string, options: http.RequestOptions) =>
  new Promise<Buffer>((resolve, reject) => {
    http
      .get(target, options, (res) => {
        const chunks: Array<Buffer> = []
        res.on("data", (chunk: Buffer) => chunks.push(chunk))
        res.on("error", reject)
        res.on("end", () => resolve(Buffer.concat(chunks)))
      })
      .on("error", reject)
  })

const getJson = (target: string, options: http.RequestOptions = {}) =>
  new Promise<unknown>((resolve, reject) => {
    http
      .get(target, options, (res) => {
        // The baseline: the async gunzip stream, fed chunk by chunk off the event loop's critical path.
        const body = res.headers["content-encoding"] === "gzip" ? res.pipe(zlib.createGunzip()) : res
        const chunks: Array<Buffer> = []
        body.on("data", (chunk: Buffer) => chunks.push(chunk))
        body.on("error", reject)
        body.on("end", () => {
          if (res.statusCode !== 200) return reject(new Error(`${target}: status ${res.statusCode}`))
          resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")))
        })
      })
      .on("error", reject)
  })

const count = (page: unknown) =>
  Array.isArray(page) ? page.length : (page as { data: Array<unknown> }).data.length

// The SDK goes first (in the warm-up), so the raw client requests the path it chose.
let path: string | undefined
const calls: Record<Variant, () => Promise<number>> = {
  "promise-gzip": () => clients.gzip.checkoutSessions.list({ limit: 100 }).then(count),
  "promise-identity": () => clients.identity.checkoutSessions.list({ limit: 100 }).then(count),
  "http-gzip": () =>
    getJson(`${url}/gzip${path}`, { headers: { "accept-encoding": "gzip", "x-api-key": apiKey } }).then(
      count,
    ),
  "http-identity": () => getJson(`${url}/identity${path}`, { headers: { "x-api-key": apiKey } }).then(count),
}

const tinyAgent = new http.Agent({ keepAlive: true, maxSockets: 1 })
const tinyUrl = `${sandboxUrl}/checkout_sessions/${sessionId}`
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface Measured {
  readonly maxDelayMs: number
  readonly p99DelayMs: number
  readonly tinyMaxMs: number
  readonly tinyP50Ms: number
  readonly tinyRequests: number
  readonly responseMs: number
  readonly syncZlibMs: number
  readonly items: number
}

const measure = async (variant: Variant): Promise<Measured> => {
  ;(globalThis as { gc?: () => void }).gc?.()
  const histogram = monitorEventLoopDelay({ resolution: 1 })
  const tiny: Array<number> = []
  let running = true
  // A tiny request wanted every 5 ms: its latency counts from when it was wanted, so a request held back
  // by a blocked loop counts the wait as well.
  const pinger = (async () => {
    let wanted = performance.now()
    while (running) {
      await getJson(tinyUrl, { agent: tinyAgent, headers: { "x-api-key": apiKey } })
      tiny.push(performance.now() - wanted)
      wanted = performance.now() + 5
      await sleep(5)
    }
  })()
  syncZlibMs = 0
  histogram.enable()
  const t0 = performance.now()
  const items = await calls[variant]()
  const responseMs = performance.now() - t0
  const zlibMs = syncZlibMs
  // A block is recorded by the first timer tick after it: let a few ticks pass before looking.
  await sleep(5)
  histogram.disable()
  running = false
  await pinger
  const sorted = tiny.sort((a, b) => a - b)
  return {
    maxDelayMs: histogram.max / 1e6,
    p99DelayMs: histogram.percentile(99) / 1e6,
    tinyMaxMs: sorted.at(-1) ?? Number.NaN,
    tinyP50Ms: percentile(sorted, 50),
    tinyRequests: sorted.length,
    responseMs,
    syncZlibMs: zlibMs,
    items,
  }
}

// Warm-up: JIT, the SDK's schemas, connections; the server builds its page on the first request.
await calls["promise-identity"]()
const page = (await getJson(`${url}/info`)) as {
  items: number
  jsonBytes: number
  gzipBytes: number
  lastRequest: { path: string; acceptEncoding: string | null }
}
path = page.lastRequest.path
// What a synchronous decompression of this page blocks, here (the unwrapped function, median of 5).
const compressed = await getRaw(`${url}/gzip${path}`, { headers: { "x-api-key": apiKey } })
const gunzipSyncMs = median(
  Array.from({ length: 5 }, () => {
    const t0 = performance.now()
    gunzipSync(compressed)
    return performance.now() - t0
  }),
)
for (const variant of DECOMPRESSION_VARIANTS) await calls[variant]()
// What the SDK asked for: a client that does not ask for gzip still gets it here, as from some servers.
const sdkAcceptEncoding = await calls["promise-gzip"]()
  .then(() => getJson(`${url}/info`))
  .then((i) => (i as typeof page).lastRequest.acceptEncoding)

const rounds = Number(roundsArg)
const runs = Object.fromEntries(DECOMPRESSION_VARIANTS.map((v) => [v, [] as Array<Measured>])) as Record<
  Variant,
  Array<Measured>
>
for (let r = 0; r < rounds; r++)
  for (const variant of rotate(DECOMPRESSION_VARIANTS, r)) {
    const measured = await measure(variant)
    if (measured.items !== page.items)
      throw new Error(`${variant} saw ${measured.items} of ${page.items} items`)
    runs[variant].push(measured)
  }
tinyAgent.destroy()

const med = (variant: Variant, pick: (m: Measured) => number) => round(median(runs[variant].map(pick)), 1)
process.stdout.write(
  `${JSON.stringify({
    page: {
      path: page.lastRequest.path,
      items: page.items,
      jsonBytes: page.jsonBytes,
      gzipBytes: page.gzipBytes,
      gunzipSyncMs: round(gunzipSyncMs, 1),
      sdkAcceptEncoding,
    },
    variants: DECOMPRESSION_VARIANTS.map((variant) => ({
      variant,
      rounds: runs[variant].length,
      maxDelayMs: med(variant, (m) => m.maxDelayMs),
      p99DelayMs: med(variant, (m) => m.p99DelayMs),
      tinyMaxMs: med(variant, (m) => m.tinyMaxMs),
      tinyP50Ms: med(variant, (m) => m.tinyP50Ms),
      responseMs: med(variant, (m) => m.responseMs),
      syncZlibMs: med(variant, (m) => m.syncZlibMs),
      // What compression adds to the longest block, paired by round with the same client uncompressed.
      ...(variant.endsWith("-gzip")
        ? {
            gzipExtraMaxDelayMs: round(
              median(
                runs[variant].map(
                  (m, i) =>
                    m.maxDelayMs - runs[variant.replace("-gzip", "-identity") as Variant][i]!.maxDelayMs,
                ),
              ),
              1,
            ),
          }
        : {}),
    })),
  })}\n`,
)
