// One pagination run in a fresh process: every checkout session, 100 per page, by one of four loops.
// Prints the time, the item count and the peak RSS growth over the RSS after a warm-up page, which each loop
// fetches through its own path (the Effect loop on its runtime, built once as an Effect app would).
import { Lomi } from "@lomi/checkout"
import * as Effect from "effect/Effect"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Stream from "effect/Stream"
import { loadEffectApi } from "./effect-api.js"

const [variant, url, apiKey] = process.argv.slice(2) as [string, string, string]
const lomi = new Lomi({ apiKey, baseUrl: url })
const { Checkout, CheckoutSessions } = await loadEffectApi()
const runtime = ManagedRuntime.make(Checkout.layer({ apiKey, baseUrl: url }))
const LIMIT = 100
let peak = 0
const sample = () => {
  const rss = process.memoryUsage.rss()
  if (rss > peak) peak = rss
}

const loops: Record<string, () => Promise<number>> = {
  auto: async () => {
    let n = 0
    for await (const s of lomi.checkoutSessions.list({ limit: LIMIT })) {
      if (s.checkout_session_id !== undefined) n++
      if (n % LIMIT === 0) sample()
    }
    return n
  },
  hand: async () => {
    let n = 0
    let offset = 0
    while (true) {
      const page = await lomi.checkoutSessions.list({ limit: LIMIT, offset })
      for (const s of page.data) if (s.checkout_session_id !== undefined) n++
      sample()
      offset += page.data.length
      // The v1 routes (this benchmark's) count the list; today's send no total.
      if (page.data.length < LIMIT || offset >= (page.pagination.total ?? Number.POSITIVE_INFINITY)) return n
    }
  },
  raw: async () => {
    let n = 0
    let offset = 0
    while (true) {
      const res = await fetch(`${url}/checkout_sessions?limit=${LIMIT}&offset=${offset}`, {
        headers: { accept: "application/json", "x-api-key": apiKey },
      })
      const page = JSON.parse(await res.text()) as {
        data: Array<{ checkout_session_id?: string }>
        pagination: { total: number }
      }
      for (const s of page.data) if (s.checkout_session_id !== undefined) n++
      sample()
      offset += page.data.length
      if (page.data.length < LIMIT || offset >= page.pagination.total) return n
    }
  },
  stream: () =>
    runtime.runPromise(
      Effect.flatMap(Effect.service(CheckoutSessions), (sessions) =>
        sessions.stream({ limit: LIMIT }).pipe(
          Stream.runFold(
            () => 0,
            (n, s) => {
              if (s.checkout_session_id === undefined) return n
              if ((n + 1) % LIMIT === 0) sample()
              return n + 1
            },
          ),
        ),
      ),
    ),
}

// Warm-up: one full page through the loop's own path (its client, transport and decoding), then the baseline.
const warmUps: Record<string, () => Promise<unknown>> = {
  auto: () => lomi.checkoutSessions.list({ limit: LIMIT }),
  hand: () => lomi.checkoutSessions.list({ limit: LIMIT }),
  raw: () =>
    fetch(`${url}/checkout_sessions?limit=${LIMIT}`, {
      headers: { accept: "application/json", "x-api-key": apiKey },
    }).then((r) => r.text()),
  stream: () =>
    runtime.runPromise(Effect.flatMap(Effect.service(CheckoutSessions), (s) => s.list({ limit: LIMIT }))),
}
await warmUps[variant]!()
const baseline = process.memoryUsage.rss()
peak = baseline
const started = performance.now()
const items = await loops[variant]!()
const ms = performance.now() - started
sample()
const maxRss = process.resourceUsage().maxRSS * 1024
process.stdout.write(
  `${JSON.stringify({ ms, items, rssGrowthMB: (Math.max(peak, maxRss) - baseline) / 1024 / 1024 })}\n`,
)
await runtime.dispose()
