// 5. Cold start in the workspace: many fresh processes per variant, alternating, each timing process start
// -> first response.
import { startRemoteSandbox } from "./sandbox.js"
import { median, rotate, round, runChild } from "./stats.js"

export interface ColdStartResult {
  readonly variant: ColdVariant
  readonly processes: number
  /** Median ms from process start to the first response. */
  readonly firstResponseMs: number
  /** Median ms from process start to the end of the imports. */
  readonly importedMs: number
  /** `firstResponseMs` relative to raw fetch (1.0 = as fast). */
  readonly ratio: number
}

const VARIANTS = ["raw", "promise", "effect", "promise-bundled"] as const
type ColdVariant = (typeof VARIANTS)[number]

export const runColdStart = async (options: {
  readonly processes: number
  readonly log: (line: string) => void
}) => {
  const sandbox = await startRemoteSandbox(1)
  const env = { BENCH_URL: sandbox.url, BENCH_KEY: sandbox.apiKey, BENCH_ID: sandbox.sessionId! }
  const names = VARIANTS
  const samples: Record<ColdVariant, Array<{ importedMs: number; firstResponseMs: number }>> = {
    raw: [],
    promise: [],
    effect: [],
    "promise-bundled": [],
  }
  // `promise-bundled` is the `promise` child bundled with its dependencies by esbuild.
  const once = (name: ColdVariant) =>
    name === "promise-bundled"
      ? runChild<{ importedMs: number; firstResponseMs: number }>("cold-child", ["promise"], env, {
          bundlePackages: true,
        })
      : runChild<{ importedMs: number; firstResponseMs: number }>("cold-child", [name], env)
  try {
    // One unrecorded run each, so the file system cache is warm for all of them.
    for (const name of names) await once(name)
    for (let i = 0; i < options.processes; i++)
      for (const name of rotate(names, i)) samples[name].push(await once(name))
  } finally {
    await sandbox.close()
  }
  const raw = median(samples.raw!.map((s) => s.firstResponseMs))
  const results: Array<ColdStartResult> = names.map((variant) => {
    const first = median(samples[variant]!.map((s) => s.firstResponseMs))
    return {
      variant,
      processes: samples[variant]!.length,
      firstResponseMs: round(first, 1),
      importedMs: round(median(samples[variant]!.map((s) => s.importedMs)), 1),
      ratio: round(raw / first, 3),
    }
  })
  options.log(`  cold start: ${results.map((r) => `${r.variant} ${r.firstResponseMs} ms`).join(", ")}`)
  return results
}
