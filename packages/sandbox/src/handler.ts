import { adminEndpoint } from "./admin.js"
import { CommitQueue, type SandboxPersistence } from "./commit-queue.js"
import { FaultInjector, type FaultRule, type FaultRuleState } from "./faults.js"
import { hostedPages } from "./hosted.js"
import { WebhookOutbox } from "./outbox.js"
import {
  CHECKOUT_OUTCOMES,
  type CheckoutCompletion,
  type CheckoutOutcome,
  checkoutCompleter,
} from "./payment.js"
import { hex, type PipelineContext, runOperation } from "./pipeline.js"
import { RateLimiter, type RateLimitOptions } from "./rate-limit.js"
import { fromRequest, type SandboxRequest } from "./request.js"
import type { LogNote, Mutable, RequestLogEntry, SandboxDispatch } from "./request-log.js"
import { environmentOf, iso, type ResourceContext } from "./resources.js"
import { type Reply, SandboxActionError, toResponse } from "./responses.js"
import { type Namespace, Store } from "./store.js"
import { todayRoutes } from "./today.js"
import { v1Routes } from "./v1.js"
import { checkBody, type JsonObject } from "./validation.js"
import { resolveWebhookOptions, type WebhookDelivery, type WebhookOptions } from "./webhooks.js"

export type { SandboxRequest } from "./request.js"
export type { RequestLogEntry, SandboxDispatch } from "./request-log.js"

/** The test key used when no `apiKeys` are configured. */
export const SANDBOX_DEFAULT_KEY = "lomi_sk_test_0000000000000000000000000000000000000000"

/** Options of {@link createSandboxHandler}. */
export interface SandboxHandlerOptions {
  /** Accepted `X-API-KEY` values; default `[SANDBOX_DEFAULT_KEY]`. Each key has its own data. */
  readonly apiKeys?: ReadonlyArray<string>
  /** Fault rules active from the start. */
  readonly faults?: ReadonlyArray<FaultRule>
  /** Seed of the fault dice; default random (read it back from `seed`). */
  readonly seed?: number | string
  /** Enables the admin endpoint under `/__admin`, protected by `Authorization: Bearer <token>`. */
  readonly admin?: {
    /** The bearer token the admin endpoint requires (non-empty). */
    readonly token: string
  }
  /** Enables a per-key token bucket answering 429 with `Retry-After`. */
  readonly rateLimit?: RateLimitOptions
  /** Clock in epoch milliseconds; inject one to test expiry without waiting. */
  readonly now?: () => number
  /** Durable storage; default none (in memory). */
  readonly persistence?: SandboxPersistence
  /**
   * Origin (`https://host[:port]`) of the `url` fields of resources, when clients reach the sandbox
   * through a proxy. Default: the origin of each request's URL (`startSandbox` passes its own listening
   * origin, never the `Host` header).
   */
  readonly publicOrigin?: string
  /** Largest accepted request body in bytes (default 1 MiB); larger bodies get 413. */
  readonly maxBodyBytes?: number
  /** How many entries the request log keeps, oldest dropped first (default 10,000). */
  readonly requestLogLimit?: number
  /** Lifetime of a checkout session created without `expires_at` (default 60 minutes). */
  readonly sessionTtlMs?: number
  /**
   * Sends signed events, in the background and with retries, when a checkout session is paid or its
   * payment fails (hosted page, `completeCheckout` or the admin endpoint). Throws at construction when invalid.
   */
  readonly webhooks?: WebhookOptions
  /** Called with unexpected internal errors (default `console.error`); they are answered with a 500. */
  readonly onError?: (error: unknown) => void
}

/** Options of `seedCheckoutSessions`. */
export interface SeedOptions {
  /** The key whose namespace receives the sessions; default the first configured key. */
  readonly apiKey?: string
}

/** A runtime-neutral sandbox: a fetch handler plus the controls tests use. */
export interface SandboxHandler {
  /** Standard fetch handler. An injected connection reset rejects with a `TypeError`, as `fetch` would. */
  fetch(request: Request): Promise<Response>
  /** Lower-level entry for adapters that own the socket and can reset it. */
  dispatch(request: SandboxRequest): Promise<SandboxDispatch>
  /** Resolves when persisted data is loaded; requests wait for it on their own. */
  readonly ready: Promise<void>
  /** The first configured API key. */
  readonly apiKey: string
  /** The seed of the fault dice. */
  readonly seed: number | string
  /** Deletes every session, link and idempotency key (persisted too), refills rate buckets, clears the log. */
  reset(): Promise<void>
  /** Replaces the fault rules (throws `FaultSpecError` when invalid); a `seed` restarts the dice. */
  setFaults(rules: ReadonlyArray<FaultRule>, seed?: number | string): void
  /** The current fault rules, with remaining counts of scripted ones. */
  faults(): ReadonlyArray<FaultRuleState>
  /** Every request received so far (bounded by `requestLogLimit`), oldest first. */
  requests(): ReadonlyArray<RequestLogEntry>
  /** Empties the request log. */
  clearRequests(): void
  /**
   * Bulk-inserts `count` open checkout sessions built from `template` (amount, currency and title vary
   * when not given), with increasing `created_at`, and persists once. Returns their ids.
   */
  seedCheckoutSessions(count: number, template?: JsonObject, options?: SeedOptions): Promise<string[]>
  /**
   * Plays the payer of an `open` session, by the same code path as the hosted page's buttons: `succeeded`
   * completes it and queues `PAYMENT_SUCCEEDED` then `CHECKOUT_COMPLETED`; `failed` queues
   * `PAYMENT_FAILED` and leaves it open; `canceled` sends nothing. `origin` (default
   * `http://localhost`) is used for the session's `url`. Rejects with `SandboxActionError` for an
   * unknown session (`NOT_FOUND`) or one that is not open (`CONFLICT`), `TypeError` for another outcome.
   */
  completeCheckout(
    sessionId: string,
    outcome: CheckoutOutcome,
    options?: { readonly origin?: string },
  ): Promise<CheckoutCompletion>
  /** The webhook delivery log, oldest first (empty without `webhooks`). */
  webhookDeliveries(): ReadonlyArray<WebhookDelivery>
  /**
   * Sends a delivered, dead or failed event again (the stored bytes, same `id` and signature) with a fresh
   * set of attempts; resolves with the event once that round ends. Rejects with `SandboxActionError`:
   * `NOT_FOUND` for an unknown id, `CONFLICT` while it is still pending.
   */
  redeliverWebhook(eventId: string): Promise<WebhookDelivery>
  /** Resolves once no webhook is pending: every event delivered, dead or failed (or the sandbox closed). */
  webhooksIdle(): Promise<void>
  /** Cancels pending injected latencies and webhook deliveries (in flight too), and waits for pending writes. */
  close(): Promise<void>
}

const DEFAULT_MAX_BODY = 1024 * 1024

/** Checks a `publicOrigin` option and returns it as a bare origin. */
const originOption = (value: string): string => {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (
    url === undefined ||
    (url.protocol !== "http:" && url.protocol !== "https:") ||
    url.username !== "" ||
    url.password !== "" ||
    url.pathname !== "/" ||
    url.search !== "" ||
    url.hash !== ""
  ) {
    throw new TypeError("publicOrigin must be an http(s) origin such as https://sandbox.example.com:8443")
  }
  return url.origin
}

/**
 * Creates the sandbox as a runtime-neutral fetch handler (no `node:` imports): it runs in Node, Bun,
 * Deno and workerd. Use `startSandbox` from this package to serve it over node:http.
 */
export const createSandboxHandler = (options: SandboxHandlerOptions = {}): SandboxHandler => {
  const apiKeys = options.apiKeys ?? [SANDBOX_DEFAULT_KEY]
  const firstKey = apiKeys[0]
  if (firstKey === undefined || apiKeys.some((key) => typeof key !== "string" || key.trim() === "")) {
    throw new TypeError("apiKeys must be a non-empty list of non-empty strings")
  }
  const keys = new Set(apiKeys)
  const now = options.now ?? Date.now
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY
  const logLimit = options.requestLogLimit ?? 10_000
  if (!Number.isSafeInteger(logLimit) || logLimit < 1)
    throw new RangeError("requestLogLimit must be an integer >= 1")
  const sessionTtl = options.sessionTtlMs ?? 60 * 60 * 1000
  const onError =
    options.onError ?? ((error: unknown) => console.error("lomi-sandbox: internal error", error))
  const adminToken = options.admin?.token
  if (adminToken !== undefined && adminToken === "") throw new TypeError("admin.token must not be empty")
  const injector = new FaultInjector(
    options.faults ?? [],
    options.seed ?? Math.floor(Math.random() * 2 ** 32),
  )
  const limiter = options.rateLimit === undefined ? undefined : new RateLimiter(options.rateLimit)
  const outbox =
    options.webhooks === undefined
      ? undefined
      : new WebhookOutbox(resolveWebhookOptions(options.webhooks), now)
  const persistence = options.persistence
  const publicOrigin = options.publicOrigin === undefined ? undefined : originOption(options.publicOrigin)
  const store = new Store(persistence !== undefined)
  const commits = new CommitQueue(store, persistence)
  let log: RequestLogEntry[] = []
  const sleepers = new Set<{ timer: ReturnType<typeof setTimeout>; wake: () => void }>()
  let closed = false

  const ready = commits.load(now())
  // Avoid an unhandled rejection before anyone awaits `ready`; dispatch awaits it and reports the error.
  ready.catch(() => {})

  // Namespaces are named by a SHA-256 of the key so the data file never holds a secret key.
  const namespaceNames = new Map<string, string>()
  const namespaceOf = async (key: string): Promise<Namespace> => {
    let name = namespaceNames.get(key)
    if (name === undefined) {
      name = hex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key))))
      namespaceNames.set(key, name)
    }
    return store.namespace(name)
  }

  /** Resolves once every change made so far is durable; `epoch` (read before changing) detects lost ones. */
  const persist = (epoch?: number): Promise<void> => commits.flush(epoch)

  const sleep = (ms: number): Promise<void> =>
    ms <= 0 || closed
      ? Promise.resolve()
      : new Promise((resolve) => {
          const sleeper = {
            timer: setTimeout(() => {
              sleepers.delete(sleeper)
              resolve()
            }, ms),
            wake: () => resolve(),
          }
          sleepers.add(sleeper)
        })

  const resources: ResourceContext = { store, now, sessionTtlMs: sessionTtl }
  const v1 = v1Routes(resources)
  const today = todayRoutes(resources)
  const pipeline: PipelineContext = {
    keys,
    namespaceOf,
    limiter,
    injector,
    now,
    maxBodyBytes: maxBody,
    epoch: () => commits.epoch,
    persist,
    sleep,
  }

  const complete = checkoutCompleter({ store, now, persist, outbox })
  const hosted = hostedPages({ store, now, sessionTtlMs: sessionTtl, persist, complete })
  const admin = adminEndpoint({
    token: adminToken,
    injector,
    reset: () => resetAll(),
    requests: () => log.slice(-logLimit),
    webhooks: () => outbox?.deliveries() ?? [],
    redeliver: (eventId) => redeliver(eventId).delivery,
    complete,
  })
  const redeliver = (eventId: string) => {
    if (outbox === undefined) throw new SandboxActionError("NOT_FOUND", "No webhooks are configured")
    return outbox.redeliver(eventId)
  }

  // The paths of the two generations never overlap: `/v1/...` is the document's, everything at the
  // origin that is not a hosted page or `/__admin` is today's (Nest's 404 for unknown routes included).
  const route = async (request: SandboxRequest, url: URL, note: LogNote): Promise<SandboxDispatch> => {
    const segments = url.pathname.split("/").slice(1)
    const [root] = segments
    if (root === "__admin") return reply(await admin(request, url, segments.slice(1)))
    if (root === "checkout" || root === "pay") {
      const page = await hosted.route(request, url, segments)
      if (page !== undefined) return reply(page)
    }
    const routes = root === "v1" ? v1 : today
    note({ generation: routes.generation })
    const matched = routes.match(request, url)
    if ("reply" in matched) return reply(matched.reply)
    return runOperation(pipeline, routes, matched.op, request, url, note)
  }

  const dispatch = async (request: SandboxRequest): Promise<SandboxDispatch> => {
    const requestId = crypto.randomUUID()
    const arrived = now()
    let url: URL
    try {
      url = new URL(request.url)
      if (publicOrigin !== undefined) url = new URL(`${publicOrigin}${url.pathname}${url.search}`)
    } catch {
      url = new URL("http://invalid/")
    }
    const entry: Mutable<RequestLogEntry> = {
      method: request.method,
      path: url.pathname,
      query: url.search,
      status: null,
      requestId,
      time: iso(arrived),
    }
    const note: LogNote = (patch) => Object.assign(entry, patch)
    let result: SandboxDispatch
    try {
      await ready
      result = await route(request, url, note)
    } catch (error) {
      onError(error)
      const routes = entry.generation === today.generation ? today : v1
      result = reply(routes.problem({ kind: "internal", injected: false }))
    }
    // A reset after commit keeps the status the server decided; a reset before handling has none.
    if (result.kind !== "reset") {
      result.reply.headers["x-request-id"] = requestId
      entry.status = result.reply.status
    }
    log.push(entry)
    // Trim in batches so a long-running server pays O(1) per request, not a copy of the log each time.
    if (log.length >= 2 * logLimit) log = log.slice(log.length - logLimit)
    return result
  }

  const resetAll = async (): Promise<void> => {
    await ready
    store.clear()
    limiter?.clear()
    outbox?.clear()
    log = []
    await persist()
  }

  return {
    dispatch,
    ready,
    apiKey: firstKey,
    get seed() {
      return injector.seed
    },
    async fetch(request: Request): Promise<Response> {
      const result = await dispatch(await fromRequest(request, maxBody))
      if (result.kind === "reset")
        throw new TypeError("fetch failed", { cause: new Error("connection reset (injected fault)") })
      if (result.kind === "reply") return toResponse(result.reply)
      const bytes = new TextEncoder().encode(result.reply.body ?? "")
      const half = bytes.slice(0, Math.floor(bytes.byteLength / 2))
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(half)
          controller.error(
            new TypeError("terminated", { cause: new Error("connection reset (injected fault)") }),
          )
        },
      })
      return new Response(stream, {
        status: result.reply.status,
        headers: { ...result.reply.headers, "content-length": String(bytes.byteLength) },
      })
    },
    reset: resetAll,
    setFaults(rules, seed) {
      injector.set(rules, seed)
    },
    faults: () => injector.list(),
    requests: () => log.slice(-logLimit),
    clearRequests() {
      log = []
    },
    async seedCheckoutSessions(count, template = {}, seedOptions = {}) {
      if (!Number.isSafeInteger(count) || count < 0) throw new RangeError("count must be an integer >= 0")
      const key = seedOptions.apiKey ?? firstKey
      if (!keys.has(key)) throw new RangeError("apiKey is not one of the configured keys")
      if (Object.hasOwn(template, "checkout_session_id"))
        throw new TypeError("template must not set checkout_session_id")
      const checked = checkBody("v1", "checkout_sessions", "create", {
        currency_code: "XOF",
        amount: 1,
        ...template,
      })
      if (!checked.ok) throw new TemplateError(checked.issues)
      await ready
      const ns = await namespaceOf(key)
      const base = now() - count
      const currencies = ["XOF", "USD", "EUR"]
      const ids: string[] = []
      for (let i = 0; i < count; i++) {
        const id = crypto.randomUUID()
        const created = iso(base + i)
        // Vary the sortable fields so pagination over seeded data exercises real orderings and ties.
        store.put(ns, "checkout_sessions", {
          checkout_session_id: id,
          organization_id: ns.organizationId,
          environment: environmentOf(key),
          amount: 100 * (1 + ((i * 7919) % 997)),
          currency_code: currencies[i % 3] ?? "XOF",
          title: `Seeded session ${i % 1000}`,
          ...checked.value,
          status: checked.value.status ?? "open",
          expires_at: checked.value.expires_at ?? iso(base + i + sessionTtl),
          created_at: created,
          updated_at: created,
        })
        ids.push(id)
      }
      await persist()
      return ids
    },
    async completeCheckout(sessionId, outcome, completeOptions = {}) {
      if (!(CHECKOUT_OUTCOMES as ReadonlyArray<unknown>).includes(outcome)) {
        throw new TypeError(`outcome must be one of ${CHECKOUT_OUTCOMES.join(", ")}, got ${String(outcome)}`)
      }
      await ready
      return complete(sessionId, outcome, completeOptions.origin ?? "http://localhost")
    },
    webhookDeliveries: () => outbox?.deliveries() ?? [],
    redeliverWebhook: async (eventId) => redeliver(eventId).settled,
    webhooksIdle: () => outbox?.idle() ?? Promise.resolve(),
    async close() {
      closed = true
      outbox?.close()
      for (const sleeper of sleepers) {
        clearTimeout(sleeper.timer)
        sleeper.wake()
      }
      sleepers.clear()
      await ready.catch(() => {})
      await commits.close()
    },
  }
}

/** Thrown by `seedCheckoutSessions` when the template is not a valid session body. */
class TemplateError extends TypeError {
  constructor(issues: ReadonlyArray<{ path: ReadonlyArray<string | number>; message: string }>) {
    super(`Invalid template: ${issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`)
  }
}

const reply = (value: Reply): SandboxDispatch => ({ kind: "reply", reply: value })
