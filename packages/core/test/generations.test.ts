/// <reference types="node" />
// Generations of lomi.'s routes: which one a client speaks (option, variable, base URL), routes per
// generation as data on each operation, an operation a generation does not serve, list parameters spelt
// otherwise on the wire, and pages without a total, against a purpose-built server on 127.0.0.1.
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { describe, expect, it } from "vitest"
import { API_GENERATIONS } from "../src/ApiGeneration.js"
import { BaseUrls, type LomiEnv } from "../src/Config.js"
import {
  isLomiError,
  LomiErrorTags,
  LomiNotFoundError,
  LomiUnsupportedOperationError,
  LomiValidationError,
} from "../src/Errors.js"
import { resolveOptions } from "../src/internal/options.js"
import { LomiClient } from "../src/LomiClient.js"
import { makeOperation } from "../src/Operation.js"
import { paginate } from "../src/Paginate.js"
import { ArrayPage, FlatPage, nextOffset, PageSpec } from "../src/Pagination.js"
import * as Spec from "../src/Spec.js"
import { API_KEY, client, run, runFailure } from "./support/client.js"
import { startServer } from "./support/server.js"

const LIVE_KEY = "lomi_sk_live_0123456789abcdef0123456789abcdef"

const resolved = (options: object, env: LomiEnv = {}) => {
  const result = resolveOptions(options, env)
  if (!result.ok) throw new Error(`expected a configuration, got: ${result.error}`)
  return { baseUrl: result.value.baseUrl, apiGeneration: result.value.apiGeneration }
}
const refused = (options: object, env: LomiEnv = {}): string => {
  const result = resolveOptions(options, env)
  if (result.ok) throw new Error("expected a refusal")
  return result.error
}

describe("the generation a client speaks", () => {
  it.each([
    // [options, env, base URL, generation]
    [{ apiKey: LIVE_KEY }, {}, "https://api.lomi.africa", "2025-12"],
    [{ apiKey: API_KEY }, {}, "https://sandbox.api.lomi.africa", "2025-12"],
    [{ apiKey: API_KEY, environment: "sandbox" }, {}, "https://sandbox.api.lomi.africa", "2025-12"],
    [{ apiKey: LIVE_KEY, apiGeneration: "v1" }, {}, "https://api.lomi.africa/v1", "v1"],
    [
      { apiKey: API_KEY, environment: "sandbox", apiGeneration: "v1" },
      {},
      "https://sandbox.api.lomi.africa/v1",
      "v1",
    ],
    [{ apiKey: API_KEY }, { LOMI_API_GENERATION: "v1" }, "https://sandbox.api.lomi.africa/v1", "v1"],
    [{ apiKey: API_KEY, baseUrl: "http://127.0.0.1:4010/v1" }, {}, "http://127.0.0.1:4010/v1", "v1"],
    [{ apiKey: API_KEY, baseUrl: "http://127.0.0.1:4010/v1/" }, {}, "http://127.0.0.1:4010/v1", "v1"],
    [{ apiKey: API_KEY, baseUrl: "http://127.0.0.1:4010" }, {}, "http://127.0.0.1:4010", "2025-12"],
    [
      { apiKey: API_KEY, baseUrl: "https://proxy.example.com/lomi" },
      {},
      "https://proxy.example.com/lomi",
      "2025-12",
    ],
    [
      { apiKey: API_KEY, baseUrl: "https://proxy.example.com/v10" },
      {},
      "https://proxy.example.com/v10",
      "2025-12",
    ],
    [{ apiKey: API_KEY }, { LOMI_BASE_URL: "http://localhost:4010/v1" }, "http://localhost:4010/v1", "v1"],
    // A generation named wins over the base URL's shape, in code or in the environment.
    [
      { apiKey: API_KEY, baseUrl: "http://127.0.0.1:4010/v1", apiGeneration: "2025-12" },
      {},
      "http://127.0.0.1:4010/v1",
      "2025-12",
    ],
    [
      { apiKey: API_KEY, baseUrl: "http://127.0.0.1:4010" },
      { LOMI_API_GENERATION: "v1" },
      "http://127.0.0.1:4010",
      "v1",
    ],
    [
      { apiKey: API_KEY, apiGeneration: "2025-12" },
      { LOMI_API_GENERATION: "v1" },
      "https://sandbox.api.lomi.africa",
      "2025-12",
    ],
  ] as const)("%o with %o: %s speaking %s", (options, env, baseUrl, apiGeneration) => {
    expect(resolved(options, env)).toEqual({ baseUrl, apiGeneration })
  })

  it("refuses an unknown generation, naming the option or the variable; an overridden variable is never read", () => {
    expect(refused({ apiKey: API_KEY, apiGeneration: "v2" })).toBe(
      '`apiGeneration` must be "v1" or "2025-12", got "v2".',
    )
    expect(refused({ apiKey: API_KEY }, { LOMI_API_GENERATION: "2026-01" })).toBe(
      '`LOMI_API_GENERATION` must be "v1" or "2025-12", got "2026-01".',
    )
    expect(
      resolved({ apiKey: API_KEY, apiGeneration: "v1" }, { LOMI_API_GENERATION: "2026-01" }).apiGeneration,
    ).toBe("v1")
  })

  it("the Effect layers read LOMI_API_GENERATION through Config, as the Promise clients read process.env", async () => {
    const env = ConfigProvider.layer(
      ConfigProvider.fromEnv({ env: { LOMI_API_KEY: LIVE_KEY, LOMI_API_GENERATION: "v1" } }),
    )
    const readConfig = Effect.gen(function* () {
      return (yield* LomiClient).config
    })
    const config = await Effect.runPromise(
      Effect.provide(readConfig, LomiClient.layerConfig().pipe(Layer.provide(env))),
    )
    expect(config).toMatchObject({ baseUrl: `${BaseUrls.live}/v1`, apiGeneration: "v1" })
  })
})

// The purpose-built server's URL ends in `/v1`; its origin is where today's routes would be.
const originOf = (url: string) => url.replace(/\/v1$/, "")

const Item = Spec.struct({ id: Spec.string() }, { extra: "drop" })
const Query = Spec.struct({
  limit: Spec.optional(Spec.number()),
  offset: Spec.optional(Spec.number()),
  link_type: Spec.optional(Spec.string()),
})

const retrieve = makeOperation({
  name: "retrieve_thing",
  routes: {
    v1: { method: "GET", path: "/things/{thing_id}" },
    "2025-12": { method: "GET", path: "/today-things/{thing_id}" },
  },
  success: Item,
  errors: [LomiNotFoundError],
})
const remove = makeOperation({
  name: "delete_thing",
  routes: { v1: { method: "DELETE", path: "/things/{thing_id}" } },
  notServed: { "2025-12": "things are forever there" },
  errors: [LomiNotFoundError, LomiUnsupportedOperationError],
})
const list = makeOperation({
  name: "list_things",
  routes: {
    v1: { method: "GET", path: "/things" },
    "2025-12": {
      method: "GET",
      path: "/today-things",
      queryNames: { link_type: "linkType" },
      success: ArrayPage(Item, { defaultLimit: 20 }),
    },
  },
  query: Query,
  success: PageSpec(Item),
})

describe("routes per generation, as data", () => {
  it("a client calls its generation's route, and only that one", async () => {
    const server = await startServer((request) =>
      request.method === "DELETE" ? { status: 204 } : { status: 200, body: { id: "t_1" } },
    )
    for (const generation of API_GENERATIONS) {
      const lomi = await client(originOf(server.url), { apiGeneration: generation })
      expect(await run(lomi.execute(retrieve, { path: { thing_id: "t 1" } }))).toEqual({ id: "t_1" })
    }
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET /things/t%201",
      "GET /today-things/t%201",
    ])
  })

  it("an operation the generation does not serve fails at once: no request, attempts 0, what to do", async () => {
    const server = await startServer(() => ({ status: 204 }))
    const lomi = await client(originOf(server.url))
    expect(lomi.config.apiGeneration).toBe("2025-12")
    const error = await runFailure(lomi.execute(remove, { path: { thing_id: "t_1" } }))
    expect(error).toBeInstanceOf(LomiUnsupportedOperationError)
    expect(isLomiError(error)).toBe(true)
    expect(LomiErrorTags).toContain("LomiUnsupportedOperationError")
    expect(error).toMatchObject({
      _tag: "LomiUnsupportedOperationError",
      code: "UNSUPPORTED_OPERATION",
      status: undefined,
      attempts: 0,
      retryable: false,
      operation: "delete_thing",
      apiGeneration: "2025-12",
      message:
        "delete_thing is not served by lomi.'s 2025-12 routes; things are forever there. Nothing was sent.",
    })
    // Not even bad input is looked at: the operation does not exist there.
    const bad = await runFailure(lomi.execute(remove, { path: { thing_id: "" } }))
    expect(bad).toBeInstanceOf(LomiUnsupportedOperationError)
    const v1 = await client(originOf(server.url), { apiGeneration: "v1" })
    await run(v1.execute(remove, { path: { thing_id: "t_1" } }))
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["DELETE /things/t_1"])
  })

  it("a list parameter spelt otherwise on one generation's wire keeps its own name in issues", async () => {
    const server = await startServer(() => ({ status: 200, body: [] }))
    const lomi = await client(originOf(server.url))
    await run(lomi.execute(list, { query: { link_type: "instant", limit: 5 } }))
    expect(server.requests.map((r) => r.url)).toEqual(["/today-things?limit=5&linkType=instant"])
    const error = await runFailure(lomi.execute(list, { query: { link_type: "\ud800" } }))
    expect(error).toBeInstanceOf(LomiValidationError)
    expect((error as LomiValidationError).issues.map((i) => i.path)).toEqual([["query", "link_type"]])
  })
})

describe("makeOperation refuses a malformed description at import time", () => {
  it.each([
    [
      "a generation left out without LomiUnsupportedOperationError",
      () => makeOperation({ name: "x", routes: { v1: { method: "GET", path: "/x" } } }),
      /no route on "2025-12", so LomiUnsupportedOperationError must be among its errors/,
    ],
    [
      "paths whose placeholders differ",
      () =>
        makeOperation({
          name: "x",
          routes: { v1: { method: "GET", path: "/x/{a}" }, "2025-12": { method: "GET", path: "/y/{b}" } },
        }),
      /the placeholders of \/y\/\{b\} differ from the other routes'/,
    ],
    [
      "both routes and a single method and path",
      () =>
        makeOperation({
          name: "x",
          method: "GET",
          path: "/x",
          routes: { v1: { method: "GET", path: "/x" }, "2025-12": { method: "GET", path: "/x" } },
        }),
      /give either `routes` or `method` and `path`/,
    ],
    [
      "a route's own success without the operation's (its type)",
      () =>
        makeOperation({
          name: "x",
          routes: {
            v1: { method: "GET", path: "/x" },
            "2025-12": {
              method: "GET",
              path: "/x",
              success: Item as unknown as Spec.Spec<undefined>,
            },
          },
        }),
      /the route on "2025-12" has a success the operation lacks/,
    ],
  ])("%s", (_label, build, message) => {
    expect(build).toThrow(message)
  })

  it("a single method and path is the same route on every generation", () => {
    const op = makeOperation({ name: "x", method: "GET", path: "/x/{id}" })
    for (const generation of API_GENERATIONS)
      expect(op.routes[generation]).toMatchObject({ method: "GET", path: "/x/{id}" })
    expect(op.pathParams).toEqual(["id"])
  })
})

const decodeOk = (spec: Spec.Spec<unknown>, value: unknown): any => {
  const result = Spec.decode(spec, value)
  if (!result.ok) throw new Error(Spec.formatIssues(result.issues))
  return result.value
}

describe("pages without a total", () => {
  const items = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: `t_${from + i}` }))

  it("a bare array takes the request's limit and offset, else the route's defaults", async () => {
    const server = await startServer(() => ({ status: 200, body: items(0, 2) }))
    const lomi = await client(originOf(server.url))
    expect(await run(lomi.execute(list, { query: { limit: 5, offset: 10 } }))).toEqual({
      data: items(0, 2),
      pagination: { limit: 5, offset: 10, total: undefined },
    })
    expect((await run(lomi.execute(list, {}))).pagination).toEqual({ limit: 20, offset: 0, total: undefined })
  })

  it("a flat page keeps the server's limit and offset, and never its total (the page's length there)", () => {
    const format = FlatPage(Item, { defaultLimit: 20 })
    const body = decodeOk(format.spec, { data: items(0, 3), total: 3, limit: 3, offset: 6 })
    expect(format.toResult(body, {})).toEqual({
      data: items(0, 3),
      pagination: { limit: 3, offset: 6, total: undefined },
    })
    const bare = decodeOk(format.spec, { data: [], total: null })
    expect(format.toResult(bare, { limit: 7, offset: 14 }).pagination).toEqual({
      limit: 7,
      offset: 14,
      total: undefined,
    })
  })

  it("nextOffset without a total: the next page after a full one, none after a short or empty one", () => {
    const page = (n: number, limit: number) => ({
      data: items(0, n),
      pagination: { limit, offset: 0, total: undefined },
    })
    expect(nextOffset(page(5, 5), 10)).toBe(15)
    expect(nextOffset(page(4, 5), 10)).toBeUndefined()
    expect(nextOffset(page(0, 5), 10)).toBeUndefined()
  })

  it.each([
    [7, 3, ["0", "3", "6"]],
    [6, 3, ["0", "3", "6"]],
  ] as const)("a stream over %d items in pages of %d asks for offsets %j", async (count, limit, offsets) => {
    const all = items(0, count)
    const server = await startServer((request) => {
      const params = new URL(request.url, "http://x").searchParams
      const offset = Number(params.get("offset") ?? 0)
      return { status: 200, body: all.slice(offset, offset + Number(params.get("limit"))) }
    })
    const lomi = await client(originOf(server.url))
    const streamed = await run(
      Stream.runCollect(paginate((offset) => lomi.execute(list, { query: { limit, offset } }))),
    )
    expect(Array.from(streamed)).toEqual(all)
    expect(server.requests.map((r) => new URL(r.url, "http://x").searchParams.get("offset"))).toEqual(offsets)
  })
})
