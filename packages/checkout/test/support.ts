/// <reference types="node" />

import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { REFERENCE_EXAMPLES, type Sandbox, type SandboxOptions, startSandbox } from "@lomi/sandbox"
import { afterAll, beforeAll, beforeEach } from "vitest"
import { type ApiGeneration, Lomi, type LomiOptions } from "../src/effect.js"

/** The reference example bodies of the lomi. API document, verbatim. */
export const reference = REFERENCE_EXAMPLES

/** Both generations of lomi.'s routes, for suites that run on each (`describe.each(GENERATIONS)`). */
export const GENERATIONS: ReadonlyArray<ApiGeneration> = ["v1", "2025-12"]

/**
 * Create bodies each generation takes: the reference document's on `"v1"`; on `"2025-12"` the same
 * session (every field of it is one today's routes take) and an instant link (`link_type` is required
 * there, and an instant link refuses `product_id`).
 */
export const EXAMPLES = {
  v1: {
    createCheckoutSession: reference.createCheckoutSession,
    createPaymentLink: reference.createPaymentLink,
  },
  "2025-12": {
    createCheckoutSession: reference.createCheckoutSession,
    createPaymentLink: {
      link_type: "instant",
      title: "Premium Membership",
      amount: 50000,
      currency_code: "XOF",
      description: "Annual premium membership",
    },
  },
} as const satisfies Record<ApiGeneration, object>

/**
 * A sandbox on 127.0.0.1 for the whole file, emptied before each test, and a client for it. Retries use
 * short waits: the sandbox's Retry-After is 0 unless a test says otherwise.
 */
export function useSandbox(options: SandboxOptions = {}) {
  const ctx = {} as {
    sandbox: Sandbox
    /** A client of the document's routes (`sandbox.url`). */
    lomi: Lomi
    /** A client of the document's routes (`sandbox.url`) with more options. */
    client: (extra?: LomiOptions) => Lomi
    /** The sandbox's base URL for a generation: `sandbox.url` (`…/v1`) or `sandbox.origin`. */
    baseUrlOf: (generation: ApiGeneration) => string
    /** A client of `generation`, which it speaks because of its base URL's shape. */
    clientOf: (generation: ApiGeneration, extra?: LomiOptions) => Lomi
  }
  beforeAll(async () => {
    ctx.sandbox = await startSandbox(options)
    ctx.baseUrlOf = (generation) => (generation === "v1" ? ctx.sandbox.url : ctx.sandbox.origin)
    // Quiet unless a test asks: fault-injection tests would print the retry warnings `new Lomi()` logs.
    ctx.clientOf = (generation, extra = {}) =>
      new Lomi({ apiKey: ctx.sandbox.apiKey, baseUrl: ctx.baseUrlOf(generation), logLevel: "off", ...extra })
    ctx.client = (extra = {}) => ctx.clientOf("v1", extra)
    ctx.lomi = ctx.client()
  })
  beforeEach(async () => {
    await ctx.sandbox.reset()
  })
  afterAll(async () => {
    await ctx.sandbox?.close()
  })
  return ctx
}

/** The rejection of a promise that must reject. */
export async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (err) {
    return err
  }
  throw new Error("expected the promise to reject")
}

/** What a child process printed and how it ended. */
export interface ChildResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs a TypeScript file in a child process (tsx) with nothing in its environment but `PATH` and `env`, so
 * no variable of the test runner leaks into it. `@lomi/core` and `@lomi/checkout` resolve to their
 * sources through `tsconfig` (default: `test/fixtures/tsconfig.json`).
 */
export function runScript(
  file: string,
  env: Record<string, string>,
  tsconfig = fileURLToPath(new URL("./fixtures/tsconfig.json", import.meta.url)),
): Promise<ChildResult> {
  const child = spawn(process.execPath, ["--import", "tsx", file], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    env: { PATH: process.env.PATH ?? "", TSX_TSCONFIG_PATH: tsconfig, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let stdout = ""
  let stderr = ""
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  return new Promise((resolve, reject) => {
    child.on("error", reject)
    child.on("close", (code) => resolve({ code, stdout, stderr }))
  })
}
