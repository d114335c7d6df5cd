/// <reference types="node" />
/**
 * Property-based tests over the ten operations, both APIs, every variant (plain, `withResponse`, the
 * deprecated `withMeta`, a list's `for await`, the Effect stream). Whatever a call is given, it never throws synchronously and it settles
 * with a LomiError; a bad argument is a LomiValidationError with an issue at the expected path, and a
 * recording server on 127.0.0.1 proves nothing was sent; a valid call sends exactly one request, carrying
 * exactly the caller's JSON.
 *
 * Replay a failure with the seed (and path) fast-check prints: `FC_SEED=<seed> FC_PATH=<path> npx vitest run
 * --project checkout fuzz`. `FC_RUNS` scales every property's number of runs.
 */
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Stream from "effect/Stream"
import * as fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  Checkout,
  CheckoutSessions,
  isLomiError,
  Lomi,
  type LomiValidationError,
  PaymentLinks,
} from "../src/effect.js"
import { type Api, type Call, hostileOptionsCall, invalidCall, type Path, validCall } from "./fuzz/calls.js"

const KEY = "lomi_sk_test_f022f022f022f022f022f022f022f022"
const SEED =
  process.env.FC_SEED === undefined
    ? (Date.now() ^ (Math.random() * 2 ** 31)) | 0
    : Number(process.env.FC_SEED)
const PATH = process.env.FC_PATH
const SCALE = process.env.FC_RUNS === undefined ? 1 : Number(process.env.FC_RUNS) / 1000
const runs = (n: number) => Math.max(1, Math.round(n * SCALE))

interface Recorded {
  readonly method: string
  readonly url: string
  readonly body: string
}

// The recording server: answers every operation with a minimal valid body (the fields every response
// carries), and keeps every request.
const requests: Array<Recorded> = []
let server: Server
let baseUrl: string

const answer = (method: string, path: string): { status: number; body?: unknown } => {
  const created_at = "2026-03-01T12:00:00Z"
  const item = path.startsWith("/v1/checkout_sessions")
    ? { checkout_session_id: "cs_fuzz", status: "open", amount: 2500, currency_code: "EUR", created_at }
    : { link_id: "pl_fuzz", created_at }
  if (method === "DELETE") return { status: 204 }
  if (method === "GET" && (path === "/v1/checkout_sessions" || path === "/v1/payment_links"))
    return { status: 200, body: { data: [item], pagination: { limit: 20, offset: 0, total: 1 } } }
  return { status: method === "POST" ? 201 : 200, body: item }
}

// Both APIs on one configuration; the Effect services are built once and run without requirements.
let lomi: Lomi
let services: {
  readonly checkoutSessions: CheckoutSessions["Service"]
  readonly paymentLinks: PaymentLinks["Service"]
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Array<Buffer> = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      const url = req.url ?? ""
      requests.push({ method: req.method ?? "", url, body: Buffer.concat(chunks).toString("utf8") })
      const reply = answer(req.method ?? "", url.split("?")[0] ?? "")
      res.writeHead(reply.status, reply.body === undefined ? {} : { "content-type": "application/json" })
      res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
  lomi = new Lomi({ apiKey: KEY, baseUrl })
  services = await Effect.runPromise(
    Effect.gen(function* () {
      return { checkoutSessions: yield* CheckoutSessions, paymentLinks: yield* PaymentLinks }
    }).pipe(Effect.provide(Checkout.layer({ apiKey: KEY, baseUrl }))),
  )
})

// Outcome classes of one run, printed at the end: the report of what the properties exercised.
const counts = new Map<string, number>()
const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1)

afterAll(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  const rows = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b))
  const total = rows.reduce((sum, [, n]) => sum + n, 0)
  console.log(
    [
      `fuzz: ${total} calls, seed ${SEED}`,
      ...rows.map(([key, n]) => `${String(n).padStart(6)}  ${key}`),
    ].join("\n"),
  )
})

type Settled =
  | { readonly kind: "threw"; readonly error: unknown }
  | { readonly kind: "resolved" }
  | { readonly kind: "rejected"; readonly error: unknown }
  | { readonly kind: "defect"; readonly error: unknown }

const argsOf = (call: Call) => (call.options.given ? [...call.args, call.options.value] : [...call.args])

/** Makes the call through the Promise client, noting a synchronous throw apart from a rejection. */
const viaPromise = async (call: Call): Promise<Settled> => {
  const resource = lomi[call.resource] as unknown as Record<string, (...args: Array<unknown>) => unknown> & {
    withMeta: Record<string, (...args: Array<unknown>) => unknown>
  }
  let pending: PromiseLike<unknown>
  try {
    const method = call.variant === "withMeta" ? resource.withMeta[call.verb]! : resource[call.verb]!
    const returned = method(...argsOf(call))
    const result =
      call.variant === "withResponse"
        ? (returned as { withResponse: () => unknown }).withResponse()
        : returned
    pending =
      call.variant === "iterate"
        ? (async () => {
            for await (const _ of result as AsyncIterable<unknown>);
          })()
        : (result as PromiseLike<unknown>)
  } catch (error) {
    return { kind: "threw", error }
  }
  try {
    await pending
    return { kind: "resolved" }
  } catch (error) {
    return { kind: "rejected", error }
  }
}

/** Makes the call through the Effect services; a defect (a thrown exception inside) is told apart. */
const viaEffect = async (call: Call): Promise<Settled> => {
  const service = services[call.resource] as unknown as Record<
    string,
    (...args: Array<unknown>) => unknown
  > & {
    withMeta: Record<string, (...args: Array<unknown>) => unknown>
  }
  let effect: Effect.Effect<unknown, unknown>
  try {
    if (call.variant === "stream")
      effect = Stream.runDrain(service.stream!(...argsOf(call)) as Stream.Stream<unknown, unknown>)
    else {
      const method =
        call.variant === "withMeta"
          ? service.withMeta[call.verb]!
          : call.variant === "withResponse"
            ? (service[call.verb] as unknown as { withResponse: (...args: Array<unknown>) => unknown })
                .withResponse
            : service[call.verb]!
      effect = method(...argsOf(call)) as Effect.Effect<unknown, unknown>
    }
  } catch (error) {
    return { kind: "threw", error }
  }
  const exit = await Effect.runPromiseExit(effect)
  if (Exit.isSuccess(exit)) return { kind: "resolved" }
  const failure = exit.cause.reasons.find((reason) => reason._tag === "Fail")
  if (failure !== undefined && failure._tag === "Fail") return { kind: "rejected", error: failure.error }
  return { kind: "defect", error: exit.cause }
}

const startsWith = (path: ReadonlyArray<string | number>, prefix: Path) =>
  prefix.every((segment, i) => path[i] === segment)

// What a valid call must have sent: exactly the caller's JSON, at the encoded path, with its query.
const expectSent = (call: Call, request: Recorded) => {
  const collection = call.resource === "checkoutSessions" ? "/v1/checkout_sessions" : "/v1/payment_links"
  const [path, query = ""] = request.url.split("?")
  const method = { create: "POST", list: "GET", retrieve: "GET", update: "PATCH", delete: "DELETE" }[
    call.verb
  ]
  expect(request.method).toBe(method)
  if (call.verb === "create" || call.verb === "list") expect(path).toBe(collection)
  else expect(path).toBe(`${collection}/${encodeURIComponent(call.args[0] as string)}`)
  const body = call.verb === "create" ? call.args[0] : call.verb === "update" ? call.args[1] : undefined
  if (body === undefined) expect(request.body).toBe("")
  else expect(JSON.parse(request.body)).toEqual(JSON.parse(JSON.stringify(body)))
  if (call.verb === "list") {
    const sent = Object.fromEntries(new URLSearchParams(query))
    const asked = Object.fromEntries(
      Object.entries((call.args[0] ?? {}) as object).map(([k, v]) => [k, String(v)]),
    )
    expect(sent).toEqual(asked)
  }
}

const check = async (api: Api, call: Call) => {
  const before = requests.length
  const settled = api === "promise" ? await viaPromise(call) : await viaEffect(call)
  const sent = requests.slice(before)
  if (settled.kind === "threw" || settled.kind === "defect") {
    count(`${api}: ${settled.kind} (a bug)`)
    throw new Error(`${settled.kind}: ${String(settled.error)}`)
  }
  if (call.expect.valid) {
    count(`${api}: valid call, resolved with one request`)
    if (settled.kind === "rejected") throw settled.error
    expect(sent).toHaveLength(1)
    expectSent(call, sent[0]!)
    return
  }
  count(`${api}: ${call.expect.label} -> LomiValidationError`)
  expect(settled.kind).toBe("rejected")
  const error = (settled as { error: unknown }).error
  expect(isLomiError(error), String(error)).toBe(true)
  expect((error as { _tag: string })._tag).toBe("LomiValidationError")
  const issues = (error as LomiValidationError).issues
  expect(issues.length).toBeGreaterThan(0)
  for (const issue of issues) expect(issue.path.length).toBeGreaterThan(0)
  const expected = call.expect.path
  expect(
    issues.some((issue) => startsWith(issue.path, expected)),
    `an issue at ${expected.join(".")}, got ${issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
  ).toBe(true)
  expect(sent).toHaveLength(0)
}

const property = (api: Api, arbitrary: fc.Arbitrary<Call>, numRuns: number) =>
  fc.assert(
    fc.asyncProperty(arbitrary, (call) => check(api, call)),
    { numRuns: runs(numRuns), seed: SEED, ...(PATH === undefined ? {} : { path: PATH }), endOnFailure: true },
  )

// A request sent after its call had already failed (the bug of a signal that was not an AbortSignal) would
// arrive late; each property ends by checking that the server saw no more requests than valid calls.
const settleAndCount = async (expected: () => number) => {
  await new Promise((resolve) => setTimeout(resolve, 50))
  expect(requests.length).toBe(expected())
}

describe("every operation, whatever it is given, settles with a LomiError and sends only valid calls", () => {
  const validCalls = () =>
    [...counts.entries()].filter(([k]) => k.includes("valid call")).reduce((n, [, v]) => n + v, 0)

  it("Promise API: valid calls send exactly one request each, with the caller's JSON", async () => {
    await property("promise", validCall("promise"), 300)
    await settleAndCount(validCalls)
  }, 60_000)

  it("Promise API: one bad argument is a LomiValidationError at its path, and nothing is sent", async () => {
    await property("promise", invalidCall("promise"), 1000)
    await settleAndCount(validCalls)
  }, 60_000)

  it("Promise API: bad options (null, arrays, unknown names, bad signals, bad or forbidden headers, absurd timeouts)", async () => {
    await property("promise", hostileOptionsCall("promise"), 1000)
    await settleAndCount(validCalls)
  }, 60_000)

  it("Effect API: the same, for valid calls, bad arguments and bad options", async () => {
    await property("effect", validCall("effect"), 150)
    await property("effect", invalidCall("effect"), 300)
    await property("effect", hostileOptionsCall("effect"), 300)
    await settleAndCount(validCalls)
  }, 60_000)
})
