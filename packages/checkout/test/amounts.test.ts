/// <reference types="node" />
// Amounts are positive safe integers in the smallest unit of the currency, in the SDK's input schemas and
// in the sandbox's validation, two rules written independently and kept equal by a differential check.
import * as Schema from "effect/Schema"
import { describe, expect, it } from "vitest"
import {
  CheckoutSessionCreateParams,
  LomiValidationError,
  PaymentLinkCreateParams,
  PaymentLinkUpdateParams,
} from "../src/effect.js"
import { rejection, useSandbox } from "./support.js"

const ctx = useSandbox()
const HINT = "an integer in the smallest unit of the currency (e.g. 2500 for 25.00 EUR, 15000 for 15 000 XOF)"

describe("the SDK refuses a fractional amount before sending anything", () => {
  it.each([150.5, 0.5, 2 ** 53, 1e21, 0, -2500])("amount %d", async (amount) => {
    const error = await rejection(ctx.lomi.checkoutSessions.create({ amount, currency_code: "XOF" }))
    expect(error).toBeInstanceOf(LomiValidationError)
    expect((error as LomiValidationError).issues).toEqual([
      { path: ["body", "amount"], message: `Expected ${HINT}` },
    ])
    const link = await rejection(ctx.lomi.paymentLinks.create({ title: "T", amount, currency_code: "EUR" }))
    expect((link as LomiValidationError).issues[0]?.path).toEqual(["body", "amount"])
    expect(ctx.sandbox.requests()).toEqual([])
  })

  it("accepts whole amounts, up to the largest safe integer", async () => {
    const session = await ctx.lomi.checkoutSessions.create({
      amount: Number.MAX_SAFE_INTEGER,
      currency_code: "XOF",
    })
    expect(session.amount).toBe(Number.MAX_SAFE_INTEGER)
  })
})

describe("the SDK and the sandbox agree on every amount", () => {
  const AMOUNTS: ReadonlyArray<unknown> = [
    1,
    2500,
    15000,
    Number.MAX_SAFE_INTEGER,
    0,
    -1,
    -0.5,
    0.5,
    150.5,
    2500.0001,
    1e-7,
    2 ** 53,
    2 ** 53 + 2,
    1e21,
    "2500",
    null,
    true,
  ]

  const sdkAccepts = (schema: Schema.Codec<any, any>, body: object): boolean =>
    Schema.decodeUnknownExit(schema)(body)._tag === "Success"

  const sandboxAccepts = async (path: string, method: string, body: object): Promise<boolean> => {
    const response = await fetch(`${ctx.sandbox.url}${path}`, {
      method,
      headers: { "x-api-key": ctx.sandbox.apiKey, "content-type": "application/json" },
      body: JSON.stringify(body),
    })
    if (response.status !== 201 && response.status !== 200 && response.status !== 400)
      throw new Error(`unexpected ${response.status} for ${JSON.stringify(body)}`)
    return response.status !== 400
  }

  it.each(AMOUNTS.map((amount) => [JSON.stringify(amount), amount]))("amount %s", async (_label, amount) => {
    const session = { amount, currency_code: "XOF" }
    const link = { title: "Shoes", amount, currency_code: "EUR" }
    const sdk = [
      sdkAccepts(CheckoutSessionCreateParams, session),
      sdkAccepts(PaymentLinkCreateParams, link),
      sdkAccepts(PaymentLinkUpdateParams, { amount }),
    ]
    const existing = await ctx.lomi.paymentLinks.create({ title: "Shoes", amount: 100, currency_code: "EUR" })
    const sandbox = [
      await sandboxAccepts("/checkout_sessions", "POST", session),
      await sandboxAccepts("/payment_links", "POST", link),
      await sandboxAccepts(`/payment_links/${existing.link_id}`, "PATCH", { amount }),
    ]
    expect(sandbox).toEqual(sdk)
    const whole = typeof amount === "number" && Number.isSafeInteger(amount) && amount > 0
    expect(sdk).toEqual([whole, whole, whole])
  })
})
