import type { JsonObject } from "./json-value.js"
import { SandboxActionError } from "./responses.js"
import { Sleepers } from "./sleepers.js"
import {
  describeError,
  type ResolvedWebhookOptions,
  signWebhook,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
  type WebhookEvent,
  type WebhookFailure,
  webhookEnvelope,
  webhookHeaders,
  webhookKey,
} from "./webhooks.js"

interface Entry {
  readonly id: string
  readonly event: WebhookEvent
  readonly checkoutSessionId: string
  readonly createdAt: string
  readonly body: string
  signature?: Promise<string>
  status: WebhookDeliveryStatus
  nextAttemptAt?: string
  readonly attempts: WebhookAttempt[]
  /** Resolved when the current round of attempts ends, or the outbox stops. */
  waiters: Array<() => void>
}

const MAX_DELAY_MS = 60 * 60 * 1000
const LOG_LIMIT = 10_000

const view = (entry: Entry): WebhookDelivery => ({
  id: entry.id,
  event: entry.event,
  checkoutSessionId: entry.checkoutSessionId,
  status: entry.status,
  createdAt: entry.createdAt,
  ...(entry.nextAttemptAt === undefined ? {} : { nextAttemptAt: entry.nextAttemptAt }),
  attempts: entry.attempts.slice(),
  body: entry.body,
})

/**
 * Delivers events in the background with the live service's rules: 2xx delivered, 4xx dead, anything
 * else retried with exponential backoff up to `maxAttempts`. Events of one checkout session go out in
 * order (the next waits until the previous is delivered, dead or failed); sessions do not wait for
 * each other. Entries live in memory only.
 */
export class WebhookOutbox {
  private readonly key: Promise<CryptoKey>
  private readonly entries = new Map<string, Entry>()
  /** The tail of each session's queue. */
  private readonly queues = new Map<string, Promise<void>>()
  private readonly inFlight = new Set<AbortController>()
  private readonly sleepers = new Sleepers()
  private idleWaiters: Array<() => void> = []
  private pending = 0
  /** Bumped by `clear`, so rounds started before it stop at their next step. */
  private generation = 0
  private closed = false

  private readonly options: Omit<ResolvedWebhookOptions, "secret">

  constructor(
    { secret, ...options }: ResolvedWebhookOptions,
    private readonly now: () => number,
  ) {
    // Keep a non-extractable key, not the secret; a failed import is reported on each attempt.
    this.options = options
    this.key = webhookKey(secret)
    this.key.catch(() => {})
  }

  /** Queues an event; it is in the log, `pending`, when this returns. */
  enqueue(
    event: WebhookEvent,
    data: JsonObject,
    checkoutSessionId: string,
    environment: string,
  ): WebhookDelivery {
    const at = this.now()
    const { id, body } = webhookEnvelope(event, data, environment, at)
    const entry: Entry = {
      id,
      event,
      checkoutSessionId,
      createdAt: new Date(at).toISOString(),
      body,
      status: "pending",
      attempts: [],
      waiters: [],
    }
    this.entries.set(id, entry)
    this.trim()
    this.schedule(entry)
    return view(entry)
  }

  /** The log, oldest first (the last 10,000 events). */
  deliveries(): ReadonlyArray<WebhookDelivery> {
    return Array.from(this.entries.values(), view)
  }

  /**
   * Sends a settled event again (same bytes, same signature) with a fresh set of `maxAttempts`, behind
   * any event of its session still pending. `settled` resolves when that round ends.
   */
  redeliver(id: string): { readonly delivery: WebhookDelivery; readonly settled: Promise<WebhookDelivery> } {
    const entry = this.entries.get(id)
    if (entry === undefined) throw new SandboxActionError("NOT_FOUND", `No webhook event with id ${id}`)
    if (this.closed) throw new SandboxActionError("CONFLICT", "The sandbox is closed")
    if (entry.status === "pending") {
      throw new SandboxActionError("CONFLICT", `Webhook event ${id} is still pending`)
    }
    entry.status = "pending"
    const settled = new Promise<void>((resolve) => entry.waiters.push(resolve))
    this.schedule(entry)
    return { delivery: view(entry), settled: settled.then(() => view(entry)) }
  }

  /** Resolves once no event is pending (at once when none is, or once the outbox is closed). */
  idle(): Promise<void> {
    if (this.pending === 0 || this.closed) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /** Stops every round, aborts attempts in flight and forgets every event (for `reset`). */
  clear(): void {
    this.stop()
    this.entries.clear()
  }

  /** Stops for good: aborts attempts in flight and cancels retries; the log stays readable. */
  close(): void {
    this.closed = true
    this.stop()
  }

  private stop(): void {
    this.generation++
    for (const controller of this.inFlight) controller.abort()
    this.sleepers.wakeAll()
    this.queues.clear()
    this.pending = 0
    for (const entry of this.entries.values()) this.release(entry)
    this.wakeIdle()
  }

  private schedule(entry: Entry): void {
    if (this.closed) return
    this.pending++
    const generation = this.generation
    const previous = this.queues.get(entry.checkoutSessionId) ?? Promise.resolve()
    const round = previous
      .then(() => this.deliver(entry, generation))
      .catch((error: unknown) => {
        // A bug, not a delivery failure: end this event so the session's next one still goes out.
        if (!this.live(generation) || entry.status !== "pending") return
        const cause = describeError(error)
        const attempt = entry.attempts.length
        this.report({
          id: entry.id,
          event: entry.event,
          checkoutSessionId: entry.checkoutSessionId,
          attempt,
          error: cause,
          outcome: "failed",
        })
        this.settle(entry, "failed")
      })
    this.queues.set(entry.checkoutSessionId, round)
    void round.then(() => {
      if (this.queues.get(entry.checkoutSessionId) === round) this.queues.delete(entry.checkoutSessionId)
    })
  }

  private live(generation: number): boolean {
    return !this.closed && generation === this.generation
  }

  /** One round of attempts: until delivered, dead, out of attempts, or stopped. */
  private async deliver(entry: Entry, generation: number): Promise<void> {
    const { maxAttempts, retryDelayMs } = this.options
    for (let round = 1; this.live(generation); round++) {
      const attempt = await this.attempt(entry)
      // Closed mid-attempt: the aborted attempt stays in the log; after `clear` nobody reads it.
      entry.attempts.push(attempt)
      if (!this.live(generation)) return
      const status = attempt.status
      if (status !== undefined && status >= 200 && status < 300) return this.settle(entry, "delivered")
      const error = attempt.error ?? "unknown error"
      const final =
        status !== undefined && status >= 400 && status < 500
          ? "dead"
          : round >= maxAttempts
            ? "failed"
            : undefined
      const base = {
        id: entry.id,
        event: entry.event,
        checkoutSessionId: entry.checkoutSessionId,
        attempt: attempt.attempt,
        error,
      }
      const report = status === undefined ? base : { ...base, status }
      if (final !== undefined) {
        this.report({ ...report, outcome: final })
        return this.settle(entry, final)
      }
      const delay = Math.min(retryDelayMs * 2 ** (round - 1), MAX_DELAY_MS)
      entry.nextAttemptAt = new Date(this.now() + delay).toISOString()
      this.report({ ...report, outcome: "retrying", retryInMs: delay })
      await this.sleepers.sleep(delay)
      delete entry.nextAttemptAt
    }
  }

  private async attempt(entry: Entry): Promise<WebhookAttempt> {
    const { url, timeoutMs } = this.options
    const base = { attempt: entry.attempts.length + 1, at: new Date(this.now()).toISOString() }
    const started = performance.now()
    const elapsed = () => Math.round(performance.now() - started)
    const controller = new AbortController()
    this.inFlight.add(controller)
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, timeoutMs)
    try {
      entry.signature ??= this.key.then((key) => signWebhook(key, entry.body))
      const response = await fetch(url, {
        method: "POST",
        headers: webhookHeaders(entry.event, await entry.signature),
        body: entry.body,
        signal: controller.signal,
        redirect: "manual",
      })
      // The answer's body is not needed; cancelling it frees the connection.
      await response.body?.cancel().catch(() => {})
      const status = response.status
      return status >= 200 && status < 300
        ? { ...base, status, durationMs: elapsed() }
        : { ...base, status, error: `HTTP ${status}`, durationMs: elapsed() }
    } catch (error) {
      const cause = timedOut
        ? `timeout after ${timeoutMs} ms`
        : controller.signal.aborted
          ? "aborted: the sandbox stopped delivering"
          : describeError(error)
      return { ...base, error: cause, durationMs: elapsed() }
    } finally {
      clearTimeout(timer)
      this.inFlight.delete(controller)
    }
  }

  private report(failure: WebhookFailure): void {
    try {
      this.options.onFailure(failure)
    } catch {
      // A throwing hook must not stop deliveries.
    }
  }

  private settle(entry: Entry, status: WebhookDeliveryStatus): void {
    entry.status = status
    delete entry.nextAttemptAt
    this.release(entry)
    this.pending--
    if (this.pending === 0) this.wakeIdle()
  }

  private release(entry: Entry): void {
    const waiters = entry.waiters
    entry.waiters = []
    for (const wake of waiters) wake()
  }

  private wakeIdle(): void {
    const waiters = this.idleWaiters
    this.idleWaiters = []
    for (const wake of waiters) wake()
  }

  /** Drops the oldest settled events beyond the log's limit; pending ones are never dropped. */
  private trim(): void {
    if (this.entries.size <= LOG_LIMIT) return
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= LOG_LIMIT) return
      if (entry.status !== "pending") this.entries.delete(id)
    }
  }
}
