import type { SandboxChange } from "./journal.js"
import type { StagedChange, Store } from "./store.js"

/**
 * Where the store is kept, as a journal of changes. `@lomi/sandbox` ships a file implementation for
 * Node (`filePersistence`). Lines are produced by the sandbox (one JSON document each, no newline);
 * calls never overlap.
 */
export interface SandboxPersistence {
  /** Reads the saved changes, oldest first; empty when there is no data yet. */
  load(): Promise<ReadonlyArray<SandboxChange>>
  /** Appends journal lines; resolves once they are durable. On failure, nothing of them may remain. */
  append(lines: ReadonlyArray<string>): Promise<void>
  /** Replaces everything saved with `lines` (the store compacted), atomically and durably. */
  replace(lines: ReadonlyArray<string>): Promise<void>
  /** Releases files and handles; nothing is called after it. */
  close(): Promise<void>
}

/** Answered to a writer whose change was taken back because a write it depended on failed. */
export class WriteLostError extends Error {
  constructor(cause?: unknown) {
    super("A change was not saved: the data file could not be written", { cause })
    this.name = "WriteLostError"
  }
}

// The journal is compacted once it holds more than twice as many lines as the store has records, plus
// this slack, so small stores are never rewritten and a rewrite costs at most one line per line appended.
const COMPACT_SLACK = 10_000

interface Batch {
  readonly promise: Promise<void>
  readonly resolve: () => void
  readonly reject: (error: unknown) => void
}

const batch = (): Batch => {
  let resolve!: () => void
  let reject!: (error: unknown) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  // A batch nobody awaits (only namespace creations) must not be an unhandled rejection.
  promise.catch(() => {})
  return { promise, resolve, reject }
}

/**
 * Makes the store's staged changes durable with group commit: while one batch is being written and
 * fsynced, later changes gather into the next, so concurrent writers share one write and one fsync.
 * When a write fails, its changes and every change staged after them (which may build on them) are
 * taken back in memory, newest first, and their writers get the error: nothing unsaved stays visible,
 * and no idempotency record replays an answer for it.
 */
export class CommitQueue {
  private writing: Batch | undefined
  private waiting: Batch | undefined
  private failures = 0
  private lines = 0
  private closing: Promise<void> | undefined

  constructor(
    private readonly store: Store,
    private readonly persistence: SandboxPersistence | undefined,
  ) {}

  /** Replays the saved journal into the store, and compacts it when it has grown. */
  async load(now: number): Promise<void> {
    if (this.persistence === undefined) return
    const changes = await this.persistence.load()
    for (const change of changes) this.store.apply(change)
    this.store.loaded(now)
    this.lines = changes.length
    if (this.overgrown(0)) await this.start(batch(), true).promise
  }

  /**
   * Counts failed writes. Read it before making changes and pass it to {@link CommitQueue.flush}: if a
   * failure took changes back in between, the flush fails even when nothing is left to write.
   */
  get epoch(): number {
    return this.failures
  }

  /** Resolves once every change staged so far is durable; rejects if any of them was lost. */
  flush(epoch: number = this.failures): Promise<void> {
    if (epoch !== this.failures) return Promise.reject(new WriteLostError())
    if (this.persistence === undefined) return Promise.resolve()
    if (this.writing !== undefined) {
      if (!this.store.hasStaged) return this.writing.promise
      this.waiting ??= batch()
      return this.waiting.promise
    }
    if (!this.store.hasStaged) return Promise.resolve()
    return this.start(batch(), false).promise
  }

  /** Writes what is staged, compacts the journal if it holds superseded lines, and releases the file. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const persistence = this.persistence
      if (persistence === undefined) return
      await this.flush().catch(() => {})
      while (this.writing !== undefined) await this.writing.promise.catch(() => {})
      // Best effort: the journal is complete and durable without it, so a failure loses nothing.
      if (this.lines > this.store.size) await this.start(batch(), true).promise.catch(() => {})
      await persistence.close()
    })()
    return this.closing
  }

  private overgrown(adding: number): boolean {
    return this.lines + adding > 2 * this.store.size + COMPACT_SLACK
  }

  private start(current: Batch, compact: boolean): Batch {
    const persistence = this.persistence as SandboxPersistence
    this.writing = current
    const changes = this.store.drain()
    let lines = this.lines + changes.length
    let write: Promise<void>
    try {
      if (compact || this.overgrown(changes.length)) {
        // Read synchronously: the snapshot is exactly what is durable plus this batch.
        const snapshot = this.store.snapshot()
        lines = snapshot.length
        write = persistence.replace(snapshot)
      } else {
        write = persistence.append(changes.map((change) => change.line))
      }
    } catch (error) {
      write = Promise.reject(error)
    }
    write.then(
      () => {
        this.lines = lines
        this.finish(current, undefined)
      },
      (error: unknown) => this.finish(current, error, changes),
    )
    return current
  }

  private finish(current: Batch, error: unknown, changes?: ReadonlyArray<StagedChange>): void {
    this.writing = undefined
    const next = this.waiting
    this.waiting = undefined
    if (changes === undefined) {
      current.resolve()
      if (next !== undefined) this.start(next, false)
      return
    }
    this.failures++
    this.store.revert([...changes, ...this.store.drain()])
    const lost = new WriteLostError(error)
    current.reject(lost)
    next?.reject(lost)
  }
}
