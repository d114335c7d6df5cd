import type { CommitQueue } from "./commit-queue.js"
import type { FaultInjector, FaultPlan } from "./faults.js"
import type { GenerationRoutes, Operation } from "./generation.js"
import { hex } from "./hex.js"
import { IdempotencyReservation, type StoredResponse } from "./idempotency.js"
import type { ApiKeys } from "./keys.js"
import type { RateLimiter } from "./rate-limit.js"
import type { SandboxRequest } from "./request.js"
import type { LogNote, SandboxDispatch } from "./request-log.js"
import type { Reply } from "./responses.js"
import type { Sleepers } from "./sleepers.js"
import type { Namespace } from "./store.js"

// The steps every API request takes, whichever generation serves it, in this order:
//   authenticate → rate limit → body size → fault plan → idempotency begin → latency → injected failure
//   → execute (or replay) → idempotency complete → persist → fault mangling, and, however it ends,
//   idempotency settle.
// Each generation only says how to read the key, how to run the operation and how to word a failure.

/** What the steps need from the sandbox's state. */
export interface PipelineContext {
  /** The configured keys, and the namespace of each. */
  readonly keys: Pick<ApiKeys, "has" | "namespaceOf">
  /** The per-key token buckets, when rate limiting is on. */
  readonly limiter: RateLimiter | undefined
  /** Picks the faults of each request. */
  readonly injector: Pick<FaultInjector, "plan">
  /** Clock in epoch milliseconds. */
  readonly now: () => number
  /** Largest accepted request body in bytes. */
  readonly maxBodyBytes: number
  /** Its epoch is read before deciding anything, so a failed write fails this request too; `flush` makes answers durable. */
  readonly commits: Pick<CommitQueue, "epoch" | "flush">
  /** Injected latency waits here, so that closing the sandbox cuts it short. */
  readonly sleepers: Pick<Sleepers, "sleep">
}

/** A step that stops the request answers this instead of passing it on. */
export interface Refusal {
  /** The answer that ends the request. */
  readonly refused: Reply
}

/** What the `Idempotency-Key` of a request means: nothing, a stored answer to replay, or a new hold. */
export type IdempotencySlot =
  | { readonly kind: "none" }
  | { readonly kind: "replay"; readonly response: StoredResponse }
  | { readonly kind: "reserved"; readonly reservation: IdempotencyReservation }

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/

const reply = (value: Reply): SandboxDispatch => ({ kind: "reply", reply: value })

/** Authenticate: the request's API key when it is a configured one, else the 401. */
export const authenticate = (
  keys: Pick<ApiKeys, "has">,
  routes: GenerationRoutes,
  request: SandboxRequest,
): { readonly apiKey: string } | Refusal => {
  const apiKey = routes.apiKey(request)
  if (apiKey !== undefined && keys.has(apiKey)) return { apiKey }
  return { refused: routes.problem({ kind: "unauthorized", missing: apiKey === undefined }) }
}

/** Rate limit: takes a token from the key's bucket, or answers the 429. */
export const rateLimit = (
  ctx: Pick<PipelineContext, "limiter" | "now">,
  routes: GenerationRoutes,
  apiKey: string,
): Refusal | undefined => {
  if (ctx.limiter === undefined) return undefined
  const taken = ctx.limiter.take(apiKey, ctx.now())
  if (taken.ok) return undefined
  return { refused: routes.problem({ kind: "rate_limited", retryAfter: taken.retryAfter, injected: false }) }
}

/** Body size: the 413 of a body over the limit (or one an adapter stopped reading). */
export const checkBodySize = (
  maxBodyBytes: number,
  routes: GenerationRoutes,
  request: SandboxRequest,
): Refusal | undefined =>
  request.bodyTooLarge === true || (request.body?.byteLength ?? 0) > maxBodyBytes
    ? { refused: routes.problem({ kind: "too_large", limit: maxBodyBytes }) }
    : undefined

/** Fault plan: the faults that hit this request (consuming scripted counts and dice), noted in the log. */
export const planFaults = (
  injector: Pick<FaultInjector, "plan">,
  op: Operation,
  note: LogNote,
): FaultPlan | undefined => {
  const plan = injector.plan(op.name)
  if (plan !== undefined) note({ faults: plan.fired })
  return plan
}

/**
 * Idempotency begin: reads the `Idempotency-Key` of a POST and, when the key is new, reserves it. A
 * malformed key, a key still in flight and a key reused for another request are refused.
 */
export const beginIdempotency = (
  ns: Namespace,
  routes: GenerationRoutes,
  request: SandboxRequest,
  url: URL,
  now: () => number,
  note: LogNote,
): IdempotencySlot | Refusal => {
  const key = request.method === "POST" ? request.header("idempotency-key") : undefined
  if (key === undefined) return { kind: "none" }
  if (!IDEMPOTENCY_KEY.test(key)) {
    return {
      refused: routes.problem({
        kind: "invalid",
        message: "Invalid Idempotency-Key",
        issues: [{ path: ["Idempotency-Key"], message: "Must be 1 to 255 visible ASCII characters" }],
      }),
    }
  }
  note({ idempotencyKey: key })
  const body = request.body === undefined ? "" : hex(request.body)
  const decision = ns.idempotency.begin(key, `${request.method} ${url.pathname}\n${body}`, now())
  switch (decision.kind) {
    case "new":
      return { kind: "reserved", reservation: new IdempotencyReservation(ns.idempotency, key) }
    case "replay":
      return { kind: "replay", response: decision.response }
    case "in_flight":
      return {
        refused: routes.problem({
          kind: "conflict",
          message: "A request with this Idempotency-Key is still being processed",
          details: { idempotency_key: key },
        }),
      }
    case "mismatch":
      return { refused: routes.problem({ kind: "idempotency_mismatch", key }) }
  }
}

/** Injected failure: the error or reset a fault plan answers instead of handling the request. */
export const injectedFailure = (
  routes: GenerationRoutes,
  plan: FaultPlan | undefined,
): SandboxDispatch | undefined => {
  const outcome = plan?.outcome
  if (outcome?.kind === "reset") return { kind: "reset" }
  if (outcome?.kind !== "error") return undefined
  const { status, retryAfter } = outcome
  return reply(
    routes.problem(
      status === 500
        ? { kind: "internal", injected: true }
        : status === 429
          ? { kind: "rate_limited", retryAfter, injected: true }
          : { kind: "unavailable", retryAfter },
    ),
  )
}

/** Replay: the stored answer, once it is durable (the first request's write may still be on its way). */
export const replayStored = async (
  commits: Pick<CommitQueue, "flush">,
  response: StoredResponse,
  epoch: number,
  note: LogNote,
): Promise<Reply> => {
  await commits.flush(epoch)
  note({ replayed: true })
  return {
    status: response.status,
    headers: { "content-type": response.contentType, "idempotent-replayed": "true" },
    body: response.body,
  }
}

/**
 * Execute, idempotency complete, persist: runs the operation, stores an executed answer under the
 * reserved key, and waits until what it wrote is durable; then the key is kept.
 */
export const executeOperation = async (
  ctx: Pick<PipelineContext, "commits">,
  routes: GenerationRoutes,
  op: Operation,
  call: {
    readonly request: SandboxRequest
    readonly url: URL
    readonly ns: Namespace
    readonly apiKey: string
  },
  slot: IdempotencySlot,
  epoch: number,
): Promise<Reply> => {
  const execution = await routes.execute(op, call.request, call.url, call.ns, call.apiKey)
  const answer = execution.reply
  const reservation = slot.kind === "reserved" && execution.executed ? slot.reservation : undefined
  reservation?.complete({
    status: answer.status,
    body: answer.body ?? "",
    contentType: answer.headers["content-type"] ?? "application/json",
  })
  // One write holds both the resource and its idempotency record: a crash between two writes
  // would let a retry after restart create a duplicate.
  if (execution.wrote === true || reservation !== undefined) await ctx.commits.flush(epoch)
  reservation?.keep()
  return answer
}

/** Mangles a JSON body so that it no longer parses, keeping it plausible-looking. */
const malform = (body: string | undefined): string =>
  `${(body ?? "").slice(0, Math.max(1, Math.floor((body ?? "").length / 2)))}<!-- upstream error -->`

/** Fault mangling: what the plan's answer faults do to an answer that was decided (and saved). */
export const mangle = (answer: Reply, plan: FaultPlan | undefined): SandboxDispatch => {
  const outcome = plan?.outcome
  if (outcome?.kind === "reset_after_commit") return { kind: "reset" }
  if (outcome?.kind === "truncated_body" && answer.body !== undefined && answer.body.length > 0) {
    return { kind: "truncate", reply: answer }
  }
  if (outcome?.kind === "malformed_body") return reply({ ...answer, body: malform(answer.body) })
  return reply(answer)
}

/** Idempotency settle: the one place a reservation ends, however its request ended. */
export const settleIdempotency = (slot: IdempotencySlot): void => {
  if (slot.kind === "reserved") slot.reservation.settle()
}

/** Runs one operation of one generation through the steps. */
export const runOperation = async (
  ctx: PipelineContext,
  routes: GenerationRoutes,
  op: Operation,
  request: SandboxRequest,
  url: URL,
  note: LogNote,
): Promise<SandboxDispatch> => {
  const auth = authenticate(ctx.keys, routes, request)
  if ("refused" in auth) return reply(auth.refused)
  const { apiKey } = auth
  note({ operation: op.name })
  const ns = await ctx.keys.namespaceOf(apiKey)
  const refusal = rateLimit(ctx, routes, apiKey) ?? checkBodySize(ctx.maxBodyBytes, routes, request)
  if (refusal !== undefined) return reply(refusal.refused)
  const plan = planFaults(ctx.injector, op, note)
  // Read before anything is decided: a failed write after this point fails this request too.
  const epoch = ctx.commits.epoch
  const slot = beginIdempotency(ns, routes, request, url, ctx.now, note)
  if ("refused" in slot) return reply(slot.refused)
  try {
    await ctx.sleepers.sleep(plan?.latencyMs ?? 0)
    const injected = injectedFailure(routes, plan)
    if (injected !== undefined) return injected
    const answer =
      slot.kind === "replay"
        ? await replayStored(ctx.commits, slot.response, epoch, note)
        : await executeOperation(ctx, routes, op, { request, url, ns, apiKey }, slot, epoch)
    note({ status: answer.status })
    return mangle(answer, plan)
  } finally {
    settleIdempotency(slot)
  }
}
