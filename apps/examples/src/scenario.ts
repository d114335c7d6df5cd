// What every demo scenario gets: a configured client, and the sandbox when running offline.
import type { ApiGeneration, Lomi } from "@lomi/checkout"
import type { Sandbox } from "@lomi/sandbox"

/** Where the scenarios run and how to reach it. */
export interface DemoContext {
  /** A Promise client for the target (the embedded sandbox, or the real API), speaking `generation`. */
  readonly lomi: Lomi
  /** The generation of lomi.'s routes this run speaks. */
  readonly generation: ApiGeneration
  /** Options to build more clients for the same target and generation (another key, other retries). */
  readonly clientOptions: {
    readonly apiKey: string
    readonly baseUrl?: string
    readonly environment?: "live" | "sandbox"
  }
  /** The embedded sandbox; absent when running against the real API. */
  readonly sandbox: Sandbox | undefined
  /** Prints one line of the scenario's output. */
  readonly log: (line: string) => void
}

/** One runnable demo. */
export interface Scenario {
  /** The name for `pnpm demo <name>`. */
  readonly name: string
  /** The heading printed before it runs. */
  readonly title: string
  /** Whether it needs the embedded sandbox (fault injection); such scenarios are skipped against the real API. */
  readonly needsSandbox: boolean
  /**
   * The generations of lomi.'s routes it shows: offline it runs once on each, against the embedded
   * sandbox; against the real API, only if the API's generation is one of them (else it is skipped, saying
   * why).
   */
  readonly generations: ReadonlyArray<ApiGeneration>
  /** Runs the scenario; throws a `DemoFailure` (or any error) when the outcome is wrong. */
  readonly run: (ctx: DemoContext) => Promise<void>
}

/** A wrong outcome: the demo stops with this message and a non-zero exit. */
export class DemoFailure extends Error {
  override readonly name = "DemoFailure"
}

/** Checks an outcome the scenario depends on. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new DemoFailure(message)
}

/** The reference example bodies of the lomi. API document, verbatim (the sandbox package ships them). */
export { REFERENCE_EXAMPLES as referenceBodies } from "@lomi/sandbox"

/** Both generations, oldest first: what most scenarios show offline. */
export const BOTH: ReadonlyArray<ApiGeneration> = ["v1", "2025-12"]
