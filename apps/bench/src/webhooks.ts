// 7. Webhooks: the cost of receiving one event, measured on a realistic PAYMENT_SUCCEEDED delivery (a
// full transaction, ~1 KB): `lomi.webhooks.unwrap` (verify + decode) and the Effect `Webhooks` service,
// against hand-written receivers that only verify and JSON.parse (node:crypto, and Web Crypto as the SDK
// uses it). Events are received one after another, as a server handles one delivery; variants alternate.
import { createHmac, timingSafeEqual } from "node:crypto"
import { Lomi } from "@lomi/checkout"
import * as Effect from "effect/Effect"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { loadEffectApi } from "./effect-api.js"
import { median, rotate, round } from "./stats.js"

export const WEBHOOK_VARIANTS = ["node-crypto", "web-crypto", "promise", "effect"] as const
export type WebhookVariant = (typeof WEBHOOK_VARIANTS)[number]

/** One variant's medians over the rounds. */
export interface WebhookResult {
  readonly variant: WebhookVariant
  /** Wall time per event, in microseconds (events received one after another). */
  readonly microsPerEvent: number
  /** CPU time (user + system) of the process per event, in microseconds. */
  readonly cpuMicrosPerEvent: number
  /** Time relative to the node:crypto receiver (its time / this time), median of per-round ratios. */
  readonly ratioToNodeCrypto: number
}

const SECRET = "whsec_bench_8f14e45fceea167a5a36dedd4bea2543"

const body = JSON.stringify({
  id: "1f0e2d3c-4b5a-4697-8877-66554433aa10",
  event: "PAYMENT_SUCCEEDED",
  timestamp: "2026-05-01T12:00:00.000Z",
  data: {
    transaction_id: "2b9f1c7e-3a4d-4e5f-8a9b-0c1d2e3f4a5b",
    checkout_session_id: "6f1c1f3e-1f0b-4c55-9d1e-3f1e2a9b7c10",
    organization_id: "789e0123-e89b-12d3-a456-426614174000",
    customer_id: "456e7890-e89b-12d3-a456-426614174000",
    product_id: null,
    subscription_id: null,
    transaction_type: "payment",
    status: "completed",
    description: "Order ord-2026-0042",
    quantity: 1,
    metadata: { order_id: "ord-2026-0042", channel: "web" },
    amount: 15000,
    gross_amount: 15000,
    fee_amount: 300,
    net_amount: 14700,
    currency_code: "XOF",
    provider_code: "WAVE",
    payment_method_code: "MOBILE_MONEY",
    is_pos: false,
    environment: "live",
    created_at: "2026-05-01T11:59:58.000Z",
    updated_at: "2026-05-01T12:00:00.000Z",
  },
  lomi_environment: "live",
})
const raw = Buffer.from(body)
const signature = createHmac("sha256", SECRET).update(body).digest("hex")
// What Node's http server hands a handler.
const headers = {
  host: "shop.example.com",
  "content-type": "application/json",
  "x-lomi-signature": signature,
}

type Receive = () => Promise<unknown>

const measure = async (receive: Receive, events: number) => {
  const cpu = process.cpuUsage()
  const started = performance.now()
  for (let i = 0; i < events; i++) await receive()
  const elapsed = performance.now() - started
  const used = process.cpuUsage(cpu)
  return { micros: (elapsed * 1000) / events, cpuMicros: (used.user + used.system) / events }
}

export const runWebhooks = async (options: {
  readonly events: number
  readonly rounds: number
  readonly log: (line: string) => void
}): Promise<Array<WebhookResult>> => {
  const lomi = new Lomi({ apiKey: "lomi_sk_test_bench", webhookSecret: SECRET })
  const { Webhooks } = await loadEffectApi()
  const runtime = ManagedRuntime.make(Webhooks.layer({ secret: SECRET }))
  const service = await runtime.runPromise(Effect.service(Webhooks))
  const expected = Buffer.from(signature, "hex")
  const key = await crypto.subtle.importKey(
    "raw",
    Buffer.from(SECRET),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  )
  const receivers: Record<WebhookVariant, Receive> = {
    "node-crypto": async () => {
      const mac = createHmac("sha256", SECRET).update(raw).digest()
      if (!timingSafeEqual(mac, expected)) throw new Error("mismatch")
      return JSON.parse(raw.toString("utf8"))
    },
    "web-crypto": async () => {
      if (!(await crypto.subtle.verify("HMAC", key, Buffer.from(headers["x-lomi-signature"], "hex"), raw)))
        throw new Error("mismatch")
      return JSON.parse(raw.toString("utf8"))
    },
    promise: () => lomi.webhooks.unwrap(raw, headers),
    effect: () => runtime.runPromise(service.unwrap(raw, headers)),
  }
  const runs = Object.fromEntries(
    WEBHOOK_VARIANTS.map((v) => [v, [] as Array<{ micros: number; cpuMicros: number }>]),
  )
  try {
    // Warm-up: JIT, the SDK's key cache and schema compilation.
    for (const variant of WEBHOOK_VARIANTS) await measure(receivers[variant], Math.min(1000, options.events))
    for (let r = 0; r < options.rounds; r++) {
      for (const variant of rotate(WEBHOOK_VARIANTS, r))
        runs[variant]!.push(await measure(receivers[variant], options.events))
      options.log(
        `  webhooks round ${r + 1}/${options.rounds}: ${WEBHOOK_VARIANTS.map((v) => `${v} ${round(runs[v]!.at(-1)!.micros, 1)} µs`).join(", ")}`,
      )
    }
  } finally {
    await runtime.dispose()
  }
  const base = runs["node-crypto"]!
  return WEBHOOK_VARIANTS.map((variant) => {
    const own = runs[variant]!
    return {
      variant,
      microsPerEvent: round(median(own.map((x) => x.micros)), 1),
      cpuMicrosPerEvent: round(median(own.map((x) => x.cpuMicros)), 1),
      ratioToNodeCrypto: round(median(own.map((x, i) => base[i]!.micros / x.micros)), 3),
    }
  })
}
