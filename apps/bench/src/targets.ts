// The targets and their verdicts, each a ratio or a figure from one run. Issue 17's are set against the
// anchors (stripe-node, openai-node) measured in the same run; the first round's against raw clients. A
// target whose section did not run (`--only`) has no row.
import { decompressionVerdict } from "./decompression.js"
import type { Results } from "./results.js"

export const TARGETS = {
  /** First round: SDK throughput over raw fetch, auto-pagination over the hand loop, its RSS growth. */
  throughput: 0.95,
  pagination: 0.9,
  paginationRssMB: 50,
  /** Issue 17: installed cold start CPU over the faster anchor's (both over an empty `node`). */
  coldCpuOverFasterAnchor: 0.8,
  /** Issue 17: what installing @lomi/checkout for the Promise API may weigh, in all (1 MB). */
  installBytes: 1_000_000,
  /** Issue 17: the one-call Promise consumer, minified and gzipped. */
  bundleGzipBytes: 30 * 1024,
  /** Issue 17: client CPU per request over raw node:http. */
  promiseCpuOverHttp: 1.3,
  effectCpuOverHttp: 1.6,
}

/** One line of the targets table; `met` is undefined for a figure reported without a target. */
export interface Verdict {
  readonly group: "issue 17" | "first round"
  readonly target: string
  readonly result: string
  readonly met: boolean | undefined
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const x = (ratio: number) => `${ratio.toFixed(2)}x`

const issue17 = (r: Results): Array<Verdict> => {
  const rows: Array<Verdict> = []
  for (const node of [...new Set(r.installedColdStart.map((c) => c.node))]) {
    const of = (contender: string) =>
      r.installedColdStart.find((c) => c.node === node && c.contender === contender)
    const [lomi, stripe, openai] = [of("lomi"), of("stripe"), of("openai")]
    if (!lomi || !stripe || !openai) continue
    const faster = stripe.cpuOverEmptyMs <= openai.cpuOverEmptyMs ? stripe : openai
    const ratio = lomi.cpuOverEmptyMs / faster.cpuOverEmptyMs
    rows.push({
      group: "issue 17",
      target: `Cold start as installed, Node ${node}: CPU over empty node <= ${TARGETS.coldCpuOverFasterAnchor}x the faster anchor`,
      result:
        `lomi ${lomi.cpuOverEmptyMs} ms, stripe ${stripe.cpuOverEmptyMs} ms, openai ${openai.cpuOverEmptyMs} ms: ` +
        `${x(ratio)} ${faster.contender} (first response at ${lomi.firstResponseMs}, ${stripe.firstResponseMs}, ${openai.firstResponseMs} ms)`,
      met: ratio <= TARGETS.coldCpuOverFasterAnchor,
    })
    const leanest = Math.min(stripe.maxRssMB, openai.maxRssMB)
    rows.push({
      group: "issue 17",
      target: `Cold start as installed, Node ${node}: peak RSS <= the anchors'`,
      result: `lomi ${lomi.maxRssMB} MB, stripe ${stripe.maxRssMB} MB, openai ${openai.maxRssMB} MB`,
      met: lomi.maxRssMB <= leanest,
    })
  }
  const installed = (contender: string) => r.install.find((i) => i.contender === contender)
  const lomiInstall = installed("lomi")
  if (lomiInstall) {
    const others = lomiInstall.packages.filter((p) => !p.startsWith("@lomi/checkout@"))
    rows.push({
      group: "issue 17",
      target: `Installing @lomi/checkout (Promise API): it alone, no effect, <= 1 MB (${TARGETS.installBytes} bytes) in all`,
      result:
        `${kb(lomiInstall.diskBytes)} on disk (${kb(lomiInstall.bytes)} of files), ` +
        `${others.length === 0 ? "nothing else installed" : `also ${others.join(", ")}`}; ` +
        ["stripe", "openai"].map((a) => `${a} ${mb(installed(a)?.diskBytes ?? Number.NaN)}`).join(", "),
      met: others.length === 0 && Math.max(lomiInstall.diskBytes, lomiInstall.bytes) <= TARGETS.installBytes,
    })
  }
  const effectInstall = installed("lomi-effect")
  if (effectInstall)
    rows.push({
      group: "issue 17",
      target: "Installing the Effect API: @lomi/checkout, @lomi/core and effect (a figure, no target)",
      result: `${mb(effectInstall.diskBytes)} on disk (${mb(effectInstall.bytes)} of files), effect ${effectInstall.effect ?? "not installed"}`,
      met: undefined,
    })
  const bundled = (consumer: string) =>
    r.bundle.find((b) => b.consumer === consumer && b.platform === "neutral")
  const promise = bundled("promise")
  if (promise)
    rows.push({
      group: "issue 17",
      target: `One-call Promise consumer bundled <= ${kb(TARGETS.bundleGzipBytes)} gzip`,
      result: `${kb(promise.gzipBytes)} (Effect consumer ${kb(bundled("effect")?.gzipBytes ?? Number.NaN)}; stripe ${kb(bundled("stripe")?.gzipBytes ?? Number.NaN)}, openai ${kb(bundled("openai")?.gzipBytes ?? Number.NaN)})`,
      met: promise.gzipBytes <= TARGETS.bundleGzipBytes,
    })
  for (const [variant, limit, label] of [
    ["promise", TARGETS.promiseCpuOverHttp, "Promise"],
    ["effect", TARGETS.effectCpuOverHttp, "Effect"],
  ] as const) {
    const ops = r.overhead.filter((o) => o.variant === variant)
    if (ops.length === 0) continue
    rows.push({
      group: "issue 17",
      target: `${label} client CPU per request <= ${limit}x raw node:http`,
      result: ops.map((o) => `${o.operation} ${x(o.cpuRatioToHttp)} (${o.cpuMicros} µs)`).join(", "),
      met: ops.every((o) => o.cpuRatioToHttp <= limit),
    })
  }
  const unwrap = r.webhooks.find((w) => w.variant === "promise")
  if (unwrap)
    rows.push({
      group: "issue 17",
      target: "`webhooks.unwrap` per event (a figure, no target)",
      result: `${unwrap.microsPerEvent} µs, ${unwrap.cpuMicrosPerEvent} µs CPU`,
      met: undefined,
    })
  if (r.decompression !== null) {
    const v = decompressionVerdict(r.decompression)
    rows.push({
      group: "issue 17",
      target: "A 5 MB gzip page: no synchronous decompression (`zlib.*Sync`) on the event loop",
      result:
        `${v.syncZlibMs} ms in zlib *Sync during the call; gzip adds ${v.sdkGzipExtraMs} ms to the longest block ` +
        `(raw async gunzip ${v.rawGzipExtraMs} ms; a gunzipSync of the page ${r.decompression.page.gunzipSyncMs} ms)`,
      met: v.offLoop,
    })
    rows.push({
      group: "issue 17",
      target:
        "A 5 MB gzip page does not block other requests: longest block <= raw node:http's + one gunzipSync",
      result: `Promise ${v.sdkMaxDelayMs} ms, raw ${v.rawMaxDelayMs} ms (allowed ${v.allowedMaxDelayMs.toFixed(1)} ms)`,
      met: v.notBlocking,
    })
  }
  return rows
}

const firstRound = (r: Results): Array<Verdict> => {
  const rows: Array<Verdict> = []
  for (const operation of ["retrieve", "create"] as const) {
    const of = (variant: string) => r.overhead.find((o) => o.operation === operation && o.variant === variant)
    const [promise, effect] = [of("promise"), of("effect")]
    if (!promise || !effect) continue
    rows.push({
      group: "first round",
      target: `SDK >= ${TARGETS.throughput}x raw fetch throughput (${operation})`,
      result: `Promise ${promise.ratio}x, Effect ${effect.ratio}x`,
      met: Math.min(promise.ratio, effect.ratio) >= TARGETS.throughput,
    })
  }
  const auto = r.pagination.find((p) => p.variant === "auto")
  const stream = r.pagination.find((p) => p.variant === "stream")
  if (auto && stream) {
    rows.push({
      group: "first round",
      target: `auto-pagination >= ${TARGETS.pagination}x the hand loop`,
      result: `Promise ${auto.ratioToHand}x, Effect stream ${stream.ratioToHand}x`,
      met: Math.min(auto.ratioToHand, stream.ratioToHand) >= TARGETS.pagination,
    })
    rows.push({
      group: "first round",
      target: `auto-pagination peak RSS growth < ${TARGETS.paginationRssMB} MB`,
      result: `Promise ${auto.rssGrowthMB} MB, Effect stream ${stream.rssGrowthMB} MB`,
      met: Math.max(auto.rssGrowthMB, stream.rssGrowthMB) < TARGETS.paginationRssMB,
    })
  }
  return rows
}

/** Every verdict the run's results allow, issue 17's first. */
export const verdicts = (r: Results): Array<Verdict> => [...issue17(r), ...firstRound(r)]

/** How a verdict reads in the table and the log. */
export const mark = (met: boolean | undefined) =>
  met === undefined ? "reported" : met ? "met" : "**missed**"
