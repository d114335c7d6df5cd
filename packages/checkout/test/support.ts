/// <reference types="node" />

import { REFERENCE_EXAMPLES, type Sandbox, type SandboxOptions, startSandbox } from "@lomi/sandbox"
import { afterAll, beforeAll, beforeEach } from "vitest"
import { Lomi, type LomiOptions } from "../src/index.js"

/** The reference example bodies of the lomi. API document, verbatim. */
export const reference = REFERENCE_EXAMPLES

/**
 * A sandbox on 127.0.0.1 for the whole file, emptied before each test, and a client for it. Retries use
 * short waits: the sandbox's Retry-After is 0 unless a test says otherwise.
 */
export function useSandbox(options: SandboxOptions = {}) {
  const ctx = {} as { sandbox: Sandbox; lomi: Lomi; client: (extra?: LomiOptions) => Lomi }
  beforeAll(async () => {
    ctx.sandbox = await startSandbox(options)
    ctx.client = (extra = {}) => new Lomi({ apiKey: ctx.sandbox.apiKey, baseUrl: ctx.sandbox.url, ...extra })
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
