import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { beforeEach, describe, expect, it } from "vitest"
import {
  Checkout,
  type CheckoutSession,
  type CheckoutSessionListParams,
  CheckoutSessions,
} from "../src/index.js"
import { useSandbox } from "./support.js"

const ctx = useSandbox()
const SORTS = ["created_at", "updated_at", "amount", "title", "expires_at"].flatMap((f) => [
  `${f}:asc`,
  `${f}:desc`,
]) as ReadonlyArray<NonNullable<CheckoutSessionListParams["sort"]>>
const COUNT = 23

const ids = (items: ReadonlyArray<CheckoutSession>) => items.map((s) => s.checkout_session_id)

describe("pagination", () => {
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

  it.each(SORTS)("for await walks every page exactly once, sorted by %s", async (sort) => {
    const whole = await ctx.lomi.checkoutSessions.list({ limit: 100, sort })
    expect(whole.pagination.total).toBe(COUNT)
    const walked: CheckoutSession[] = []
    for await (const session of ctx.lomi.checkoutSessions.list({ limit: 4, sort })) walked.push(session)
    expect(ids(walked)).toEqual(ids(whole.data))
    expect(new Set(ids(walked)).size).toBe(COUNT)
  })

  it("requests one page at a time: ceil(total / limit) list requests", async () => {
    ctx.sandbox.clearRequests()
    let n = 0
    for await (const _ of ctx.lomi.checkoutSessions.list({ limit: 5 })) n++
    expect(n).toBe(COUNT)
    const lists = ctx.sandbox.requests().filter((r) => r.operation === "list_checkout_sessions")
    const offsets = lists.map((r) => Number(new URLSearchParams(r.query).get("offset") ?? 0))
    expect(offsets).toEqual([0, 5, 10, 15, 20])
  })

  it("awaiting a list gives one page; an offset starts the walk there", async () => {
    const page = await ctx.lomi.checkoutSessions.list({ limit: 10, offset: 20, sort: "amount:asc" })
    expect(page.data).toHaveLength(3)
    expect(page.pagination).toEqual({ limit: 10, offset: 20, total: COUNT })
    let n = 0
    for await (const _ of ctx.lomi.checkoutSessions.list({ limit: 2, offset: 20 })) n++
    expect(n).toBe(3)
  })

  it("the Effect API streams every item across pages, in order", async () => {
    const layer = Checkout.layer({ apiKey: ctx.sandbox.apiKey, baseUrl: ctx.sandbox.url })
    const program = Effect.gen(function* () {
      const sessions = yield* CheckoutSessions
      const streamed = yield* Stream.runCollect(sessions.stream({ limit: 6, sort: "title:desc" }))
      const whole = yield* sessions.list({ limit: 100, sort: "title:desc" })
      return { streamed: Array.from(streamed), whole: whole.data }
    })
    const { streamed, whole } = await Effect.runPromise(program.pipe(Effect.provide(layer)))
    expect(ids(streamed)).toEqual(ids(whole))
  })

  it("the Effect stream starts at the caller's offset, like for await does", async () => {
    const layer = Checkout.layer({ apiKey: ctx.sandbox.apiKey, baseUrl: ctx.sandbox.url })
    const program = Effect.gen(function* () {
      const sessions = yield* CheckoutSessions
      const streamed = yield* Stream.runCollect(sessions.stream({ limit: 2, offset: 20, sort: "amount:asc" }))
      const whole = yield* sessions.list({ limit: 100, sort: "amount:asc" })
      return { streamed: Array.from(streamed), tail: whole.data.slice(20) }
    })
    const { streamed, tail } = await Effect.runPromise(program.pipe(Effect.provide(layer)))
    expect(ids(streamed)).toEqual(ids(tail))
    expect(streamed).toHaveLength(3)
  })
})
