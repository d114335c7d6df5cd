// The merchant's whole loop in a real browser: headless Chromium opens the hosted checkout of the sandbox,
// reads the amount, presses a button and lands on the merchant's page, while the merchant's endpoint
// verifies the signed events with `unwrap`. Chromium comes from npm (@sparticuz/chromium): no download step.
import { mkdtempSync } from "node:fs"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Lomi, LomiWebhookVerificationError, type WebhookEvent } from "@lomi/checkout"
import { type Sandbox, startSandbox } from "@lomi/sandbox"
import chromium from "@sparticuz/chromium"
import { type Browser, type Page, chromium as playwright } from "playwright-core"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"

const SECRET = "whsec_browser_test_5f1e0c"
const BROWSER_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
]
// `UPDATE_SCREENSHOTS=1 pnpm vitest run --project examples` refreshes the picture in the README.
const screenshotDir = process.env.UPDATE_SCREENSHOTS
  ? fileURLToPath(new URL("../../../docs/", import.meta.url))
  : mkdtempSync(join(tmpdir(), "lomi-browser-"))

/** The merchant's site: a webhook endpoint that verifies with `unwrap`, and the pages customers return to. */
const startMerchant = async (lomi: () => Lomi) => {
  const events: Array<WebhookEvent> = []
  const refused: Array<string> = []
  const server: Server = createServer(async (req, res) => {
    if (req.method === "POST" && req.url === "/webhooks/lomi") {
      const chunks: Array<Buffer> = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      try {
        events.push(await lomi().webhooks.unwrap(Buffer.concat(chunks), req.headers))
        res.writeHead(204).end()
      } catch (error) {
        refused.push(error instanceof LomiWebhookVerificationError ? error.reason : String(error))
        res.writeHead(400).end()
      }
      return
    }
    const page = req.url?.startsWith("/paid") ? "Thank you for your order" : "You cancelled"
    res.writeHead(200, { "content-type": "text/html" }).end(`<h1 data-testid="merchant">${page}</h1>`)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    events,
    refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

describe("the hosted checkout, in headless Chromium", () => {
  let browser: Browser
  let sandbox: Sandbox
  let lomi: Lomi
  let merchant: Awaited<ReturnType<typeof startMerchant>>
  let page: Page

  beforeAll(async () => {
    merchant = await startMerchant(() => lomi)
    sandbox = await startSandbox({
      webhooks: {
        url: `${merchant.origin}/webhooks/lomi`,
        secret: SECRET,
        retryDelayMs: 20,
        onFailure: () => {},
      },
    })
    lomi = new Lomi({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, webhookSecret: SECRET })
    browser = await playwright.launch({
      executablePath: await chromium.executablePath(),
      // Not the package's serverless defaults (single process, web security off): a plain headless browser
      // that talks to nothing but 127.0.0.1.
      args: BROWSER_ARGS,
      headless: true,
    })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await sandbox?.close()
    await merchant?.close()
  })

  beforeEach(async () => {
    await sandbox.reset()
    merchant.events.length = 0
    merchant.refused.length = 0
    page = await browser.newPage({ viewport: { width: 760, height: 340 } })
    return () => page.close()
  })

  const urls = () => ({
    success_url: `${merchant.origin}/paid`,
    cancel_url: `${merchant.origin}/cancelled`,
  })

  it("pays a checkout session: the page shows 25.00 EUR, Pay lands on success_url, the events verify", async () => {
    const session = await lomi.checkoutSessions.create({
      amount: 2500,
      currency_code: "EUR",
      title: "Order 2026-0042",
      ...urls(),
    })
    await page.goto(session.url ?? "")
    expect(await page.getByTestId("amount").textContent()).toBe("25.00 EUR")
    expect(await page.getByTestId("status").textContent()).toBe("open")
    await page.screenshot({ path: join(screenshotDir, "hosted-checkout.png") })

    await page.getByTestId("pay").click()
    await page.waitForURL(`${merchant.origin}/paid`)
    expect(await page.getByTestId("merchant").textContent()).toBe("Thank you for your order")

    await sandbox.webhooksIdle()
    expect(merchant.refused).toEqual([])
    expect(merchant.events.map((e) => e.event)).toEqual(["PAYMENT_SUCCEEDED", "CHECKOUT_COMPLETED"])
    const paid = merchant.events[0]
    if (paid?.event !== "PAYMENT_SUCCEEDED") throw new Error("expected PAYMENT_SUCCEEDED first")
    expect(paid.data).toMatchObject({
      checkout_session_id: session.checkout_session_id,
      amount: 2500,
      currency_code: "EUR",
    })
    const retrieved = await lomi.checkoutSessions.retrieve(session.checkout_session_id)
    expect(retrieved.status).toBe("completed")

    // The paid page no longer offers to pay again.
    await page.goto(session.url ?? "")
    expect(await page.getByTestId("status").textContent()).toBe("completed")
    expect(await page.getByTestId("pay").count()).toBe(0)
  })

  it("pays through a payment link: /pay/{id} shows 15 000 XOF and opens a new session, which Pay completes", async () => {
    const link = await lomi.paymentLinks.create({
      title: "Bissap, 1 L",
      amount: 15000,
      currency_code: "XOF",
      ...urls(),
    })
    await page.goto(link.url ?? "")
    expect(await page.getByTestId("amount").textContent()).toBe("15 000 XOF")
    await page.getByTestId("continue").click()
    await page.waitForURL(/\/checkout\/[0-9a-f-]{36}$/)
    const sessionId = new URL(page.url()).pathname.split("/").pop() ?? ""
    expect(await page.getByTestId("amount").textContent()).toBe("15 000 XOF")

    await page.getByTestId("pay").click()
    await page.waitForURL(`${merchant.origin}/paid`)
    await sandbox.webhooksIdle()
    expect(merchant.refused).toEqual([])
    const paid = merchant.events.find((e) => e.event === "PAYMENT_SUCCEEDED")
    if (paid?.event !== "PAYMENT_SUCCEEDED") throw new Error("expected a PAYMENT_SUCCEEDED event")
    expect(paid.data.checkout_session_id).toBe(sessionId)
    const session = await lomi.checkoutSessions.retrieve(sessionId)
    expect(session).toMatchObject({ status: "completed", payment_link_id: link.link_id, amount: 15000 })
  })

  it("a failed payment sends PAYMENT_FAILED and leaves the session open", async () => {
    const session = await lomi.checkoutSessions.create({ amount: 990, currency_code: "USD", ...urls() })
    await page.goto(session.url ?? "")
    expect(await page.getByTestId("amount").textContent()).toBe("9.90 USD")
    await page.getByTestId("fail").click()
    await page.waitForLoadState()
    expect(await page.getByTestId("title").textContent()).toMatch(/failed/i)

    await sandbox.webhooksIdle()
    expect(merchant.events.map((e) => e.event)).toEqual(["PAYMENT_FAILED"])
    const failed = merchant.events[0]
    if (failed?.event !== "PAYMENT_FAILED") throw new Error("expected PAYMENT_FAILED")
    expect(failed.data.checkout_session_id).toBe(session.checkout_session_id)
    expect((await lomi.checkoutSessions.retrieve(session.checkout_session_id)).status).toBe("open")
  })

  it("Cancel returns to cancel_url, sends no event, and leaves the session open", async () => {
    const session = await lomi.checkoutSessions.create({ amount: 15000, currency_code: "XOF", ...urls() })
    await page.goto(session.url ?? "")
    await page.getByTestId("cancel").click()
    await page.waitForURL(`${merchant.origin}/cancelled`)

    await sandbox.webhooksIdle()
    expect(sandbox.webhookDeliveries()).toEqual([])
    expect(merchant.events).toEqual([])
    expect((await lomi.checkoutSessions.retrieve(session.checkout_session_id)).status).toBe("open")
  })
})
