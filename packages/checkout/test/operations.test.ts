import { make, makeOperation, Spec } from "@lomi/core"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import { describe, expect, it } from "vitest"
import {
  Checkout,
  type CheckoutSession,
  CheckoutSessions,
  LomiAuthenticationError,
  LomiBadRequestError,
  LomiNotFoundError,
  LomiUnsupportedOperationError,
  LomiValidationError,
  PaymentLinks,
} from "../src/effect.js"
import { EXAMPLES, GENERATIONS, reference, rejection, useSandbox } from "./support.js"

const ctx = useSandbox()

// The hosted page of a session, as each generation names it.
const pageOf = (session: CheckoutSession) => session.url ?? session.checkout_url

describe.each(GENERATIONS)("checkout sessions (Promise client) on %s", (generation) => {
  const examples = EXAMPLES[generation]

  it("creates with the reference body, retrieves, lists; update and delete where the generation has them", async () => {
    const lomi = ctx.clientOf(generation)
    expect(lomi.apiGeneration).toBe(generation)
    const created = await lomi.checkoutSessions.create(examples.createCheckoutSession)
    expect(created).toMatchObject({ ...examples.createCheckoutSession, status: "open" })
    expect(created.checkout_session_id).toMatch(/^[0-9a-f-]{36}$/)
    expect(pageOf(created)).toContain(`/checkout/${created.checkout_session_id}`)
    expect(Date.parse(created.expires_at ?? "") - Date.parse(created.created_at ?? "")).toBe(60 * 60 * 1000)

    const fetched = await lomi.checkoutSessions.retrieve(created.checkout_session_id)
    expect(fetched).toEqual(created)

    const page = await lomi.checkoutSessions.list()
    expect(page.pagination).toEqual({
      limit: 20,
      offset: 0,
      total: generation === "v1" ? 1 : undefined,
    })
    expect(page.data.map((s) => s.checkout_session_id)).toEqual([created.checkout_session_id])

    if (generation === "v1") {
      const updated = await lomi.checkoutSessions.update(
        created.checkout_session_id,
        reference.updateCheckoutSession,
      )
      expect(updated.metadata).toEqual(reference.updateCheckoutSession.metadata)
      expect(updated.amount).toBe(15000)
      await expect(lomi.checkoutSessions.delete(created.checkout_session_id)).resolves.toBeUndefined()
      expect(await rejection(lomi.checkoutSessions.retrieve(created.checkout_session_id))).toBeInstanceOf(
        LomiNotFoundError,
      )
      expect(await rejection(lomi.checkoutSessions.delete(created.checkout_session_id))).toBeInstanceOf(
        LomiNotFoundError,
      )
    } else {
      ctx.sandbox.clearRequests()
      const update = await rejection(
        lomi.checkoutSessions.update(created.checkout_session_id, reference.updateCheckoutSession),
      )
      expect(update).toBeInstanceOf(LomiUnsupportedOperationError)
      expect(update).toMatchObject({
        code: "UNSUPPORTED_OPERATION",
        attempts: 0,
        operation: "update_checkout_session",
        apiGeneration: "2025-12",
      })
      expect((update as Error).message).toMatch(
        /^update_checkout_session is not served by lomi\.'s 2025-12 routes; a session cannot be changed once created there/,
      )
      const remove = await rejection(lomi.checkoutSessions.withMeta.delete(created.checkout_session_id))
      expect(remove).toMatchObject({
        _tag: "LomiUnsupportedOperationError",
        operation: "delete_checkout_session",
      })
      expect(ctx.sandbox.requests()).toEqual([])
      expect(await lomi.checkoutSessions.retrieve(created.checkout_session_id)).toEqual(created)
    }
  })

  it("percent-encodes ids, so a hostile id can never change the path", async () => {
    const lomi = ctx.clientOf(generation)
    expect(await rejection(lomi.checkoutSessions.retrieve("../payment_links"))).toBeInstanceOf(
      LomiNotFoundError,
    )
    expect(ctx.sandbox.requests().at(-1)?.path).toBe(
      generation === "v1"
        ? "/v1/checkout_sessions/..%2Fpayment_links"
        : "/checkout-sessions/..%2Fpayment_links",
    )
  })
})

describe("checkout sessions, the document's routes only", () => {
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
})

describe("checkout sessions, today's routes only", () => {
  it("takes today's create fields and answers them, with checkout_url for the hosted page", async () => {
    const lomi = ctx.clientOf("2025-12")
    const fields = {
      description: "Order 42\nTwo items",
      require_billing_address: true,
      customer_city: "Dakar",
      customer_country: "Senegal",
      customer_address: "12 rue Carnot",
      customer_postal_code: "10200",
    }
    const session = await lomi.checkoutSessions.create({ amount: 2500, currency_code: "EUR", ...fields })
    expect(session).toMatchObject(fields)
    expect(session.checkout_url).toContain(`/checkout/${session.checkout_session_id}`)
    expect(session.url).toBeUndefined()
    // The same session through the document's routes, as that generation names its fields.
    const v1 = await ctx.lomi.checkoutSessions.retrieve(session.checkout_session_id)
    expect(v1).toMatchObject({ public_description: fields.description, url: session.checkout_url })
  })

  it("filters the list by status (open, completed, expired), sent as the routes spell it", async () => {
    const lomi = ctx.clientOf("2025-12")
    const open = await lomi.checkoutSessions.create({ amount: 100, currency_code: "XOF" })
    expect(
      (await lomi.checkoutSessions.list({ status: "open" })).data.map((s) => s.checkout_session_id),
    ).toEqual([open.checkout_session_id])
    expect((await lomi.checkoutSessions.list({ status: "expired" })).data).toEqual([])
    expect(ctx.sandbox.requests().at(-1)?.query).toBe("?status=expired")
  })
})

describe.each(GENERATIONS)("payment links (Promise client) on %s", (generation) => {
  const examples = EXAMPLES[generation]

  it("creates with the example body, retrieves, lists; update and delete where the generation has them", async () => {
    const lomi = ctx.clientOf(generation)
    const link = await lomi.paymentLinks.create(examples.createPaymentLink)
    expect(link).toMatchObject({ ...examples.createPaymentLink, is_active: true })
    expect(link.url).toContain(`/pay/${link.link_id}`)
    expect(await lomi.paymentLinks.retrieve(link.link_id)).toEqual(link)
    const page = await lomi.paymentLinks.list({ limit: 5 })
    expect(page.data.map((l) => l.link_id)).toEqual([link.link_id])
    expect(page.pagination).toEqual({ limit: 5, offset: 0, total: generation === "v1" ? 1 : undefined })
    if (generation === "v1") {
      const updated = await lomi.paymentLinks.update(link.link_id, reference.updatePaymentLink)
      expect(updated.metadata).toEqual(reference.updatePaymentLink.metadata)
      expect(updated.title).toBe("Premium Membership")
      await lomi.paymentLinks.delete(link.link_id)
      expect(await rejection(lomi.paymentLinks.retrieve(link.link_id))).toBeInstanceOf(LomiNotFoundError)
    } else {
      ctx.sandbox.clearRequests()
      for (const call of [
        () => lomi.paymentLinks.update(link.link_id, reference.updatePaymentLink),
        () => lomi.paymentLinks.delete(link.link_id),
      ]) {
        const error = await rejection(call())
        expect(error).toBeInstanceOf(LomiUnsupportedOperationError)
        expect(error).toMatchObject({ attempts: 0, apiGeneration: "2025-12" })
      }
      expect(ctx.sandbox.requests()).toEqual([])
    }
  })

  it("creates a product link, which takes its price from the product", async () => {
    const body =
      generation === "v1"
        ? // The document needs neither title, amount nor currency for one.
          { link_type: "product", product_id: "prod_1234567890abcdef" }
        : // Today's routes need link_type, title and currency_code, and refuse an amount.
          { link_type: "product", product_id: "prod_1234567890abcdef", title: "Shoes", currency_code: "XOF" }
    const link = await ctx.clientOf(generation).paymentLinks.create(body as { link_type: string })
    expect(link.link_type).toBe("product")
    expect(link.amount ?? undefined).toBeUndefined()
  })
})

describe("payment links, today's routes only", () => {
  it("filters the list by link_type and is_active, sent as linkType and isActive", async () => {
    const lomi = ctx.clientOf("2025-12")
    const instant = await lomi.paymentLinks.create(EXAMPLES["2025-12"].createPaymentLink)
    await lomi.paymentLinks.create({
      link_type: "product",
      product_id: "prod_1",
      title: "Shoes",
      currency_code: "XOF",
    })
    const page = await lomi.paymentLinks.list({ link_type: "instant", is_active: true })
    expect(page.data.map((l) => l.link_id)).toEqual([instant.link_id])
    expect(ctx.sandbox.requests().at(-1)?.query).toBe("?linkType=instant&isActive=true")
    expect((await lomi.paymentLinks.list({ is_active: false })).data).toEqual([])
  })
})

describe.each(GENERATIONS)("documented failures on %s", (generation) => {
  it("401: a key the server does not know", async () => {
    const lomi = ctx.clientOf(generation, { apiKey: "lomi_sk_test_ffffffffffffffffffffffffffffffff" })
    const err = await rejection(lomi.checkoutSessions.list())
    expect(err).toBeInstanceOf(LomiAuthenticationError)
    expect(err).toMatchObject({ status: 401, code: "UNAUTHORIZED", attempts: 1 })
    expect(String(err)).not.toContain("ffffffffffffffff")
    if (generation === "2025-12") expect(err).toMatchObject({ message: "Invalid API Key" })
  })

  it("404: an unknown id, for every id-taking operation the generation serves", async () => {
    const id = "00000000-0000-4000-8000-000000000000"
    const lomi = ctx.clientOf(generation)
    const calls: Array<() => Promise<unknown>> = [
      () => lomi.checkoutSessions.retrieve(id),
      () => lomi.paymentLinks.retrieve(id),
    ]
    if (generation === "v1")
      calls.push(
        () => lomi.checkoutSessions.update(id, { title: "x" }),
        () => lomi.checkoutSessions.delete(id),
        () => lomi.paymentLinks.update(id, { title: "x" }),
        () => lomi.paymentLinks.delete(id),
      )
    for (const call of calls) {
      const err = await rejection(call())
      expect(err).toBeInstanceOf(LomiNotFoundError)
      expect(err).toMatchObject({ _tag: "LomiNotFoundError", status: 404, code: "NOT_FOUND" })
      if (generation === "2025-12")
        expect((err as Error).message).toMatch(
          /^(Checkout session|Payment link) with ID .+ not found or access denied$/,
        )
    }
  })

  it("the Effect services fail the same way, and update and delete say when the generation lacks them", async () => {
    const layer = Checkout.layer({
      apiKey: ctx.sandbox.apiKey,
      baseUrl: ctx.baseUrlOf(generation),
      logLevel: "off",
    })
    const program = Effect.gen(function* () {
      const sessions = yield* CheckoutSessions
      const links = yield* PaymentLinks
      const missing = yield* Effect.flip(sessions.retrieve("00000000-0000-4000-8000-000000000000"))
      const update = yield* sessions.update("cs_1", { title: "x" }).pipe(
        Effect.map(() => "updated"),
        Effect.catchTag("LomiUnsupportedOperationError", (e) =>
          Effect.succeed(`unsupported on ${e.apiGeneration}`),
        ),
        Effect.catchTag("LomiNotFoundError", () => Effect.succeed("not found")),
      )
      const remove = yield* links.delete("pl_1").pipe(
        Effect.map(() => "deleted"),
        Effect.catchTag("LomiUnsupportedOperationError", (e) =>
          Effect.succeed(`unsupported on ${e.apiGeneration}`),
        ),
        Effect.catchTag("LomiNotFoundError", () => Effect.succeed("not found")),
      )
      return { missing: missing._tag, update, remove }
    })
    expect(await Effect.runPromise(program.pipe(Effect.provide(layer)))).toEqual({
      missing: "LomiNotFoundError",
      update: generation === "v1" ? "not found" : "unsupported on 2025-12",
      remove: generation === "v1" ? "not found" : "unsupported on 2025-12",
    })
  })
})

describe("400: the server's words reach the typed error", () => {
  // Bodies only a raw operation can send: the SDK's own checks refuse them before anything goes out.
  const sendRaw = async (
    generation: "v1" | "2025-12",
    name: string,
    path: string,
    body: Readonly<Record<string, unknown>>,
  ) => {
    const raw = makeOperation({ name, method: "POST", path, body: Spec.unknown, success: Spec.unknown })
    const lomi = await Effect.runPromise(
      Effect.provide(
        make({ apiKey: ctx.sandbox.apiKey, baseUrl: ctx.baseUrlOf(generation), logLevel: "off" }),
        ConfigProvider.layer(ConfigProvider.fromEnv({ env: {} })),
      ),
    )
    return Effect.runPromise(Effect.flip(lomi.execute(raw, { body })))
  }

  it("v1: the field details of the error envelope (a body only a raw operation can send)", async () => {
    const err = await sendRaw("v1", "create_payment_link", "/payment_links", {
      ...reference.createPaymentLink,
      public_description: "something else",
    })
    expect(err).toBeInstanceOf(LomiBadRequestError)
    const bad = err as LomiBadRequestError
    expect(bad).toMatchObject({ status: 400, code: "INVALID_REQUEST", retryable: false, attempts: 1 })
    expect(bad.details).toMatchObject({ issues: [{ path: ["description"] }] })
    expect(bad.requestId).toMatch(/.+/)
  })

  it("2025-12: NestJS's list of messages, joined (a body only a raw operation can send, the SDK's checks refuse it)", async () => {
    const err = await sendRaw("2025-12", "create_checkout_session", "/checkout-sessions", {
      amount: "12",
      currency_code: "XOF",
      colour: "red",
    })
    expect(err).toBeInstanceOf(LomiBadRequestError)
    expect(err).toMatchObject({ status: 400, code: "INVALID_REQUEST", attempts: 1 })
    expect(err.message).toContain("amount")
    expect(err.message).toContain("colour")
  })
})

describe.each(GENERATIONS)("validation before sending on %s", (generation) => {
  it("names every bad field and sends no request", async () => {
    const lomi = ctx.clientOf(generation)
    ctx.sandbox.clearRequests()
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
    expect(ctx.sandbox.requests()).toHaveLength(0)
  })

  it("rejects missing required fields, unknown fields, bad list queries and empty ids", async () => {
    const lomi = ctx.clientOf(generation)
    ctx.sandbox.clearRequests()
    const cases: Array<[() => PromiseLike<unknown>, string]> = [
      [() => lomi.checkoutSessions.create({} as never), "body.amount"],
      [() => lomi.paymentLinks.create({ amount: 10, currency_code: "XOF" }), "body.title"],
      [
        () => lomi.checkoutSessions.create({ amount: 1, currency_code: "XOF", colour: "red" } as never),
        "body.colour",
      ],
      [() => lomi.paymentLinks.list({ limit: 101 }), "query.limit"],
      [() => lomi.checkoutSessions.list({ offset: -1 }), "query.offset"],
      [() => lomi.checkoutSessions.list({ sort: "colour:asc" as never }), "query.sort"],
      [() => lomi.checkoutSessions.retrieve(""), "path.session_id"],
    ]
    if (generation === "v1") cases.push([() => lomi.checkoutSessions.update("id", {}), "body"])
    for (const [call, path] of cases) {
      const err = await rejection(call())
      expect(err, path).toBeInstanceOf(LomiValidationError)
      expect((err as LomiValidationError).issues.map((i) => i.path.join("."))).toContain(path)
    }
    expect(ctx.sandbox.requests()).toHaveLength(0)
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
    [generation === "v1" ? "public_description" : "description", "line one\nline two \ud83d"],
  ])("refuses %s %j (control characters or a lone surrogate) before sending", async (field, value) => {
    const lomi = ctx.clientOf(generation)
    ctx.sandbox.clearRequests()
    const err = await rejection(
      lomi.checkoutSessions.create({ amount: 1, currency_code: "XOF", [field]: value }),
    )
    expect(err).toBeInstanceOf(LomiValidationError)
    expect(new Set((err as LomiValidationError).issues.map((i) => i.path.join(".")))).toEqual(
      new Set([`body.${field}`]),
    )
    expect(ctx.sandbox.requests()).toHaveLength(0)
  })

  it("accepts line breaks in descriptions, and well-formed emoji everywhere", async () => {
    const description = generation === "v1" ? "public_description" : "description"
    const session = await ctx.clientOf(generation).checkoutSessions.create({
      amount: 1,
      currency_code: "XOF",
      title: "Caf\u00e9 \ud83d\ude00",
      [description]: "line one\nline two",
    })
    expect(session.title).toBe("Caf\u00e9 \ud83d\ude00")
    expect(session[description]).toBe("line one\nline two")
  })

  it("refuses metadata and qr_code_data that are not plain JSON, naming the path", async () => {
    const lomi = ctx.clientOf(generation)
    ctx.sandbox.clearRequests()
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
    expect(ctx.sandbox.requests()).toHaveLength(0)
  })

  it("refuses bad per-call options and signals with a rejection, never a throw, and sends nothing", async () => {
    const lomi = ctx.clientOf(generation)
    ctx.sandbox.clearRequests()
    const calls: Array<() => PromiseLike<unknown>> = [
      () => lomi.checkoutSessions.create(reference.createCheckoutSession, null as never),
      () => lomi.checkoutSessions.retrieve("id", null as never),
      () => lomi.checkoutSessions.create(reference.createCheckoutSession, { signal: {} as AbortSignal }),
      () => lomi.paymentLinks.list(undefined, { idempotencykey: "order-1" } as never),
      () => lomi.paymentLinks.withMeta.delete("id", [] as never),
      () => lomi.paymentLinks.delete("id", [] as never).withResponse(),
      () => lomi.checkoutSessions.list(undefined, null as never).withResponse(),
      () => lomi.checkoutSessions.retrieve("\ud800"),
    ]
    for (const call of calls) {
      let pending: PromiseLike<unknown> | undefined
      expect(() => {
        pending = call()
      }).not.toThrow()
      expect(await rejection(pending!)).toBeInstanceOf(LomiValidationError)
    }
    expect(ctx.sandbox.requests()).toHaveLength(0)
  })
})

describe("each generation takes its own fields and parameters, and says so before sending", () => {
  const issuesOf = async (promise: PromiseLike<unknown>) => {
    const err = await rejection(promise)
    expect(err).toBeInstanceOf(LomiValidationError)
    return (err as LomiValidationError).issues.map((i) => `${i.path.join(".")}: ${i.message}`)
  }

  it("2025-12 refuses the document's fields, naming the generation and today's name for a renamed one", async () => {
    const lomi = ctx.clientOf("2025-12")
    ctx.sandbox.clearRequests()
    expect(
      await issuesOf(
        lomi.checkoutSessions.create({
          amount: 1,
          currency_code: "XOF",
          public_description: "x",
          expires_at: "2030-01-01T00:00:00Z",
        }),
      ),
    ).toEqual([
      'body.public_description: Not taken by lomi.\'s "2025-12" routes, which this client speaks; only "v1" takes it (on "2025-12", send "description")',
      'body.expires_at: Not taken by lomi.\'s "2025-12" routes, which this client speaks; only "v1" takes it',
    ])
    expect(await issuesOf(lomi.checkoutSessions.list({ sort: "amount:asc" }))).toEqual([
      'query.sort: Not taken by lomi.\'s "2025-12" routes, which this client speaks; only "v1" takes it',
    ])
    expect(
      await issuesOf(lomi.paymentLinks.create({ ...EXAMPLES["2025-12"].createPaymentLink, quantity: 2 })),
    ).toEqual([
      'body.quantity: Not taken by lomi.\'s "2025-12" routes, which this client speaks; only "v1" takes it',
    ])
    expect(ctx.sandbox.requests()).toEqual([])
  })

  it("v1 refuses today's fields and filters", async () => {
    ctx.sandbox.clearRequests()
    expect(
      await issuesOf(
        ctx.lomi.checkoutSessions.create({ amount: 1, currency_code: "XOF", customer_city: "Dakar" }),
      ),
    ).toEqual([
      'body.customer_city: Not taken by lomi.\'s "v1" routes, which this client speaks; only "2025-12" takes it',
    ])
    expect(await issuesOf(ctx.lomi.checkoutSessions.list({ status: "open" }))).toEqual([
      'query.status: Not taken by lomi.\'s "v1" routes, which this client speaks; only "2025-12" takes it',
    ])
    expect(
      await issuesOf(ctx.lomi.paymentLinks.list({ link_type: "instant", is_active: true })),
    ).toHaveLength(2)
    expect(ctx.sandbox.requests()).toEqual([])
  })

  it("2025-12 payment links: link_type, title and currency_code required; amount for instant, product_id for product", async () => {
    const lomi = ctx.clientOf("2025-12")
    ctx.sandbox.clearRequests()
    expect(await issuesOf(lomi.paymentLinks.create({ amount: 10 }))).toEqual([
      "body.link_type: Missing key (required by lomi.'s 2025-12 routes)",
      "body.title: Missing key (required by lomi.'s 2025-12 routes)",
      "body.currency_code: Missing key (required by lomi.'s 2025-12 routes)",
    ])
    expect(
      await issuesOf(
        lomi.paymentLinks.create({ link_type: "instant", title: "T", currency_code: "XOF", product_id: "p" }),
      ),
    ).toEqual([
      "body.amount: Missing key (required for instant links on lomi.'s 2025-12 routes)",
      "body.product_id: Not allowed for instant links on lomi.'s 2025-12 routes",
    ])
    expect(
      await issuesOf(
        lomi.paymentLinks.create({ link_type: "subscription", title: "T", currency_code: "XOF" }),
      ),
    ).toEqual([
      'body.link_type: Expected "product" or "instant" on lomi.\'s 2025-12 routes, got "subscription"',
    ])
    expect(ctx.sandbox.requests()).toEqual([])
  })
})
