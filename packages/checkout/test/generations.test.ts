/// <reference types="node" />
// The routes each client speaks. The default routes of the hosted environments are pinned here (a `fetch`
// of the test's own captures the URLs: no network), so changing them is a deliberate, reviewed change with
// a changeset. And the fields each generation takes, as the SDK's tables say, are checked against the
// sandbox's own validation of each generation, written independently.
import { Spec } from "@lomi/core"
import { describe, expect, it } from "vitest"
import {
  BaseUrls,
  checkoutSessionOperations,
  Lomi,
  type LomiOptions,
  LomiUnsupportedOperationError,
  paymentLinkOperations,
} from "../src/effect.js"
import { GENERATIONS, rejection, useSandbox } from "./support.js"

const LIVE_KEY = "lomi_sk_live_0123456789abcdef0123456789abcdef"
const TEST_KEY = "lomi_sk_test_0123456789abcdef0123456789abcdef"
const SESSION_ID = "6f1c1f3e-1f0b-4c55-9d1e-3f1e2a9b7c10"
const LINK_ID = "0b6c2d1e-5d7a-4f0e-9a51-2c9e8d7f6a43"
const created_at = "2026-03-01T12:00:00Z"
const session = {
  checkout_session_id: SESSION_ID,
  status: "open",
  amount: 100,
  currency_code: "XOF",
  created_at,
}
const link = { link_id: LINK_ID, created_at }

/** A client whose `fetch` records each request and answers it as either generation would. */
const capturing = (options: LomiOptions) => {
  const sent: Array<string> = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = String(input)
    const method = init?.method ?? "GET"
    sent.push(`${method} ${url}`)
    const path = new URL(url).pathname
    const isLink = path.includes("payment")
    const isList = method === "GET" && /(sessions|links)$/.test(path)
    const body = !isList
      ? isLink
        ? link
        : session
      : path.startsWith("/v1/")
        ? { data: [], pagination: { limit: 20, offset: 0, total: 0 } }
        : isLink
          ? { data: [], total: 0, limit: 20, offset: 0 }
          : []
    return new Response(JSON.stringify(body), {
      status: method === "POST" ? 201 : 200,
      headers: { "content-type": "application/json" },
    })
  }
  return { lomi: new Lomi({ ...options, fetch, logLevel: "off" }), sent }
}

const everyCall = async (lomi: Lomi) => {
  await lomi.checkoutSessions.create({ amount: 100, currency_code: "XOF" })
  await lomi.checkoutSessions.list()
  await lomi.checkoutSessions.retrieve(SESSION_ID)
  await lomi.paymentLinks.create(
    lomi.apiGeneration === "v1"
      ? { title: "T", amount: 100, currency_code: "XOF" }
      : { link_type: "instant", title: "T", amount: 100, currency_code: "XOF" },
  )
  await lomi.paymentLinks.list()
  await lomi.paymentLinks.retrieve(LINK_ID)
  const refused = []
  if (lomi.apiGeneration === "2025-12") {
    refused.push(await rejection(lomi.checkoutSessions.update(SESSION_ID, { title: "x" })))
    refused.push(await rejection(lomi.checkoutSessions.delete(SESSION_ID)))
    refused.push(await rejection(lomi.paymentLinks.update(LINK_ID, { title: "x" })))
    refused.push(await rejection(lomi.paymentLinks.delete(LINK_ID)))
  } else {
    await lomi.checkoutSessions.update(SESSION_ID, { title: "x" })
    await lomi.paymentLinks.update(LINK_ID, { title: "x" })
  }
  return refused
}

describe("the default routes (pinned: changing them needs a changeset)", () => {
  it("the hosted environments' hosts, without /v1", () => {
    expect(BaseUrls).toEqual({ live: "https://api.lomi.africa", sandbox: "https://sandbox.api.lomi.africa" })
  })

  it.each([
    ["live (a live key)", { apiKey: LIVE_KEY }, "https://api.lomi.africa"],
    ["sandbox (a test key)", { apiKey: TEST_KEY }, "https://sandbox.api.lomi.africa"],
    ["sandbox (named)", { apiKey: TEST_KEY, environment: "sandbox" }, "https://sandbox.api.lomi.africa"],
  ] as const)(
    "%s speaks today's routes: create, list and retrieve, nothing else",
    async (_label, options, host) => {
      const { lomi, sent } = capturing(options)
      expect(lomi.apiGeneration).toBe("2025-12")
      const refused = await everyCall(lomi)
      expect(sent).toEqual([
        `POST ${host}/checkout-sessions`,
        `GET ${host}/checkout-sessions`,
        `GET ${host}/checkout-sessions/${SESSION_ID}`,
        `POST ${host}/payment-links`,
        `GET ${host}/payment-links`,
        `GET ${host}/payment-links/${LINK_ID}`,
      ])
      expect(refused.map((e) => e instanceof LomiUnsupportedOperationError && e.operation)).toEqual([
        "update_checkout_session",
        "delete_checkout_session",
        "update_payment_link",
        "delete_payment_link",
      ])
    },
  )

  it.each([
    ["live", { apiKey: LIVE_KEY, apiGeneration: "v1" }, "https://api.lomi.africa/v1"],
    ["sandbox", { apiKey: TEST_KEY, apiGeneration: "v1" }, "https://sandbox.api.lomi.africa/v1"],
  ] as const)(
    "%s with apiGeneration v1 speaks the document's routes under /v1",
    async (_label, options, base) => {
      const { lomi, sent } = capturing(options)
      expect(await everyCall(lomi)).toEqual([])
      expect(sent).toEqual([
        `POST ${base}/checkout_sessions`,
        `GET ${base}/checkout_sessions`,
        `GET ${base}/checkout_sessions/${SESSION_ID}`,
        `POST ${base}/payment_links`,
        `GET ${base}/payment_links`,
        `GET ${base}/payment_links/${LINK_ID}`,
        `PATCH ${base}/checkout_sessions/${SESSION_ID}`,
        `PATCH ${base}/payment_links/${LINK_ID}`,
      ])
    },
  )
})

const ctx = useSandbox()

// One valid value per field of either generation's create body; the SDK and the sandbox must agree, per
// generation, on which of them each takes.
const SESSION_FIELDS: Readonly<Record<string, unknown>> = {
  title: "Order 42",
  public_description: "Two items",
  description: "Two items",
  success_url: "https://shop.example.com/paid",
  cancel_url: "https://shop.example.com/cancelled",
  customer_email: "ana@example.com",
  customer_name: "Ana",
  customer_phone: "+221771234567",
  customer_id: "cus_1",
  product_id: "prod_1",
  price_id: "price_1",
  payment_link_id: "pl_1",
  payment_request_id: "pr_1",
  subscription_id: "sub_1",
  installment_plan_id: "ip_1",
  quantity: 2,
  allow_quantity: true,
  allow_coupon_code: true,
  allowed_providers: "WAVE",
  expires_at: "2099-01-01T00:00:00Z",
  metadata: { order: "42" },
  is_pos: false,
  is_spi: false,
  spi_account_number: "SN0001",
  spi_qr_code_id: "qr_1",
  qr_code_type: "static",
  qr_code_data: { a: 1 },
  status: "open",
  checkout_session_id: "3f8e1b52-8c4d-4d7e-9a0b-5e6f7a8b9c0d",
  require_billing_address: true,
  customer_city: "Dakar",
  customer_country: "Senegal",
  customer_address: "12 rue Carnot",
  customer_postal_code: "10200",
  colour: "red",
}

const LINK_FIELDS: Readonly<Record<string, unknown>> = {
  description: "A year of premium",
  public_description: "A year of premium",
  private_description: "internal",
  product_id: "prod_1",
  price_id: "price_1",
  quantity: 2,
  allow_quantity: true,
  allow_coupon_code: true,
  allowed_providers: "WAVE",
  success_url: "https://shop.example.com/paid",
  cancel_url: "https://shop.example.com/cancelled",
  expires_at: "2099-01-01T00:00:00Z",
  is_active: false,
  metadata: { campaign: "summer" },
  link_id: "9d2c3b4a-1e0f-4a5b-8c7d-6e5f4a3b2c1d",
  url: "https://pay.example.com/premium",
  require_billing_address: false,
  colour: "red",
}

describe.each(GENERATIONS)("the SDK and the sandbox agree on the create fields %s takes", (generation) => {
  const accepts = (spec: Spec.Spec<unknown> | undefined, body: object) => Spec.parse(spec!, body).ok
  const sandboxAccepts = async (path: string, body: object): Promise<boolean> => {
    const response = await fetch(`${ctx.baseUrlOf(generation)}${path}`, {
      method: "POST",
      headers: { "x-api-key": ctx.sandbox.apiKey, "content-type": "application/json" },
      body: JSON.stringify(body),
    })
    if (response.status !== 201 && response.status !== 400)
      throw new Error(`unexpected ${response.status} for ${JSON.stringify(body)}`)
    return response.status === 201
  }

  it.each(Object.keys(SESSION_FIELDS))("checkout session: %s", async (field) => {
    const route = checkoutSessionOperations.create.routes[generation]!
    const body = { amount: 100, currency_code: "XOF", [field]: SESSION_FIELDS[field] }
    expect(await sandboxAccepts(route.path, body)).toBe(accepts(route.body, body))
  })

  it.each(Object.keys(LINK_FIELDS))("payment link: %s", async (field) => {
    const route = paymentLinkOperations.create.routes[generation]!
    const base =
      generation === "v1"
        ? { title: "Premium", amount: 100, currency_code: "XOF" }
        : { link_type: "instant", title: "Premium", amount: 100, currency_code: "XOF" }
    const body = { ...base, [field]: LINK_FIELDS[field] }
    expect(await sandboxAccepts(route.path, body)).toBe(accepts(route.body, body))
  })
})
