import type { FaultInjector, FaultPlan } from "./faults.js"
import type { GenerationRoutes, Operation } from "./generation.js"
import type { StoredResponse } from "./idempotency.js"
import type { RateLimiter } from "./rate-limit.js"
import type { SandboxRequest } from "./request.js"
import type { LogNote, SandboxDispatch } from "./request-log.js"
import type { Reply } from "./responses.js"
import type { Namespace } from "./store.js"

// The steps every API request takes, whichever generation serves it: authentication, rate limit, body
// size, injected faults, idempotency, then the operation and the faults that hit its answer. Each
// generation only says how to read the key, how to run the operation and how to word a failure.

/** What the shared steps need from the handler. */
export interface PipelineContext {
  readonly keys: ReadonlySet<string>
  readonly namespaceOf: (key: string) => Promise<Namespace>
  readonly limiter: RateLimiter | undefined
  readonly injector: FaultInjector
  readonly now: () => number
  readonly maxBodyBytes: number
  /** The commit epoch: read before deciding anything, so a failed write fails this request too. */
  readonly epoch: () => number
  /** Resolves once every change so far is durable; rejects when one since `epoch` was lost. */
  readonly persist: (epoch?: number) => Promise<void>
  /** Waits, unless the sandbox closes first. */
  readonly sleep: (ms: number) => Promise<void>
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/

/** Lower-case hexadecimal of some bytes. */
export const hex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")

/** Mangles a JSON body so that it no longer parses, keeping it plausible-looking. */
const malform = (body: string | undefined): string =>
  `${(body ?? "").slice(0, Math.max(1, Math.floor((body ?? "").length / 2)))}<!-- upstream error -->`

const reply = (value: Reply): SandboxDispatch => ({ kind: "reply", reply: value })

/** Runs one operation of one generation through the shared steps. */
export const runOperation = async (
  ctx: PipelineContext,
  routes: GenerationRoutes,
  op: Operation,
  request: SandboxRequest,
  url: URL,
  note: LogNote,
): Promise<SandboxDispatch> => {
  const apiKey = routes.apiKey(request)
  if (apiKey === undefined || !ctx.keys.has(apiKey)) {
    return reply(routes.problem({ kind: "unauthorized", missing: apiKey === undefined }))
  }
  note({ operation: op.name })
  const ns = await ctx.namespaceOf(apiKey)
  if (ctx.limiter !== undefined) {
    const taken = ctx.limiter.take(apiKey, ctx.now())
    if (!taken.ok) {
      return reply(routes.problem({ kind: "rate_limited", retryAfter: taken.retryAfter, injected: false }))
    }
  }
  if (request.bodyTooLarge === true || (request.body?.byteLength ?? 0) > ctx.maxBodyBytes) {
    return reply(routes.problem({ kind: "too_large", limit: ctx.maxBodyBytes }))
  }

  const plan: FaultPlan | undefined = ctx.injector.plan(op.name)
  if (plan !== undefined) note({ faults: plan.fired })

  // Read before anything is decided: a failed write after this point fails this request too.
  const epoch = ctx.epoch()
  const idempotencyKey = request.method === "POST" ? request.header("idempotency-key") : undefined
  let replay: StoredResponse | undefined
  if (idempotencyKey !== undefined) {
    if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
      return reply(
        routes.problem({
          kind: "invalid",
          message: "Invalid Idempotency-Key",
          issues: [{ path: ["Idempotency-Key"], message: "Must be 1 to 255 visible ASCII characters" }],
        }),
      )
    }
    note({ idempotencyKey })
    const body = request.body === undefined ? "" : hex(request.body)
    const decision = ns.idempotency.begin(
      idempotencyKey,
      `${request.method} ${url.pathname}\n${body}`,
      ctx.now(),
    )
    if (decision.kind === "in_flight") {
      return reply(
        routes.problem({
          kind: "conflict",
          message: "A request with this Idempotency-Key is still being processed",
          details: { idempotency_key: idempotencyKey },
        }),
      )
    }
    if (decision.kind === "mismatch") {
      return reply(routes.problem({ kind: "idempotency_mismatch", key: idempotencyKey }))
    }
    if (decision.kind === "replay") replay = decision.response
  }
  const release = () => {
    if (idempotencyKey !== undefined && replay === undefined) ns.idempotency.release(idempotencyKey)
  }

  try {
    await ctx.sleep(plan?.latencyMs ?? 0)
    const outcome = plan?.outcome
    if (outcome?.kind === "error") {
      release()
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
    if (outcome?.kind === "reset") {
      release()
      return { kind: "reset" }
    }

    let result: Reply
    if (replay !== undefined) {
      // The first answer may still be on its way to disk: replay it only once it is saved.
      await ctx.persist(epoch)
      note({ replayed: true })
      result = {
        status: replay.status,
        headers: { "content-type": replay.contentType, "idempotent-replayed": "true" },
        body: replay.body,
      }
    } else {
      const execution = await routes.execute(op, request, url, ns, apiKey)
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
        await ctx.persist(epoch)
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
