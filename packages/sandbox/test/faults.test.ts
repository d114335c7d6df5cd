import { describe, expect, it } from "vitest"
import { createSandboxHandler, type FaultRule, FaultSpecError, OPERATIONS } from "../src/index.js"
import { api, EXAMPLES, read, readError, start } from "./helpers.js"

describe("fault injection", () => {
  it("answers scripted 429, 500 and 503 with the envelope and Retry-After, then recovers", async () => {
    const sandbox = await start({
      faults: [
        { operation: "list_checkout_sessions", kind: "error", status: 429, retryAfter: 7, next: 1 },
        { operation: "list_checkout_sessions", kind: "error", status: 503, next: 1 },
        { operation: "list_checkout_sessions", kind: "error", status: 500, next: 1 },
      ],
    })
    const seen: Array<[number, string, string | null]> = []
    for (let i = 0; i < 4; i++) {
      const response = await api(sandbox, "GET", "/checkout_sessions")
      const code = response.ok ? "" : (await readError(response)).code
      seen.push([response.status, code, response.headers.get("retry-after")])
    }
    expect(seen).toEqual([
      [429, "RATE_LIMITED", "7"],
      [503, "SERVICE_UNAVAILABLE", "1"],
      [500, "INTERNAL_ERROR", null],
      [200, "", null],
    ])
    expect(sandbox.requests().map((r) => r.faults ?? [])).toEqual([["error"], ["error"], ["error"], []])
    expect(sandbox.faults().map((rule) => rule.remaining)).toEqual([0, 0, 0])
  })

  it("does not fault unauthenticated requests or other operations, and an error fault writes nothing", async () => {
    const sandbox = await start({
      faults: [{ operation: "create_payment_link", kind: "error", status: 500 }],
    })
    expect((await fetch(`${sandbox.url}/payment_links`, { method: "POST" })).status).toBe(401)
    expect((await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession)).status).toBe(201)
    // "Before" faults come before validation: even an invalid body gets the fault.
    expect((await api(sandbox, "POST", "/payment_links", { nonsense: true })).status).toBe(500)
    expect((await api(sandbox, "POST", "/payment_links", EXAMPLES.createLink)).status).toBe(500)
    sandbox.setFaults([])
    expect((await read(await api(sandbox, "GET", "/payment_links"))).pagination.total).toBe(0)
  })

  it("adds latency, and close() cancels it without leaving the server waiting", async () => {
    const sandbox = await start({ faults: [{ kind: "latency", ms: 150, next: 1 }] })
    const started = performance.now()
    expect((await api(sandbox, "GET", "/payment_links")).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(145)
    await api(sandbox, "GET", "/payment_links")
    expect(sandbox.requests().map((r) => r.faults ?? [])).toEqual([["latency"], []])

    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length
    const timersBefore = timers()
    sandbox.setFaults([{ kind: "latency", ms: 60_000, next: 1 }])
    const stuck = api(sandbox, "GET", "/payment_links").then(
      () => "answered",
      (error: unknown) => (error instanceof TypeError ? "dropped" : "other"),
    )
    // The rule is consumed in the tick the wait starts: from then on the request is held by the server.
    while (sandbox.faults()[0]?.remaining !== 0) await new Promise((resolve) => setTimeout(resolve, 5))
    expect(timers()).toBeGreaterThan(timersBefore)
    await sandbox.close()
    expect(await stuck).toBe("dropped")
    expect(timers()).toBeLessThanOrEqual(timersBefore)
  })

  it("resets the connection before handling: fetch fails with a TypeError and nothing is written", async () => {
    const sandbox = await start({
      faults: [{ operation: "create_checkout_session", kind: "reset", next: 1 }],
    })
    const error = await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(TypeError)
    expect((await read(await api(sandbox, "GET", "/checkout_sessions"))).pagination.total).toBe(0)
    expect(sandbox.requests()[0]).toMatchObject({
      status: null,
      faults: ["reset"],
      operation: "create_checkout_session",
    })
  })

  it("resets after commit: the client fails, the resource exists, and a retry with the key replays it", async () => {
    const sandbox = await start({
      faults: [{ operation: "create_payment_link", kind: "reset_after_commit", next: 1 }],
    })
    const headers = { "idempotency-key": "lost-answer" }
    const error = await api(sandbox, "POST", "/payment_links", EXAMPLES.createLink, headers).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(TypeError)
    const list = await read(await api(sandbox, "GET", "/payment_links"))
    expect(list.pagination.total).toBe(1)
    const retry = await api(sandbox, "POST", "/payment_links", EXAMPLES.createLink, headers)
    expect(retry.status).toBe(201)
    expect(retry.headers.get("idempotent-replayed")).toBe("true")
    expect((await read(retry)).link_id).toBe(list.data[0].link_id)
    const attempts = sandbox.requests().filter((r) => r.operation === "create_payment_link")
    expect(attempts.map((r) => [r.idempotencyKey, r.status])).toEqual([
      ["lost-answer", 201],
      ["lost-answer", 201],
    ])
  })

  it("truncates a body mid-way and sends a malformed body", async () => {
    const sandbox = await start({
      faults: [
        { operation: "retrieve_payment_link", kind: "truncated_body", next: 1 },
        { operation: "retrieve_payment_link", kind: "malformed_body", next: 1 },
      ],
    })
    const link = await read(await api(sandbox, "POST", "/payment_links", EXAMPLES.createLink))
    const truncated = await api(sandbox, "GET", `/payment_links/${link.link_id}`)
    expect(truncated.status).toBe(200)
    await expect(truncated.text()).rejects.toBeInstanceOf(TypeError)
    const malformed = await api(sandbox, "GET", `/payment_links/${link.link_id}`)
    expect(malformed.status).toBe(200)
    const text = await malformed.text()
    expect(() => JSON.parse(text)).toThrow(SyntaxError)
    expect(await read(await api(sandbox, "GET", `/payment_links/${link.link_id}`))).toEqual(link)
  })

  it("replays the same faults for the same seed", async () => {
    const rules: FaultRule[] = [
      { kind: "error", status: 503, probability: 0.3 },
      { kind: "malformed_body", probability: 0.2 },
    ]
    const run = async (seed: number) => {
      const sandbox = await start({ faults: rules, seed })
      const statuses: string[] = []
      for (let i = 0; i < 40; i++) {
        const response = await api(sandbox, "GET", "/checkout_sessions")
        const text = await response.text()
        let valid = true
        try {
          JSON.parse(text)
        } catch {
          valid = false
        }
        statuses.push(`${response.status}${valid ? "" : "!"}`)
      }
      return statuses
    }
    const a = await run(1234)
    expect(await run(1234)).toEqual(a)
    expect(await run(4321)).not.toEqual(a)
    expect(a).toContain("503")
    expect(a).toContain("200!")
    expect(a).toContain("200")
  })

  it("is configurable at runtime through the admin endpoint, behind its token", async () => {
    const sandbox = await start({ admin: { token: "s3cret" } })
    const admin = (method: string, path: string, body?: unknown, token = "s3cret") =>
      fetch(`${sandbox.origin}/__admin${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    expect((await admin("GET", "/faults", undefined, "wrong")).status).toBe(401)
    expect((await fetch(`${sandbox.origin}/__admin/faults`)).status).toBe(401)
    const put = await admin("PUT", "/faults", {
      rules: [{ operation: "retrieve_checkout_session", kind: "error", status: 503, next: 2 }],
      seed: 9,
    })
    expect(put.status).toBe(200)
    expect(await read(put)).toEqual({
      rules: [{ operation: "retrieve_checkout_session", kind: "error", status: 503, next: 2, remaining: 2 }],
      seed: 9,
    })
    expect((await api(sandbox, "GET", "/checkout_sessions/x")).status).toBe(503)
    expect((await read(await admin("GET", "/faults"))).rules[0].remaining).toBe(1)
    const bad = await admin("PUT", "/faults", [{ kind: "error", status: 418 }, { kind: "boom" }])
    expect(bad.status).toBe(400)
    const issues = (await readError(bad)).details.issues.map((i: { path: unknown[] }) => i.path.join("."))
    expect(issues).toEqual(["rules.0.status", "rules.1.kind"])
    expect((await admin("DELETE", "/faults")).status).toBe(204)
    expect((await api(sandbox, "GET", "/checkout_sessions/x")).status).toBe(404)
    await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession)
    expect((await admin("POST", "/reset")).status).toBe(204)
    expect((await read(await api(sandbox, "GET", "/checkout_sessions"))).pagination.total).toBe(0)
    expect((await admin("PATCH", "/faults")).status).toBe(405)

    const closed = await start()
    expect((await fetch(`${closed.origin}/__admin/faults`)).status).toBe(404)
  })

  it("validates rules given in code", () => {
    const sandbox = createSandboxHandler()
    expect(() => sandbox.setFaults([{ kind: "latency" } as FaultRule])).toThrow(FaultSpecError)
    expect(() => sandbox.setFaults([{ kind: "reset", probability: 2 }])).toThrow(/probability/)
    expect(() => sandbox.setFaults([{ kind: "reset", operation: "nope" as "*" }])).toThrow(/operation/)
    expect(() =>
      sandbox.setFaults(OPERATIONS.map((operation) => ({ operation, kind: "reset", next: 1 }))),
    ).not.toThrow()
  })
})

describe("the fetch handler in process", () => {
  it("serves requests and turns resets into a TypeError", async () => {
    const handler = createSandboxHandler({
      faults: [{ operation: "delete_checkout_session", kind: "reset", next: 1 }],
    })
    const base = "http://sandbox.test/v1"
    const headers = { "x-api-key": handler.apiKey, "content-type": "application/json" }
    const created = await handler.fetch(
      new Request(`${base}/checkout_sessions`, {
        method: "POST",
        headers,
        body: JSON.stringify(EXAMPLES.createSession),
      }),
    )
    expect(created.status).toBe(201)
    const session = await created.json()
    expect(session.url).toBe(`http://sandbox.test/checkout/${session.checkout_session_id}`)
    const remove = () =>
      handler.fetch(
        new Request(`${base}/checkout_sessions/${session.checkout_session_id}`, {
          method: "DELETE",
          headers,
        }),
      )
    await expect(remove()).rejects.toBeInstanceOf(TypeError)
    expect((await remove()).status).toBe(204)

    handler.setFaults([{ operation: "list_checkout_sessions", kind: "truncated_body", next: 1 }])
    const truncated = await handler.fetch(new Request(`${base}/checkout_sessions`, { headers }))
    expect(truncated.status).toBe(200)
    await expect(truncated.text()).rejects.toBeInstanceOf(TypeError)
    const whole = await handler.fetch(new Request(`${base}/checkout_sessions`, { headers }))
    expect(await whole.json()).toEqual({ data: [], pagination: { limit: 20, offset: 0, total: 0 } })
    await handler.close()
  })
})
