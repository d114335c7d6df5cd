// Renders the results as Markdown (docs/benchmarks.md) and a hand-written SVG chart (docs/benchmarks.svg).
import type { BundleResult } from "./bundle.js"
import type { ColdStartResult } from "./coldstart.js"
import type { OverheadResult } from "./overhead.js"
import type { PaginationResult } from "./pagination.js"
import type { WebhookResult } from "./webhooks.js"

export interface Results {
  readonly date: string
  readonly quick: boolean
  readonly machine: {
    readonly node: string
    readonly cpus: number
    readonly cpu: string
    readonly os: string
  }
  readonly settings: Record<string, number>
  readonly overhead: ReadonlyArray<OverheadResult>
  readonly bundle: ReadonlyArray<BundleResult>
  readonly coldStart: ReadonlyArray<ColdStartResult>
  readonly pagination: ReadonlyArray<PaginationResult>
  readonly webhooks: ReadonlyArray<WebhookResult>
}

export const TARGETS = { throughput: 0.95, bundleGzipBytes: 40 * 1024, pagination: 0.9, paginationRssMB: 50 }

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const mark = (ok: boolean) => (ok ? "met" : "**missed**")

interface Bar {
  readonly label: string
  readonly value: number
  readonly target?: number
}

/** The bars of the chart: ratios where 1.0 means as fast as the baseline (higher is better). */
const bars = (r: Results): Array<Bar> => [
  ...r.overhead
    .filter((o) => o.variant === "promise" || o.variant === "effect" || o.variant === "promise-fetch")
    .map((o) => ({
      label: `${o.operation} ${o.variant} / raw fetch`,
      value: o.ratio,
      target: TARGETS.throughput,
    })),
  ...r.pagination
    .filter((p) => p.variant === "auto" || p.variant === "stream")
    .map((p) => ({
      label: `pagination ${p.variant} / hand loop`,
      value: p.ratioToHand,
      target: TARGETS.pagination,
    })),
  ...r.coldStart
    .filter((c) => c.variant !== "raw")
    .map((c) => ({ label: `cold start ${c.variant} / raw fetch`, value: c.ratio })),
  ...r.bundle
    .filter((b) => b.consumer === "promise" && b.platform === "neutral")
    .map((b) => ({
      label: "bundle budget 40 KB / gzip size",
      value: TARGETS.bundleGzipBytes / b.gzipBytes,
      target: 1,
    })),
]

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

export const renderSvg = (r: Results): string => {
  const data = bars(r)
  const left = 250
  const width = 720
  const plot = width - left - 60
  const rowH = 26
  const top = 46
  const height = top + data.length * rowH + 40
  const max = Math.max(1.4, ...data.map((d) => d.value)) * 1.05
  const x = (v: number) => left + (v / max) * plot
  const rows = data.map((d, i) => {
    const y = top + i * rowH
    const ok = d.target === undefined ? undefined : d.value >= d.target
    const fill = ok === undefined ? "#7a8ca3" : ok ? "#2e8b57" : "#c0392b"
    const target =
      d.target === undefined
        ? ""
        : `<line x1="${x(d.target).toFixed(1)}" x2="${x(d.target).toFixed(1)}" y1="${y - 2}" y2="${y + rowH - 6}" stroke="#222" stroke-width="2" stroke-dasharray="3 2"/>`
    return [
      `<text x="${left - 8}" y="${y + 15}" text-anchor="end">${escapeXml(d.label)}</text>`,
      `<rect x="${left}" y="${y + 2}" width="${(x(d.value) - left).toFixed(1)}" height="${rowH - 10}" fill="${fill}"/>`,
      target,
      `<text x="${(x(d.value) + 4).toFixed(1)}" y="${y + 15}">${d.value.toFixed(2)}x</text>`,
    ].join("")
  })
  const ticks = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2]
    .filter((t) => t <= max)
    .map(
      (t) =>
        `<line x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${top - 6}" y2="${height - 34}" stroke="${t === 1 ? "#999" : "#e3e3e3"}"/><text x="${x(t).toFixed(1)}" y="${height - 20}" text-anchor="middle" fill="#666">${t.toFixed(2)}</text>`,
    )
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">
<title>lomi. SDK benchmarks: ratios to the baseline</title>
<rect width="100%" height="100%" fill="#fff"/>
<text x="12" y="20" font-size="14" font-weight="bold">lomi. SDK benchmarks: ratios to the baseline (higher is better, 1.00 = as fast as the baseline)</text>
<text x="12" y="36" fill="#555">${escapeXml(`Node ${r.machine.node}, ${r.machine.cpus} cores, ${r.date.slice(0, 10)}. Dashed line: target. Green: target met, red: missed, grey: no target.`)}</text>
${ticks.join("\n")}
${rows.join("\n")}
</svg>
`
}

export const renderMarkdown = (r: Results): string => {
  const o = (op: string, v: string) => r.overhead.find((x) => x.operation === op && x.variant === v)!
  const promiseBundle = r.bundle.find((b) => b.consumer === "promise" && b.platform === "neutral")!
  const auto = r.pagination.find((p) => p.variant === "auto")!
  const stream = r.pagination.find((p) => p.variant === "stream")!
  const lines: Array<string> = []
  const s = r.settings
  lines.push(
    "# Benchmarks",
    "",
    "<!-- Generated by `pnpm bench` (apps/bench); do not edit by hand. -->",
    "",
    `Measured ${r.date} on ${r.machine.os}, ${r.machine.cpus} cores (${r.machine.cpu}), Node ${r.machine.node}.` +
      (r.quick ? " **Quick run** (fewer requests and rounds): indicative only." : ""),
    "Machines like this one are shared and noisy, so every comparison runs its sides in the same run,",
    "alternating (A B C, then B C A, ...), and reports medians over the rounds and the median of per-round ratios.",
    "Raw numbers: [benchmarks.json](benchmarks.json). Chart: [benchmarks.svg](benchmarks.svg).",
    "",
    "![Ratios to baseline](benchmarks.svg)",
    "",
    "## Targets",
    "",
    "| target | result | |",
    "| --- | --- | --- |",
    `| SDK >= 0.95x raw fetch throughput (retrieve) | Promise ${o("retrieve", "promise").ratio}x, Effect ${o("retrieve", "effect").ratio}x | ${mark(Math.min(o("retrieve", "promise").ratio, o("retrieve", "effect").ratio) >= TARGETS.throughput)} |`,
    `| SDK >= 0.95x raw fetch throughput (create) | Promise ${o("create", "promise").ratio}x, Effect ${o("create", "effect").ratio}x | ${mark(Math.min(o("create", "promise").ratio, o("create", "effect").ratio) >= TARGETS.throughput)} |`,
    `| Promise consumer <= 40 KB gzip | ${kb(promiseBundle.gzipBytes)} | ${mark(promiseBundle.gzipBytes <= TARGETS.bundleGzipBytes)} |`,
    `| auto-pagination >= 0.9x the hand loop | Promise ${auto.ratioToHand}x, Effect stream ${stream.ratioToHand}x | ${mark(Math.min(auto.ratioToHand, stream.ratioToHand) >= TARGETS.pagination)} |`,
    `| auto-pagination peak RSS growth < 50 MB | Promise ${auto.rssGrowthMB} MB, Effect stream ${stream.rssGrowthMB} MB | ${mark(Math.max(auto.rssGrowthMB, stream.rssGrowthMB) < TARGETS.paginationRssMB)} |`,
    "",
    "## 1. Request overhead",
    "",
    `${s.requests} requests per round, ${s.inFlight} in flight, ${s.overheadRounds} rounds (after an unrecorded warm-up), against the sandbox`,
    "on 127.0.0.1 running in a child process. `raw` is `fetch` + `JSON.parse` with the same headers (and, for",
    "`create`, its own idempotency key per request); `http` is the same over `node:http` (global keep-alive",
    "agent); `promise` is `new Lomi(...)`, which on Node sends through `node:http`; `promise-fetch` is",
    "`new Lomi({ fetch })`, the SDK over the same `fetch` as `raw`; `effect` is the `CheckoutSessions` service",
    "on a `ManagedRuntime` (`node:http` too). The SDK also validates input, decodes the response with its",
    "schema, records spans, and gives every attempt a timeout. CPU is the client process's user + system time",
    "per request, steadier than throughput on a shared machine.",
    "",
    "| operation | client | req/s | CPU µs/req | p50 ms | p99 ms | vs raw fetch | vs raw node:http |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...r.overhead.map(
      (x) =>
        `| ${x.operation} | ${x.variant} | ${x.requestsPerSecond} | ${x.cpuMicros} | ${x.p50Ms} | ${x.p99Ms} | ${x.ratio.toFixed(2)}x | ${x.ratioToHttp.toFixed(2)}x |`,
    ),
    "",
    "## 2. Bundle size",
    "",
    "esbuild `--bundle --minify --format=esm` of a one-call consumer of the built packages (`create` through the",
    "Promise client; the same through the Effect API), gzip level 9.",
    "",
    "| consumer | platform | minified | gzip | effect | @lomi/core | @lomi/checkout |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ...r.bundle.map(
      (b) =>
        `| ${b.consumer} | ${b.platform} | ${kb(b.minifiedBytes)} | ${kb(b.gzipBytes)} | ${kb(b.byPackage.effect ?? 0)} | ${kb(b.byPackage["@lomi/core"] ?? 0)} | ${kb(b.byPackage["@lomi/checkout"] ?? 0)} |`,
    ),
    "",
    "Heaviest inputs of the Promise consumer (minified bytes in the output, before gzip):",
    "",
    "| input | bytes |",
    "| --- | ---: |",
    ...promiseBundle.top.map((t) => `| \`${t.path}\` | ${t.bytes} |`),
    "",
    "## 3. Cold start",
    "",
    `${s.coldProcesses} fresh \`node\` processes per variant, alternating; each imports what it needs and retrieves one`,
    "session. Times are from process start (`performance.timeOrigin`) to the first response. `promise-bundled`",
    "is the `promise` program bundled with its dependencies into one file by esbuild, as a bundled server is:",
    "most of an unbundled SDK's start is Node's ESM loader reading and compiling effect's modules one by one.",
    "",
    "| client | imports done (ms) | first response (ms) | raw / this |",
    "| --- | ---: | ---: | ---: |",
    ...r.coldStart.map(
      (c) => `| ${c.variant} | ${c.importedMs} | ${c.firstResponseMs} | ${c.ratio.toFixed(2)}x |`,
    ),
    "",
    "## 4. Pagination",
    "",
    `${(s.sessions ?? 0).toLocaleString("en")} checkout sessions (seeded in bulk), 100 per page, ${s.paginationRounds} round(s); each run in a fresh process.`,
    "`auto` is `for await` over `lomi.checkoutSessions.list({ limit: 100 })`, `hand` a hand-written loop of",
    "`await lomi.checkoutSessions.list({ limit: 100, offset })`, `stream` the Effect `sessions.stream(...)`, and",
    "`raw` a `fetch` + `JSON.parse` page loop. RSS growth is the peak RSS over the RSS after a warm-up page,",
    "which each loop fetches through its own path (the Effect one on a runtime built beforehand).",
    "",
    "| loop | ms | items/s | vs hand loop | vs raw loop | peak RSS growth |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...r.pagination.map(
      (p) =>
        `| ${p.variant} | ${p.ms} | ${p.itemsPerSecond} | ${p.ratioToHand.toFixed(2)}x | ${p.ratioToRaw.toFixed(2)}x | ${p.rssGrowthMB} MB |`,
    ),
    "",
    "## 5. Webhooks",
    "",
    `${s.webhookEvents} deliveries of one signed PAYMENT_SUCCEEDED event (a full transaction, about 1 KB) per round, received`,
    `one after another as a server handles them, ${s.webhookRounds} rounds after a warm-up. \`promise\` is`,
    "`lomi.webhooks.unwrap(body, headers)` (signature check through Web Crypto, then the event's schema); `effect`",
    "the `Webhooks` service on a `ManagedRuntime`. The hand-written receivers only check the HMAC and `JSON.parse`:",
    "`node-crypto` with `createHmac` and `timingSafeEqual`, `web-crypto` with `crypto.subtle.verify` and a key",
    "imported once, as the SDK does. CPU is the process's user + system time per event.",
    "",
    "| receiver | µs per event | CPU µs per event | node-crypto / this |",
    "| --- | ---: | ---: | ---: |",
    ...r.webhooks.map(
      (w) =>
        `| ${w.variant} | ${w.microsPerEvent} | ${w.cpuMicrosPerEvent} | ${w.ratioToNodeCrypto.toFixed(2)}x |`,
    ),
    "",
    "## Reproduce",
    "",
    "```sh",
    "pnpm install --frozen-lockfile",
    "pnpm bench          # builds the packages (turbo ^build), runs everything, rewrites docs/benchmarks.*",
    "pnpm bench --quick  # under a minute; writes apps/bench/.out/benchmarks.* instead of docs/",
    "```",
    "",
    "`pnpm bench -- --only overhead,bundle` (or `cold`, `pagination`, `webhooks`) runs a subset. Benchmarks are never part",
    "of `pnpm test`.",
    "",
  )
  return lines.join("\n")
}
