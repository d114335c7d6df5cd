import { describe, expect, it } from "vitest"
import type { Sandbox } from "../src/index.js"
import { api, read, readError, seeded, start } from "./helpers.js"

// Today's routes, at the origin without `/v1`, as lomi.'s public source (obled225/lomi. at cb3deed9)
// answers them. Expected values are written from that source, not from the sandbox's code.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** A fetch against today's routes, with the key in `X-API-KEY` unless `headers` says otherwise. */
const today = (
  sandbox: Sandbox,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = { "x-api-key": sandbox.apiKey },
): Promise<Response> =>
  fetch(`${sandbox.origin}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  })

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  409: "Conflict",
  413: "Payload Too Large",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
}

/** Reads a NestJS error body, checking it has exactly Nest's three fields and agrees with the status. */
const readNest = async (response: Response): Promise<{ message: string | string[] }> => {
  const body = await read(response)
  expect(Object.keys(body).sort()).toEqual(["error", "message", "statusCode"])
  expect(body.statusCode).toBe(response.status)
  expect(body.error).toBe(REASONS[response.status])
  const { message } = body
  expect(
    typeof message === "string" || (Array.isArray(message) && message.every((m) => typeof m === "string")),
  ).toBe(true)
  return body
}

const SESSION = { amount: 2500, currency_code: "EUR", description: "Two coffees" }
const LINK = { link_type: "instant", title: "Tip jar", currency_code: "XOF", amount: 1000 }

describe("today's routes: operations and bodies", () => {
  it("creates (201), lists as a bare array (200) and retrieves (200) checkout sessions", async () => {
    const sandbox = await start()
    const created = await today(sandbox, "POST", "/checkout-sessions", {
      ...SESSION,
      require_billing_address: true,
      customer_city: "Dakar",
      customer_country: "SN",
      customer_address: "1 rue Carnot",
      customer_postal_code: "10200",
    })
    expect(created.status).toBe(201)
    expect(created.headers.get("x-request-id")).toMatch(UUID)
    const session = await read(created)
    expect(session).toMatchObject({
      ...SESSION,
      require_billing_address: true,
      customer_city: "Dakar",
      customer_country: "SN",
      customer_address: "1 rue Carnot",
      customer_postal_code: "10200",
      status: "open",
      environment: "test",
      // What checkout-sessions.service.ts sends when the body leaves them out.
      allow_coupon_code: false,
      allow_quantity: false,
      quantity: 1,
    })
    expect(session.checkout_session_id).toMatch(UUID)
    expect(session.checkout_url).toBe(`${sandbox.origin}/checkout/${session.checkout_session_id}`)
    // The response DTO has neither `url` nor `public_description`.
    expect(session).not.toHaveProperty("url")
    expect(session).not.toHaveProperty("public_description")
    expect((await fetch(session.checkout_url)).status).toBe(200)

    const retrieved = await today(sandbox, "GET", `/checkout-sessions/${session.checkout_session_id}`)
    expect(retrieved.status).toBe(200)
    expect(await read(retrieved)).toEqual(session)
    const listed = await today(sandbox, "GET", "/checkout-sessions")
    expect(listed.status).toBe(200)
    expect(await read(listed)).toEqual([session])
  })

  it("creates (201), lists as {data,total,limit,offset} (200) and retrieves (200) payment links", async () => {
    const sandbox = await start()
    const created = await today(sandbox, "POST", "/payment-links", { ...LINK, description: "Thanks" })
    expect(created.status).toBe(201)
    const link = await read(created)
    expect(link).toMatchObject({
      ...LINK,
      description: "Thanks",
      is_active: true,
      // payment-links.service.ts defaults.
      allow_coupon_code: false,
      allow_quantity: false,
      require_billing_address: true,
    })
    expect(link.url).toBe(`${sandbox.origin}/pay/${link.link_id}`)
    expect(link).not.toHaveProperty("public_description")
    expect(await read(await today(sandbox, "GET", `/payment-links/${link.link_id}`))).toEqual(link)
    expect(await read(await today(sandbox, "GET", "/payment-links"))).toEqual({
      data: [link],
      total: 1,
      limit: 20,
      offset: 0,
    })

    const product = await today(sandbox, "POST", "/payment-links", {
      link_type: "product",
      title: "Mug",
      currency_code: "USD",
      product_id: "prod_1234567890abcdef",
    })
    expect(product.status).toBe(201)
    expect(await read(product)).toMatchObject({ link_type: "product", product_id: "prod_1234567890abcdef" })
  })

  it("routes as Express does: case-insensitive, one trailing slash", async () => {
    const sandbox = await start()
    const session = await read(await today(sandbox, "POST", "/Checkout-Sessions/", SESSION))
    expect((await today(sandbox, "GET", "/checkout-sessions/")).status).toBe(200)
    expect((await today(sandbox, "GET", `/CHECKOUT-SESSIONS/${session.checkout_session_id}/`)).status).toBe(
      200,
    )
    expect((await today(sandbox, "GET", "/payment-links/")).status).toBe(200)
  })

  it("accepts every field of today's create DTOs and answers them back", async () => {
    const sandbox = await start()
    const sessionBody = {
      amount: 15000,
      currency_code: "XOF",
      title: "Order 42",
      description: "Line\nbreaks kept",
      customer_id: "cus_1",
      customer_email: "awa@example.com",
      customer_name: "Awa",
      customer_phone: "+221770000000",
      customer_city: "Dakar",
      customer_country: "SN",
      customer_address: "1 rue Carnot",
      customer_postal_code: "10200",
      product_id: "prod_1",
      price_id: "price_1",
      subscription_id: "sub_1",
      allow_quantity: true,
      quantity: 3,
      success_url: "https://shop.example/ok",
      cancel_url: "https://shop.example/cancel",
      allow_coupon_code: true,
      require_billing_address: true,
      payment_link_id: "link_1",
      metadata: { order: 42, tags: ["a"] },
    }
    const session = await today(sandbox, "POST", "/checkout-sessions", sessionBody)
    expect(session.status).toBe(201)
    expect(await read(session)).toMatchObject(sessionBody)
    const linkBody = {
      link_type: "product",
      title: "Mug",
      currency_code: "EUR",
      description: "A mug",
      product_id: "prod_1",
      price_id: "price_1",
      allow_coupon_code: true,
      allow_quantity: true,
      require_billing_address: false,
      expires_at: "2031-01-01T00:00:00.000Z",
      success_url: "https://shop.example/ok",
      cancel_url: "https://shop.example/cancel",
      metadata: { sku: "M-1" },
    }
    const link = await today(sandbox, "POST", "/payment-links", linkBody)
    expect(link.status).toBe(201)
    expect(await read(link)).toMatchObject(linkBody)
  })
})

describe("today's routes: pagination and filters", () => {
  /** Expected newest-first order, ties by id descending: written here, independently of the sandbox. */
  const newestFirst = (items: any[], idField: string): any[] =>
    [...items].sort((a, b) =>
      a.created_at !== b.created_at
        ? a.created_at < b.created_at
          ? 1
          : -1
        : a[idField] < b[idField]
          ? 1
          : a[idField] > b[idField]
            ? -1
            : 0,
    )

  for (const seed of [3, 1009]) {
    it(`pages through sessions and links with no skip and no repeat, ending on a short page (seed ${seed})`, async () => {
      const random = seeded(seed)
      let clock = Date.UTC(2030, 0, 1)
      // The clock moves by 0 or 1 ms per create, so many items share a created_at (ties broken by id).
      const sandbox = await start({ now: () => clock })
      const sessions: any[] = []
      const links: any[] = []
      const count = random.int(25, 45)
      for (let i = 0; i < count; i++) {
        clock += random.int(0, 1)
        sessions.push(
          await read(await today(sandbox, "POST", "/checkout-sessions", { ...SESSION, amount: i + 1 })),
        )
        const instant = random.chance(0.5)
        const body = instant
          ? { ...LINK, title: `Link ${i}` }
          : { link_type: "product", title: `Link ${i}`, currency_code: "EUR", product_id: `prod_${i}` }
        links.push(await read(await today(sandbox, "POST", "/payment-links", body)))
      }
      const limit = random.int(3, 9)
      const expectedSessions = newestFirst(sessions, "checkout_session_id")
      const expectedLinks = newestFirst(links, "link_id")

      const sessionPages: any[][] = []
      for (let offset = 0; ; offset += limit) {
        const page = await read(
          await today(sandbox, "GET", `/checkout-sessions?limit=${limit}&offset=${offset}`),
        )
        expect(Array.isArray(page)).toBe(true)
        sessionPages.push(page)
        if (page.length < limit) break
      }
      expect(sessionPages.flat()).toEqual(expectedSessions)
      expect(sessionPages.slice(0, -1).every((page) => page.length === limit)).toBe(true)

      const linkPages: any[] = []
      for (let offset = 0; ; offset += limit) {
        const page = await read(await today(sandbox, "GET", `/payment-links?offset=${offset}&limit=${limit}`))
        // `total` is the length of this page (payment-links.service.ts), not of the whole list.
        expect(page).toEqual({ data: page.data, total: page.data.length, limit, offset })
        linkPages.push(page.data)
        if (page.data.length < limit) break
      }
      expect(linkPages.flat()).toEqual(expectedLinks)

      // Filtered pages concatenate to the filtered list, in the same order.
      for (const linkType of ["product", "instant"]) {
        const filtered: any[] = []
        for (let offset = 0; ; offset += limit) {
          const page = await read(
            await today(
              sandbox,
              "GET",
              `/payment-links?linkType=${linkType}&limit=${limit}&offset=${offset}`,
            ),
          )
          filtered.push(...page.data)
          if (page.data.length < limit) break
        }
        expect(filtered).toEqual(expectedLinks.filter((link) => link.link_type === linkType))
      }
      // Past the end: an empty page.
      expect(await read(await today(sandbox, "GET", `/checkout-sessions?offset=${count}`))).toEqual([])
      expect(await read(await today(sandbox, "GET", `/payment-links?offset=${count}`))).toEqual({
        data: [],
        total: 0,
        limit: 20,
        offset: count,
      })
    })
  }

  it("filters sessions by status, expiry read at request time", async () => {
    let clock = Date.UTC(2030, 0, 1)
    const sandbox = await start({ now: () => clock })
    const early = await read(await today(sandbox, "POST", "/checkout-sessions", SESSION))
    clock += 30 * 60 * 1000
    const paid = await read(await today(sandbox, "POST", "/checkout-sessions", SESSION))
    const late = await read(await today(sandbox, "POST", "/checkout-sessions", SESSION))
    await sandbox.completeCheckout(paid.checkout_session_id, "succeeded")
    const ids = async (query: string) =>
      ((await read(await today(sandbox, "GET", `/checkout-sessions${query}`))) as any[]).map(
        (session) => session.checkout_session_id,
      )
    expect(await ids("?status=open")).toEqual([late.checkout_session_id, early.checkout_session_id])
    expect(await ids("?status=completed")).toEqual([paid.checkout_session_id])
    expect(await ids("?status=expired")).toEqual([])
    // 31 minutes on, the first session is past its 60 minutes; the others are not.
    clock += 31 * 60 * 1000
    expect(await ids("?status=expired")).toEqual([early.checkout_session_id])
    expect(await ids("?status=open")).toEqual([late.checkout_session_id])
    const [expired] = await read(await today(sandbox, "GET", "/checkout-sessions?status=expired"))
    expect(expired.status).toBe("expired")
    // Production reads an empty value as no filter; the sandbox (and the SDK) refuse it as a likely bug.
    const empty = await today(sandbox, "GET", "/checkout-sessions?status=")
    expect([empty.status, (await read(empty)).message]).toEqual([
      400,
      ["status must not be empty (leave the parameter out for no filter)"],
    ])
    expect((await ids("?status=open&limit=1&offset=1")).length).toBe(0)
  })

  it("filters links by isActive, including links made inactive through /v1", async () => {
    const sandbox = await start()
    const active = await read(await today(sandbox, "POST", "/payment-links", LINK))
    const inactive = await read(await today(sandbox, "POST", "/payment-links", { ...LINK, title: "Old" }))
    expect(
      (await api(sandbox, "PATCH", `/payment_links/${inactive.link_id}`, { is_active: false })).status,
    ).toBe(200)
    const ids = async (query: string) =>
      (await read(await today(sandbox, "GET", `/payment-links${query}`))).data.map(
        (link: any) => link.link_id,
      )
    expect(await ids("?isActive=true")).toEqual([active.link_id])
    expect(await ids("?isActive=false")).toEqual([inactive.link_id])
    expect(await ids("?isActive=false&linkType=product")).toEqual([])
    expect(await ids("?isActive=false&linkType=instant")).toEqual([inactive.link_id])
    expect((await today(sandbox, "GET", "/payment-links?isActive=")).status).toBe(400)
  })
})

describe("today's routes: NestJS errors", () => {
  it("answers Nest's 404 for unknown routes, PATCH and DELETE included, with the method and path received", async () => {
    const sandbox = await start()
    const session = await read(await today(sandbox, "POST", "/checkout-sessions", SESSION))
    const id = session.checkout_session_id
    const cases: Array<[string, string]> = [
      ["PATCH", `/checkout-sessions/${id}`],
      ["DELETE", `/checkout-sessions/${id}`],
      ["PATCH", "/payment-links/abc"],
      ["DELETE", "/payment-links/abc"],
      ["PUT", "/checkout-sessions"],
      ["DELETE", "/payment-links"],
      ["POST", `/checkout-sessions/${id}`],
      ["GET", "/checkout-sessions/a/b"],
      ["GET", "/checkout_sessions"],
      ["GET", "/"],
      ["GET", "/nothing?x=1"],
    ]
    for (const [method, path] of cases) {
      const response = await today(sandbox, method, path, method === "PATCH" ? { title: "x" } : undefined)
      expect([method, path, response.status]).toEqual([method, path, 404])
      // Nest (on Express) names the request's original URL, query string included.
      expect((await readNest(response)).message).toBe(`Cannot ${method} ${path}`)
    }
    // Nothing was changed by the refused PATCH and DELETE.
    expect(await read(await today(sandbox, "GET", `/checkout-sessions/${id}`))).toEqual(session)
  })

  it("answers 404 for an unknown id with the message of lomi.'s services", async () => {
    const sandbox = await start()
    const missing = "00000000-0000-4000-8000-000000000000"
    const session = await today(sandbox, "GET", `/checkout-sessions/${missing}`)
    expect(session.status).toBe(404)
    expect((await readNest(session)).message).toBe(
      `Checkout session with ID ${missing} not found or access denied`,
    )
    const link = await today(sandbox, "GET", "/payment-links/not-a-uuid")
    expect(link.status).toBe(404)
    expect((await readNest(link)).message).toBe("Payment link with ID not-a-uuid not found or access denied")
  })

  it("answers ParseIntPipe's 400 for non-numeric limit or offset, and lists the other bad parameters", async () => {
    const sandbox = await start()
    for (const query of [
      "limit=abc",
      "offset=1.5",
      "limit=",
      "limit=1e2",
      "limit=1&limit=2",
      "offset=%2010",
    ]) {
      for (const path of ["/checkout-sessions", "/payment-links"]) {
        const response = await today(sandbox, "GET", `${path}?${query}`)
        expect([query, response.status]).toEqual([query, 400])
        expect((await readNest(response)).message).toBe("Validation failed (numeric string is expected)")
      }
    }
    const bounds = await today(
      sandbox,
      "GET",
      "/checkout-sessions?limit=0&offset=-1&status=complete&sort=created_at",
    )
    expect(bounds.status).toBe(400)
    const { message } = await readNest(bounds)
    expect(message).toEqual([
      "limit must not be less than 1",
      "offset must not be less than 0",
      "property sort should not exist",
      expect.stringMatching(/^status must be one of the following values: open, completed, expired/),
    ])
    const links = await today(
      sandbox,
      "GET",
      "/payment-links?limit=101&offset=9007199254740992&linkType=subscription&isActive=yes&status=open",
    )
    expect((await readNest(links)).message).toEqual([
      "limit must not be greater than 100",
      "offset must not be greater than 9007199254740991",
      "property status should not exist",
      "linkType must be one of the following values: product, instant",
      "isActive must be true or false",
    ])
    // The bounds themselves are fine.
    expect((await today(sandbox, "GET", "/checkout-sessions?limit=100&offset=9007199254740991")).status).toBe(
      200,
    )
    expect((await today(sandbox, "GET", "/payment-links?limit=1&offset=0")).status).toBe(200)
  })

  it("answers 400 with one sentence per bad field of a create, as a ValidationPipe would", async () => {
    const sandbox = await start()
    const cases: Array<[string, unknown, string[]]> = [
      ["/checkout-sessions", {}, ["currency_code is required", expect.stringMatching(/^amount is required/)]],
      [
        "/checkout-sessions",
        { amount: "1", currency_code: "GBP", public_description: "x", success_url: "/ok", line_items: [] },
        [
          "amount must be a number (got a string)",
          expect.stringMatching(/^currency_code: GBP is not supported: .*XOF, USD, EUR.*500/),
          "property public_description should not exist",
          "success_url must be an absolute http(s) URL",
          expect.stringMatching(/^line_items is not supported by the sandbox: .*product catalogue/),
        ],
      ],
      [
        "/checkout-sessions",
        { ...SESSION, expires_at: "2031-01-01T00:00:00Z", checkout_session_id: "x" },
        ["property expires_at should not exist", "property checkout_session_id should not exist"],
      ],
      [
        "/payment-links",
        { amount: 5 },
        ["link_type is required", "title is required", "currency_code is required"],
      ],
      [
        "/payment-links",
        { ...LINK, link_type: "subscription", metadata: [] },
        [
          "link_type must be one of the following values: product, instant",
          "metadata must be a JSON object (got an array)",
        ],
      ],
      [
        "/payment-links",
        { link_type: "instant", title: "T", currency_code: "EUR", product_id: "prod_1" },
        ["amount is required for instant links", "product_id is not allowed for instant links"],
      ],
      [
        "/payment-links",
        { link_type: "product", title: "T", currency_code: "EUR", amount: 5 },
        ["product_id is required for product links", "amount is not allowed for product links"],
      ],
      ["/payment-links", [LINK], ["request body must be a JSON object (got an array)"]],
    ]
    for (const [path, body, messages] of cases) {
      const response = await today(sandbox, "POST", path, body)
      expect([path, body, response.status]).toEqual([path, body, 400])
      expect((await readNest(response)).message).toEqual(messages)
    }
    const malformed = await today(sandbox, "POST", "/checkout-sessions", '{"amount":')
    expect(malformed.status).toBe(400)
    expect((await readNest(malformed)).message).toEqual([expect.stringMatching(/^request body: /)])
    const textPlain = await fetch(`${sandbox.origin}/payment-links`, {
      method: "POST",
      headers: { "x-api-key": sandbox.apiKey, "content-type": "text/plain" },
      body: JSON.stringify(LINK),
    })
    expect((await readNest(textPlain)).message).toEqual([
      "Content-Type must be application/json (got text/plain)",
    ])
    // Nothing was stored.
    expect(await read(await today(sandbox, "GET", "/checkout-sessions"))).toEqual([])
    expect((await read(await today(sandbox, "GET", "/payment-links"))).data).toEqual([])
  })

  it("answers 401 in Nest's words, and takes the key from X-API-KEY or Authorization: Bearer", async () => {
    const sandbox = await start()
    const cases: Array<[Record<string, string>, number, string | undefined]> = [
      [{}, 401, "API Key is missing"],
      [{ "x-api-key": "" }, 401, "API Key is missing"],
      [{ authorization: "Bearer " }, 401, "API Key is missing"],
      [{ authorization: sandbox.apiKey }, 401, "API Key is missing"],
      [{ "x-api-key": "lomi_sk_test_wrong" }, 401, "Invalid API Key"],
      [{ authorization: "Bearer lomi_sk_test_wrong" }, 401, "Invalid API Key"],
      [{ authorization: `Bearer ${sandbox.apiKey}` }, 200, undefined],
      // X-API-KEY comes first, as in lomi.'s guard.
      [{ "x-api-key": sandbox.apiKey, authorization: "Bearer lomi_sk_test_wrong" }, 200, undefined],
      [
        { "x-api-key": "lomi_sk_test_wrong", authorization: `Bearer ${sandbox.apiKey}` },
        401,
        "Invalid API Key",
      ],
      [{ "x-api-key": "", authorization: `Bearer ${sandbox.apiKey}` }, 200, undefined],
    ]
    for (const [headers, status, message] of cases) {
      const response = await today(sandbox, "GET", "/checkout-sessions", undefined, headers)
      expect([headers, response.status]).toEqual([headers, status])
      if (message !== undefined) expect((await readNest(response)).message).toBe(message)
    }
    const created = await today(sandbox, "POST", "/payment-links", LINK, {
      authorization: `Bearer ${sandbox.apiKey}`,
    })
    expect(created.status).toBe(201)
    // /v1 keeps the document's rule: X-API-KEY only.
    const v1 = await fetch(`${sandbox.url}/checkout_sessions`, {
      headers: { authorization: `Bearer ${sandbox.apiKey}` },
    })
    expect(v1.status).toBe(401)
    expect((await readError(v1)).code).toBe("UNAUTHORIZED")
  })

  it("answers 413 and 429 in Nest's shape, 429 with Retry-After", async () => {
    const large = await start({ maxBodyBytes: 200 })
    const tooLarge = await today(large, "POST", "/checkout-sessions", {
      ...SESSION,
      description: "x".repeat(300),
    })
    expect(tooLarge.status).toBe(413)
    expect((await readNest(tooLarge)).message).toBe("Request body exceeds 200 bytes")

    const clock = Date.UTC(2030, 0, 1)
    const limited = await start({ rateLimit: { requestsPerSecond: 1, burst: 2 }, now: () => clock })
    expect((await today(limited, "GET", "/checkout-sessions")).status).toBe(200)
    expect((await today(limited, "GET", "/payment-links")).status).toBe(200)
    const refused = await today(limited, "GET", "/checkout-sessions")
    expect(refused.status).toBe(429)
    expect(refused.headers.get("retry-after")).toBe("1")
    expect((await readNest(refused)).message).toBe("ThrottlerException: Too Many Requests")
  })
})

describe("today's routes over the shared store", () => {
  it("shows a session created on /v1 on today's routes, and the reverse, with one description", async () => {
    const sandbox = await start()
    const viaV1 = await read(
      await api(sandbox, "POST", "/checkout_sessions", {
        amount: 500,
        currency_code: "USD",
        public_description: "From v1",
      }),
    )
    const seenToday = await read(
      await today(sandbox, "GET", `/checkout-sessions/${viaV1.checkout_session_id}`),
    )
    expect(seenToday).toMatchObject({
      checkout_session_id: viaV1.checkout_session_id,
      description: "From v1",
      amount: 500,
    })
    expect(seenToday).not.toHaveProperty("public_description")
    expect(seenToday.checkout_url).toBe(viaV1.url)

    const viaToday = await read(
      await today(sandbox, "POST", "/checkout-sessions", { ...SESSION, description: "From today" }),
    )
    const seenV1 = await read(await api(sandbox, "GET", `/checkout_sessions/${viaToday.checkout_session_id}`))
    expect(seenV1).toMatchObject({
      description: "From today",
      public_description: "From today",
      amount: 2500,
    })
    expect(seenV1.url).toBe(viaToday.checkout_url)

    // An update through /v1 renames both.
    await api(sandbox, "PATCH", `/checkout_sessions/${viaToday.checkout_session_id}`, {
      public_description: "Renamed",
    })
    const renamed = await read(
      await today(sandbox, "GET", `/checkout-sessions/${viaToday.checkout_session_id}`),
    )
    expect(renamed.description).toBe("Renamed")

    const v1Page = await read(await api(sandbox, "GET", "/checkout_sessions"))
    expect(v1Page.pagination.total).toBe(2)
    expect((await read(await today(sandbox, "GET", "/checkout-sessions"))).length).toBe(2)
    // A delete through /v1 is seen on today's routes.
    await api(sandbox, "DELETE", `/checkout_sessions/${viaV1.checkout_session_id}`)
    expect((await today(sandbox, "GET", `/checkout-sessions/${viaV1.checkout_session_id}`)).status).toBe(404)
  })

  it("shows links across generations, and keeps each key's data apart on both", async () => {
    const sandbox = await start({ apiKeys: ["lomi_sk_test_one", "lomi_sk_test_two"] })
    const viaToday = await read(
      await today(sandbox, "POST", "/payment-links", { ...LINK, description: "Tips" }),
    )
    const seenV1 = await read(await api(sandbox, "GET", `/payment_links/${viaToday.link_id}`))
    expect(seenV1).toMatchObject({
      ...LINK,
      description: "Tips",
      public_description: "Tips",
      url: viaToday.url,
    })
    const viaV1 = await read(
      await api(sandbox, "POST", "/payment_links", {
        title: "T",
        currency_code: "EUR",
        amount: 9,
        public_description: "P",
      }),
    )
    expect(await read(await today(sandbox, "GET", `/payment-links/${viaV1.link_id}`))).toMatchObject({
      link_id: viaV1.link_id,
      description: "P",
      url: viaV1.url,
    })
    const other = { "x-api-key": "lomi_sk_test_two" }
    expect((await today(sandbox, "GET", `/payment-links/${viaToday.link_id}`, undefined, other)).status).toBe(
      404,
    )
    expect((await read(await today(sandbox, "GET", "/payment-links", undefined, other))).data).toEqual([])
  })

  it("sees sessions bulk-seeded by seedCheckoutSessions", async () => {
    const sandbox = await start()
    const ids = await sandbox.seedCheckoutSessions(250, { public_description: "Seeded" })
    const page = await read(await today(sandbox, "GET", "/checkout-sessions?limit=100&offset=200"))
    expect(page.map((session: any) => session.checkout_session_id)).toEqual(ids.slice(0, 50).reverse())
    expect(page[0].description).toBe("Seeded")
  })
})

describe("today's routes: faults, idempotency and the request log", () => {
  it("injects faults into today's routes under the same operation names, in Nest's shape", async () => {
    const sandbox = await start({
      faults: [
        { operation: "create_checkout_session", kind: "error", status: 503, retryAfter: 4, next: 1 },
        { operation: "create_checkout_session", kind: "error", status: 500, next: 1 },
        { operation: "list_payment_links", kind: "error", status: 429, retryAfter: 2, next: 1 },
        { operation: "create_checkout_session", kind: "reset_after_commit", next: 1 },
        { operation: "retrieve_payment_link", kind: "malformed_body", next: 1 },
      ],
    })
    const unavailable = await today(sandbox, "POST", "/checkout-sessions", SESSION)
    expect(unavailable.status).toBe(503)
    expect(unavailable.headers.get("retry-after")).toBe("4")
    expect((await readNest(unavailable)).message).toMatch(/^Injected fault/)
    const internal = await today(sandbox, "POST", "/checkout-sessions", SESSION)
    expect(internal.status).toBe(500)
    expect((await readNest(internal)).message).toMatch(/^Injected fault/)
    const limited = await today(sandbox, "GET", "/payment-links")
    expect(limited.status).toBe(429)
    expect(limited.headers.get("retry-after")).toBe("2")
    expect((await readNest(limited)).message).toMatch(/Too Many Requests/)
    // Error faults wrote nothing; the reset after commit did store the session.
    expect(await read(await today(sandbox, "GET", "/checkout-sessions"))).toEqual([])
    await expect(today(sandbox, "POST", "/checkout-sessions", SESSION)).rejects.toThrow(TypeError)
    expect((await read(await today(sandbox, "GET", "/checkout-sessions"))).length).toBe(1)
    const link = await read(await today(sandbox, "POST", "/payment-links", LINK))
    const malformed = await today(sandbox, "GET", `/payment-links/${link.link_id}`)
    expect(malformed.status).toBe(200)
    await expect(malformed.json()).rejects.toThrow(SyntaxError)
    expect(sandbox.requests().map((entry) => [entry.operation, entry.faults ?? []])).toEqual([
      ["create_checkout_session", ["error"]],
      ["create_checkout_session", ["error"]],
      ["list_payment_links", ["error"]],
      ["list_checkout_sessions", []],
      ["create_checkout_session", ["reset_after_commit"]],
      ["list_checkout_sessions", []],
      ["create_payment_link", []],
      ["retrieve_payment_link", ["malformed_body"]],
    ])
  })

  it("honours Idempotency-Key on today's creates, in Nest's shape, apart from /v1's", async () => {
    const sandbox = await start()
    const headers = { "x-api-key": sandbox.apiKey, "idempotency-key": "order-7" }
    const first = await today(sandbox, "POST", "/checkout-sessions", SESSION, headers)
    const again = await today(sandbox, "POST", "/checkout-sessions", SESSION, headers)
    expect(again.status).toBe(201)
    expect(again.headers.get("idempotent-replayed")).toBe("true")
    expect(await again.text()).toBe(await first.text())
    expect((await read(await today(sandbox, "GET", "/checkout-sessions"))).length).toBe(1)
    const mismatch = await today(sandbox, "POST", "/checkout-sessions", { ...SESSION, amount: 1 }, headers)
    expect(mismatch.status).toBe(422)
    await readNest(mismatch)
    // The same key and body on /v1 is another request (another path).
    const v1 = await api(
      sandbox,
      "POST",
      "/checkout_sessions",
      { amount: 2500, currency_code: "EUR" },
      {
        "idempotency-key": "order-7",
      },
    )
    expect(v1.status).toBe(422)
    expect((await readError(v1)).code).toBe("IDEMPOTENCY_KEY_MISMATCH")
    const badKey = await today(sandbox, "POST", "/payment-links", LINK, {
      ...headers,
      "idempotency-key": "é",
    })
    expect(badKey.status).toBe(400)
    expect((await readNest(badKey)).message).toEqual([
      "Idempotency-Key must be 1 to 255 visible ASCII characters",
    ])
    expect(sandbox.requests().map((entry) => entry.replayed ?? false)).toEqual([
      false,
      true,
      false,
      false,
      false,
      false,
    ])
  })

  it("records which generation answered each request", async () => {
    const sandbox = await start({ admin: { token: "t" } })
    const session = await read(await today(sandbox, "POST", "/checkout-sessions", SESSION))
    await api(sandbox, "GET", `/checkout_sessions/${session.checkout_session_id}`)
    await today(sandbox, "DELETE", `/checkout-sessions/${session.checkout_session_id}`)
    await today(sandbox, "GET", "/checkout-sessions", undefined, {})
    await fetch(`${sandbox.url}/nothing`)
    await fetch(`${sandbox.origin}/checkout/${session.checkout_session_id}`)
    await fetch(`${sandbox.origin}/__admin/requests`, { headers: { authorization: "Bearer t" } })
    expect(
      sandbox.requests().map((entry) => [entry.method, entry.generation, entry.operation, entry.status]),
    ).toEqual([
      ["POST", "2025-12", "create_checkout_session", 201],
      ["GET", "v1", "retrieve_checkout_session", 200],
      ["DELETE", "2025-12", undefined, 404],
      ["GET", "2025-12", undefined, 401],
      ["GET", "v1", undefined, 404],
      ["GET", undefined, undefined, 200],
      ["GET", undefined, undefined, 200],
    ])
  })
})

describe("today's routes: random bad input", () => {
  const random = seeded(2025)
  const NAMES = [
    ...["amount", "currency_code", "title", "description", "link_type", "product_id", "line_items"],
    ...["customer_city", "require_billing_address", "metadata", "success_url", "expires_at", "quantity"],
    ...["public_description", "checkout_session_id", "status", "__proto__", "constructor", ""],
  ]
  const VALUES: Array<() => unknown> = [
    () => -1,
    () => 0,
    () => 150.5,
    () => "GBP",
    () => "XOF",
    () => "instant",
    () => "product",
    () => "",
    () => null,
    () => true,
    () => [],
    () => ({ a: [1] }),
    () => "javascript:alert(1)",
    () => "a\u0000b",
    () => "x".repeat(random.int(0, 200)),
  ]
  const randomBody = (): string => {
    const shape = random.int(0, 7)
    if (shape === 0) return JSON.stringify(random.pick(VALUES)())
    if (shape === 1) return JSON.stringify(SESSION).slice(0, random.int(0, 30))
    const body: Record<string, unknown> = {}
    for (let i = random.int(0, 6); i > 0; i--) body[random.pick(NAMES)] = random.pick(VALUES)()
    // At least one bad field, so the body cannot be valid by chance.
    body[random.pick(["nope", "amount", "currency_code"])] = random.pick([-1, "ZZZ", null, {}])
    return JSON.stringify(body)
  }
  const randomQuery = (): string => {
    const names = ["limit", "offset", "status", "linkType", "isActive", "sort", "limit"]
    const values = [
      "",
      "-1",
      "0",
      "101",
      "1e3",
      "abc",
      "open",
      "complete",
      "product",
      "maybe",
      "9".repeat(20),
    ]
    const parts = Array.from(
      { length: random.int(1, 4) },
      () => `${random.pick(names)}=${random.pick(values)}`,
    )
    // At least one bad parameter.
    return [...parts, random.pick(["limit=x", "offset=-5", "nope=1", "isActive=yes&linkType=x"])].join("&")
  }

  it("answers 600 random bad creates and lists with Nest 400s, never a 5xx, and stores nothing", async () => {
    const sandbox = await start()
    for (let batch = 0; batch < 24; batch++) {
      await Promise.all(
        Array.from({ length: 25 }, async () => {
          const collection = random.pick(["/checkout-sessions", "/payment-links"])
          const response = random.chance(0.7)
            ? await today(sandbox, "POST", collection, randomBody())
            : await today(sandbox, "GET", `${collection}?${randomQuery()}`)
          expect(response.status).toBe(400)
          const { message } = await readNest(response)
          expect(message.length).toBeGreaterThan(0)
        }),
      )
    }
    expect(await read(await today(sandbox, "GET", "/checkout-sessions"))).toEqual([])
    expect((await read(await today(sandbox, "GET", "/payment-links"))).data).toEqual([])
  })
})
