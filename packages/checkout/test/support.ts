/// <reference types="node" />

import { type Sandbox, type SandboxOptions, startSandbox } from "@lomi/sandbox"
import { afterAll, beforeAll, beforeEach } from "vitest"
import { Lomi, type LomiOptions } from "../src/index.js"

/** The reference example bodies of the lomi. API document, verbatim. */
export const reference = {
  createCheckoutSession: {
    amount: 15000,
    currency_code: "XOF",
    product_id: "prod_1234567890abcdef",
    success_url: "https://example.com/success",
    cancel_url: "https://example.com/cancel",
    customer_email: "customer@example.com",
  },
  createPaymentLink: {
    title: "Premium Membership",
    amount: 50000,
    currency_code: "XOF",
    description: "Annual premium membership",
    product_id: "prod_1234567890abcdef",
  },
  updateCheckoutSession: {
    metadata: { updated_at: "2025-11-21T12:46:27.078Z", updated_reason: "Administrative update" },
  },
  updatePaymentLink: {
    metadata: { updated_at: "2025-11-21T12:46:27.079Z", updated_reason: "Administrative update" },
  },
} as const

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
