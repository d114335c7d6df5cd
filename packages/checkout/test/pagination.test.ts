import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { beforeEach, describe, expect, it } from "vitest"
import {
  Checkout,
  type CheckoutSession,
  type CheckoutSessionListParams,
  CheckoutSessions,
} from "../src/effect.js"
import { GENERATIONS, useSandbox } from "./support.js"

const ctx = useSandbox()
const SORTS = ["created_at", "updated_at", "amount", "title", "expires_at"].flatMap((f) => [
  `${f}:asc`,
  `${f}:desc`,
]) as ReadonlyArray<NonNullable<CheckoutSessionListParams["sort"]>>
const COUNT = 23

const ids = (items: ReadonlyArray<CheckoutSession>) => items.map((s) => s.checkout_session_id)
const offsetsAsked = () =>
  ctx.sandbox
    .requests()
    .filter((r) => r.operation === "list_checkout_sessions")
    .map((r) => Number(new URLSearchParams(r.query).get("offset") ?? 0))

beforeEach(async () => {
  // Repeated amounts and titles, so ties (broken by id on the server) are exercised too.
  for (let i = 0; i < COUNT; i++) {
    await ctx.lomi.checkoutSessions.create({
      amount: 100 * ((i * 7) % 5) + 100,
      currency_code: "XOF",
      title: `Order ${(i * 3) % 4}`,
      expires_at: new Date(Date.now() + (1 + ((i * 11) % 6)) * 60_000).toISOString(),
    })
  }
})

describe("pagination on v1, which counts the list", () => {
  it.each(SORTS)("for await walks every page exactly once, sorted by %s", async (sort) => {
    const whole = await ctx.lomi.checkoutSessions.list({ limit: 100, sort })
    expect(whole.pagination.total).toBe(COUNT)
    const walked: CheckoutSession[] = []
    for await (const session of ctx.lomi.checkoutSessions.list({ limit: 4, sort })) walked.push(session)
    expect(ids(walked)).toEqual(ids(whole.data))
    expect(new Set(ids(walked)).size).toBe(COUNT)
  })
})

describe.each(GENERATIONS)("pagination on %s", (generation) => {
  // The document's routes sort on request; today's list newest first and take no `sort`.
  const sorted = (sort: NonNullable<CheckoutSessionListParams["sort"]>): CheckoutSessionListParams =>
    generation === "v1" ? { sort } : {}

  it("for await walks every page exactly once, in the list's order", async () => {
    const lomi = ctx.clientOf(generation)
    const whole = await lomi.checkoutSessions.list({ limit: 100 })
    expect(whole.data).toHaveLength(COUNT)
    const walked: CheckoutSession[] = []
    for await (const session of lomi.checkoutSessions.list({ limit: 4 })) walked.push(session)
    expect(ids(walked)).toEqual(ids(whole.data))
    expect(new Set(ids(walked)).size).toBe(COUNT)
  })

  it("requests one page at a time, stopping at the short last page", async () => {
    ctx.sandbox.clearRequests()
    let n = 0
    for await (const _ of ctx.clientOf(generation).checkoutSessions.list({ limit: 5 })) n++
    expect(n).toBe(COUNT)
    expect(offsetsAsked()).toEqual([0, 5, 10, 15, 20])
  })

  it("a last page exactly full: v1 stops at its total, today's routes (no total) ask once more", async () => {
    ctx.sandbox.clearRequests()
    let n = 0
    for await (const _ of ctx.clientOf(generation).checkoutSessions.list({ limit: COUNT })) n++
    expect(n).toBe(COUNT)
    expect(offsetsAsked()).toEqual(generation === "v1" ? [0] : [0, COUNT])
  })

  it("awaiting a list gives one page; an offset starts the walk there", async () => {
    const lomi = ctx.clientOf(generation)
    const page = await lomi.checkoutSessions.list({ limit: 10, offset: 20, ...sorted("amount:asc") })
    expect(page.data).toHaveLength(3)
    expect(page.pagination).toEqual({ limit: 10, offset: 20, total: generation === "v1" ? COUNT : undefined })
    let n = 0
    for await (const _ of lomi.checkoutSessions.list({ limit: 2, offset: 20 })) n++
    expect(n).toBe(3)
  })

  it("the Effect API streams every item across pages, in order", async () => {
    const layer = Checkout.layer({ apiKey: ctx.sandbox.apiKey, baseUrl: ctx.baseUrlOf(generation) })
    const program = Effect.gen(function* () {
      const sessions = yield* CheckoutSessions
      const streamed = yield* Stream.runCollect(sessions.stream({ limit: 6, ...sorted("title:desc") }))
      const whole = yield* sessions.list({ limit: 100, ...sorted("title:desc") })
      return { streamed: Array.from(streamed), whole: whole.data }
    })
    const { streamed, whole } = await Effect.runPromise(program.pipe(Effect.provide(layer)))
    expect(ids(streamed)).toEqual(ids(whole))
  })

  it("the Effect stream starts at the caller's offset, like for await does", async () => {
    const layer = Checkout.layer({ apiKey: ctx.sandbox.apiKey, baseUrl: ctx.baseUrlOf(generation) })
    const program = Effect.gen(function* () {
      const sessions = yield* CheckoutSessions
      const streamed = yield* Stream.runCollect(
        sessions.stream({ limit: 2, offset: 20, ...sorted("amount:asc") }),
      )
      const whole = yield* sessions.list({ limit: 100, ...sorted("amount:asc") })
      return { streamed: Array.from(streamed), tail: whole.data.slice(20) }
    })
    const { streamed, tail } = await Effect.runPromise(program.pipe(Effect.provide(layer)))
    expect(ids(streamed)).toEqual(ids(tail))
    expect(streamed).toHaveLength(3)
  })

  it("payment links page the same way (today's answer {data, total, limit, offset}, its total ignored)", async () => {
    const lomi = ctx.clientOf(generation)
    const body =
      generation === "v1"
        ? { title: "Link", amount: 100, currency_code: "XOF" as const }
        : { link_type: "instant", title: "Link", amount: 100, currency_code: "XOF" as const }
    for (let i = 0; i < 7; i++) await lomi.paymentLinks.create(body)
    const first = await lomi.paymentLinks.list({ limit: 3 })
    expect(first.pagination).toEqual({ limit: 3, offset: 0, total: generation === "v1" ? 7 : undefined })
    const walked = []
    for await (const link of lomi.paymentLinks.list({ limit: 3 })) walked.push(link.link_id)
    expect(new Set(walked).size).toBe(7)
  })
})
