import { spawn } from "node:child_process"
import { createHmac } from "node:crypto"
import { fileURLToPath } from "node:url"
import { describe, expect, it, vi } from "vitest"
import {
  createSandboxHandler,
  SandboxActionError,
  type SandboxOptions,
  type WebhookFailure,
} from "../src/index.js"
import { api, EXAMPLES, read, readError, start } from "./helpers.js"
import { type Answer, closedPort, eventually, gate, type Hit, receiver } from "./receiver.js"

const SECRET = "whsec_sandbox_test_secret"
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** A sandbox delivering to a fresh receiver; failures are collected, not printed. */
const setup = async (
  answer?: (hit: Hit, index: number) => Answer,
  webhooks: Partial<NonNullable<SandboxOptions["webhooks"]>> = {},
  options: SandboxOptions = {},
) => {
  const rx = await receiver(answer)
  const failures: WebhookFailure[] = []
  const sandbox = await start({
    ...options,
    webhooks: { url: rx.url, secret: SECRET, onFailure: (f) => failures.push(f), ...webhooks },
  })
  const session = await read(await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession))
  return { rx, sandbox, failures, session }
}

const sign = (body: string, secret = SECRET) => createHmac("sha256", secret).update(body).digest("hex")

const form = (url: string, outcome: string) =>
  fetch(`${url}/complete`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `outcome=${outcome}`,
    redirect: "manual",
  })

describe("webhook envelope", () => {
  it("posts the contract's envelope, headers and signature for a payment made on the hosted page", async () => {
    const { rx, sandbox, session } = await setup()
    const paid = await form(session.url, "succeeded")
    expect(paid.status).toBe(303)
    expect(paid.headers.get("location")).toBe(EXAMPLES.createSession.success_url)
    await sandbox.webhooksIdle()

    expect(rx.hits.map((h) => h.headers["x-lomi-event"])).toEqual(["PAYMENT_SUCCEEDED", "CHECKOUT_COMPLETED"])
    const log = sandbox.webhookDeliveries()
    expect(log.map((d) => [d.event, d.status, d.attempts.length])).toEqual([
      ["PAYMENT_SUCCEEDED", "delivered", 1],
      ["CHECKOUT_COMPLETED", "delivered", 1],
    ])
    for (const [i, hit] of rx.hits.entries()) {
      expect(hit.headers["content-type"]).toBe("application/json")
      expect(hit.headers["user-agent"]).toBe("Lomi-Webhook/1.0")
      expect(hit.headers["x-lomi-signature"]).toBe(sign(hit.body))
      expect(Object.keys(hit.event).sort()).toEqual(["data", "event", "id", "lomi_environment", "timestamp"])
      expect(hit.event).toMatchObject({
        id: log[i]!.id,
        event: hit.headers["x-lomi-event"],
        lomi_environment: "test",
      })
      expect(hit.event.id).toMatch(UUID)
      expect(new Date(hit.event.timestamp).toISOString()).toBe(hit.event.timestamp)
      expect(hit.body).toBe(log[i]!.body)
      expect(log[i]!.checkoutSessionId).toBe(session.checkout_session_id)
      expect(log[i]!.attempts[0]).toMatchObject({ attempt: 1, status: 204 })
    }
    expect(JSON.stringify(log)).not.toContain(SECRET)

    const transaction = rx.hits[0]!.event.data
    expect(transaction).toMatchObject({
      checkout_session_id: session.checkout_session_id,
      organization_id: session.organization_id,
      environment: "test",
      transaction_type: "payment",
      status: "completed",
      amount: 15000,
      currency_code: "XOF",
      customer_email: "customer@example.com",
      product_id: "prod_1234567890abcdef",
      metadata: {},
    })
    expect(transaction.transaction_id).toMatch(UUID)
    expect(transaction.transaction_id).not.toBe(session.checkout_session_id)
    expect(Date.parse(transaction.created_at)).not.toBeNaN()
    // CHECKOUT_COMPLETED carries the session exactly as the API now returns it.
    const now = await read(await api(sandbox, "GET", `/checkout_sessions/${session.checkout_session_id}`))
    expect(now.status).toBe("completed")
    expect(rx.hits[1]!.event.data).toEqual(now)
  })

  it("marks events of a live key's sessions lomi_environment live, and carries metadata and the link id", async () => {
    const rx = await receiver()
    const sandbox = await start({
      apiKeys: ["lomi_sk_live_0123456789abcdef"],
      webhooks: { url: rx.url, secret: SECRET },
    })
    const link = await read(
      await api(sandbox, "POST", "/payment_links", { ...EXAMPLES.createLink, metadata: { order: "A-1" } }),
    )
    const opened = await fetch(link.url, { method: "POST", redirect: "manual" })
    const sessionUrl = new URL(opened.headers.get("location")!, sandbox.origin).href
    await form(sessionUrl, "succeeded")
    await sandbox.webhooksIdle()
    expect(rx.hits.map((h) => h.event.lomi_environment)).toEqual(["live", "live"])
    expect(rx.hits[0]!.event.data).toMatchObject({
      environment: "live",
      payment_link_id: link.link_id,
      metadata: { order: "A-1" },
      description: "Premium Membership",
      amount: 50000,
    })
  })
})

describe("webhook delivery", () => {
  it("answers the hosted page at once while the receiver is slow, then delivers a session's events in order", async () => {
    const held = gate()
    const { rx, sandbox, session } = await setup(() => held.opened.then(() => 200))
    const paid = await form(session.url, "succeeded")
    expect(paid.status).toBe(303)
    await rx.received(1)
    expect(sandbox.webhookDeliveries().map((d) => d.status)).toEqual(["pending", "pending"])
    // The second event waits for the first: give a wrong implementation time to send it anyway.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(rx.hits).toHaveLength(1)
    held.open()
    await sandbox.webhooksIdle()
    expect(rx.hits.map((h) => h.event.event)).toEqual(["PAYMENT_SUCCEEDED", "CHECKOUT_COMPLETED"])
    expect(sandbox.webhookDeliveries().map((d) => d.status)).toEqual(["delivered", "delivered"])
  })

  it("does not hold one session's events behind another's", async () => {
    const held = gate()
    const rx = await receiver((hit) =>
      hit.event.data.checkout_session_id === first.checkout_session_id ? held.opened.then(() => 200) : 200,
    )
    const sandbox = await start({ webhooks: { url: rx.url, secret: SECRET } })
    const first = await read(await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession))
    const second = await read(await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession))
    await sandbox.completeCheckout(first.checkout_session_id, "failed")
    await sandbox.completeCheckout(second.checkout_session_id, "failed")
    await rx.until((hits) => hits.length === 2)
    await eventually(() => sandbox.webhookDeliveries()[1]!.status === "delivered")
    expect(sandbox.webhookDeliveries()[0]!.status).toBe("pending")
    held.open()
    await sandbox.webhooksIdle()
    expect(sandbox.webhookDeliveries().map((d) => d.status)).toEqual(["delivered", "delivered"])
  })

  it("retries a 5xx up to maxAttempts with the same bytes, id and signature, doubling the delay", async () => {
    const { rx, sandbox, failures, session } = await setup(() => 500, { maxAttempts: 4, retryDelayMs: 20 })
    await sandbox.completeCheckout(session.checkout_session_id, "succeeded")
    await sandbox.webhooksIdle()

    // Four attempts of the first event, then (order kept) four of the second.
    expect(rx.hits.map((h) => h.event.event)).toEqual([
      ...Array(4).fill("PAYMENT_SUCCEEDED"),
      ...Array(4).fill("CHECKOUT_COMPLETED"),
    ])
    for (const group of [rx.hits.slice(0, 4), rx.hits.slice(4)]) {
      expect(new Set(group.map((h) => h.body)).size).toBe(1)
      expect(new Set(group.map((h) => h.headers["x-lomi-signature"])).size).toBe(1)
      expect(group[0]!.headers["x-lomi-signature"]).toBe(sign(group[0]!.body))
    }
    const [first] = sandbox.webhookDeliveries()
    expect(first).toMatchObject({ status: "failed" })
    expect(first!.attempts.map((a) => [a.attempt, a.status, a.error])).toEqual([
      [1, 500, "HTTP 500"],
      [2, 500, "HTTP 500"],
      [3, 500, "HTTP 500"],
      [4, 500, "HTTP 500"],
    ])
    expect(first!.nextAttemptAt).toBeUndefined()
    const reports = failures.filter((f) => f.id === first!.id)
    expect(reports.map((f) => [f.attempt, f.outcome, f.retryInMs])).toEqual([
      [1, "retrying", 20],
      [2, "retrying", 40],
      [3, "retrying", 80],
      [4, "failed", undefined],
    ])
    expect(reports.every((f) => f.status === 500 && f.error === "HTTP 500")).toBe(true)
  })

  it("stops retrying once the endpoint answers 2xx", async () => {
    const { rx, sandbox, session } = await setup((_, i) => (i < 2 ? 503 : 200), { retryDelayMs: 5 })
    await sandbox.completeCheckout(session.checkout_session_id, "failed")
    await sandbox.webhooksIdle()
    expect(rx.hits).toHaveLength(3)
    const [event] = sandbox.webhookDeliveries()
    expect(event!.status).toBe("delivered")
    expect(event!.attempts.map((a) => a.status)).toEqual([503, 503, 200])
  })

  it("gives up on a 4xx after one attempt (dead), and still sends the session's next event", async () => {
    const { rx, sandbox, failures, session } = await setup(() => 410, { retryDelayMs: 5 })
    await sandbox.completeCheckout(session.checkout_session_id, "succeeded")
    await sandbox.webhooksIdle()
    expect(rx.hits.map((h) => h.event.event)).toEqual(["PAYMENT_SUCCEEDED", "CHECKOUT_COMPLETED"])
    expect(sandbox.webhookDeliveries().map((d) => [d.status, d.attempts.length])).toEqual([
      ["dead", 1],
      ["dead", 1],
    ])
    expect(failures.map((f) => [f.outcome, f.status, f.error])).toEqual([
      ["dead", 410, "HTTP 410"],
      ["dead", 410, "HTTP 410"],
    ])
  })

  it("times out an endpoint that never answers, aborts the request, and retries", async () => {
    const { rx, sandbox, session } = await setup(() => "hang", {
      timeoutMs: 100,
      retryDelayMs: 10,
      maxAttempts: 2,
    })
    await sandbox.completeCheckout(session.checkout_session_id, "failed")
    await sandbox.webhooksIdle()
    const [event] = sandbox.webhookDeliveries()
    expect(event!.status).toBe("failed")
    expect(event!.attempts.map((a) => a.error)).toEqual(["timeout after 100 ms", "timeout after 100 ms"])
    expect(event!.attempts.every((a) => a.status === undefined)).toBe(true)
    await rx.until((hits) => hits.length === 2 && hits.every((h) => h.aborted))
  })

  it("logs the cause of a refused connection, in the log and in the default warning, without the secret", async () => {
    const port = await closedPort()
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {})
    try {
      const sandbox = await start({
        webhooks: { url: `http://127.0.0.1:${port}/hook`, secret: SECRET, maxAttempts: 2, retryDelayMs: 5 },
      })
      const session = await read(await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession))
      await sandbox.completeCheckout(session.checkout_session_id, "failed")
      await sandbox.webhooksIdle()
      const [event] = sandbox.webhookDeliveries()
      expect(event!.status).toBe("failed")
      for (const attempt of event!.attempts)
        expect(attempt.error).toBe(`connect ECONNREFUSED 127.0.0.1:${port}`)
      const lines = warn.mock.calls.map((call) => call.join(" "))
      expect(lines).toHaveLength(2)
      expect(lines[0]).toContain(
        `PAYMENT_FAILED ${event!.id} attempt 1 failed: connect ECONNREFUSED 127.0.0.1:${port}; retrying in 5 ms`,
      )
      expect(lines[1]).toContain("attempt 2 failed: connect ECONNREFUSED")
      expect(lines[1]).toContain("giving up")
      expect(lines.join("\n")).not.toContain(SECRET)
    } finally {
      warn.mockRestore()
    }
  })
})

describe("redelivery", () => {
  it("resends a settled event's stored bytes with a fresh round of attempts", async () => {
    const { rx, sandbox, session } = await setup((_, i) => (i === 0 ? 400 : 200))
    await sandbox.completeCheckout(session.checkout_session_id, "failed")
    await sandbox.webhooksIdle()
    const [dead] = sandbox.webhookDeliveries()
    expect(dead!.status).toBe("dead")
    const again = await sandbox.redeliverWebhook(dead!.id)
    expect(again.status).toBe("delivered")
    expect(again.attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, 400],
      [2, 200],
    ])
    expect(rx.hits).toHaveLength(2)
    expect(rx.hits[1]!.body).toBe(rx.hits[0]!.body)
    expect(rx.hits[1]!.headers["x-lomi-signature"]).toBe(rx.hits[0]!.headers["x-lomi-signature"])
    expect(rx.hits[1]!.event.id).toBe(dead!.id)
  })

  it("refuses an unknown event and one still pending", async () => {
    const held = gate()
    const { sandbox, session } = await setup(() => held.opened.then(() => 200))
    await expect(sandbox.redeliverWebhook("nope")).rejects.toMatchObject({ code: "NOT_FOUND", status: 404 })
    const { events } = await sandbox.completeCheckout(session.checkout_session_id, "failed")
    const error = await sandbox.redeliverWebhook(events[0]!.id).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SandboxActionError)
    expect(error).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("still pending") })
    held.open()
    await sandbox.webhooksIdle()
  })
})

describe("completeCheckout", () => {
  it("succeeded: completes the session, queues PAYMENT_SUCCEEDED then CHECKOUT_COMPLETED, and cannot run twice", async () => {
    const { rx, sandbox, session } = await setup()
    const done = await sandbox.completeCheckout(session.checkout_session_id, "succeeded")
    expect(done).toMatchObject({
      outcome: "succeeded",
      redirectUrl: EXAMPLES.createSession.success_url,
      session: { status: "completed", url: session.url },
      transaction: { status: "completed", checkout_session_id: session.checkout_session_id },
    })
    expect(done.events.map((e) => e.event)).toEqual(["PAYMENT_SUCCEEDED", "CHECKOUT_COMPLETED"])
    expect(sandbox.webhookDeliveries().map((d) => d.id)).toEqual(done.events.map((e) => e.id))
    await sandbox.webhooksIdle()
    expect(rx.hits[0]!.event.data).toEqual(done.transaction)
    expect(
      (await read(await api(sandbox, "GET", `/checkout_sessions/${session.checkout_session_id}`))).status,
    ).toBe("completed")
    await expect(sandbox.completeCheckout(session.checkout_session_id, "succeeded")).rejects.toMatchObject({
      name: "SandboxActionError",
      code: "CONFLICT",
      message: "This checkout session is completed",
    })
    expect((await form(session.url, "succeeded")).status).toBe(409)
    expect(rx.hits).toHaveLength(2)
  })

  it("failed: queues PAYMENT_FAILED with a failed transaction and leaves the session open to pay later", async () => {
    const { rx, sandbox, session } = await setup()
    const failed = await sandbox.completeCheckout(session.checkout_session_id, "failed")
    expect(failed).toMatchObject({
      outcome: "failed",
      session: { status: "open" },
      transaction: { status: "failed" },
    })
    expect(failed.redirectUrl).toBeUndefined()
    expect(
      (await read(await api(sandbox, "GET", `/checkout_sessions/${session.checkout_session_id}`))).status,
    ).toBe("open")
    const paid = await sandbox.completeCheckout(session.checkout_session_id, "succeeded")
    expect(paid.transaction!.transaction_id).not.toBe(failed.transaction!.transaction_id)
    await sandbox.webhooksIdle()
    expect(rx.hits.map((h) => [h.event.event, h.event.data.status])).toEqual([
      ["PAYMENT_FAILED", "failed"],
      ["PAYMENT_SUCCEEDED", "completed"],
      ["CHECKOUT_COMPLETED", "completed"],
    ])
  })

  it("canceled: sends no event, leaves the session open and points to cancel_url, on the page too", async () => {
    const { rx, sandbox, session } = await setup()
    const canceled = await sandbox.completeCheckout(session.checkout_session_id, "canceled")
    expect(canceled).toEqual({
      outcome: "canceled",
      session: expect.objectContaining({ status: "open" }),
      redirectUrl: EXAMPLES.createSession.cancel_url,
      events: [],
    })
    const page = await form(session.url, "canceled")
    expect(page.status).toBe(303)
    expect(page.headers.get("location")).toBe(EXAMPLES.createSession.cancel_url)
    await sandbox.webhooksIdle()
    expect(sandbox.webhookDeliveries()).toEqual([])
    expect(rx.hits).toEqual([])
    expect(
      (await read(await api(sandbox, "GET", `/checkout_sessions/${session.checkout_session_id}`))).status,
    ).toBe("open")
  })

  it("refuses unknown and expired sessions and unknown outcomes, on the page too", async () => {
    let clock = Date.parse("2030-01-01T00:00:00Z")
    const { sandbox, session } = await setup(undefined, {}, { now: () => clock })
    await expect(sandbox.completeCheckout("missing", "succeeded")).rejects.toMatchObject({
      code: "NOT_FOUND",
    })
    await expect(sandbox.completeCheckout(session.checkout_session_id, "paid" as never)).rejects.toThrow(
      /outcome must be one of succeeded, failed, canceled/,
    )
    const bad = await form(session.url, "paid")
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain("outcome must be one of succeeded, failed, canceled")
    clock += 61 * 60 * 1000
    await expect(sandbox.completeCheckout(session.checkout_session_id, "succeeded")).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This checkout session is expired",
    })
    expect((await form(session.url, "succeeded")).status).toBe(409)
    expect(sandbox.webhookDeliveries()).toEqual([])
  })

  it("works without webhooks: the session is paid and no event is queued", async () => {
    const sandbox = await start()
    const session = await read(await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession))
    const done = await sandbox.completeCheckout(session.checkout_session_id, "succeeded")
    expect(done.events).toEqual([])
    expect(sandbox.webhookDeliveries()).toEqual([])
    await sandbox.webhooksIdle()
    await expect(sandbox.redeliverWebhook("x")).rejects.toMatchObject({ code: "NOT_FOUND" })
  })
})

describe("admin endpoints for webhooks and checkout", () => {
  const TOKEN = "admin-token"
  const admin = (origin: string, method: string, path: string, body?: unknown, token = TOKEN) =>
    fetch(`${origin}/__admin${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })

  it("completes a checkout, lists deliveries and redelivers, all behind the token", async () => {
    const { rx, sandbox, session } = await setup(
      (_, i) => (i === 0 ? 422 : 200),
      {},
      { admin: { token: TOKEN } },
    )
    const id = session.checkout_session_id
    expect((await admin(sandbox.origin, "GET", "/webhooks", undefined, "wrong")).status).toBe(401)
    expect(
      (await admin(sandbox.origin, "POST", `/checkout/${id}/complete`, { outcome: "failed" }, "wrong"))
        .status,
    ).toBe(401)
    expect(rx.hits).toHaveLength(0)

    const completed = await admin(sandbox.origin, "POST", `/checkout/${id}/complete`, { outcome: "failed" })
    expect(completed.status).toBe(200)
    const body = await read(completed)
    expect(body).toMatchObject({ outcome: "failed", session: { status: "open", url: session.url } })
    expect(body.events.map((e: { event: string }) => e.event)).toEqual(["PAYMENT_FAILED"])
    await sandbox.webhooksIdle()

    const listed = await read(await admin(sandbox.origin, "GET", "/webhooks"))
    expect(listed.data).toEqual(JSON.parse(JSON.stringify(sandbox.webhookDeliveries())))
    expect(listed.data[0]).toMatchObject({
      id: body.events[0].id,
      status: "dead",
      attempts: [{ status: 422 }],
    })

    const redelivered = await admin(sandbox.origin, "POST", `/webhooks/${body.events[0].id}/redeliver`)
    expect(redelivered.status).toBe(202)
    expect(await read(redelivered)).toMatchObject({ id: body.events[0].id, status: "pending" })
    await sandbox.webhooksIdle()
    expect(sandbox.webhookDeliveries()[0]).toMatchObject({ status: "delivered" })
    expect(rx.hits[1]!.body).toBe(rx.hits[0]!.body)
  })

  it("answers 400, 404, 405 and 409 with the error envelope", async () => {
    const { sandbox, session } = await setup(undefined, {}, { admin: { token: TOKEN } })
    const id = session.checkout_session_id
    const bad = await admin(sandbox.origin, "POST", `/checkout/${id}/complete`, { outcome: "paid" })
    expect(bad.status).toBe(400)
    expect((await readError(bad)).details.issues[0].path).toEqual(["outcome"])
    expect((await admin(sandbox.origin, "POST", `/checkout/${id}/complete`)).status).toBe(400)
    const missing = await admin(sandbox.origin, "POST", "/checkout/nope/complete", { outcome: "succeeded" })
    expect(missing.status).toBe(404)
    expect((await readError(missing)).code).toBe("NOT_FOUND")
    expect((await admin(sandbox.origin, "GET", `/checkout/${id}/complete`)).status).toBe(405)
    expect((await admin(sandbox.origin, "POST", "/webhooks")).status).toBe(405)
    expect((await admin(sandbox.origin, "POST", "/webhooks/nope/redeliver")).status).toBe(404)
    expect((await admin(sandbox.origin, "POST", "/webhooks/nope/resend")).status).toBe(404)
    expect(
      (await admin(sandbox.origin, "POST", `/checkout/${id}/complete`, { outcome: "succeeded" })).status,
    ).toBe(200)
    const twice = await admin(sandbox.origin, "POST", `/checkout/${id}/complete`, { outcome: "succeeded" })
    expect(twice.status).toBe(409)
    expect(await readError(twice)).toMatchObject({
      code: "CONFLICT",
      message: "This checkout session is completed",
    })
    await sandbox.webhooksIdle()
  })
})

describe("lifecycle", () => {
  it("webhooksIdle resolves at once when nothing is pending", async () => {
    const { sandbox } = await setup()
    await sandbox.webhooksIdle()
    expect(sandbox.webhookDeliveries()).toEqual([])
  })

  it("reset stops deliveries and empties the log", async () => {
    // A long timeout: only the abort by reset can end the attempt within the test.
    const { rx, sandbox, session } = await setup(() => "hang", { timeoutMs: 600_000 })
    await sandbox.completeCheckout(session.checkout_session_id, "failed")
    await rx.received(1)
    await sandbox.reset()
    await sandbox.webhooksIdle()
    expect(sandbox.webhookDeliveries()).toEqual([])
    await rx.until((hits) => hits[0]!.aborted)
  })

  it("close aborts an attempt in flight and cancels scheduled retries, and waits for neither", async () => {
    const held = gate()
    const rx = await receiver((hit) =>
      hit.event.data.checkout_session_id === hanging.checkout_session_id
        ? "hang"
        : held.opened.then(() => 500),
    )
    const sandbox = await start({
      webhooks: { url: rx.url, secret: SECRET, retryDelayMs: 60_000, onFailure: () => {} },
    })
    const hanging = await read(await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession))
    const retrying = await read(await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession))
    await sandbox.completeCheckout(hanging.checkout_session_id, "failed")
    await sandbox.completeCheckout(retrying.checkout_session_id, "failed")
    await rx.received(2)
    held.open()
    await eventually(() => sandbox.webhookDeliveries()[1]!.nextAttemptAt !== undefined)
    const idle = sandbox.webhooksIdle()
    await sandbox.close()
    await idle
    await rx.until((hits) => hits.some((h) => h.aborted))
    const [aborted, scheduled] = sandbox.webhookDeliveries()
    expect(aborted).toMatchObject({
      status: "pending",
      attempts: [{ error: "aborted: the sandbox stopped delivering" }],
    })
    expect(scheduled).toMatchObject({ status: "pending", attempts: [{ status: 500 }] })
    expect(rx.hits).toHaveLength(2)
  })
})

describe("no handle left behind", () => {
  const script = fileURLToPath(new URL("./fixtures/close-with-pending.ts", import.meta.url))
  const packageDir = fileURLToPath(new URL("..", import.meta.url))

  it("a process that closes the sandbox with a delivery in flight and a retry scheduled exits by itself", async () => {
    const rx = await receiver((hit) => (hit.event.event === "PAYMENT_FAILED" ? "hang" : 500))
    const child = spawn(process.execPath, ["--import", "tsx", script, rx.url], {
      cwd: packageDir,
      stdio: ["ignore", "pipe", "pipe"],
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    // A leaked retry timer or request timeout would hold the child for a minute or more, a leaked
    // socket to the silent receiver forever: 15 s separates "exits by itself" from "held open".
    const code = await new Promise<number | null | "held open">((resolve) => {
      const guard = setTimeout(() => {
        child.kill("SIGKILL")
        resolve("held open")
      }, 15_000)
      child.on("exit", (exitCode) => {
        clearTimeout(guard)
        resolve(exitCode)
      })
    })
    expect(stderr).toBe("")
    expect(code).toBe(0)
    const report = JSON.parse(stdout.trim()) as { resources: string[]; deliveries: any[] }
    expect(report.resources).toEqual([])
    expect(report.deliveries).toEqual([
      {
        event: "PAYMENT_FAILED",
        status: "pending",
        attempts: [expect.objectContaining({ error: "aborted: the sandbox stopped delivering" })],
      },
      { event: "PAYMENT_SUCCEEDED", status: "pending", attempts: [expect.objectContaining({ status: 500 })] },
      { event: "CHECKOUT_COMPLETED", status: "pending", attempts: [] },
    ])
    // The receiver saw the attempt in flight go away: it was aborted, not abandoned.
    await rx.until((hits) => hits.some((h) => h.event.event === "PAYMENT_FAILED" && h.aborted))
  }, 20_000)
})

describe("webhook options", () => {
  const url = "https://merchant.example/webhooks"
  it.each([
    [
      { url: "ftp://merchant.example/x", secret: SECRET },
      TypeError,
      /webhooks\.url must be an absolute http\(s\) URL/,
    ],
    [{ url: "/relative", secret: SECRET }, TypeError, /webhooks\.url/],
    [{ url, secret: "" }, TypeError, /webhooks\.secret must be a non-empty string/],
    [{ url, secret: 42 }, TypeError, /webhooks\.secret/],
    [
      { url, secret: SECRET, maxAttempts: 0 },
      RangeError,
      /webhooks\.maxAttempts must be an integer from 1 to 20, got 0/,
    ],
    [{ url, secret: SECRET, maxAttempts: 21 }, RangeError, /maxAttempts/],
    [{ url, secret: SECRET, maxAttempts: 1.5 }, RangeError, /maxAttempts/],
    [
      { url, secret: SECRET, retryDelayMs: -1 },
      RangeError,
      /webhooks\.retryDelayMs must be an integer from 0 to 600000/,
    ],
    [
      { url, secret: SECRET, timeoutMs: 0 },
      RangeError,
      /webhooks\.timeoutMs must be an integer from 1 to 600000/,
    ],
    [{ url, secret: SECRET, onFailure: "log" }, TypeError, /webhooks\.onFailure must be a function/],
  ])("refuses %j", (webhooks, type, message) => {
    const make = () => createSandboxHandler({ webhooks: webhooks as never })
    expect(make).toThrow(type)
    expect(make).toThrow(message)
    try {
      make()
    } catch (error) {
      expect(String(error)).not.toContain(SECRET)
    }
  })
})
