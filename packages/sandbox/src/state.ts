import { CommitQueue } from "./commit-queue.js"
import { FaultInjector } from "./faults.js"
import { ApiKeys } from "./keys.js"
import { resolveOptions, type SandboxHandlerOptions } from "./options.js"
import { WebhookOutbox } from "./outbox.js"
import { RateLimiter } from "./rate-limit.js"
import { RequestLog } from "./request-log.js"
import { SandboxActionError } from "./responses.js"
import { Sleepers } from "./sleepers.js"
import { Store } from "./store.js"
import type { WebhookDelivery } from "./webhooks.js"

/**
 * Everything one sandbox holds: its options (checked once), its data and the machinery around it. The
 * modules that serve requests receive it, or the narrow part they name in their own context type.
 */
export interface SandboxState {
  /** The configured API keys and their namespaces. */
  readonly keys: ApiKeys
  /** Clock in epoch milliseconds. */
  readonly now: () => number
  /** Largest accepted request body in bytes. */
  readonly maxBodyBytes: number
  /** Lifetime of a checkout session created without `expires_at`. */
  readonly sessionTtlMs: number
  /** The bare origin put in `url` fields, when set; else each request's own. */
  readonly publicOrigin: string | undefined
  /** The admin endpoint's bearer token; without one there is no admin endpoint. */
  readonly adminToken: string | undefined
  /** Where unexpected internal errors go (they are answered with a 500). */
  readonly onError: (error: unknown) => void
  /** The data: every namespace's sessions, links and idempotency keys. */
  readonly store: Store
  /** Makes the store's changes durable (a no-op queue without persistence). */
  readonly commits: CommitQueue
  /** The requests received. */
  readonly log: RequestLog
  /** The fault rules and their dice. */
  readonly injector: FaultInjector
  /** The per-key token buckets, when rate limiting is on. */
  readonly limiter: RateLimiter | undefined
  /** The webhook outbox, when webhooks are on. */
  readonly outbox: WebhookOutbox | undefined
  /** Injected latencies, cut short when the sandbox closes. */
  readonly sleepers: Sleepers
  /** Resolves when persisted data is loaded; rejects when it cannot be. */
  readonly ready: Promise<void>
  /** Resolves once every change so far is durable; rejects when one made since `epoch` was lost. */
  persist(epoch?: number): Promise<void>
}

/** Checks the options and builds a sandbox's state; loading persisted data starts at once (see `ready`). */
export const createSandboxState = (options: SandboxHandlerOptions): SandboxState => {
  const resolved = resolveOptions(options)
  const { now, persistence } = resolved
  const injector = new FaultInjector(resolved.faults, resolved.seed)
  const limiter = resolved.rateLimit === undefined ? undefined : new RateLimiter(resolved.rateLimit)
  const outbox = resolved.webhooks === undefined ? undefined : new WebhookOutbox(resolved.webhooks, now)
  const store = new Store(persistence !== undefined)
  const commits = new CommitQueue(store, persistence)
  const ready = commits.load(now())
  // Avoid an unhandled rejection before anyone awaits `ready`; dispatch awaits it and reports the error.
  ready.catch(() => {})
  return {
    keys: new ApiKeys(resolved.apiKeys, store),
    now,
    maxBodyBytes: resolved.maxBodyBytes,
    sessionTtlMs: resolved.sessionTtlMs,
    publicOrigin: resolved.publicOrigin,
    adminToken: resolved.adminToken,
    onError: resolved.onError,
    store,
    commits,
    log: new RequestLog(resolved.requestLogLimit),
    injector,
    limiter,
    outbox,
    sleepers: new Sleepers(),
    ready,
    persist: (epoch) => commits.flush(epoch),
  }
}

/** Deletes every session, link and idempotency key (persisted too), refills rate buckets, forgets webhook events, clears the log. */
export const resetState = async (state: SandboxState): Promise<void> => {
  await state.ready
  state.store.clear()
  state.limiter?.clear()
  state.outbox?.clear()
  state.log.clear()
  await state.persist()
}

/** Cancels pending injected latencies and webhook deliveries (in flight too), and waits for pending writes. */
export const closeState = async (state: SandboxState): Promise<void> => {
  state.sleepers.close()
  state.outbox?.close()
  await state.ready.catch(() => {})
  await state.commits.close()
}

/**
 * Starts sending a settled webhook event again (see `WebhookOutbox.redeliver`). Throws
 * `SandboxActionError` `NOT_FOUND` when no webhooks are configured.
 */
export const redeliver = (
  state: SandboxState,
  eventId: string,
): { readonly delivery: WebhookDelivery; readonly settled: Promise<WebhookDelivery> } => {
  if (state.outbox === undefined) throw new SandboxActionError("NOT_FOUND", "No webhooks are configured")
  return state.outbox.redeliver(eventId)
}
