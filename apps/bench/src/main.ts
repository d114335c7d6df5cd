// `pnpm bench [--quick] [--only overhead,bundle,install,cold,pagination,webhooks,decompression]`: runs the
// benchmarks and writes docs/benchmarks.md, .svg and .json (a quick run, or a partial one, writes them to
// apps/bench/.out/ instead). `install` is the install size and the cold start as installed.
import { execFileSync } from "node:child_process"
import { mkdirSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { cpus, release, type } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { runBundles } from "./bundle.js"
import { renderSvg } from "./chart.js"
import { runColdStart } from "./coldstart.js"
import { type InstalledColdResult, runInstalledColdStart } from "./coldstart-installed.js"
import { runDecompression } from "./decompression.js"
import { loadEffectApi } from "./effect-api.js"
import { type InstallResult, runInstalls } from "./install.js"
import { IN_FLIGHT, type OverheadResult } from "./overhead.js"
import { runPagination } from "./pagination.js"
import { renderMarkdown } from "./report.js"
import type { Results } from "./results.js"
import { runChild } from "./stats.js"
import { mark, verdicts } from "./targets.js"
import type { WebhookResult } from "./webhooks.js"

const require = createRequire(import.meta.url)
const args = process.argv.slice(2).filter((a) => a !== "--")
const quick = args.includes("--quick")
const onlyArg = args.find((a) => a.startsWith("--only"))
const only =
  onlyArg === undefined
    ? undefined
    : (onlyArg.split("=")[1] ?? args[args.indexOf(onlyArg) + 1] ?? "").split(",")
const wanted = (name: string) => only === undefined || only.includes(name)

const settings = quick
  ? {
      requests: 1500,
      overheadRounds: 3,
      inFlight: IN_FLIGHT,
      coldProcesses: 5,
      installedColdProcesses: 7,
      sessions: 20_000,
      paginationRounds: 1,
      webhookEvents: 2000,
      webhookRounds: 3,
      decompressionBytes: 5 * 1024 * 1024,
      decompressionRounds: 3,
    }
  : {
      requests: 4000,
      overheadRounds: 7,
      inFlight: IN_FLIGHT,
      coldProcesses: 21,
      installedColdProcesses: 21,
      sessions: 100_000,
      paginationRounds: 3,
      webhookEvents: 10_000,
      webhookRounds: 7,
      decompressionBytes: 5 * 1024 * 1024,
      decompressionRounds: 7,
    }

const log = (line: string) => console.log(line)
const started = performance.now()
log(`lomi. SDK benchmarks${quick ? " (quick)" : ""}: Node ${process.version}, ${cpus().length} cores`)

const { entry: effectEntry } = await loadEffectApi()
log(`Effect API from ${effectEntry}`)

log("1. overhead")
const overhead = wanted("overhead")
  ? await runChild<Array<OverheadResult>>("overhead-child", [
      String(settings.requests),
      String(settings.overheadRounds),
    ])
  : []
log("2. bundle size")
const bundle = wanted("bundle") ? await runBundles() : []
for (const b of bundle)
  log(`  ${b.consumer} (${b.platform}): ${b.minifiedBytes} B minified, ${b.gzipBytes} B gzip`)
log("3. install size, 4. cold start as installed")
let install: ReadonlyArray<InstallResult> = []
let installedColdStart: ReadonlyArray<InstalledColdResult> = []
if (wanted("install")) {
  const installs = await runInstalls({ log })
  try {
    install = installs.results
    installedColdStart = await runInstalledColdStart({
      installs,
      processes: settings.installedColdProcesses,
      log,
    })
  } finally {
    installs.remove()
  }
}
log("5. cold start in the workspace")
const coldStart = wanted("cold") ? await runColdStart({ processes: settings.coldProcesses, log }) : []
log("6. pagination")
const pagination = wanted("pagination")
  ? await runPagination({ sessions: settings.sessions, rounds: settings.paginationRounds, log })
  : []

log("7. webhooks")
const webhooks = wanted("webhooks")
  ? await runChild<Array<WebhookResult>>("webhooks-child", [
      String(settings.webhookEvents),
      String(settings.webhookRounds),
    ])
  : []
for (const w of webhooks)
  log(`  ${w.variant}: ${w.microsPerEvent} µs/event, ${w.cpuMicrosPerEvent} µs CPU/event`)
log("8. decompression")
const decompression = wanted("decompression")
  ? await runDecompression({
      jsonBytes: settings.decompressionBytes,
      rounds: settings.decompressionRounds,
      log,
    })
  : null

const results: Results = {
  date: new Date().toISOString(),
  quick,
  machine: {
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? "unknown",
    os: `${type()} ${release()}`,
  },
  settings,
  effectEntry,
  overhead,
  bundle,
  install,
  installedColdStart,
  coldStart,
  pagination,
  webhooks,
  decompression,
}

const complete =
  overhead.length > 0 &&
  bundle.length > 0 &&
  install.length > 0 &&
  installedColdStart.length > 0 &&
  coldStart.length > 0 &&
  pagination.length > 0 &&
  webhooks.length > 0 &&
  decompression !== null
const dir = fileURLToPath(new URL(quick || !complete ? "../.out/" : "../../../docs/", import.meta.url))
mkdirSync(dir, { recursive: true })
writeFileSync(join(dir, "benchmarks.json"), `${JSON.stringify(results, null, 2)}\n`)
if (complete) {
  const markdown = renderMarkdown(results)
  writeFileSync(join(dir, "benchmarks.md"), markdown)
  writeFileSync(join(dir, "benchmarks.svg"), renderSvg(results))
  // Formatted as the repository's own check (`biome ci`) expects, so a fresh report passes lint (the
  // quick run's directory is ignored by git, and so by biome).
  if (!quick)
    execFileSync(process.execPath, [require.resolve("@biomejs/biome/bin/biome"), "format", "--write", dir], {
      stdio: "inherit",
    })
  log(`\n${markdown.slice(markdown.indexOf("## 1."), markdown.indexOf("## 2."))}`)
}
log("\nTargets:")
for (const v of verdicts(results)) log(`  [${mark(v.met).replace(/\*/g, "")}] ${v.target}: ${v.result}`)
log(`wrote ${join(dir, "benchmarks.*")} in ${((performance.now() - started) / 1000).toFixed(1)} s`)
