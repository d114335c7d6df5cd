// A local stand-in for the two APIs our anchors talk to, answering each request shape the benchmark sends
// with a realistic body: stripe-node's `POST /v1/checkout/sessions` (form-encoded) and
// `GET /v1/checkout/sessions/{id}`, openai-node's `POST /v1/chat/completions` and `GET /v1/models/{id}`.
// A request of another shape, or without its key, gets that API's error body, so an anchor that sent
// something else fails loudly instead of being measured on a shortcut.
import { randomBytes } from "node:crypto"
import * as http from "node:http"
import type { AddressInfo } from "node:net"

/** The keys the stub accepts (each anchor refuses keys of the wrong form before sending). */
export const STRIPE_KEY = "sk_test_bench0000000000000000000000"
export const OPENAI_KEY = "sk-bench-000000000000000000000000"

const now = () => Math.floor(Date.now() / 1000)
const token = (n: number) => randomBytes(n).toString("hex")

const stripeSession = (id: string, form: URLSearchParams | undefined) => {
  const amount = Number(form?.get("line_items[0][price_data][unit_amount]") ?? 15000)
  const quantity = Number(form?.get("line_items[0][quantity]") ?? 1)
  return {
    id,
    object: "checkout.session",
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: null,
    amount_subtotal: amount * quantity,
    amount_total: amount * quantity,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: form?.get("cancel_url") ?? null,
    client_reference_id: null,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: now(),
    currency: form?.get("line_items[0][price_data][currency]") ?? "xof",
    currency_conversion: null,
    custom_fields: [],
    custom_text: {
      after_submit: null,
      shipping_address: null,
      submit: null,
      terms_of_service_acceptance: null,
    },
    customer: null,
    customer_creation: "if_required",
    customer_details: null,
    customer_email: null,
    discounts: [],
    expires_at: now() + 86_400,
    invoice: null,
    invoice_creation: { enabled: false, invoice_data: { account_tax_ids: null, custom_fields: null } },
    livemode: false,
    locale: null,
    metadata: {},
    mode: form?.get("mode") ?? "payment",
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: "if_required",
    payment_method_configuration_details: null,
    payment_method_options: { card: { request_three_d_secure: "automatic" } },
    payment_method_types: ["card"],
    payment_status: "unpaid",
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: null,
    subscription: null,
    success_url: form?.get("success_url") ?? "https://example.com/ok",
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted",
    url: `https://checkout.stripe.com/c/pay/${id}#${token(24)}`,
    wallet_options: null,
  }
}

const chatCompletion = (model: string) => ({
  id: `chatcmpl-${token(12)}`,
  object: "chat.completion",
  created: now(),
  model,
  choices: [
    {
      index: 0,
      message: {
        role: "assistant",
        content: "Hello! How can I help you today?",
        refusal: null,
        annotations: [],
      },
      logprobs: null,
      finish_reason: "stop",
    },
  ],
  usage: {
    prompt_tokens: 9,
    completion_tokens: 9,
    total_tokens: 18,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
  },
  service_tier: "default",
  system_fingerprint: "fp_bench",
})

type Reply = { readonly status: number; readonly body: unknown }

const stripeError = (status: number, message: string): Reply => ({
  status,
  body: { error: { type: "invalid_request_error", message } },
})
const openaiError = (status: number, message: string): Reply => ({
  status,
  body: { error: { message, type: "invalid_request_error", param: null, code: null } },
})

const answer = (req: http.IncomingMessage, body: string): Reply => {
  const url = new URL(req.url ?? "/", "http://stub")
  const auth = req.headers.authorization
  if (url.pathname.startsWith("/v1/checkout/sessions")) {
    if (auth !== `Bearer ${STRIPE_KEY}`) return stripeError(401, "Invalid API Key provided")
    const id = url.pathname.slice("/v1/checkout/sessions/".length)
    if (req.method === "GET" && id.startsWith("cs_"))
      return { status: 200, body: stripeSession(id, undefined) }
    if (req.method !== "POST" || url.pathname !== "/v1/checkout/sessions")
      return stripeError(404, `Unrecognized request URL (${req.method}: ${url.pathname})`)
    if (!req.headers["content-type"]?.startsWith("application/x-www-form-urlencoded"))
      return stripeError(400, "Expected a form-encoded body")
    const form = new URLSearchParams(body)
    if (!form.get("mode") || !form.get("success_url"))
      return stripeError(400, "Missing required param: mode or success_url")
    return { status: 200, body: stripeSession(`cs_test_${token(28)}`, form) }
  }
  if (url.pathname.startsWith("/v1/chat/completions") || url.pathname.startsWith("/v1/models/")) {
    if (auth !== `Bearer ${OPENAI_KEY}`) return openaiError(401, "Incorrect API key provided")
    if (req.method === "GET" && url.pathname.startsWith("/v1/models/"))
      return {
        status: 200,
        body: {
          id: decodeURIComponent(url.pathname.slice(11)),
          object: "model",
          created: 1_715_367_049,
          owned_by: "system",
        },
      }
    if (req.method !== "POST" || url.pathname !== "/v1/chat/completions")
      return openaiError(404, `Invalid URL (${req.method} ${url.pathname})`)
    let parsed: { model?: unknown; messages?: unknown }
    try {
      parsed = JSON.parse(body)
    } catch {
      return openaiError(400, "We could not parse the JSON body of your request")
    }
    if (typeof parsed.model !== "string" || !Array.isArray(parsed.messages))
      return openaiError(400, "model and messages are required")
    return { status: 200, body: chatCompletion(parsed.model) }
  }
  return { status: 404, body: { error: { message: `no route ${req.method} ${url.pathname}` } } }
}

/** A running stub: its base URL (`http://127.0.0.1:port`) and how to stop it. */
export interface AnchorStub {
  readonly url: string
  close(): Promise<void>
}

/** Starts the stub on a free port of 127.0.0.1. */
export const startAnchorStub = (): Promise<AnchorStub> =>
  new Promise((resolve, reject) => {
    const server = http.createServer((req, res) => {
      const chunks: Array<Buffer> = []
      req.on("data", (chunk: Buffer) => chunks.push(chunk))
      req.on("end", () => {
        const reply = answer(req, Buffer.concat(chunks).toString("utf8"))
        const payload = JSON.stringify(reply.body)
        res.writeHead(reply.status, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
          "request-id": `req_${token(8)}`,
          "x-request-id": `req_${token(8)}`,
        })
        res.end(payload)
      })
    })
    server.keepAliveTimeout = 60_000
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
