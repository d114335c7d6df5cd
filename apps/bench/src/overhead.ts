// 1. Overhead: the same requests through raw fetch + JSON.parse, raw node:http + JSON.parse, the Promise
// client (on its default transport, and made to use fetch) and the Effect API, 32 in flight, against a
// sandbox in a child process; and, for context, stripe-node and openai-node doing their own `retrieve` and
// `create` against a stub of their APIs in another child process. Variants alternate within each round.
import { randomUUID } from "node:crypto"
import * as http from "node:http"
import { Lomi } from "@lomi/checkout"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as ManagedRuntime from "effect/ManagedRuntime"
import OpenAI from "openai"
import Stripe from "stripe"
import { OPENAI_KEY, STRIPE_KEY } from "./anchor-stub.js"
import { loadEffectApi } from "./effect-api.js"
import { startRemoteAnchorStub, startRemoteSandbox } from "./sandbox.js"
import { median, percentile, rotate, round } from "./stats.js"

export const IN_FLIGHT = 32

/** One variant's medians over the rounds. */
export interface OverheadResult {
  readonly operation: "retrieve" | "create"
  readonly variant: Variant
  readonly requestsPerSecond: number
  /** CPU time (user + system) of the client process per request, in microseconds. */
  readonly cpuMicros: number
  readonly p50Ms: number
  readonly p99Ms: number
  /** Throughput relative to raw fetch, the median of the per-round ratios. */
  readonly ratio: number
  /** Throughput relative to raw node:http, the median of the per-round ratios. */
  readonly ratioToHttp: number
  /** CPU per request relative to raw node:http (this / http, lower is better), median of per-round ratios. */
  readonly cpuRatioToHttp: number
  readonly rounds: ReadonlyArray<Measured>
}

export const VARIANTS = ["raw", "http", "promise", "promise-fetch", "effect", "stripe", "openai"] as const
export type Variant = (typeof VARIANTS)[number]

interface Measured {
  readonly requestsPerSecond: number
  readonly cpuMicros: number
  readonly p50Ms: number
  readonly p99Ms: number
}

type Call = () => Promise<unknown>

/** stripe-node's `create`: a one-item hosted checkout session, as its docs show. */
const STRIPE_CREATE_PARAMS = {
  mode: "payment",
  success_url: "https://example.com/ok",
  line_items: [
    { quantity: 1, price_data: { currency: "xof", unit_amount: 15000, product_data: { name: "Bench" } } },
  ],
} satisfies Stripe.Checkout.SessionCreateParams

/** openai-node's `create`: one chat completion. */
const OPENAI_CREATE_PARAMS = {
  model: "gpt-4o-mini",
  messages: [{ role: "user", content: "Hello" }],
} satisfies OpenAI.Chat.ChatCompletionCreateParamsNonStreaming

const CREATE_PARAMS = {
  amount: 15000,
  currency_code: "XOF",
  title: "Bench",
  success_url: "https://example.com/ok",
}

/** Runs `count` calls with `IN_FLIGHT` of them in flight; returns throughput and latencies. */
const load = async (call: Call, count: number): Promise<Measured> => {
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
  const cpu = process.cpuUsage()
  const started = performance.now()
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  const elapsed = performance.now() - started
  const used = process.cpuUsage(cpu)
  const sorted = Array.from(latencies).sort((a, b) => a - b)
  return {
    requestsPerSecond: (count / elapsed) * 1000,
    cpuMicros: (used.user + used.system) / count,
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
  const stub = await startRemoteAnchorStub()
  const id = sandbox.sessionId!
  const { url, apiKey } = sandbox
  const lomi = new Lomi({ apiKey, baseUrl: url })
  // Passing `fetch` makes the client use it instead of node:http: the SDK's own cost over the same transport.
  const lomiOverFetch = new Lomi({ apiKey, baseUrl: url, fetch: globalThis.fetch })
  const { Checkout, CheckoutSessions } = await loadEffectApi()
  const runtime = ManagedRuntime.make(Checkout.layer({ apiKey, baseUrl: url }))
  const sessions = await runtime.runPromise(Effect.service(CheckoutSessions))
  const stubUrl = new URL(stub.url)
  // Each anchor as its README sets it up, pointed at the stub; everything else is left at its default.
  const stripe = new Stripe(STRIPE_KEY, { host: stubUrl.hostname, port: stubUrl.port, protocol: "http" })
  const openai = new OpenAI({ apiKey: OPENAI_KEY, baseURL: `${stub.url}/v1` })
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
  // What a careful hand-written Node client does: the global keep-alive agent, the whole body, JSON.parse.
  const send = (path: string, method: string, headers: Record<string, string>, body?: string) =>
    new Promise<unknown>((resolve, reject) => {
      const request = http.request(`${url}${path}`, { method, headers }, (res) => {
        const chunks: Array<Buffer> = []
        res.on("data", (chunk: Buffer) => chunks.push(chunk))
        res.on("error", reject)
        res.on("end", () => {
          const status = res.statusCode ?? 0
          if (status < 200 || status > 299) return reject(new Error(`status ${status}`))
          resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")))
        })
      })
      request.on("error", reject)
      request.end(body)
    })
  const rawHttp = {
    retrieve: () => send(`/checkout_sessions/${id}`, "GET", rawHeaders),
    create: () => {
      const body = JSON.stringify(CREATE_PARAMS)
      return send(
        "/checkout_sessions",
        "POST",
        {
          ...rawHeaders,
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          "idempotency-key": randomUUID(),
        },
        body,
      )
    },
  }
  const variants: Record<Variant, Record<"retrieve" | "create", Call>> = {
    raw,
    http: rawHttp,
    promise: {
      retrieve: () => lomi.checkoutSessions.retrieve(id),
      create: () => lomi.checkoutSessions.create(CREATE_PARAMS as never),
    },
    "promise-fetch": {
      retrieve: () => lomiOverFetch.checkoutSessions.retrieve(id),
      create: () => lomiOverFetch.checkoutSessions.create(CREATE_PARAMS as never),
    },
    effect: {
      retrieve: () => runEffect(sessions.retrieve(id)),
      create: () => runEffect(sessions.create(CREATE_PARAMS as never)),
    },
    stripe: {
      retrieve: () => stripe.checkout.sessions.retrieve("cs_test_bench"),
      create: () => stripe.checkout.sessions.create(STRIPE_CREATE_PARAMS),
    },
    openai: {
      retrieve: () => openai.models.retrieve("gpt-4o-mini"),
      create: () => openai.chat.completions.create(OPENAI_CREATE_PARAMS),
    },
  }
  const names = VARIANTS

  const results: Array<OverheadResult> = []
  try {
    for (const operation of ["retrieve", "create"] as const) {
      // Warm-up: JIT, connection pools, the sandbox's own caches.
      for (const name of names) await load(variants[name][operation], Math.min(1000, options.requests))
      const rounds = Object.fromEntries(names.map((n) => [n, [] as Array<Measured>])) as Record<
        Variant,
        Array<Measured>
      >
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
        const own = rounds[name]
        const ratioTo = (base: Variant) =>
          round(median(own.map((x, i) => x.requestsPerSecond / rounds[base][i]!.requestsPerSecond)), 3)
        const httpRounds = rounds.http
        results.push({
          operation,
          variant: name,
          requestsPerSecond: Math.round(median(own.map((x) => x.requestsPerSecond))),
          cpuMicros: Math.round(median(own.map((x) => x.cpuMicros))),
          p50Ms: round(median(own.map((x) => x.p50Ms))),
          p99Ms: round(median(own.map((x) => x.p99Ms))),
          ratio: ratioTo("raw"),
          ratioToHttp: ratioTo("http"),
          cpuRatioToHttp: round(median(own.map((x, i) => x.cpuMicros / httpRounds[i]!.cpuMicros)), 3),
          rounds: own.map((x) => ({
            requestsPerSecond: Math.round(x.requestsPerSecond),
            cpuMicros: Math.round(x.cpuMicros),
            p50Ms: round(x.p50Ms),
            p99Ms: round(x.p99Ms),
          })),
        })
      }
    }
  } finally {
    await runtime.dispose()
    await Promise.all([sandbox.close(), stub.close()])
  }
  return results
}
