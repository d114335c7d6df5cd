import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { describe, expect, it } from "vitest"
import { PagePromise, type WithResponse } from "../src/ApiPromise.js"
import { makeOperation } from "../src/Operation.js"
import { paginate } from "../src/Paginate.js"
import { nextOffset, type Page, PageSpec } from "../src/Pagination.js"
import { runPromise } from "../src/Promise.js"
import * as Spec from "../src/Spec.js"
import { client, run, Session, session } from "./support/client.js"
import { serverPerTest } from "./support/server.js"

const items = Array.from({ length: 7 }, (_, i) => i)

/** A list of `total` items served `limit` at a time, recording the offsets asked for. */
const source = (total: number, limit: number) => {
  const offsets: Array<number> = []
  const all = Array.from({ length: total }, (_, i) => i)
  const fetchPage = (offset: number): Page<number> => {
    offsets.push(offset)
    return { data: all.slice(offset, offset + limit), pagination: { limit, offset, total } }
  }
  return { offsets, fetchPage }
}

// The first page as a Promise client's list fetches it: with the metadata of its response.
const META = { status: 200, headers: {}, requestId: undefined, idempotencyKey: undefined, attempts: 1 }
const withMeta = async <A>(page: A | Promise<A>): Promise<WithResponse<A>> => ({
  data: await page,
  meta: META,
})

describe("nextOffset", () => {
  it.each([
    ["a negative total", { limit: 2, offset: 0, total: -1 }, 0],
    ["a negative limit", { limit: -2, offset: 0, total: 50 }, 0],
    ["a fractional limit", { limit: 2.5, offset: 0, total: 50 }, 0],
    ["an infinite total", { limit: 2, offset: 0, total: Number.POSITIVE_INFINITY }, 0],
    ["NaN", { limit: Number.NaN, offset: 0, total: 50 }, 0],
    ["a negative offset asked for", { limit: 2, offset: -4, total: 50 }, -4],
    ["an offset past the safe integers", { limit: 2, offset: 2 ** 53, total: 2 ** 60 }, 2 ** 53],
  ])("treats %s as the last page", (_label, pagination, requested) => {
    expect(nextOffset({ data: [1, 2], pagination }, requested)).toBeUndefined()
  })

  it("stops at total, at a short page and at an empty page", () => {
    expect(nextOffset({ data: [1, 2], pagination: { limit: 2, offset: 0, total: 5 } }, 0)).toBe(2)
    expect(nextOffset({ data: [1, 2], pagination: { limit: 2, offset: 3, total: 5 } }, 3)).toBeUndefined()
    expect(nextOffset({ data: [1], pagination: { limit: 2, offset: 0, total: 50 } }, 0)).toBeUndefined()
    expect(nextOffset({ data: [], pagination: { limit: 2, offset: 0, total: 50 } }, 0)).toBeUndefined()
  })
})

describe("paginate", () => {
  it("streams every item once, in order, across pages", async () => {
    const { offsets, fetchPage } = source(7, 3)
    const all = await Effect.runPromise(Stream.runCollect(paginate((o) => Effect.sync(() => fetchPage(o)))))
    expect(all).toEqual(items)
    expect(offsets).toEqual([0, 3, 6])
  })

  it("does not ask for a page past an exact multiple of total", async () => {
    const { offsets, fetchPage } = source(6, 3)
    const all = await Effect.runPromise(Stream.runCollect(paginate((o) => Effect.sync(() => fetchPage(o)))))
    expect(all).toHaveLength(6)
    expect(offsets).toEqual([0, 3])
  })

  it("fetches lazily: taking 4 items of 3-item pages fetches 2 pages", async () => {
    const { offsets, fetchPage } = source(100, 3)
    const taken = await Effect.runPromise(
      Stream.runCollect(
        Stream.take(
          paginate((o) => Effect.sync(() => fetchPage(o))),
          4,
        ),
      ),
    )
    expect(taken).toEqual([0, 1, 2, 3])
    expect(offsets).toEqual([0, 3])
  })

  it("starts at a given offset and propagates a failing page", async () => {
    const { fetchPage } = source(10, 4)
    const fromFive = await Effect.runPromise(
      Stream.runCollect(paginate((o) => Effect.sync(() => fetchPage(o)), 5)),
    )
    expect(fromFive).toEqual([5, 6, 7, 8, 9])
    const failing = paginate((o) =>
      o === 0 ? Effect.sync(() => fetchPage(0)) : Effect.fail("boom" as const),
    )
    expect(await Effect.runPromise(Effect.flip(Stream.runCollect(failing)))).toBe("boom")
  })
})

describe("PagePromise", () => {
  it("awaits to the first page and iterates every item lazily", async () => {
    const { offsets, fetchPage } = source(7, 3)
    const list = () =>
      new PagePromise(
        async () => withMeta(fetchPage(0)),
        async (offset) => fetchPage(offset),
      )
    const page = await list()
    expect(page.data).toEqual([0, 1, 2])
    const seen: Array<number> = []
    for await (const item of list()) seen.push(item)
    expect(seen).toEqual(items)
    expect(offsets).toEqual([0, 0, 3, 6])
  })

  it("requests nothing until used, and stops fetching when the loop breaks", async () => {
    const { offsets, fetchPage } = source(100, 3)
    const list = new PagePromise(
      async () => withMeta(fetchPage(0)),
      async (offset) => fetchPage(offset),
    )
    expect(offsets).toEqual([])
    for await (const item of list) if (item === 4) break
    expect(offsets).toEqual([0, 3])
  })

  it("ends the walk with a failing page's error, after the items already fetched", async () => {
    const { fetchPage } = source(10, 3)
    const list = new PagePromise(
      async () => withMeta(fetchPage(0)),
      async (offset) => (offset === 0 ? fetchPage(offset) : Promise.reject(new Error("page 2"))),
    )
    const seen: Array<number> = []
    const walk = async () => {
      for await (const item of list) seen.push(item)
    }
    await expect(walk()).rejects.toThrow("page 2")
    expect(seen).toEqual([0, 1, 2])
    const iterator = list[Symbol.asyncIterator]()
    expect(await iterator.next()).toEqual({ done: false, value: 0 })
    await iterator.next()
    await iterator.next()
    await expect(iterator.next()).rejects.toThrow("page 2")
    expect(await iterator.next()).toEqual({ done: true, value: undefined })
  })

  it("answers calls to next made without waiting, in order, across pages", async () => {
    const { offsets, fetchPage } = source(5, 2)
    const iterator = new PagePromise(
      async () => withMeta(fetchPage(0)),
      async (offset) => fetchPage(offset),
    )[Symbol.asyncIterator]()
    expect(offsets).toEqual([])
    const results = await Promise.all(Array.from({ length: 7 }, () => iterator.next()))
    expect(results.map((r) => (r.done ? "done" : r.value))).toEqual([0, 1, 2, 3, 4, "done", "done"])
    expect(offsets).toEqual([0, 2, 4])
  })

  it("rejects like a promise", async () => {
    const list = new PagePromise<number>(
      () => Promise.reject(new Error("nope")),
      () => Promise.reject(new Error("unused")),
    )
    await expect(list).rejects.toThrow("nope")
  })
})

describe("PageSpec over HTTP", () => {
  const startServer = serverPerTest()

  it("keeps a page whose pagination is odd (negative, fractional), and walking it stops there", async () => {
    // What a mock generated from the API document sends: it declares plain integers.
    const pagination = { limit: -3, offset: -7, total: -1.5 }
    const server = await startServer(() => ({ status: 200, body: { data: [session, session], pagination } }))
    const list = makeOperation({
      name: "list_checkout_sessions",
      method: "GET",
      path: "/checkout_sessions",
      query: Spec.struct({ offset: Spec.optional(Spec.number()) }),
      success: PageSpec(Session),
    })
    const lomi = await client(server.url)
    const page = await run(lomi.execute(list, {}))
    expect(page).toEqual({ data: [session, session], pagination })
    const streamed = await run(
      Stream.runCollect(paginate((offset) => lomi.execute(list, { query: { offset } }))),
    )
    expect(streamed).toHaveLength(2)
    const walked: Array<unknown> = []
    for await (const item of new PagePromise(
      () => withMeta(runPromise(lomi.execute(list, {}))),
      (offset) => runPromise(lomi.execute(list, { query: { offset } })),
    ))
      walked.push(item)
    expect(walked).toHaveLength(2)
    expect(server.requests).toHaveLength(3)
  })

  it("decodes lists with extra keys and streams them page by page", async () => {
    const all = Array.from({ length: 5 }, (_, i) => ({ id: `cs_${i}`, amount: i + 1 }))
    const server = await startServer((request) => {
      const url = new URL(request.url, "http://x")
      const limit = Number(url.searchParams.get("limit"))
      const offset = Number(url.searchParams.get("offset"))
      return {
        status: 200,
        body: {
          data: all.slice(offset, offset + limit),
          pagination: { limit, offset, total: 5, has_more: true },
          object: "list",
        },
      }
    })
    const list = makeOperation({
      name: "list_checkout_sessions",
      method: "GET",
      path: "/checkout_sessions",
      query: Spec.struct({ limit: Spec.number(), offset: Spec.number() }),
      success: PageSpec(Session),
    })
    const lomi = await client(server.url)
    const ids = await run(
      Stream.runCollect(paginate((offset) => lomi.execute(list, { query: { limit: 2, offset } }))).pipe(
        Effect.map((sessions) => sessions.map((s) => s.id)),
      ),
    )
    expect(ids).toEqual(all.map((s) => s.id))
    expect(server.requests.map((r) => r.url)).toEqual([
      "/v1/checkout_sessions?limit=2&offset=0",
      "/v1/checkout_sessions?limit=2&offset=2",
      "/v1/checkout_sessions?limit=2&offset=4",
    ])
    const page = await runPromise(lomi.execute(list, { query: { limit: 2, offset: 0 } }))
    expect(page.pagination).toEqual({ limit: 2, offset: 0, total: 5 })
  })
})
