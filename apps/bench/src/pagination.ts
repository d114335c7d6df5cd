// 6. Pagination: all seeded sessions through the SDK's auto-pagination, the Effect stream, a hand-written
// page loop over the SDK, and a raw fetch page loop; each run in a fresh process, alternating.
import { startRemoteSandbox } from "./sandbox.js"
import { median, rotate, round, runChild } from "./stats.js"

export const PAGINATION_VARIANTS = ["auto", "hand", "stream", "raw"] as const
export type PaginationVariant = (typeof PAGINATION_VARIANTS)[number]

export interface PaginationResult {
  readonly variant: PaginationVariant
  readonly items: number
  readonly ms: number
  readonly itemsPerSecond: number
  readonly rssGrowthMB: number
  /** Speed relative to the hand-written SDK page loop (hand time / this time), median of per-round ratios. */
  readonly ratioToHand: number
  /** Speed relative to the raw fetch page loop. */
  readonly ratioToRaw: number
}

export const runPagination = async (options: {
  readonly sessions: number
  readonly rounds: number
  readonly log: (line: string) => void
}): Promise<Array<PaginationResult>> => {
  const seedStart = performance.now()
  const sandbox = await startRemoteSandbox(options.sessions)
  options.log(`  seeded ${options.sessions} sessions in ${Math.round(performance.now() - seedStart)} ms`)
  const runs: Record<string, Array<{ ms: number; items: number; rssGrowthMB: number }>> = {}
  try {
    for (let r = 0; r < options.rounds; r++) {
      for (const variant of rotate(PAGINATION_VARIANTS, r)) {
        const result = await runChild<{ ms: number; items: number; rssGrowthMB: number }>(
          "pagination-child",
          [variant, sandbox.url, sandbox.apiKey],
        )
        if (result.items !== options.sessions) throw new Error(`${variant} saw ${result.items} sessions`)
        const own = runs[variant] ?? []
        own.push(result)
        runs[variant] = own
      }
      options.log(
        `  pagination round ${r + 1}/${options.rounds}: ${PAGINATION_VARIANTS.map((v) => `${v} ${Math.round(runs[v]!.at(-1)!.ms)} ms`).join(", ")}`,
      )
    }
  } finally {
    await sandbox.close()
  }
  return PAGINATION_VARIANTS.map((variant) => {
    const own = runs[variant]!
    const ms = median(own.map((x) => x.ms))
    return {
      variant,
      items: options.sessions,
      ms: Math.round(ms),
      itemsPerSecond: Math.round((options.sessions / ms) * 1000),
      rssGrowthMB: round(median(own.map((x) => x.rssGrowthMB)), 1),
      ratioToHand: round(median(own.map((x, i) => runs.hand![i]!.ms / x.ms)), 3),
      ratioToRaw: round(median(own.map((x, i) => runs.raw![i]!.ms / x.ms)), 3),
    }
  })
}
