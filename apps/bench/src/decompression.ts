// 8. Decompression and the event loop: a ~5 MB list page sent gzip-compressed (and, to isolate what
// decompression adds, uncompressed) to the Promise client and to a raw node:http client that decompresses
// with the async `zlib.createGunzip()` stream, while the event-loop delay and a tiny concurrent request's
// latency (to the sandbox) are recorded. The page server (bigpage-child.ts) and the sandbox it copies its shape from run in
// their own processes; the client (decompression-child.ts) in a fresh one.
import { startRemoteSandbox } from "./sandbox.js"
import { firstJsonLine, nodeChild, runChild, stopChild } from "./stats.js"

export const DECOMPRESSION_VARIANTS = [
  "promise-gzip",
  "promise-identity",
  "http-gzip",
  "http-identity",
] as const
export type DecompressionVariant = (typeof DECOMPRESSION_VARIANTS)[number]

/** One client's medians over the rounds, all in ms. */
export interface DecompressionVariantResult {
  readonly variant: DecompressionVariant
  readonly rounds: number
  /** The longest the event loop was blocked while the page was fetched and decoded. */
  readonly maxDelayMs: number
  readonly p99DelayMs: number
  /** The slowest and the median of the tiny requests sent meanwhile. */
  readonly tinyMaxMs: number
  readonly tinyP50Ms: number
  /** From the call to the decoded page. */
  readonly responseMs: number
  /** Time inside `node:zlib`'s synchronous decompressors during the call. */
  readonly syncZlibMs: number
  /** `maxDelayMs` over the same client's uncompressed run, median of the per-round differences (gzip only). */
  readonly gzipExtraMaxDelayMs?: number
}

export interface DecompressionResult {
  readonly page: {
    /** The path the SDK requested (under the server's `/gzip` or `/identity` prefix). */
    readonly path: string
    readonly items: number
    readonly jsonBytes: number
    readonly gzipBytes: number
    /** What `zlib.gunzipSync` of the page takes in the client's process: a synchronous decompression's block. */
    readonly gunzipSyncMs: number
    /** The `accept-encoding` the SDK sent. */
    readonly sdkAcceptEncoding: string | null
  }
  readonly variants: ReadonlyArray<DecompressionVariantResult>
}

/** Time in zlib's synchronous decompressors that still counts as none (timer granularity). */
const NO_SYNC_ZLIB_MS = 0.5

/**
 * The two verdicts. `offLoop`: the Promise client spends no time in `node:zlib`'s synchronous
 * decompressors (exact, whatever the noise). `notBlocking`: its longest event-loop block on the gzip page
 * is close to the raw client's, within one synchronous gunzip of the page; this is what other requests
 * feel, decoding included. What gzip adds to each client's longest block is reported beside them: a
 * difference of two maxima, too noisy on a shared machine to judge by.
 */
export const decompressionVerdict = (r: DecompressionResult) => {
  const of = (v: DecompressionVariant) => r.variants.find((x) => x.variant === v)
  const sdk = of("promise-gzip")
  const raw = of("http-gzip")
  const syncZlibMs = sdk?.syncZlibMs ?? Number.NaN
  const allowedMaxDelayMs = (raw?.maxDelayMs ?? Number.NaN) + r.page.gunzipSyncMs
  return {
    syncZlibMs,
    offLoop: syncZlibMs <= NO_SYNC_ZLIB_MS,
    sdkMaxDelayMs: sdk?.maxDelayMs ?? Number.NaN,
    rawMaxDelayMs: raw?.maxDelayMs ?? Number.NaN,
    allowedMaxDelayMs,
    notBlocking: (sdk?.maxDelayMs ?? Number.NaN) <= allowedMaxDelayMs,
    sdkGzipExtraMs: sdk?.gzipExtraMaxDelayMs ?? Number.NaN,
    rawGzipExtraMs: raw?.gzipExtraMaxDelayMs ?? Number.NaN,
  }
}

export const runDecompression = async (options: {
  readonly jsonBytes: number
  readonly rounds: number
  readonly log: (line: string) => void
}): Promise<DecompressionResult> => {
  const sandbox = await startRemoteSandbox(1)
  const server = nodeChild("bigpage-child", [sandbox.url, sandbox.apiKey, String(options.jsonBytes)])
  try {
    const { url } = await firstJsonLine<{ url: string }>(server)
    const result = await runChild<DecompressionResult>(
      "decompression-child",
      [url, sandbox.apiKey, String(options.rounds), sandbox.url, sandbox.sessionId!],
      {},
      {},
      ["--expose-gc"],
    )
    const p = result.page
    options.log(
      `  page: ${p.items} sessions, ${(p.jsonBytes / 1e6).toFixed(1)} MB JSON, ${(p.gzipBytes / 1e6).toFixed(2)} MB gzip, gunzipSync ${p.gunzipSyncMs} ms`,
    )
    for (const v of result.variants)
      options.log(
        `  ${v.variant}: max delay ${v.maxDelayMs} ms, p99 ${v.p99DelayMs} ms, tiny request max ${v.tinyMaxMs} ms, zlib *Sync ${v.syncZlibMs} ms`,
      )
    return result
  } finally {
    await Promise.all([stopChild(server), sandbox.close()])
  }
}
