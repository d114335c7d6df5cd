import { describe, expect, it } from "vitest"
import {
  LomiAuthenticationError,
  LomiBadRequestError,
  LomiNotFoundError,
  LomiValidationError,
} from "../src/index.js"
import { reference, rejection, useSandbox } from "./support.js"

const ctx = useSandbox()

describe("checkout sessions (Promise client)", () => {
  it("creates with the reference body, retrieves, updates with the reference body, lists and deletes", async () => {
    const { lomi } = ctx
    const created = await lomi.checkoutSessions.create(reference.createCheckoutSession)
    expect(created).toMatchObject({ ...reference.createCheckoutSession, status: "open" })
    expect(created.checkout_session_id).toMatch(/^[0-9a-f-]{36}$/)
    expect(created.url).toContain(`/checkout/${created.checkout_session_id}`)
    expect(Date.parse(created.expires_at ?? "") - Date.parse(created.created_at ?? "")).toBe(60 * 60 * 1000)

    const fetched = await lomi.checkoutSessions.retrieve(created.checkout_session_id)
    expect(fetched).toEqual(created)

    const updated = await lomi.checkoutSessions.update(
      created.checkout_session_id,
      reference.updateCheckoutSession,
    )
    expect(updated.metadata).toEqual(reference.updateCheckoutSession.metadata)
    expect(updated.amount).toBe(15000)

    const page = await lomi.checkoutSessions.list()
    expect(page.pagination).toEqual({ limit: 20, offset: 0, total: 1 })
    expect(page.data.map((s) => s.checkout_session_id)).toEqual([created.checkout_session_id])

    await expect(lomi.checkoutSessions.delete(created.checkout_session_id)).resolves.toBeUndefined()
    expect(await rejection(lomi.checkoutSessions.retrieve(created.checkout_session_id))).toBeInstanceOf(
      LomiNotFoundError,
    )
    expect(await rejection(lomi.checkoutSessions.delete(created.checkout_session_id))).toBeInstanceOf(
      LomiNotFoundError,
    )
  })

  it("replaces only the given top-level fields, and a given metadata object replaces the old one", async () => {
    const { lomi } = ctx
    const s = await lomi.checkoutSessions.create({
      amount: 900,
      currency_code: "EUR",
      title: "Before",
      metadata: { a: 1, b: 2 },
    })
    const updated = await lomi.checkoutSessions.update(s.checkout_session_id, {
      title: "After",
      metadata: { c: 3 },
    })
    expect(updated).toMatchObject({ title: "After", metadata: { c: 3 }, amount: 900, currency_code: "EUR" })
    expect(updated.metadata).not.toHaveProperty("a")
  })

  it("percent-encodes ids, so a hostile id can never change the path", async () => {
    const { lomi, sandbox } = ctx
    expect(await rejection(lomi.checkoutSessions.retrieve("../payment_links"))).toBeInstanceOf(
      LomiNotFoundError,
    )
    expect(sandbox.requests().at(-1)?.path).toBe("/v1/checkout_sessions/..%2Fpayment_links")
  })
})

describe("payment links (Promise client)", () => {
  it("creates with the reference body, retrieves, updates with the reference body, lists and deletes", async () => {
    const { lomi } = ctx
    const link = await lomi.paymentLinks.create(reference.createPaymentLink)
    expect(link).toMatchObject({ ...reference.createPaymentLink, is_active: true })
    expect(link.url).toContain(`/pay/${link.link_id}`)
    expect(await lomi.paymentLinks.retrieve(link.link_id)).toEqual(link)
    const updated = await lomi.paymentLinks.update(link.link_id, reference.updatePaymentLink)
    expect(updated.metadata).toEqual(reference.updatePaymentLink.metadata)
    expect(updated.title).toBe("Premium Membership")
    const page = await lomi.paymentLinks.list({ limit: 5 })
    expect(page.pagination.total).toBe(1)
    await lomi.paymentLinks.delete(link.link_id)
    expect(await rejection(lomi.paymentLinks.retrieve(link.link_id))).toBeInstanceOf(LomiNotFoundError)
  })

  it("accepts a product link without title, amount or currency", async () => {
    const link = await ctx.lomi.paymentLinks.create({
      link_type: "product",
      product_id: "prod_1234567890abcdef",
    })
    expect(link.link_type).toBe("product")
  })
})

describe("documented failures", () => {
  it("400: the server's field details reach the typed error", async () => {
    const err = await rejection(
      ctx.lomi.paymentLinks.create({ ...reference.createPaymentLink, public_description: "something else" }),
    )
    expect(err).toBeInstanceOf(LomiBadRequestError)
    const bad = err as LomiBadRequestError
    expect(bad).toMatchObject({ status: 400, code: "INVALID_REQUEST", retryable: false, attempts: 1 })
    expect(bad.details).toMatchObject({ issues: [{ path: ["description"] }] })
    expect(bad.requestId).toMatch(/.+/)
  })

  it("401: a key the server does not know", async () => {
    const lomi = ctx.client({ apiKey: "lomi_sk_test_ffffffffffffffffffffffffffffffff" })
    const err = await rejection(lomi.checkoutSessions.list())
    expect(err).toBeInstanceOf(LomiAuthenticationError)
    expect(err).toMatchObject({ status: 401, code: "UNAUTHORIZED", attempts: 1 })
    expect(String(err)).not.toContain("ffffffffffffffff")
  })

  it("404: an unknown id, for every id-taking operation", async () => {
    const id = "00000000-0000-4000-8000-000000000000"
    const { lomi } = ctx
    for (const call of [
      () => lomi.checkoutSessions.retrieve(id),
      () => lomi.checkoutSessions.update(id, { title: "x" }),
      () => lomi.checkoutSessions.delete(id),
      () => lomi.paymentLinks.retrieve(id),
      () => lomi.paymentLinks.update(id, { title: "x" }),
      () => lomi.paymentLinks.delete(id),
    ]) {
      const err = await rejection(call())
      expect(err).toBeInstanceOf(LomiNotFoundError)
      expect(err).toMatchObject({ _tag: "LomiNotFoundError", status: 404, code: "NOT_FOUND" })
    }
  })
})

describe("validation before sending", () => {
  it("names every bad field and sends no request", async () => {
    const { lomi, sandbox } = ctx
    sandbox.clearRequests()
    const err = await rejection(
      lomi.checkoutSessions.create({
        amount: 0,
        currency_code: "GBP" as "XOF",
        success_url: "ftp://example.com",
        customer_email: "not-an-email",
        quantity: 1.5,
        expires_at: "tomorrow",
        metadata: [] as never,
      }),
    )
    expect(err).toBeInstanceOf(LomiValidationError)
    const paths = (err as LomiValidationError).issues.map((i) => i.path.join("."))
    expect(paths.sort()).toEqual(
      [
        "body.amount",
        "body.currency_code",
        "body.customer_email",
        "body.expires_at",
        "body.metadata",
        "body.quantity",
        "body.success_url",
      ].sort(),
    )
    expect((err as LomiValidationError).message).toContain("body.currency_code")
    expect(sandbox.requests()).toHaveLength(0)
  })

  it("rejects missing required fields, unknown fields, an empty update, bad list queries and empty ids", async () => {
    const { lomi, sandbox } = ctx
    sandbox.clearRequests()
    const cases: Array<[() => PromiseLike<unknown>, string]> = [
      [() => lomi.checkoutSessions.create({} as never), "body.amount"],
      [() => lomi.paymentLinks.create({ amount: 10, currency_code: "XOF" }), "body.title"],
      [
        () => lomi.checkoutSessions.create({ amount: 1, currency_code: "XOF", colour: "red" } as never),
        "body.colour",
      ],
      [() => lomi.checkoutSessions.update("id", {}), "body"],
      [() => lomi.paymentLinks.list({ limit: 101 }), "query.limit"],
      [() => lomi.checkoutSessions.list({ offset: -1 }), "query.offset"],
      [() => lomi.checkoutSessions.list({ sort: "colour:asc" as never }), "query.sort"],
      [() => lomi.checkoutSessions.retrieve(""), "path.session_id"],
    ]
    for (const [call, path] of cases) {
      const err = await rejection(call())
      expect(err, path).toBeInstanceOf(LomiValidationError)
      expect((err as LomiValidationError).issues.map((i) => i.path.join("."))).toContain(path)
    }
    expect(sandbox.requests()).toHaveLength(0)
  })

  it.each([
    ["customer_email", "a@b.co\n"],
    ["customer_email", "a\u0000@b.co"],
    ["success_url", "https://example.com/\u0007ok"],
    ["success_url", "https://example.com/\ud800"],
    ["title", "Order\u007f"],
    ["title", "Order \udc00"],
    ["customer_name", "Ana\r\nBcc: x"],
    ["product_id", "prod\t1"],
    ["public_description", "line one\nline two \ud83d"],
  ])("refuses %s %j (control characters or a lone surrogate) before sending", async (field, value) => {
    const { lomi, sandbox } = ctx
    sandbox.clearRequests()
    const err = await rejection(
      lomi.checkoutSessions.create({ amount: 1, currency_code: "XOF", [field]: value }),
    )
    expect(err).toBeInstanceOf(LomiValidationError)
    expect(new Set((err as LomiValidationError).issues.map((i) => i.path.join(".")))).toEqual(
      new Set([`body.${field}`]),
    )
    expect(sandbox.requests()).toHaveLength(0)
  })

  it("accepts line breaks in descriptions, and well-formed emoji everywhere", async () => {
    const session = await ctx.lomi.checkoutSessions.create({
      amount: 1,
      currency_code: "XOF",
      title: "Caf\u00e9 \ud83d\ude00",
      public_description: "line one\nline two",
    })
    expect(session.title).toBe("Caf\u00e9 \ud83d\ude00")
  })

  it("refuses metadata and qr_code_data that are not plain JSON, naming the path", async () => {
    const { lomi, sandbox } = ctx
    sandbox.clearRequests()
    const circular: Record<string, unknown> = {}
    circular.again = circular
    const err = await rejection(
      lomi.checkoutSessions.create({
        amount: 1,
        currency_code: "XOF",
        metadata: { a: { b: [0, 1, 2, 10n as never] }, when: new Date() as never, n: Number.NaN },
        qr_code_data: { circular } as never,
      }),
    )
    expect(err).toBeInstanceOf(LomiValidationError)
    expect((err as LomiValidationError).issues.map((i) => i.path.join("."))).toEqual([
      "body.metadata.a.b.3",
      "body.metadata.when",
      "body.metadata.n",
      "body.qr_code_data.circular.again",
    ])
    expect((err as LomiValidationError).message).toContain(
      "body.metadata.a.b[3]: Expected a JSON value, got a bigint",
    )
    expect(sandbox.requests()).toHaveLength(0)
  })

  it("refuses bad per-call options and signals with a rejection, never a throw, and sends nothing", async () => {
    const { lomi, sandbox } = ctx
    sandbox.clearRequests()
    const calls: Array<() => PromiseLike<unknown>> = [
      () => lomi.checkoutSessions.create(reference.createCheckoutSession, null as never),
      () => lomi.checkoutSessions.retrieve("id", null as never),
      () => lomi.checkoutSessions.create(reference.createCheckoutSession, { signal: {} as AbortSignal }),
      () => lomi.paymentLinks.list(undefined, { idempotencykey: "order-1" } as never),
      () => lomi.paymentLinks.withMeta.delete("id", [] as never),
      () => lomi.checkoutSessions.retrieve("\ud800"),
    ]
    for (const call of calls) {
      let pending: PromiseLike<unknown> | undefined
      expect(() => {
        pending = call()
      }).not.toThrow()
      expect(await rejection(pending!)).toBeInstanceOf(LomiValidationError)
    }
    expect(sandbox.requests()).toHaveLength(0)
  })
})
