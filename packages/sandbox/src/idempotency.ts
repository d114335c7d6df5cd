/** A response kept for replay: enough to rebuild it byte for byte. */
export interface StoredResponse {
  /** The HTTP status that was answered. */
  readonly status: number
  /** The body, exactly as sent. */
  readonly body: string
  /** The `Content-Type` that was sent. */
  readonly contentType: string
}

/** One `Idempotency-Key` as the sandbox remembers it. */
export interface IdempotencyRecord {
  /** The first request's method, path and body (hex): a reuse of the key with another is refused. */
  readonly fingerprint: string
  /** When the key was first seen (milliseconds since the epoch); it is forgotten 24 hours later. */
  readonly createdAt: number
  /** The answer to replay; absent while the first request is still in flight. */
  readonly response?: StoredResponse
}

/** What to do with a request that carries an `Idempotency-Key`. */
export type IdempotencyDecision =
  | { readonly kind: "new" }
  | { readonly kind: "in_flight" }
  | { readonly kind: "mismatch" }
  | { readonly kind: "replay"; readonly response: StoredResponse }

/** How long a key is remembered, as the IETF draft suggests and the contract fixes. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000

/**
 * The keys of one API key's namespace. Records are kept in insertion order, which is creation order,
 * so expiry only ever looks at the front of the map.
 */
export class IdempotencyTable {
  private records = new Map<string, IdempotencyRecord>()

  /**
   * `onComplete` is told of each completed record before it is stored, with how to undo it; it may
   * throw to refuse the record (the store does when the record cannot be written to its journal).
   */
  constructor(
    private readonly onComplete: (
      key: string,
      record: IdempotencyRecord,
      undo: () => void,
    ) => void = () => {},
  ) {}

  /** Looks a key up and, when it is new, reserves it as in flight. */
  begin(key: string, fingerprint: string, now: number): IdempotencyDecision {
    this.expire(now)
    const record = this.records.get(key)
    if (record === undefined) {
      this.records.set(key, { fingerprint, createdAt: now })
      return { kind: "new" }
    }
    if (record.fingerprint !== fingerprint) return { kind: "mismatch" }
    if (record.response === undefined) return { kind: "in_flight" }
    return { kind: "replay", response: record.response }
  }

  /** Stores the response of an executed request so later retries replay it. */
  complete(key: string, response: StoredResponse): void {
    const record = this.records.get(key)
    if (record === undefined) return
    const completed = { ...record, response }
    this.onComplete(key, completed, () => {
      // Back to in flight, so that the caller's `release` frees the key for a retry.
      if (this.records.get(key) === completed) this.records.set(key, record)
    })
    this.records.set(key, completed)
  }

  /** Forgets a reservation whose request never executed (refused or failed before handling), so it may be retried. */
  release(key: string): void {
    const record = this.records.get(key)
    if (record !== undefined && record.response === undefined) this.records.delete(key)
  }

  /** Completed records, for persistence; in-flight ones die with the process like their requests. */
  entries(): Array<[string, IdempotencyRecord]> {
    return [...this.records].filter(([, record]) => record.response !== undefined)
  }

  /** How many completed records there are. */
  get size(): number {
    let count = 0
    for (const record of this.records.values()) if (record.response !== undefined) count++
    return count
  }

  /** Sets a record read back from the journal; call {@link IdempotencyTable.sort} once all are in. */
  restore(key: string, record: IdempotencyRecord): void {
    this.records.set(key, record)
  }

  /** Puts records back in creation order (the journal has them in completion order) and expires old ones. */
  sort(now: number): void {
    this.records = new Map([...this.records].sort((a, b) => a[1].createdAt - b[1].createdAt))
    this.expire(now)
  }

  /** Forgets every record, returning them (to put back with {@link IdempotencyTable.refill}). */
  empty(): Map<string, IdempotencyRecord> {
    const held = this.records
    this.records = new Map()
    return held
  }

  /** Puts back what {@link IdempotencyTable.empty} returned. */
  refill(records: Map<string, IdempotencyRecord>): void {
    this.records = records
  }

  private expire(now: number): void {
    for (const [key, record] of this.records) {
      if (now - record.createdAt < IDEMPOTENCY_TTL_MS) break
      this.records.delete(key)
    }
  }
}

/**
 * The hold one request has on a new `Idempotency-Key`. The key stays once the request's answer is
 * durable ({@link IdempotencyReservation.keep}); in every other ending (refused, faulted, failed, its
 * write lost) {@link IdempotencyReservation.settle} frees it for a retry. Only the first `settle` acts,
 * so a reservation is never released twice (a second release could free a later request's hold).
 */
export class IdempotencyReservation {
  private state: "open" | "kept" | "settled" = "open"

  constructor(
    private readonly table: IdempotencyTable,
    /** The reserved key. */
    readonly key: string,
  ) {}

  /** Stores an executed answer for replays; the key is only kept once {@link IdempotencyReservation.keep} says it is durable. */
  complete(response: StoredResponse): void {
    this.table.complete(this.key, response)
  }

  /** The completed answer is durable: the key stays with it. */
  keep(): void {
    if (this.state === "open") this.state = "kept"
  }

  /** Ends the reservation when its request ends: frees the key unless its answer was kept. */
  settle(): void {
    const state = this.state
    this.state = "settled"
    if (state === "open") this.table.release(this.key)
  }
}
