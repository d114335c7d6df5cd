// 1. Overhead: the same requests through raw fetch + JSON.parse, the Promise client and the Effect API,
// 32 in flight, against a sandbox in a child process. Variants alternate within each round.
import { randomUUID } from "node:crypto"
import { Checkout, CheckoutSessions, Lomi } from "@lomi/checkout"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { startRemoteSandbox } from "./sandbox.js"
import { median, percentile, rotate, round } from "./stats.js"

export const IN_FLIGHT = 32

/** One variant's medians over the rounds. */
export interface OverheadResult {
  readonly operation: "retrieve" | "create"
  readonly variant: "raw" | "promise" | "effect"
  readonly requestsPerSecond: number
  readonly p50Ms: number
  readonly p99Ms: number
  /** Throughput relative to raw fetch, the median of the per-round ratios. */
  readonly ratio: number
  readonly rounds: ReadonlyArray<{
    readonly requestsPerSecond: number
    readonly p50Ms: number
    readonly p99Ms: number
  }>
}

type Call = () => Promise<unknown>

const CREATE_PARAMS = {
  amount: 15000,
  currency_code: "XOF",
  title: "Bench",
  success_url: "https://example.com/ok",
}

/** Runs `count` calls with `IN_FLIGHT` of them in flight; returns throughput and latencies. */
const load = async (call: Call, count: number) => {
  const latencies = new Float64Array(count)
  let next = 0
  const worker = async () => {
    while (next < count) {
      const i = next++
      const t0 = performance.now()
      await call()
      latencies[i] = performance.now() - t0
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  const elapsed = performance.now() - started
  const sorted = Array.from(latencies).sort((a, b) => a - b)
  return {
    requestsPerSecond: (count / elapsed) * 1000,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  }
}

export const runOverhead = async (options: {
  readonly requests: number
  readonly rounds: number
  readonly log: (line: string) => void
}): Promise<Array<OverheadResult>> => {
  const sandbox = await startRemoteSandbox(1)
  const id = sandbox.sessionId!
  const { url, apiKey } = sandbox
  const lomi = new Lomi({ apiKey, baseUrl: url })
  const runtime = ManagedRuntime.make(
    Checkout.layer({ apiKey, baseUrl: url }) as Layer.Layer<CheckoutSessions, never>,
  )
  const sessions = await runtime.runPromise(Effect.service(CheckoutSessions))
  const runEffect = <A, E>(effect: Effect.Effect<A, E>): Promise<A> =>
    runtime.runPromiseExit(effect).then((exit) => {
      if (Exit.isSuccess(exit)) return exit.value
      throw new Error(String(exit.cause))
    })

  const rawHeaders = { accept: "application/json", "x-api-key": apiKey }
  const raw = {
    retrieve: async () => {
      const res = await fetch(`${url}/checkout_sessions/${id}`, { headers: rawHeaders })
      const text = await res.text()
      if (res.status !== 200) throw new Error(`status ${res.status}`)
      return JSON.parse(text)
    },
    create: async () => {
      const res = await fetch(`${url}/checkout_sessions`, {
        method: "POST",
        headers: { ...rawHeaders, "content-type": "application/json", "idempotency-key": randomUUID() },
        body: JSON.stringify(CREATE_PARAMS),
      })
      const text = await res.text()
      if (res.status !== 201 && res.status !== 200) throw new Error(`status ${res.status}`)
      return JSON.parse(text)
    },
  }
  const variants: Record<"raw" | "promise" | "effect", Record<"retrieve" | "create", Call>> = {
    raw,
    promise: {
      retrieve: () => lomi.checkoutSessions.retrieve(id),
      create: () => lomi.checkoutSessions.create(CREATE_PARAMS as never),
    },
    effect: {
      retrieve: () => runEffect(sessions.retrieve(id)),
      create: () => runEffect(sessions.create(CREATE_PARAMS as never)),
    },
  }
  const names = ["raw", "promise", "effect"] as const

  const results: Array<OverheadResult> = []
  try {
    for (const operation of ["retrieve", "create"] as const) {
      // Warm-up: JIT, connection pools, the sandbox's own caches.
      for (const name of names) await load(variants[name][operation], Math.min(1000, options.requests))
      const rounds: Record<string, Array<{ requestsPerSecond: number; p50Ms: number; p99Ms: number }>> = {
        raw: [],
        promise: [],
        effect: [],
      }
      for (let r = 0; r < options.rounds; r++) {
        for (const name of rotate(names, r)) {
          rounds[name]!.push(await load(variants[name][operation], options.requests))
        }
        options.log(
          `  ${operation} round ${r + 1}/${options.rounds}: ${names
            .map((n) => `${n} ${Math.round(rounds[n]!.at(-1)!.requestsPerSecond)} req/s`)
            .join(", ")}`,
        )
      }
      for (const name of names) {
        const own = rounds[name]!
        const ratios = own.map((x, i) => x.requestsPerSecond / rounds.raw![i]!.requestsPerSecond)
        results.push({
          operation,
          variant: name,
          requestsPerSecond: Math.round(median(own.map((x) => x.requestsPerSecond))),
          p50Ms: round(median(own.map((x) => x.p50Ms))),
          p99Ms: round(median(own.map((x) => x.p99Ms))),
          ratio: round(median(ratios), 3),
          rounds: own.map((x) => ({
            requestsPerSecond: Math.round(x.requestsPerSecond),
            p50Ms: round(x.p50Ms),
            p99Ms: round(x.p99Ms),
          })),
        })
      }
    }
  } finally {
    await runtime.dispose()
    await sandbox.close()
  }
  return results
}
