import { adminEndpoint } from "./admin.js"
import { CommitQueue, type SandboxPersistence } from "./commit-queue.js"
import {
  FaultInjector,
  type FaultKind,
  type FaultPlan,
  type FaultRule,
  type FaultRuleState,
  type OperationName,
} from "./faults.js"
import { hostedPages } from "./hosted.js"
import type { StoredResponse } from "./idempotency.js"
import { checkListQuery } from "./list-query.js"
import { WebhookOutbox } from "./outbox.js"
import {
  CHECKOUT_OUTCOMES,
  type CheckoutCompletion,
  type CheckoutOutcome,
  checkoutCompleter,
} from "./payment.js"
import { RateLimiter, type RateLimitOptions } from "./rate-limit.js"
import { renderResource } from "./render.js"
import { fromRequest, parseBody, type SandboxRequest, safeDecode } from "./request.js"
import {
  empty,
  failure,
  invalid,
  json,
  methodNotAllowed,
  type Reply,
  routeNotFound,
  SandboxActionError,
  toResponse,
} from "./responses.js"
import { ID_FIELD, type Namespace, Store } from "./store.js"
import { checkBody, type JsonObject, type ResourceKind } from "./validation.js"
import { resolveWebhookOptions, type WebhookDelivery, type WebhookOptions } from "./webhooks.js"

export type { SandboxRequest } from "./request.js"

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
  readonly admin?: { readonly token: string }
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

/** One request as the sandbox saw it. It never contains an API key or an admin token. */
export interface RequestLogEntry {
  readonly method: string
  /** Path without the query string. */
  readonly path: string
  /** The query string, `""` when there is none. */
  readonly query: string
  /** The operation's seed name, when the request reached a known operation and passed auth. */
  readonly operation?: OperationName
  /** The status the server decided; `null` when the connection was reset before handling. */
  readonly status: number | null
  readonly idempotencyKey?: string
  /** True when the answer was an idempotent replay. */
  readonly replayed?: boolean
  /** Faults injected into this request. */
  readonly faults?: ReadonlyArray<FaultKind>
  /** The `X-Request-Id` sent back. */
  readonly requestId: string
  /** ISO time the request arrived. */
  readonly time: string
}

/** What an adapter must do with a request. */
export type SandboxDispatch =
  | { readonly kind: "reply"; readonly reply: Reply }
  /** Drop the connection without writing anything. */
  | { readonly kind: "reset" }
  /** Write the headers (with the full `content-length`) and the first half of the body, then drop the connection. */
  | { readonly kind: "truncate"; readonly reply: Reply }

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

type Operation = { readonly name: OperationName; readonly kind: ResourceKind; readonly id?: string }

const DEFAULT_MAX_BODY = 1024 * 1024
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/

// Maps: the method is client input, and must never find a name on Object.prototype.
const OPERATION_NAMES: Readonly<Record<ResourceKind, ReadonlyMap<string, OperationName>>> = {
  checkout_sessions: new Map([
    ["GET collection", "list_checkout_sessions"],
    ["POST collection", "create_checkout_session"],
    ["GET item", "retrieve_checkout_session"],
    ["PATCH item", "update_checkout_session"],
    ["DELETE item", "delete_checkout_session"],
  ]),
  payment_links: new Map([
    ["GET collection", "list_payment_links"],
    ["POST collection", "create_payment_link"],
    ["GET item", "retrieve_payment_link"],
    ["PATCH item", "update_payment_link"],
    ["DELETE item", "delete_payment_link"],
  ]),
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")

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

/** Mangles a JSON body so that it no longer parses, keeping it plausible-looking. */
const malform = (body: string | undefined): string =>
  `${(body ?? "").slice(0, Math.max(1, Math.floor((body ?? "").length / 2)))}<!-- upstream error -->`

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
  const environmentOf = (key: string): string => (key.startsWith("lomi_sk_live_") ? "live" : "test")

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

  const iso = (ms: number): string => new Date(ms).toISOString()

  const notFound = (kind: ResourceKind, id: string): Reply =>
    failure(
      404,
      "NOT_FOUND",
      `No ${kind === "checkout_sessions" ? "checkout session" : "payment link"} with id ${id}`,
      {
        id,
      },
    )

  /** `executed`: the operation ran (its answer is what an idempotent retry must get); `wrote`: the store changed. */
  type Execution = { readonly reply: Reply; readonly executed: boolean; readonly wrote?: boolean }

  const execute = async (
    op: Operation,
    request: SandboxRequest,
    url: URL,
    ns: Namespace,
    apiKey: string,
  ): Promise<Execution> => {
    const { kind, id } = op
    const collection = ns[kind]
    const idField = ID_FIELD[kind]
    if (op.name === "list_checkout_sessions" || op.name === "list_payment_links") {
      const query = checkListQuery(url.searchParams)
      if (!query.ok) return { reply: invalid("Invalid list parameters", query.issues), executed: false }
      const page = collection.page(query.value)
      const at = now()
      const { limit, offset } = query.value
      return {
        reply: json(200, {
          data: page.items.map((item) => renderResource(kind, item, url.origin, at)),
          pagination: { limit, offset, total: page.total },
        }),
        executed: true,
      }
    }
    if (id !== undefined && (request.method === "GET" || request.method === "DELETE")) {
      const item = collection.items.get(id)
      if (item === undefined) return { reply: notFound(kind, id), executed: true }
      if (request.method === "GET")
        return { reply: json(200, renderResource(kind, item, url.origin, now())), executed: true }
      store.delete(ns, kind, id)
      return { reply: empty(204), executed: true, wrote: true }
    }
    const parsed = parseBody(request)
    if (!parsed.ok) return { reply: parsed.reply, executed: false }
    const checked = checkBody(kind, id === undefined ? "create" : "update", parsed.value)
    if (!checked.ok) return { reply: invalid("Invalid request body", checked.issues), executed: false }
    const fields = checked.value
    // One clock reading per request, so created_at, updated_at and the default expires_at agree exactly.
    const at = now()
    const stamp = iso(at)
    if (id === undefined) {
      const chosen = fields[idField] as string | undefined
      if (chosen !== undefined && store.idTaken(chosen)) {
        return {
          reply: failure(409, "CONFLICT", `${idField} ${chosen} already exists`, { [idField]: chosen }),
          executed: true,
        }
      }
      const newId = chosen ?? crypto.randomUUID()
      const item: JsonObject =
        kind === "checkout_sessions"
          ? {
              checkout_session_id: newId,
              organization_id: ns.organizationId,
              environment: environmentOf(apiKey),
              ...fields,
              status: fields.status ?? "open",
              expires_at: fields.expires_at ?? iso(at + sessionTtl),
              created_at: stamp,
              updated_at: stamp,
            }
          : withDescriptions({
              link_id: newId,
              organization_id: ns.organizationId,
              environment: environmentOf(apiKey),
              ...fields,
              is_active: fields.is_active ?? true,
              created_at: stamp,
              updated_at: stamp,
            })
      store.put(ns, kind, item)
      return { reply: json(201, renderResource(kind, item, url.origin, now())), executed: true, wrote: true }
    }
    const existing = collection.items.get(id)
    if (existing === undefined) return { reply: notFound(kind, id), executed: true }
    if (fields[idField] !== undefined && fields[idField] !== id) {
      return {
        reply: invalid("Invalid request body", [
          { path: [idField], message: "The id of a resource cannot be changed" },
        ]),
        executed: false,
      }
    }
    const merged: JsonObject = { ...existing, ...fields, updated_at: stamp }
    const updated = kind === "payment_links" ? withDescriptions(merged, fields) : merged
    store.put(ns, kind, updated)
    return { reply: json(200, renderResource(kind, updated, url.origin, now())), executed: true, wrote: true }
  }

  const apiRequest = async (
    op: Operation,
    request: SandboxRequest,
    url: URL,
    note: (entry: Partial<Mutable<RequestLogEntry>>) => void,
  ): Promise<SandboxDispatch> => {
    const apiKey = request.header("x-api-key")
    if (apiKey === undefined || !keys.has(apiKey)) {
      return reply(
        failure(401, "UNAUTHORIZED", apiKey === undefined ? "Missing X-API-KEY header" : "Invalid API key"),
      )
    }
    note({ operation: op.name })
    const ns = await namespaceOf(apiKey)
    if (limiter !== undefined) {
      const taken = limiter.take(apiKey, now())
      if (!taken.ok) {
        return reply(
          failure(
            429,
            "RATE_LIMITED",
            "Too many requests",
            { retry_after: taken.retryAfter },
            {
              "retry-after": String(taken.retryAfter),
            },
          ),
        )
      }
    }
    if (request.bodyTooLarge === true || (request.body?.byteLength ?? 0) > maxBody) {
      return reply(
        failure(413, "PAYLOAD_TOO_LARGE", `Request body exceeds ${maxBody} bytes`, { limit: maxBody }),
      )
    }

    const plan: FaultPlan | undefined = injector.plan(op.name)
    if (plan !== undefined) note({ faults: plan.fired })

    // Read before anything is decided: a failed write after this point fails this request too.
    const epoch = commits.epoch
    const idempotencyKey = request.method === "POST" ? request.header("idempotency-key") : undefined
    let replay: StoredResponse | undefined
    if (idempotencyKey !== undefined) {
      if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
        return reply(
          invalid("Invalid Idempotency-Key", [
            { path: ["Idempotency-Key"], message: "Must be 1 to 255 visible ASCII characters" },
          ]),
        )
      }
      note({ idempotencyKey })
      const body = request.body === undefined ? "" : hex(request.body)
      const decision = ns.idempotency.begin(
        idempotencyKey,
        `${request.method} ${url.pathname}\n${body}`,
        now(),
      )
      if (decision.kind === "in_flight") {
        return reply(
          failure(409, "CONFLICT", "A request with this Idempotency-Key is still being processed", {
            idempotency_key: idempotencyKey,
          }),
        )
      }
      if (decision.kind === "mismatch") {
        return reply(
          failure(
            422,
            "IDEMPOTENCY_KEY_MISMATCH",
            "This Idempotency-Key was already used with a different request body",
            { idempotency_key: idempotencyKey },
          ),
        )
      }
      if (decision.kind === "replay") replay = decision.response
    }
    const release = () => {
      if (idempotencyKey !== undefined && replay === undefined) ns.idempotency.release(idempotencyKey)
    }

    try {
      await sleep(plan?.latencyMs ?? 0)
      const outcome = plan?.outcome
      if (outcome?.kind === "error") {
        release()
        return reply(injectedError(outcome.status, outcome.retryAfter))
      }
      if (outcome?.kind === "reset") {
        release()
        return { kind: "reset" }
      }

      let result: Reply
      if (replay !== undefined) {
        // The first answer may still be on its way to disk: replay it only once it is saved.
        await persist(epoch)
        note({ replayed: true })
        result = {
          status: replay.status,
          headers: { "content-type": replay.contentType, "idempotent-replayed": "true" },
          body: replay.body,
        }
      } else {
        const execution = await execute(op, request, url, ns, apiKey)
        result = execution.reply
        if (idempotencyKey !== undefined) {
          if (execution.executed) {
            ns.idempotency.complete(idempotencyKey, {
              status: result.status,
              body: result.body ?? "",
              contentType: result.headers["content-type"] ?? "application/json",
            })
          } else release()
        }
        // One write holds both the resource and its idempotency record: a crash between two writes
        // would let a retry after restart create a duplicate.
        if (execution.wrote === true || (idempotencyKey !== undefined && execution.executed))
          await persist(epoch)
      }
      note({ status: result.status })
      if (outcome?.kind === "reset_after_commit") return { kind: "reset" }
      if (outcome?.kind === "truncated_body" && result.body !== undefined && result.body.length > 0) {
        return { kind: "truncate", reply: result }
      }
      if (outcome?.kind === "malformed_body") return reply({ ...result, body: malform(result.body) })
      return reply(result)
    } catch (error) {
      release()
      throw error
    }
  }

  const injectedError = (status: 429 | 500 | 503, retryAfter: number): Reply => {
    if (status === 500)
      return failure(500, "INTERNAL_ERROR", "Injected fault: internal error", { injected: true })
    const headers = { "retry-after": String(retryAfter) }
    return status === 429
      ? failure(
          429,
          "RATE_LIMITED",
          "Injected fault: rate limited",
          { injected: true, retry_after: retryAfter },
          headers,
        )
      : failure(
          503,
          "SERVICE_UNAVAILABLE",
          "Injected fault: service unavailable",
          { injected: true, retry_after: retryAfter },
          headers,
        )
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

  const route = async (
    request: SandboxRequest,
    url: URL,
    note: (entry: Partial<Mutable<RequestLogEntry>>) => void,
  ): Promise<SandboxDispatch> => {
    const segments = url.pathname.split("/").slice(1)
    const [root, collection, rawId, ...rest] = segments
    if (
      root === "v1" &&
      (collection === "checkout_sessions" || collection === "payment_links") &&
      rest.length === 0
    ) {
      const id = rawId === undefined ? undefined : rawId === "" ? null : safeDecode(rawId)
      if (id === null || (rawId !== undefined && id === undefined)) return reply(routeNotFound(url))
      const shape = id === undefined ? "collection" : "item"
      const name = OPERATION_NAMES[collection].get(`${request.method} ${shape}`)
      if (name === undefined)
        return reply(methodNotAllowed(shape === "collection" ? ["GET", "POST"] : ["GET", "PATCH", "DELETE"]))
      return apiRequest(
        id === undefined ? { name, kind: collection } : { name, kind: collection, id },
        request,
        url,
        note,
      )
    }
    if (root === "__admin") return reply(await admin(request, url, segments.slice(1)))
    if (root === "checkout" || root === "pay") {
      const page = await hosted.route(request, url, segments)
      if (page !== undefined) return reply(page)
    }
    return reply(routeNotFound(url))
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
    const note = (patch: Partial<Mutable<RequestLogEntry>>) => Object.assign(entry, patch)
    let result: SandboxDispatch
    try {
      await ready
      result = await route(request, url, note)
    } catch (error) {
      onError(error)
      result = reply(failure(500, "INTERNAL_ERROR", "Internal sandbox error"))
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
      const checked = checkBody("checkout_sessions", "create", {
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

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

const reply = (value: Reply): SandboxDispatch => ({ kind: "reply", reply: value })

/**
 * Keeps `description` and `public_description` equal: older clients read one, newer ones the other.
 * `given` is the update body, whose value wins over the stored one.
 */
const withDescriptions = (item: JsonObject, given: JsonObject = item): JsonObject => {
  const description =
    given.description ?? given.public_description ?? item.public_description ?? item.description
  return description === undefined ? item : { ...item, description, public_description: description }
}
