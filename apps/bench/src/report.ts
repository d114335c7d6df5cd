// Renders the results as Markdown (docs/benchmarks.md); the chart is chart.ts. One function per section.
import { decompressionVerdict } from "./decompression.js"
import type { Results } from "./results.js"
import { mark, verdicts } from "./targets.js"

export type { Results } from "./results.js"

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const kbOrDash = (bytes: number) => (bytes === 0 ? "-" : kb(bytes))
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const orDash = (value: number | null) => (value === null ? "-" : String(value))

const targets = (r: Results) => [
  "## Targets",
  "",
  "Issue 17's targets are ratios to stripe-node and openai-node (the anchors) or to raw clients, measured in",
  "this run; the first round's are ratios to raw clients.",
  "",
  "| | target | result | |",
  "| --- | --- | --- | --- |",
  ...verdicts(r).map((v) => `| ${v.group} | ${v.target} | ${v.result} | ${mark(v.met)} |`),
]

const overhead = (r: Results) => [
  "## 1. Request overhead",
  "",
  `${r.settings.requests} requests per round, ${r.settings.inFlight} in flight, ${r.settings.overheadRounds} rounds (after an unrecorded warm-up), against the sandbox`,
  "on 127.0.0.1 running in a child process. `raw` is `fetch` + `JSON.parse` with the same headers (and, for",
  "`create`, its own idempotency key per request); `http` is the same over `node:http` (global keep-alive",
  "agent); `promise` is `new Lomi(...)`, which on Node sends through `node:http`; `promise-fetch` is",
  "`new Lomi({ fetch })`, the SDK over the same `fetch` as `raw`; `effect` is the `CheckoutSessions` service",
  `(imported from \`${r.effectEntry}\`) on a \`ManagedRuntime\` (\`node:http\` too). The SDK also validates input,`,
  "decodes the response with its schema, records spans, and gives every attempt a timeout. CPU is the client",
  "process's user + system time per request, steadier than throughput on a shared machine; `CPU / http` is",
  "the median of the per-round ratios to `http`'s CPU (issue 17's measure: lower is better).",
  "",
  "For context, `stripe` (stripe-node, `checkout.sessions.retrieve` / `.create`, form-encoded) and `openai`",
  "(openai-node, `models.retrieve` / `chat.completions.create`, over `fetch`) run in the same rounds against a",
  "stub of their APIs in another child process (answers of 1-3 KB). Their server is not the sandbox, so",
  "compare their CPU per request, not their throughput.",
  "",
  "| operation | client | req/s | CPU µs/req | CPU / http | p50 ms | p99 ms | vs raw fetch | vs raw node:http |",
  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ...r.overhead.map(
    (x) =>
      `| ${x.operation} | ${x.variant} | ${x.requestsPerSecond} | ${x.cpuMicros} | ${x.cpuRatioToHttp.toFixed(2)}x | ${x.p50Ms} | ${x.p99Ms} | ${x.ratio.toFixed(2)}x | ${x.ratioToHttp.toFixed(2)}x |`,
  ),
]

const bundle = (r: Results) => {
  const promise = r.bundle.find((b) => b.consumer === "promise" && b.platform === "neutral")
  const lomi = (by: Record<string, number>) =>
    Object.entries(by)
      .filter(([name]) => name.startsWith("@lomi/"))
      .reduce((sum, [, bytes]) => sum + bytes, 0)
  const others = (by: Record<string, number>) =>
    Object.entries(by)
      .filter(([name]) => name !== "effect" && name !== "consumer" && !name.startsWith("@lomi/"))
      .map(([name, bytes]) => `${name} ${kb(bytes)}`)
      .join(", ") || "-"
  return [
    "## 2. Bundle size",
    "",
    "esbuild `--bundle --minify --format=esm` of a one-call consumer, gzip level 9: `promise` creates a checkout",
    "session through `new Lomi()` from `@lomi/checkout`, `effect` the same through the Effect API",
    `(\`${r.effectEntry}\`), \`stripe\` a hosted checkout session through stripe-node, \`openai\` one chat completion`,
    "through openai-node. Node's built-in modules stay external (stripe-node's Node entry imports some).",
    "",
    "| consumer | platform | minified | gzip | effect | @lomi/* | other packages |",
    "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ...r.bundle.map(
      (b) =>
        `| ${b.consumer} | ${b.platform} | ${kb(b.minifiedBytes)} | ${kb(b.gzipBytes)} | ${kbOrDash(b.byPackage.effect ?? 0)} | ${kbOrDash(lomi(b.byPackage))} | ${others(b.byPackage)} |`,
    ),
    "",
    "Heaviest inputs of the Promise consumer (minified bytes in the output, before gzip):",
    "",
    "| input | bytes |",
    "| --- | ---: |",
    ...(promise?.top ?? []).map((t) => `| \`${t.path}\` | ${t.bytes} |`),
  ]
}

const install = (r: Results) => [
  "## 3. Install size",
  "",
  "A fresh npm project outside the workspace per SDK, `npm install` of that SDK alone: ours from tarballs",
  "packed from the workspace (`pnpm pack`), `lomi` for the Promise API (`@lomi/checkout` alone), `lomi-effect`",
  "for the Effect API (`@lomi/checkout`, `@lomi/core` and the workspace's `effect`), the anchors from the",
  "registry. Disk is what `du` counts (allocated blocks), files the sum of their sizes.",
  "",
  "| project | installs | node_modules on disk | files | packages | effect |",
  "| --- | --- | ---: | ---: | --- | --- |",
  ...r.install.map(
    (i) =>
      `| ${i.contender} | ${i.installed} | ${mb(i.diskBytes)} | ${mb(i.bytes)} (${i.files}) | ${i.packages.join(", ")} | ${i.effect ?? "not installed"} |`,
  ),
]

const installedCold = (r: Results) => [
  "## 4. Cold start as installed",
  "",
  `${r.settings.installedColdProcesses} fresh processes per SDK and Node version, SDKs and versions alternating (after one unrecorded`,
  "run each), in the npm projects of section 3. Each program imports its SDK, constructs the client and",
  "makes one create call (`checkoutSessions.create` against the sandbox; `checkout.sessions.create` and",
  "`chat.completions.create` against the stub of section 1), all servers in other processes. `empty` is",
  '`node -e ""`. Every process preloads the same small CommonJS reporter (`--require`) that records, as the',
  "process exits, its CPU time (user + system, `process.resourceUsage()`) and peak RSS. Times are ms from",
  "process start; `CPU over empty` is the median of the per-round differences to the empty process (issue 17's",
  "measure). openai-node declares Node >= 22; it runs on Node 20 all the same.",
  "",
  "| Node | SDK | imports done | client constructed | first response | exit | CPU ms | CPU over empty | peak RSS |",
  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ...r.installedColdStart.map(
    (c) =>
      `| ${c.node} | ${c.contender} | ${orDash(c.importedMs)} | ${orDash(c.constructedMs)} | ${orDash(c.firstResponseMs)} | ${c.exitMs} | ${c.cpuMs} | ${c.cpuOverEmptyMs} | ${c.maxRssMB} MB |`,
  ),
]

const workspaceCold = (r: Results) => [
  "## 5. Cold start in the workspace",
  "",
  `${r.settings.coldProcesses} fresh \`node\` processes per variant, alternating; each imports what it needs from the workspace`,
  "(pnpm's links) and retrieves one session. Times are from process start (`performance.timeOrigin`) to the",
  "first response. `promise-bundled` is the `promise` program bundled with its dependencies into one file by",
  "esbuild, as a bundled server is.",
  "",
  "| client | imports done (ms) | first response (ms) | raw / this |",
  "| --- | ---: | ---: | ---: |",
  ...r.coldStart.map(
    (c) => `| ${c.variant} | ${c.importedMs} | ${c.firstResponseMs} | ${c.ratio.toFixed(2)}x |`,
  ),
]

const pagination = (r: Results) => [
  "## 6. Pagination",
  "",
  `${(r.settings.sessions ?? 0).toLocaleString("en")} checkout sessions (seeded in bulk), 100 per page, ${r.settings.paginationRounds} round(s); each run in a fresh process.`,
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
]

const webhooks = (r: Results) => [
  "## 7. Webhooks",
  "",
  `${r.settings.webhookEvents} deliveries of one signed PAYMENT_SUCCEEDED event (a full transaction, about 1 KB) per round, received`,
  `one after another as a server handles them, ${r.settings.webhookRounds} rounds after a warm-up. \`promise\` is`,
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
]

const decompression = (r: Results) => {
  const d = r.decompression
  if (d === null) return []
  const v = decompressionVerdict(d)
  return [
    "## 8. Decompression and the event loop",
    "",
    `One list page of ${d.page.items.toLocaleString("en")} checkout sessions (${mb(d.page.jsonBytes)} of JSON, ${mb(d.page.gzipBytes)} gzip-compressed), built from the`,
    `sandbox's own answer to the path the SDK requests (\`${d.page.path}\`), each session with its own id, amount, title`,
    "and timestamps, served from another process. `promise-*` is `lomi.checkoutSessions.list({ limit: 100 })`",
    `(the SDK sent \`accept-encoding: ${d.page.sdkAcceptEncoding ?? "(none)"}\`); \`http-*\` is \`node:http\` + \`JSON.parse\`, decompressing with the`,
    "async `zlib.createGunzip()` stream. `*-gzip` gets the page compressed, `*-identity` the same page",
    `uncompressed. ${r.settings.decompressionRounds} rounds, clients alternating, in one process after a warm-up. While each page is fetched and`,
    "decoded, `monitorEventLoopDelay` (1 ms resolution) records the event loop's delay and a tiny request (one",
    "session from the sandbox, in a third process) is wanted every 5 ms on its own connection; its latency",
    "counts from when it was wanted, so a request held back by a blocked loop counts the wait. `zlib *Sync` is the",
    "time spent inside `node:zlib`'s synchronous decompressors during the call (they are wrapped to count it).",
    "",
    "| client | longest block (max delay) | p99 delay | gzip adds to it | tiny request max | tiny p50 | page decoded in | zlib *Sync |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...d.variants.map(
      (x) =>
        `| ${x.variant} | ${x.maxDelayMs} ms | ${x.p99DelayMs} ms | ${x.gzipExtraMaxDelayMs === undefined ? "" : `${x.gzipExtraMaxDelayMs} ms`} | ${x.tinyMaxMs} ms | ${x.tinyP50Ms} ms | ${x.responseMs} ms | ${x.syncZlibMs} ms |`,
    ),
    "",
    `A synchronous \`zlib.gunzipSync\` of this page takes ${d.page.gunzipSyncMs} ms in the client's process. Two targets: no time`,
    "in `zlib`'s synchronous decompressors during the call (exact: the functions are wrapped), and the Promise",
    "client's longest block on the gzip page at most the raw client's plus one synchronous gunzip of the page",
    `(here ${v.allowedMaxDelayMs.toFixed(1)} ms): what other requests feel. The longest block in the uncompressed runs is`,
    "parsing and decoding the page, which both clients do on the event loop (the raw one only parses), so",
    "the second target also needs the page decoded without one long block. `gzip adds to it` is the",
    "median per-round difference to the same client's uncompressed run: a difference of two maxima, shown for",
    "context only (GC pauses make it swing by tens of ms on a shared machine).",
  ]
}

export const renderMarkdown = (r: Results): string =>
  [
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
    ...[
      targets,
      overhead,
      bundle,
      install,
      installedCold,
      workspaceCold,
      pagination,
      webhooks,
      decompression,
    ].flatMap((section) => [...section(r), ""]),
    "## Reproduce",
    "",
    "```sh",
    "pnpm install --frozen-lockfile",
    "pnpm bench          # builds the packages (turbo ^build), runs everything, rewrites docs/benchmarks.*",
    "pnpm bench --quick  # about a minute and a half; writes apps/bench/.out/benchmarks.* instead of docs/",
    "```",
    "",
    "`pnpm bench -- --only overhead,bundle` (or `install`, `cold`, `pagination`, `webhooks`, `decompression`) runs a",
    "subset; `install` is sections 3 and 4. Benchmarks are never part of `pnpm test`.",
    "",
  ].join("\n")
