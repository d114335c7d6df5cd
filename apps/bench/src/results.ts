// Everything one `pnpm bench` run measured: what main.ts writes to benchmarks.json and report.ts renders.
import type { BundleResult } from "./bundle.js"
import type { ColdStartResult } from "./coldstart.js"
import type { InstalledColdResult } from "./coldstart-installed.js"
import type { DecompressionResult } from "./decompression.js"
import type { InstallResult } from "./install.js"
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
  /** Where the Effect API was imported from (`@lomi/checkout/effect` or `@lomi/checkout`). */
  readonly effectEntry: string
  readonly overhead: ReadonlyArray<OverheadResult>
  readonly bundle: ReadonlyArray<BundleResult>
  readonly install: ReadonlyArray<InstallResult>
  readonly installedColdStart: ReadonlyArray<InstalledColdResult>
  readonly coldStart: ReadonlyArray<ColdStartResult>
  readonly pagination: ReadonlyArray<PaginationResult>
  readonly webhooks: ReadonlyArray<WebhookResult>
  readonly decompression: DecompressionResult | null
}
