/// <reference types="node" />
// A resource is any record of operations: one that is not create/list/retrieve/update/delete (an `expire`
// with a path parameter and no body, a lookup with two path parameters) gets a typed method in both APIs
// from its description alone, against a purpose-built server on 127.0.0.1.
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { describe, expect, expectTypeOf, it } from "vitest"
import { ApiPromise, PagePromise, type WithResponse } from "../src/ApiPromise.js"
import {
  type CommonError,
  LomiConflictError,
  LomiNotFoundError,
  LomiUnsupportedOperationError,
  LomiValidationError,
} from "../src/Errors.js"
import { LomiClient } from "../src/LomiClient.js"
import { makeOperation, type RequestOptions } from "../src/Operation.js"
import { type Page, PageSpec } from "../src/Pagination.js"
import type { PromiseRequestOptions } from "../src/Promise.js"
import { makePromiseClient } from "../src/PromiseClient.js"
import { type EffectResource, effectResource, promiseResource, resourceLayer } from "../src/Resource.js"
import * as Spec from "../src/Spec.js"
import { API_KEY, client, ListQuery, run, runFailure } from "./support/client.js"
import { type Recorded, serverPerTest } from "./support/server.js"

const Session = Spec.struct({ id: Spec.string(), status: Spec.string() }, { extra: "drop" })
type Session = Spec.TypeOf<typeof Session>
const LineItem = Spec.struct({ id: Spec.string(), quantity: Spec.number() }, { extra: "drop" })

const sessionOperations = {
  /** Creates a session. */
  create: makeOperation({
    name: "create_session",
    method: "POST",
    path: "/sessions",
    body: Spec.struct({ amount: Spec.number() }),
    success: Session,
    errors: [LomiConflictError],
  }),
  /** One page of sessions. */
  list: makeOperation({
    name: "list_sessions",
    method: "GET",
    path: "/sessions",
    query: ListQuery,
    success: PageSpec(Session),
  }),
  /** Expires an open session at once: a POST with a path parameter and no body, on each generation. */
  expire: makeOperation({
    name: "expire_session",
    routes: {
      v1: { method: "POST", path: "/checkout_sessions/{session_id}/expire" },
      "2025-12": { method: "POST", path: "/checkout-sessions/{session_id}/expire" },
    },
    success: Session,
    errors: [LomiNotFoundError],
  }),
  /** One line item of a session: two path parameters, in the template's order. */
  lineItem: makeOperation({
    name: "retrieve_line_item",
    method: "GET",
    path: "/sessions/{session_id}/line_items/{item_id}",
    success: LineItem,
  }),
  /** Only the `v1` routes serve it. */
  archive: makeOperation({
    name: "archive_session",
    routes: { v1: { method: "POST", path: "/sessions/{session_id}/archive" } },
    notServed: { "2025-12": "sessions are not archived there" },
    errors: [LomiUnsupportedOperationError],
  }),
}

const sessions = Array.from({ length: 5 }, (_, i) => ({ id: `cs_${i}`, status: "open" }))

// The server's side of the resource: what each route answers.
const answer = (request: Recorded) => {
  const url = new URL(request.url, "http://127.0.0.1")
  const route = `${request.method} ${url.pathname}`
  const expire = /^POST \/v1\/(checkout_sessions|checkout-sessions)\/([^/]+)\/expire$/.exec(route)
  if (expire !== null)
    return expire[2] === "cs_missing"
      ? { status: 404, body: { error: { code: "NOT_FOUND", message: "No session cs_missing" } } }
      : { status: 200, body: { id: decodeURIComponent(expire[2]!), status: "expired" } }
  const item = /^GET \/v1\/sessions\/([^/]+)\/line_items\/([^/]+)$/.exec(route)
  if (item !== null) return { status: 200, body: { id: `${item[1]}/${item[2]}`, quantity: 2 } }
  if (route === "POST /v1/sessions") return { status: 201, body: { id: "cs_new", status: "open" } }
  if (route === "GET /v1/sessions") {
    const limit = Number(url.searchParams.get("limit") ?? 2)
    const offset = Number(url.searchParams.get("offset") ?? 0)
    const data = sessions.slice(offset, offset + limit)
    return { status: 200, body: { data, pagination: { limit, offset, total: sessions.length } } }
  }
  return { status: 404, body: { error: { code: "NOT_FOUND", message: route } } }
}

const startServer = serverPerTest()
const serve = () => startServer(answer)

describe("a Promise resource from any record of operations", () => {
  const lomi = (url: string, apiGeneration: "v1" | "2025-12" = "v1") =>
    promiseResource(makePromiseClient({ apiKey: API_KEY, baseUrl: url, apiGeneration }), sessionOperations)

  it("calls an operation that is not one of the five verbs, with its path parameter", async () => {
    const server = await serve()
    const expired = await lomi(server.url).expire("cs_1")
    expect(expired).toEqual({ id: "cs_1", status: "expired" })
    const [request] = server.requests
    expect(request).toMatchObject({ method: "POST", url: "/v1/checkout_sessions/cs_1/expire", body: "" })
    expect(request!.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/)
  })

  it("takes the route of the client's generation", async () => {
    const server = await serve()
    await lomi(server.url, "2025-12").expire("cs 1")
    expect(server.requests[0]!.url).toBe("/v1/checkout-sessions/cs%201/expire")
    await expect(lomi(server.url, "2025-12").archive("cs_1")).rejects.toBeInstanceOf(
      LomiUnsupportedOperationError,
    )
    expect(server.requests).toHaveLength(1)
  })

  it("takes several path parameters in the template's order", async () => {
    const server = await serve()
    expect(await lomi(server.url).lineItem("cs_1", "li_2")).toEqual({ id: "cs_1/li_2", quantity: 2 })
    expect(server.requests[0]!.url).toBe("/v1/sessions/cs_1/line_items/li_2")
  })

  it("withResponse() resolves to the result and its response's metadata, from the same request", async () => {
    const server = await serve()
    const call = lomi(server.url).expire("cs_1")
    expect(call).toBeInstanceOf(Promise)
    expect(call).toBeInstanceOf(ApiPromise)
    const { data, meta } = await call.withResponse()
    expect(await call).toEqual(data)
    expect(data).toEqual({ id: "cs_1", status: "expired" })
    expect(meta).toMatchObject({ status: 200, requestId: "req_1", attempts: 1 })
    expect(meta.idempotencyKey).toBe(server.requests[0]!.headers["idempotency-key"])
    expect(server.requests).toHaveLength(1)
  })

  it("rejects with the operation's errors, and a bad argument rejects without a request (never a throw)", async () => {
    const server = await serve()
    const resource = lomi(server.url)
    const missing = await resource.expire("cs_missing").catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(LomiNotFoundError)
    const call = resource.expire(42 as never)
    await expect(call).rejects.toBeInstanceOf(LomiValidationError)
    await expect(call.withResponse()).rejects.toBeInstanceOf(LomiValidationError)
    await expect(resource.expire("cs_1", { retries: 1 } as never)).rejects.toBeInstanceOf(LomiValidationError)
    // A signal that passes the options check, then throws when the client reads it again.
    let reads = 0
    const signal = {
      get aborted(): boolean {
        if (++reads > 1) throw new Error("aborted getter")
        return false
      },
      addEventListener: () => {},
      removeEventListener: () => {},
    } as unknown as AbortSignal
    const flaky = await resource.expire("cs_1", { signal }).catch((e: unknown) => e)
    expect(flaky).toBeInstanceOf(LomiValidationError)
    expect((flaky as LomiValidationError).issues[0]?.path).toEqual(["options", "signal"])
    expect(server.requests).toHaveLength(1)
  })

  it("a list is a PagePromise: the first page with its metadata, or every item with for await", async () => {
    const server = await serve()
    const list = lomi(server.url).list({ limit: 2 })
    expect(list).toBeInstanceOf(PagePromise)
    expect(server.requests).toHaveLength(0)
    const { data: page, meta } = await list.withResponse()
    expect(page.data).toEqual(sessions.slice(0, 2))
    expect(meta.status).toBe(200)
    expect(await list).toBe(page)
    const ids: Array<string> = []
    for await (const session of list) ids.push(session.id)
    expect(ids).toEqual(sessions.map((s) => s.id))
    expect(server.requests.map((r) => r.url)).toEqual([
      "/v1/sessions?limit=2",
      "/v1/sessions?limit=2&offset=2",
      "/v1/sessions?limit=2&offset=4",
    ])
  })

  it("keeps withMeta, deprecated, resolving to { data, meta }", async () => {
    const server = await serve()
    const { data, meta } = await lomi(server.url).withMeta.expire("cs_1")
    expect(data.status).toBe("expired")
    expect(meta.requestId).toBe("req_1")
  })

  it("types each method from its description", () => {
    type Resource = ReturnType<typeof lomi>
    type Options = PromiseRequestOptions | undefined
    expectTypeOf<Resource["expire"]>().parameters.toEqualTypeOf<[string, Options?]>()
    expectTypeOf<Resource["expire"]>().returns.toEqualTypeOf<ApiPromise<Session>>()
    expectTypeOf<Resource["lineItem"]>().parameters.toEqualTypeOf<[string, string, Options?]>()
    expectTypeOf<Resource["create"]>().parameters.toEqualTypeOf<[{ readonly amount: number }, Options?]>()
    expectTypeOf<Resource["list"]>().returns.toEqualTypeOf<PagePromise<Session>>()
    expectTypeOf<Resource["archive"]>().returns.toEqualTypeOf<ApiPromise<void>>()
    expectTypeOf<ApiPromise<Session>["withResponse"]>().returns.toEqualTypeOf<
      Promise<WithResponse<Session>>
    >()
    expectTypeOf<Resource["withMeta"]["expire"]>().returns.toEqualTypeOf<Promise<WithResponse<Session>>>()
    expectTypeOf(sessionOperations.lineItem.pathParams).toEqualTypeOf<readonly ["session_id", "item_id"]>()
  })
})

describe("an Effect resource from the same record", () => {
  class Sessions extends Context.Service<Sessions, EffectResource<typeof sessionOperations>>()(
    "test/Sessions",
  ) {
    static readonly layer = resourceLayer(Sessions, sessionOperations)
  }

  it("expire, withResponse and stream, each failing with its operation's errors", async () => {
    const server = await serve()
    const resource = effectResource(await client(server.url, { apiGeneration: "v1" }), sessionOperations)
    expect(await run(resource.expire("cs_1"))).toEqual({ id: "cs_1", status: "expired" })
    const { data, meta } = await run(resource.expire.withResponse("cs_2"))
    expect(data.id).toBe("cs_2")
    expect(meta.requestId).toBe("req_2")
    expect(await runFailure(resource.expire("cs_missing"))).toBeInstanceOf(LomiNotFoundError)
    const all = await run(Stream.runCollect(resource.stream({ limit: 2, offset: 1 })))
    expect(Array.from(all).map((s) => s.id)).toEqual(["cs_1", "cs_2", "cs_3", "cs_4"])
    expect(await runFailure(resource.lineItem("cs_1", "" as string))).toBeInstanceOf(LomiValidationError)
  })

  it("provides a service through resourceLayer", async () => {
    const server = await serve()
    const program = Effect.gen(function* () {
      const service = yield* Sessions
      return yield* service.lineItem("cs_1", "li_9")
    })
    const layer = Layer.provide(
      Sessions.layer,
      LomiClient.layer({ apiKey: API_KEY, baseUrl: server.url, apiGeneration: "v1" }),
    )
    expect(await run(Effect.provide(program, layer))).toEqual({ id: "cs_1/li_9", quantity: 2 })
  })

  it("types each method with exactly its operation's errors", () => {
    type Service = EffectResource<typeof sessionOperations>
    type Options = RequestOptions | undefined
    expectTypeOf<Service["expire"]>().parameters.toEqualTypeOf<[string, Options?]>()
    expectTypeOf<Service["expire"]>().returns.toEqualTypeOf<
      Effect.Effect<Session, CommonError | LomiNotFoundError>
    >()
    expectTypeOf<Service["expire"]["withResponse"]>().returns.toEqualTypeOf<
      Effect.Effect<WithResponse<Session>, CommonError | LomiNotFoundError>
    >()
    expectTypeOf<Service["list"]>().returns.toEqualTypeOf<Effect.Effect<Page<Session>, CommonError>>()
    expectTypeOf<Service["stream"]>().returns.toEqualTypeOf<Stream.Stream<Session, CommonError>>()
    expectTypeOf<Service["create"]>().returns.toEqualTypeOf<
      Effect.Effect<Session, CommonError | LomiConflictError>
    >()
    expectTypeOf<Service["archive"]>().returns.toEqualTypeOf<
      Effect.Effect<void, CommonError | LomiUnsupportedOperationError>
    >()
  })
})
