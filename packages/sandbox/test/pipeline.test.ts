import { describe, expect, it } from "vitest"
import { CommitQueue, type SandboxPersistence } from "../src/commit-queue.js"
import { REFERENCE_EXAMPLES } from "../src/examples.js"
import { FaultInjector, type FaultRule } from "../src/faults.js"
import type { GenerationRoutes } from "../src/generation.js"
import { IdempotencyReservation, IdempotencyTable } from "../src/idempotency.js"
import { ApiKeys } from "../src/keys.js"
import {
  authenticate,
  beginIdempotency,
  checkBodySize,
  mangle,
  type PipelineContext,
  runOperation,
} from "../src/pipeline.js"
import type { SandboxRequest } from "../src/request.js"
import type { SandboxDispatch } from "../src/request-log.js"
import type { Reply } from "../src/responses.js"
import { Sleepers } from "../src/sleepers.js"
import { Store } from "../src/store.js"
import { v1Routes } from "../src/v1.js"

// The steps of pipeline.ts, alone and chained, over the real store, commit queue, fault injector and
// `/v1` routes; only the HTTP layer is left out. The point: an `Idempotency-Key` reservation is released
// exactly once on every path that does not keep its answer, and never on one that does.

const KEY = "lomi_sk_test_pipeline"
const NOW = Date.parse("2030-01-01T00:00:00Z")
const URL_OF_CREATE = "http://sandbox.test/v1/checkout_sessions"
const encoder = new TextEncoder()

/** A journal in memory whose appends fail while `failing` is set. */
const memoryJournal = () => {
  const lines: string[] = []
  const journal = {
    failing: false,
    lines,
    persistence: {
      load: async () => [],
      append: async (added: ReadonlyArray<string>) => {
        if (journal.failing) throw new Error("disk full")
        lines.push(...added)
      },
      replace: async (all: ReadonlyArray<string>) => {
        lines.splice(0, lines.length, ...all)
      },
      close: async () => {},
    } satisfies SandboxPersistence,
  }
  return journal
}

const setup = async (options: { faults?: FaultRule[]; persistence?: SandboxPersistence } = {}) => {
  const store = new Store(options.persistence !== undefined)
  const keys = new ApiKeys([KEY], store)
  const commits = new CommitQueue(store, options.persistence)
  await commits.load(NOW)
  const ctx: PipelineContext = {
    keys,
    limiter: undefined,
    injector: new FaultInjector(options.faults ?? [], 1),
    now: () => NOW,
    maxBodyBytes: 1024,
    commits,
    sleepers: new Sleepers(),
  }
  const routes = v1Routes({ store, now: () => NOW, sessionTtlMs: 60_000 })
  // Counts the releases of the key's namespace, on the real table.
  const ns = await keys.namespaceOf(KEY)
  const released: string[] = []
  const release = ns.idempotency.release.bind(ns.idempotency)
  ns.idempotency.release = (key) => {
    released.push(key)
    release(key)
  }
  const run = (request: SandboxRequest, via: GenerationRoutes = routes): Promise<SandboxDispatch> => {
    const url = new URL(request.url)
    const matched = via.match(request, url)
    if (!("op" in matched)) throw new Error(`no operation for ${request.method} ${request.url}`)
    return runOperation(ctx, via, matched.op, request, url, () => {})
  }
  const sessions = () => ns.checkout_sessions.items.size
  return { ctx, routes, released, run, sessions }
}

const create = (body: unknown, headers: Record<string, string> = { "idempotency-key": "order-1" }) => {
  const all: Record<string, string> = { "x-api-key": KEY, "content-type": "application/json", ...headers }
  return {
    method: "POST",
    url: URL_OF_CREATE,
    header: (name: string) => all[name],
    body: encoder.encode(JSON.stringify(body)),
  } satisfies SandboxRequest
}

const answer = (result: SandboxDispatch): Reply => {
  if (result.kind === "reset") throw new Error("the connection was reset")
  return result.reply
}

const VALID = REFERENCE_EXAMPLES.createCheckoutSession

describe("the request pipeline's idempotency settle", () => {
  it("keeps the key of an executed, durable answer, and replays it without releasing", async () => {
    const { run, released, sessions } = await setup()
    const first = answer(await run(create(VALID)))
    expect(first.status).toBe(201)
    const replay = answer(await run(create(VALID)))
    expect(replay.headers["idempotent-replayed"]).toBe("true")
    expect(replay.body).toBe(first.body)
    expect(released).toEqual([])
    expect(sessions()).toBe(1)
  })

  it("releases once when the operation does not execute (invalid body), so a fixed retry runs", async () => {
    const { run, released, sessions } = await setup()
    expect(answer(await run(create({ amount: -1 }))).status).toBe(400)
    expect(released).toEqual(["order-1"])
    const retry = answer(await run(create(VALID)))
    expect(retry.status).toBe(201)
    expect(retry.headers["idempotent-replayed"]).toBeUndefined()
    expect(released).toEqual(["order-1"])
    expect(sessions()).toBe(1)
  })

  it("releases once for an injected error and an injected reset, which write nothing", async () => {
    const { run, released, sessions } = await setup({
      faults: [
        { kind: "error", status: 503, next: 1 },
        { kind: "reset", next: 1 },
      ],
    })
    expect(answer(await run(create(VALID))).status).toBe(503)
    expect(released).toEqual(["order-1"])
    expect((await run(create(VALID))).kind).toBe("reset")
    expect(released).toEqual(["order-1", "order-1"])
    expect(sessions()).toBe(0)
    expect(answer(await run(create(VALID))).headers["idempotent-replayed"]).toBeUndefined()
  })

  it("keeps the key when the connection is reset after the commit: the retry gets the replay", async () => {
    const { run, released, sessions } = await setup({ faults: [{ kind: "reset_after_commit", next: 1 }] })
    expect((await run(create(VALID))).kind).toBe("reset")
    expect(released).toEqual([])
    expect(answer(await run(create(VALID))).headers["idempotent-replayed"]).toBe("true")
    expect(sessions()).toBe(1)
  })

  it("releases once when the operation throws, and the error reaches the caller", async () => {
    const { routes, run, released } = await setup()
    const broken: GenerationRoutes = {
      ...routes,
      execute: async () => {
        throw new Error("bug in an operation")
      },
    }
    await expect(run(create(VALID), broken)).rejects.toThrow("bug in an operation")
    expect(released).toEqual(["order-1"])
    expect(answer(await run(create(VALID))).status).toBe(201)
  })

  it("releases once when the write is lost, leaving neither the session nor a replayable answer", async () => {
    const journal = memoryJournal()
    const { run, released, sessions } = await setup({ persistence: journal.persistence })
    journal.failing = true
    await expect(run(create(VALID))).rejects.toMatchObject({ name: "WriteLostError" })
    expect(released).toEqual(["order-1"])
    expect(sessions()).toBe(0)
    journal.failing = false
    const retry = answer(await run(create(VALID)))
    expect(retry.status).toBe(201)
    expect(retry.headers["idempotent-replayed"]).toBeUndefined()
    expect(journal.lines.filter((line) => line.includes('"type":"idempotency"'))).toHaveLength(1)
  })

  it("refuses a second request while the first holds the key, without touching the first's hold", async () => {
    const { run, released, sessions } = await setup({ faults: [{ kind: "latency", ms: 50, next: 1 }] })
    const first = run(create(VALID))
    const second = answer(await run(create(VALID)))
    expect(second.status).toBe(409)
    expect(released).toEqual([])
    expect(answer(await first).status).toBe(201)
    expect(released).toEqual([])
    expect(sessions()).toBe(1)
  })

  it("settles a reservation once: a second settle cannot free a later request's hold", () => {
    const table = new IdempotencyTable()
    expect(table.begin("k", "POST /v1/x\n", NOW).kind).toBe("new")
    const reservation = new IdempotencyReservation(table, "k")
    reservation.settle()
    // A later request takes the freed key; the stale reservation must not free it again.
    expect(table.begin("k", "POST /v1/x\n", NOW).kind).toBe("new")
    reservation.settle()
    expect(table.begin("k", "POST /v1/x\n", NOW).kind).toBe("in_flight")
  })
})

describe("the request pipeline's steps, alone", () => {
  const routes = v1Routes({ store: new Store(false), now: () => NOW, sessionTtlMs: 60_000 })
  const request = (method: string, headers: Record<string, string>, body?: Uint8Array): SandboxRequest => ({
    method,
    url: URL_OF_CREATE,
    header: (name) => headers[name],
    body,
  })
  const errorOf = (reply: Reply) => JSON.parse(reply.body ?? "").error

  it("authenticate: a configured key passes; a missing and a wrong key get their own 401", () => {
    const keys = new ApiKeys([KEY], new Store(false))
    expect(authenticate(keys, routes, request("GET", { "x-api-key": KEY }))).toEqual({ apiKey: KEY })
    const missing = authenticate(keys, routes, request("GET", {}))
    const wrong = authenticate(keys, routes, request("GET", { "x-api-key": "lomi_sk_test_other" }))
    if (!("refused" in missing) || !("refused" in wrong)) throw new Error("expected refusals")
    expect([missing.refused.status, errorOf(missing.refused).message]).toEqual([
      401,
      "Missing X-API-KEY header",
    ])
    expect([wrong.refused.status, errorOf(wrong.refused).message]).toEqual([401, "Invalid API key"])
  })

  it("body size: the limit itself passes; one byte more, or an adapter's flag, gets the 413", () => {
    expect(checkBodySize(4, routes, request("POST", {}, new Uint8Array(4)))).toBeUndefined()
    expect(checkBodySize(4, routes, request("POST", {}, new Uint8Array(5)))?.refused.status).toBe(413)
    const flagged = { ...request("POST", {}), bodyTooLarge: true }
    expect(errorOf(checkBodySize(4, routes, flagged)?.refused as Reply).details).toEqual({ limit: 4 })
  })

  it("idempotency begin: only a POST's key counts, and a malformed key is refused by name", () => {
    const ns = new Store(false).namespace("n")
    const noted: unknown[] = []
    const begin = (method: string, key: string) =>
      beginIdempotency(
        ns,
        routes,
        request(method, { "idempotency-key": key }),
        new URL(URL_OF_CREATE),
        () => NOW,
        (patch) => noted.push(patch),
      )
    expect(begin("GET", "k")).toEqual({ kind: "none" })
    const bad = begin("POST", "a b")
    if (!("refused" in bad)) throw new Error("expected a refusal")
    expect(errorOf(bad.refused).details.issues[0].path).toEqual(["Idempotency-Key"])
    expect(noted).toEqual([])
    const fresh = begin("POST", "k")
    expect("kind" in fresh && fresh.kind).toBe("reserved")
    expect(noted).toEqual([{ idempotencyKey: "k" }])
  })

  it("fault mangling: truncates only a non-empty body, malforms JSON, drops the connection after commit", () => {
    const ok: Reply = { status: 200, headers: {}, body: '{"a":1}' }
    const none: Reply = { status: 204, headers: {}, body: undefined }
    const plan = (kind: "truncated_body" | "malformed_body" | "reset_after_commit") => ({
      latencyMs: 0,
      outcome: { kind },
      fired: [kind],
    })
    expect(mangle(ok, plan("truncated_body"))).toEqual({ kind: "truncate", reply: ok })
    expect(mangle(none, plan("truncated_body"))).toEqual({ kind: "reply", reply: none })
    const malformed = answer(mangle(ok, plan("malformed_body")))
    expect(() => JSON.parse(malformed.body ?? "")).toThrow()
    expect(mangle(ok, plan("reset_after_commit"))).toEqual({ kind: "reset" })
    expect(mangle(ok, undefined)).toEqual({ kind: "reply", reply: ok })
  })
})
