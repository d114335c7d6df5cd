import { describe, expect, it } from "vitest"
import { api, EXAMPLES, read, start } from "./helpers.js"

/** The text of the element carrying `data-testid="<id>"`, entities left as sent. */
const testId = (page: string, id: string): string | undefined =>
  new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`).exec(page)?.[1]

describe("hosted pages show amounts in major units", () => {
  it.each([
    [2500, "EUR", "25.00 EUR"],
    [1, "EUR", "0.01 EUR"],
    [123_450, "USD", "1 234.50 USD"],
    [99, "USD", "0.99 USD"],
    [15_000, "XOF", "15 000 XOF"],
    [7, "XOF", "7 XOF"],
    [999, "XOF", "999 XOF"],
    [1_000, "XOF", "1 000 XOF"],
    [123_456_789_012, "XOF", "123 456 789 012 XOF"],
    [9_007_199_254_740_991, "USD", "90 071 992 547 409.91 USD"],
  ])("checkout page: amount %d %s reads %s", async (amount, currency_code, shown) => {
    const sandbox = await start()
    const session = await read(await api(sandbox, "POST", "/checkout_sessions", { amount, currency_code }))
    const page = await (await fetch(session.url)).text()
    expect(testId(page, "amount")).toBe(shown)
  })

  it("payment link page formats its amount the same way", async () => {
    const sandbox = await start()
    const link = await read(await api(sandbox, "POST", "/payment_links", EXAMPLES.createLink))
    expect(link).toMatchObject({ amount: 50000, currency_code: "XOF" })
    const page = await (await fetch(link.url)).text()
    expect(testId(page, "amount")).toBe("50 000 XOF")
    expect(page).toContain('data-testid="continue"')
  })

  it("a non-integer amount never reaches a page: both generations refuse it", async () => {
    const sandbox = await start()
    const hint =
      "an integer in the smallest unit of the currency (e.g. 2500 for 25.00 EUR, 15000 for 15 000 XOF)"
    const v1 = await api(sandbox, "POST", "/checkout_sessions", { amount: 150.5, currency_code: "XOF" })
    expect(v1.status).toBe(400)
    expect((await read(v1)).error.details.issues).toEqual([{ path: ["amount"], message: `Must be ${hint}` }])
    const today = await fetch(`${sandbox.origin}/checkout-sessions`, {
      method: "POST",
      headers: { "x-api-key": sandbox.apiKey, "content-type": "application/json" },
      body: JSON.stringify({ amount: 150.5, currency_code: "XOF" }),
    })
    expect(today.status).toBe(400)
    expect((await read(today)).message).toEqual([`amount must be ${hint}`])
  })

  it("keeps escaping user text and offers the three outcomes as a plain form", async () => {
    const sandbox = await start()
    const session = await read(
      await api(sandbox, "POST", "/checkout_sessions", {
        amount: 2500,
        currency_code: "EUR",
        title: `<script>alert("x")</script> & 'co'`,
        public_description: "<img src=x onerror=alert(1)>",
      }),
    )
    const page = await (await fetch(session.url)).text()
    expect(page).not.toContain("<script>alert")
    expect(page).not.toContain("<img src=x")
    expect(testId(page, "title")).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;")
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;")
    expect(testId(page, "status")).toBe("open")
    expect(page).toContain(`<form method="post" action="/checkout/${session.checkout_session_id}/complete">`)
    for (const [id, value, label] of [
      ["pay", "succeeded", "Pay"],
      ["fail", "failed", "Fail payment"],
      ["cancel", "canceled", "Cancel"],
    ]) {
      expect(page).toContain(
        `<button type="submit" name="outcome" value="${value}" data-testid="${id}">${label}</button>`,
      )
    }
    expect(page).not.toMatch(/<script/i)
  })
})
