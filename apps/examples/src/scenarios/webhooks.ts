import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { Lomi, LomiWebhooks, LomiWebhookVerificationError, type WebhookEvent } from "@lomi/checkout"
import { startSandbox } from "@lomi/sandbox"
import { check, type Scenario } from "../scenario.js"

const SECRET = "whsec_demo_0123456789abcdef"

/**
 * A merchant's webhook endpoint, a service with no API key: verifies each delivery with `unwrap`, fulfils each paid order once
 * (de-duplicating on the event id), and, to show why that matters, fails its first answer for a payment
 * after doing the work, as a server that crashes between fulfilling and answering would.
 */
const startReceiver = async (log: (line: string) => void) => {
  const webhooks = new LomiWebhooks({ secret: SECRET })
  const seen = new Set<string>()
  const fulfilled: Array<string> = []
  const events: Array<WebhookEvent> = []
  let crashOnce = true
  const server: Server = createServer(async (req, res) => {
    const chunks: Array<Buffer> = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    try {
      const event = await webhooks.unwrap(Buffer.concat(chunks), req.headers)
      events.push(event)
      log(`received    ${event.event} ${event.id}${seen.has(event.id) ? " (again: a retry)" : ""}`)
      if (!seen.has(event.id)) {
        seen.add(event.id)
        if (event.event === "PAYMENT_SUCCEEDED") {
          fulfilled.push(event.data.checkout_session_id ?? "?")
          log(
            `fulfilled   order for session ${event.data.checkout_session_id} (${event.data.amount} ${event.data.currency_code})`,
          )
          if (crashOnce) {
            crashOnce = false
            log("receiver    answers 500 this once, after fulfilling: lomi. will retry")
            res.writeHead(500).end()
            return
          }
        }
      }
      res.writeHead(204).end()
    } catch (error) {
      const status = error instanceof LomiWebhookVerificationError ? error.responseStatus : 500
      log(`refused     ${error instanceof LomiWebhookVerificationError ? error.reason : String(error)}`)
      res.writeHead(status).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/webhooks/lomi`,
    fulfilled,
    events,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** 9. The merchant's whole loop, offline: create, pay on the hosted page, verified events, fulfil once. */
export const webhooks: Scenario = {
  name: "webhooks",
  title: "Webhooks: pay on the hosted page, verify the signed events, fulfil exactly once",
  // Its own sandbox, because lomi.'s servers cannot deliver to a receiver on this machine.
  needsSandbox: true,
  // On the routes lomi.'s hosted environments speak.
  generations: ["2025-12"],
  async run({ log }) {
    const receiver = await startReceiver(log)
    const sandbox = await startSandbox({
      webhooks: { url: receiver.url, secret: SECRET, retryDelayMs: 50, onFailure: () => {} },
    })
    try {
      const lomi = new Lomi({ apiKey: sandbox.apiKey, baseUrl: sandbox.origin })
      const session = await lomi.checkoutSessions.create({
        amount: 2500,
        currency_code: "EUR",
        title: "Order 2026-0042",
        success_url: "https://shop.example.com/paid",
        metadata: { order_id: "2026-0042" },
      })
      const pageUrl = session.checkout_url ?? ""
      log(`created     ${session.checkout_session_id}, customer goes to ${pageUrl}`)

      // The customer's browser, driven over HTTP: open the hosted page, read the amount, press Pay.
      const page = await fetch(pageUrl).then((r) => r.text())
      const amount = /data-testid="amount">([^<]*)</.exec(page)?.[1]
      log(`hosted page shows ${amount}`)
      check(amount === "25.00 EUR", `the hosted page should show 25.00 EUR, got ${amount}`)
      const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1] ?? ""
      const paid = await fetch(new URL(action, pageUrl), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "outcome=succeeded",
        redirect: "manual",
      })
      log(`pressed Pay -> ${paid.status} to ${paid.headers.get("location")}`)
      check(
        paid.headers.get("location") === "https://shop.example.com/paid",
        "Pay should lead to success_url",
      )

      await sandbox.webhooksIdle()
      const delivery = sandbox.webhookDeliveries().find((d) => d.event === "PAYMENT_SUCCEEDED")
      log(`PAYMENT_SUCCEEDED took ${delivery?.attempts.length} attempts (${delivery?.status})`)
      check(delivery?.attempts.length === 2, "the first delivery should fail and be retried once")
      check(
        receiver.fulfilled.length === 1 && receiver.fulfilled[0] === session.checkout_session_id,
        `the order should be fulfilled exactly once, got ${receiver.fulfilled.length}`,
      )
      check(
        receiver.events.some((e) => e.event === "CHECKOUT_COMPLETED"),
        "the legacy CHECKOUT_COMPLETED event should arrive too",
      )
      const after = await lomi.checkoutSessions.retrieve(session.checkout_session_id)
      log(`retrieve    status ${after.status}; fulfilled ${receiver.fulfilled.length} time(s)`)
      check(after.status === "completed", "a paid session should be completed")
    } finally {
      await sandbox.close()
      await receiver.close()
    }
  },
}
