import { describe, expect, it } from "vitest"
import { SANDBOX_DEFAULT_KEY } from "../src/index.js"
import { api, EXAMPLES, read, readError, start } from "./helpers.js"

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe("checkout sessions", () => {
  it("creates from the reference example, then retrieves, lists, updates and deletes", async () => {
    const sandbox = await start()
    expect(sandbox.url).toBe(`${sandbox.origin}/v1`)
    expect(sandbox.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(sandbox.apiKey).toBe(SANDBOX_DEFAULT_KEY)

    const created = await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession)
    expect(created.status).toBe(201)
    expect(created.headers.get("x-request-id")).toMatch(UUID)
    const session = await read(created)
    expect(session).toMatchObject({ ...EXAMPLES.createSession, status: "open", environment: "test" })
    expect(session.checkout_session_id).toMatch(UUID)
    expect(session.url).toBe(`${sandbox.origin}/checkout/${session.checkout_session_id}`)
    expect(new Date(session.created_at).toISOString()).toBe(session.created_at)
    expect(Date.parse(session.expires_at) - Date.parse(session.created_at)).toBe(60 * 60 * 1000)
    // Unset optional fields are omitted, never null.
    expect(Object.values(session)).not.toContain(null)
    expect(session).not.toHaveProperty("title")

    const retrieved = await api(sandbox, "GET", `/checkout_sessions/${session.checkout_session_id}`)
    expect(retrieved.status).toBe(200)
    expect(await read(retrieved)).toEqual(session)

    const list = await read(await api(sandbox, "GET", "/checkout_sessions"))
    expect(list).toEqual({ data: [session], pagination: { limit: 20, offset: 0, total: 1 } })

    const updated = await api(
      sandbox,
      "PATCH",
      `/checkout_sessions/${session.checkout_session_id}`,
      EXAMPLES.updateSession,
    )
    expect(updated.status).toBe(200)
    const after = await read(updated)
    expect(after).toEqual({
      ...session,
      metadata: EXAMPLES.updateSession.metadata,
      updated_at: after.updated_at,
    })
    expect(after.updated_at >= session.updated_at).toBe(true)

    const deleted = await api(sandbox, "DELETE", `/checkout_sessions/${session.checkout_session_id}`)
    expect(deleted.status).toBe(204)
    expect(await deleted.text()).toBe("")
    expect(deleted.headers.get("x-request-id")).toMatch(UUID)
    const gone = await api(sandbox, "GET", `/checkout_sessions/${session.checkout_session_id}`)
    expect(gone.status).toBe(404)
    expect((await readError(gone)).code).toBe("NOT_FOUND")
    const again = await api(sandbox, "DELETE", `/checkout_sessions/${session.checkout_session_id}`)
    expect(again.status).toBe(404)
    expect((await readError(again)).code).toBe("NOT_FOUND")
  })

  it("PATCH replaces only the given top-level fields, metadata included", async () => {
    const sandbox = await start()
    const session = await read(
      await api(sandbox, "POST", "/checkout_sessions", {
        amount: 100,
        currency_code: "EUR",
        title: "Old",
        metadata: { a: 1, b: 2 },
      }),
    )
    const patched = await read(
      await api(sandbox, "PATCH", `/checkout_sessions/${session.checkout_session_id}`, {
        metadata: { c: 3 },
        amount: 250,
      }),
    )
    expect(patched).toMatchObject({ title: "Old", currency_code: "EUR", amount: 250, metadata: { c: 3 } })
    expect(patched.metadata).toEqual({ c: 3 })
  })

  it("refuses an empty PATCH, an id change and unknown ids", async () => {
    const sandbox = await start()
    const { checkout_session_id: id } = await read(
      await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession),
    )
    const empty = await api(sandbox, "PATCH", `/checkout_sessions/${id}`, {})
    expect(empty.status).toBe(400)
    expect((await readError(empty)).code).toBe("INVALID_REQUEST")
    const change = await api(sandbox, "PATCH", `/checkout_sessions/${id}`, {
      checkout_session_id: "00000000-0000-4000-8000-000000000000",
    })
    expect(change.status).toBe(400)
    expect((await readError(change)).details.issues).toEqual([
      { path: ["checkout_session_id"], message: expect.any(String) },
    ])
    const missing = await api(sandbox, "PATCH", "/checkout_sessions/nope", { title: "x" })
    expect(missing.status).toBe(404)
  })

  it("lists every bad field with its path, unknown fields included", async () => {
    const sandbox = await start()
    const response = await api(sandbox, "POST", "/checkout_sessions", {
      amount: 0,
      currency_code: "GBP",
      success_url: "ftp://example.com",
      cancel_url: "/relative",
      customer_email: "not-an-email",
      quantity: 1.5,
      metadata: [1],
      expires_at: "2030-02-30T00:00:00Z",
      is_pos: "yes",
      product_id: "",
      colour: "blue",
    })
    expect(response.status).toBe(400)
    const error = await readError(response)
    expect(error.code).toBe("INVALID_REQUEST")
    const paths = error.details.issues.map((issue: { path: string[] }) => issue.path.join("."))
    expect(paths.sort()).toEqual(
      [
        "amount",
        "currency_code",
        "success_url",
        "cancel_url",
        "customer_email",
        "quantity",
        "metadata",
        "expires_at",
        "is_pos",
        "product_id",
        "colour",
      ].sort(),
    )
    expect(error.details.issues.find((i: { path: string[] }) => i.path[0] === "colour").message).toContain(
      "colour",
    )
    const required = await readError(await api(sandbox, "POST", "/checkout_sessions", {}))
    expect(required.details.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual([
      "amount",
      "currency_code",
    ])
  })

  it("reads an open session as expired once expires_at has passed", async () => {
    let clock = Date.parse("2030-01-01T00:00:00Z")
    const sandbox = await start({ now: () => clock })
    const session = await read(await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession))
    expect(session.expires_at).toBe("2030-01-01T01:00:00.000Z")
    clock += 60 * 60 * 1000 - 1
    expect(
      (await read(await api(sandbox, "GET", `/checkout_sessions/${session.checkout_session_id}`))).status,
    ).toBe("open")
    clock += 1
    expect(
      (await read(await api(sandbox, "GET", `/checkout_sessions/${session.checkout_session_id}`))).status,
    ).toBe("expired")
    const listed = await read(await api(sandbox, "GET", "/checkout_sessions"))
    expect(listed.data[0].status).toBe("expired")
    const short = await read(
      await api(sandbox, "POST", "/checkout_sessions", {
        ...EXAMPLES.createSession,
        expires_at: "2030-01-01T01:00:05+00:00",
      }),
    )
    expect(short.expires_at).toBe("2030-01-01T01:00:05.000Z")
    expect(short.status).toBe("open")
    clock += 5000
    expect(
      (await read(await api(sandbox, "GET", `/checkout_sessions/${short.checkout_session_id}`))).status,
    ).toBe("expired")
  })

  it("accepts a client-chosen UUID and answers 409 when it is taken", async () => {
    const sandbox = await start()
    const id = "6f1c1f8e-9d2a-4c1b-8f5e-2a9c1d3e4f50"
    const first = await api(sandbox, "POST", "/checkout_sessions", {
      ...EXAMPLES.createSession,
      checkout_session_id: id,
    })
    expect(first.status).toBe(201)
    expect((await read(first)).checkout_session_id).toBe(id)
    const second = await api(sandbox, "POST", "/checkout_sessions", {
      ...EXAMPLES.createSession,
      checkout_session_id: id,
    })
    expect(second.status).toBe(409)
    expect((await readError(second)).code).toBe("CONFLICT")
  })
})

describe("payment links", () => {
  it("creates from the reference example and keeps description and public_description coherent", async () => {
    const sandbox = await start()
    const created = await api(sandbox, "POST", "/payment_links", EXAMPLES.createLink)
    expect(created.status).toBe(201)
    const link = await read(created)
    expect(link).toMatchObject({
      ...EXAMPLES.createLink,
      public_description: EXAMPLES.createLink.description,
      is_active: true,
    })
    expect(link.link_id).toMatch(UUID)
    expect(link.url).toBe(`${sandbox.origin}/pay/${link.link_id}`)

    const updated = await read(
      await api(sandbox, "PATCH", `/payment_links/${link.link_id}`, {
        public_description: "Renamed",
        is_active: false,
      }),
    )
    expect(updated).toMatchObject({ description: "Renamed", public_description: "Renamed", is_active: false })
    const patched = await read(
      await api(sandbox, "PATCH", `/payment_links/${link.link_id}`, EXAMPLES.updateLink),
    )
    expect(patched).toMatchObject({ metadata: EXAMPLES.updateLink.metadata, title: "Premium Membership" })

    expect((await read(await api(sandbox, "GET", `/payment_links/${link.link_id}`))).description).toBe(
      "Renamed",
    )
    const list = await read(await api(sandbox, "GET", "/payment_links?limit=5"))
    expect(list.pagination).toEqual({ limit: 5, offset: 0, total: 1 })
    expect((await api(sandbox, "DELETE", `/payment_links/${link.link_id}`)).status).toBe(204)
    expect((await api(sandbox, "GET", `/payment_links/${link.link_id}`)).status).toBe(404)
    expect((await api(sandbox, "DELETE", `/payment_links/${link.link_id}`)).status).toBe(404)
  })

  it("needs title, currency and amount unless link_type is product", async () => {
    const sandbox = await start()
    const bad = await readError(await api(sandbox, "POST", "/payment_links", { link_type: "instant" }))
    expect(bad.details.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual([
      "amount",
      "currency_code",
      "title",
    ])
    const product = await api(sandbox, "POST", "/payment_links", {
      link_type: "product",
      product_id: "prod_1",
    })
    expect(product.status).toBe(201)
    const link = await read(product)
    expect(link).not.toHaveProperty("amount")
    expect(link).not.toHaveProperty("currency_code")
    const conflicting = await readError(
      await api(sandbox, "POST", "/payment_links", { ...EXAMPLES.createLink, public_description: "other" }),
    )
    expect(conflicting.details.issues).toEqual([{ path: ["description"], message: expect.any(String) }])
  })
})

describe("protocol errors", () => {
  it("answers 401 without a key or with a wrong one, before anything else", async () => {
    const sandbox = await start()
    for (const headers of [{}, { "x-api-key": "lomi_sk_test_wrong" }]) {
      const response = await fetch(`${sandbox.url}/checkout_sessions`, { headers })
      expect(response.status).toBe(401)
      expect(response.headers.get("x-request-id")).toMatch(UUID)
      expect((await readError(response)).code).toBe("UNAUTHORIZED")
    }
  })

  it("answers 404 and 405 envelopes for unknown routes and methods", async () => {
    const sandbox = await start()
    const cases: Array<[string, string, number, string]> = [
      ["GET", "/v1/nothing", 404, "NOT_FOUND"],
      ["GET", "/v1/checkout-sessions", 404, "NOT_FOUND"],
      ["GET", "/v1/checkout_sessions/a/b", 404, "NOT_FOUND"],
      ["GET", "/v1/checkout_sessions/", 404, "NOT_FOUND"],
      ["GET", "/v1/checkout_sessions/%E0%A4%A", 404, "NOT_FOUND"],
      ["PUT", "/v1/checkout_sessions", 405, "METHOD_NOT_ALLOWED"],
      ["POST", "/v1/payment_links/x", 405, "METHOD_NOT_ALLOWED"],
      ["DELETE", "/v1/payment_links", 405, "METHOD_NOT_ALLOWED"],
    ]
    for (const [method, path, status, code] of cases) {
      const response = await fetch(`${sandbox.origin}${path}`, {
        method,
        headers: { "x-api-key": sandbox.apiKey },
      })
      expect([method, path, response.status]).toEqual([method, path, status])
      expect((await readError(response)).code).toBe(code)
    }
    const allowed = await fetch(`${sandbox.url}/payment_links/x`, {
      method: "PUT",
      headers: { "x-api-key": sandbox.apiKey },
    })
    expect(allowed.headers.get("allow")).toBe("GET, PATCH, DELETE")
  })

  it("refuses malformed JSON, a wrong content type, a missing body and non-object bodies with 400", async () => {
    const sandbox = await start()
    const send = (body: string, type?: string) =>
      fetch(`${sandbox.url}/checkout_sessions`, {
        method: "POST",
        headers: { "x-api-key": sandbox.apiKey, ...(type === undefined ? {} : { "content-type": type }) },
        body,
      })
    for (const [body, type] of [
      ['{"amount":', "application/json"],
      ["{}", "text/plain"],
      ["amount=1", "application/x-www-form-urlencoded"],
      ["", "application/json"],
      ["[]", "application/json"],
      ["null", "application/json"],
      ['"text"', "application/json"],
      ['{"amount":1}', undefined],
    ] as const) {
      const response = await send(body, type)
      expect([body, type, response.status]).toEqual([body, type, 400])
      expect((await readError(response)).code).toBe("INVALID_REQUEST")
    }
    expect(
      (await send(JSON.stringify(EXAMPLES.createSession), "application/json; charset=utf-8")).status,
    ).toBe(201)
  })

  it("answers 413 for a body over the limit and keeps serving", async () => {
    const sandbox = await start({ maxBodyBytes: 1000 })
    const big = { ...EXAMPLES.createSession, metadata: { blob: "x".repeat(2000) } }
    const response = await api(sandbox, "POST", "/checkout_sessions", big)
    expect(response.status).toBe(413)
    expect((await readError(response)).code).toBe("PAYLOAD_TOO_LARGE")
    expect((await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession)).status).toBe(201)
  })

  it("rate limits per key with a token bucket and Retry-After", async () => {
    let clock = 1_000_000
    const sandbox = await start({ rateLimit: { requestsPerSecond: 2, burst: 3 }, now: () => clock })
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await api(sandbox, "GET", "/checkout_sessions")).status)
    expect(statuses).toEqual([200, 200, 200, 429])
    const limited = await api(sandbox, "GET", "/checkout_sessions")
    expect(limited.status).toBe(429)
    expect(limited.headers.get("retry-after")).toBe("1")
    expect((await readError(limited)).code).toBe("RATE_LIMITED")
    clock += 500
    expect((await api(sandbox, "GET", "/checkout_sessions")).status).toBe(200)
  })
})

describe("isolation and the request log", () => {
  it("keeps each key's data apart", async () => {
    const keyA = "lomi_sk_test_aaaa"
    const keyB = "lomi_sk_test_bbbb"
    const sandbox = await start({ apiKeys: [keyA, keyB] })
    expect(sandbox.apiKey).toBe(keyA)
    const session = await read(await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession))
    const link = await read(await api(sandbox, "POST", "/payment_links", EXAMPLES.createLink))
    const asB = { "x-api-key": keyB }
    expect(
      (await api(sandbox, "GET", `/checkout_sessions/${session.checkout_session_id}`, undefined, asB)).status,
    ).toBe(404)
    expect((await api(sandbox, "PATCH", `/payment_links/${link.link_id}`, { title: "x" }, asB)).status).toBe(
      404,
    )
    expect((await api(sandbox, "DELETE", `/payment_links/${link.link_id}`, undefined, asB)).status).toBe(404)
    expect(
      (await read(await api(sandbox, "GET", "/checkout_sessions", undefined, asB))).pagination.total,
    ).toBe(0)
    expect((await read(await api(sandbox, "GET", "/checkout_sessions"))).pagination.total).toBe(1)
    expect((await api(sandbox, "GET", `/payment_links/${link.link_id}`)).status).toBe(200)
  })

  it("logs every request without keys, and can be cleared", async () => {
    const sandbox = await start()
    await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession, { "idempotency-key": "k-1" })
    await api(sandbox, "GET", "/checkout_sessions?limit=2")
    await fetch(`${sandbox.url}/payment_links`)
    const log = sandbox.requests()
    expect(
      log.map(({ method, path, query, operation, status }) => ({ method, path, query, operation, status })),
    ).toEqual([
      {
        method: "POST",
        path: "/v1/checkout_sessions",
        query: "",
        operation: "create_checkout_session",
        status: 201,
      },
      {
        method: "GET",
        path: "/v1/checkout_sessions",
        query: "?limit=2",
        operation: "list_checkout_sessions",
        status: 200,
      },
      { method: "GET", path: "/v1/payment_links", query: "", operation: undefined, status: 401 },
    ])
    expect(log[0]?.idempotencyKey).toBe("k-1")
    expect(JSON.stringify(log)).not.toContain(sandbox.apiKey)
    sandbox.clearRequests()
    expect(sandbox.requests()).toEqual([])
  })

  it("reset() empties the store", async () => {
    const sandbox = await start()
    await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession)
    await sandbox.reset()
    expect((await read(await api(sandbox, "GET", "/checkout_sessions"))).pagination.total).toBe(0)
  })
})

describe("hosted pages", () => {
  it("serves the checkout page and completes the session", async () => {
    const sandbox = await start()
    const session = await read(
      await api(sandbox, "POST", "/checkout_sessions", { ...EXAMPLES.createSession, title: "<b>Shoes</b>" }),
    )
    const page = await fetch(session.url)
    expect(page.status).toBe(200)
    expect(page.headers.get("content-type")).toContain("text/html")
    const text = await page.text()
    expect(text).toContain("15 000 XOF")
    expect(text).toContain("&lt;b&gt;Shoes&lt;/b&gt;")
    const paid = await fetch(`${session.url}/complete`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "outcome=succeeded",
      redirect: "manual",
    })
    expect(paid.status).toBe(303)
    expect(paid.headers.get("location")).toBe(EXAMPLES.createSession.success_url)
    expect(
      (await read(await api(sandbox, "GET", `/checkout_sessions/${session.checkout_session_id}`))).status,
    ).toBe("completed")
    const twice = await fetch(`${session.url}/complete`, { method: "POST", body: "outcome=succeeded" })
    const unicode = await read(
      await api(sandbox, "POST", "/checkout_sessions", {
        ...EXAMPLES.createSession,
        cancel_url: "https://example.com/annulé",
      }),
    )
    const canceled = await fetch(`${unicode.url}/complete`, {
      method: "POST",
      body: "outcome=canceled",
      redirect: "manual",
    })
    expect(canceled.status).toBe(303)
    expect(canceled.headers.get("location")).toBe("https://example.com/annul%C3%A9")
    expect(twice.status).toBe(409)
    expect((await fetch(`${sandbox.origin}/checkout/unknown`)).status).toBe(404)
  })

  it("serves a payment link page that opens a checkout session", async () => {
    const sandbox = await start()
    const link = await read(await api(sandbox, "POST", "/payment_links", EXAMPLES.createLink))
    const page = await fetch(link.url)
    expect(await page.text()).toContain("Premium Membership")
    const opened = await fetch(link.url, { method: "POST", redirect: "manual" })
    expect(opened.status).toBe(303)
    const list = await read(await api(sandbox, "GET", "/checkout_sessions"))
    expect(list.data).toHaveLength(1)
    expect(list.data[0]).toMatchObject({ payment_link_id: link.link_id, amount: 50000, status: "open" })
    expect(opened.headers.get("location")).toBe(`/checkout/${list.data[0].checkout_session_id}`)
  })
})
