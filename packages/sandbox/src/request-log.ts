import type { FaultKind, OperationName } from "./faults.js"
import type { Generation } from "./kinds.js"
import type { Reply } from "./responses.js"

/** One request as the sandbox saw it. It never contains an API key or an admin token. */
export interface RequestLogEntry {
  /** The HTTP method, e.g. `POST`. */
  readonly method: string
  /** Path without the query string. */
  readonly path: string
  /** The query string, `""` when there is none. */
  readonly query: string
  /**
   * The generation of routes that answered: `"v1"` for paths under `/v1` (the 1.1.0 document),
   * `"2025-12"` for the API at the origin (lomi.'s routes today, unknown paths included). Absent for the
   * hosted pages and `/__admin`.
   */
  readonly generation?: Generation
  /** The operation's seed name, when the request reached a known operation and passed auth. */
  readonly operation?: OperationName
  /** The status the server decided; `null` when the connection was reset before handling. */
  readonly status: number | null
  /** The `Idempotency-Key` the request carried, if any. */
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
  | {
      /** Write `reply` as it is. */
      readonly kind: "reply"
      /** The answer. */
      readonly reply: Reply
    }
  /** Drop the connection without writing anything. */
  | {
      /** Drop the connection without writing anything. */
      readonly kind: "reset"
    }
  /** Write the headers (with the full `content-length`) and the first half of the body, then drop the connection. */
  | {
      /** Write the headers and half the body of `reply`, then drop the connection. */
      readonly kind: "truncate"
      /** The answer to cut short. */
      readonly reply: Reply
    }

/** A writable copy of a type. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** Adds what a step learned to the request's log entry. */
export type LogNote = (patch: Partial<Mutable<RequestLogEntry>>) => void

/**
 * The requests received, oldest first, bounded to `limit` entries. It is trimmed in batches, so a
 * long-running server pays O(1) per request, not a copy of the log each time.
 */
export class RequestLog {
  private entries: RequestLogEntry[] = []

  constructor(private readonly limit: number) {}

  /** Adds an entry once its request is answered. */
  add(entry: RequestLogEntry): void {
    this.entries.push(entry)
    if (this.entries.length >= 2 * this.limit)
      this.entries = this.entries.slice(this.entries.length - this.limit)
  }

  /** The last `limit` entries, oldest first. */
  list(): ReadonlyArray<RequestLogEntry> {
    return this.entries.slice(-this.limit)
  }

  /** Empties the log. */
  clear(): void {
    this.entries = []
  }
}
