import { Collection, ID_FIELD, idOf } from "./collection.js"
import { type IdempotencyRecord, IdempotencyTable } from "./idempotency.js"
import { encodeChange, JournalError, type SandboxChange } from "./journal.js"
import type { JsonObject } from "./json-value.js"
import type { ResourceKind } from "./kinds.js"
import { canonicalId } from "./validation.js"

/** Everything one API key owns. Keys never share a namespace, so they never see each other's data. */
export class Namespace {
  readonly checkout_sessions = new Collection("checkout_sessions")
  readonly payment_links = new Collection("payment_links")
  readonly idempotency: IdempotencyTable

  constructor(
    /** The hashed API key naming the namespace in the data file. */
    readonly name: string,
    readonly organizationId: string,
    onIdempotency: (key: string, record: IdempotencyRecord, undo: () => void) => void,
  ) {
    this.idempotency = new IdempotencyTable(onIdempotency)
  }
}

/** A change made in memory but not yet durable: its journal line, and how to take it back. */
export interface StagedChange {
  readonly line: string
  /** Reverts the change in memory; `undefined` for a change that must be written again instead. */
  readonly undo: (() => void) | undefined
}

/**
 * All namespaces, plus an index from resource id to namespace: hosted pages are reached by id alone,
 * without an API key, like the real hosted checkout.
 *
 * Every change is serialised to its journal line before memory is touched, so a value that cannot be
 * written is refused with nothing changed, and is staged with an undo until the journal has it.
 */
export class Store {
  private readonly namespaces = new Map<string, Namespace>()
  private owners = new Map<string, Namespace>()
  private staged: StagedChange[] = []

  /** `journaled`: keep staged changes for a journal (without one they are only checked, not kept). */
  constructor(private readonly journaled: boolean) {}

  /** The namespace of a (hashed) API key, created on first use. */
  namespace(name: string): Namespace {
    const found = this.namespaces.get(name)
    if (found !== undefined) return found
    const ns = this.create(name, crypto.randomUUID())
    const staged: StagedChange = {
      line: encodeChange({ type: "namespace", namespace: name, organization_id: ns.organizationId }),
      // In-flight requests already hold this namespace: if its line is lost, write it again.
      undo: undefined,
    }
    if (this.journaled) this.staged.push(staged)
    return ns
  }

  /** Whether an id is taken in any namespace; client-chosen ids must be globally unique for hosted pages. */
  idTaken(id: string): boolean {
    return this.owners.has(id)
  }

  /** Inserts or replaces a resource. */
  put(ns: Namespace, kind: ResourceKind, item: JsonObject): void {
    const id = idOf(item, kind)
    const previous = ns[kind].items.get(id)
    this.stage({ type: "put", namespace: ns.name, collection: kind, item }, () =>
      previous === undefined ? this.remove(ns, kind, id) : this.insert(ns, kind, previous),
    )
    this.insert(ns, kind, item)
  }

  /** Deletes a resource, telling whether it existed. */
  delete(ns: Namespace, kind: ResourceKind, id: string): boolean {
    const previous = ns[kind].items.get(id)
    if (previous === undefined) return false
    this.stage({ type: "delete", namespace: ns.name, collection: kind, id }, () =>
      this.insert(ns, kind, previous),
    )
    this.remove(ns, kind, id)
    return true
  }

  /** Finds a resource by id across namespaces (for hosted pages). */
  find(kind: ResourceKind, id: string): { readonly ns: Namespace; readonly item: JsonObject } | undefined {
    const ns = this.owners.get(id)
    const item = ns?.[kind].items.get(id)
    return ns !== undefined && item !== undefined ? { ns, item } : undefined
  }

  /**
   * Deletes every resource and idempotency key. Namespaces (and their organization ids) stay: requests
   * in flight hold them, and a write they make after the reset must not land in a detached namespace.
   */
  clear(): void {
    let undo = () => {}
    this.stage({ type: "clear" }, () => undo())
    undo = this.emptyAll()
  }

  /** Takes the changes staged since the last call, oldest first, for the journal. */
  drain(): StagedChange[] {
    const taken = this.staged
    this.staged = []
    return taken
  }

  /** Whether changes are waiting to be written. */
  get hasStaged(): boolean {
    return this.staged.length > 0
  }

  /**
   * Reverts changes whose write failed, newest first. Namespace creations are staged again instead:
   * requests may still use them, and later lines need them.
   */
  revert(changes: ReadonlyArray<StagedChange>): void {
    const again: StagedChange[] = []
    for (let i = changes.length - 1; i >= 0; i--) {
      const change = changes[i] as StagedChange
      if (change.undo === undefined) again.unshift(change)
      else change.undo()
    }
    this.staged = [...again, ...this.staged]
  }

  /** Applies a change read back from the journal, without staging it. */
  apply(change: SandboxChange): void {
    if (change.type === "clear") {
      this.emptyAll()
      return
    }
    const ns = this.namespaces.get(change.namespace)
    if (change.type === "namespace") {
      if (ns === undefined) this.create(change.namespace, change.organization_id)
      return
    }
    if (ns === undefined)
      throw new JournalError(`the data file uses namespace ${change.namespace} before creating it`)
    if (change.type === "put") {
      // Files written before ids were case-insensitive may hold upper-case UUIDs.
      const idField = ID_FIELD[change.collection]
      const given = change.item[idField] as string
      const id = canonicalId(given)
      this.insert(ns, change.collection, id === given ? change.item : { ...change.item, [idField]: id })
    } else if (change.type === "delete") this.remove(ns, change.collection, canonicalId(change.id))
    else ns.idempotency.restore(change.key, change.record)
  }

  /** Ends a load: drops idempotency keys that expired while the sandbox was down. */
  loaded(now: number): void {
    for (const ns of this.namespaces.values()) ns.idempotency.sort(now)
  }

  /** How many journal lines a compacted file would hold. */
  get size(): number {
    let count = 0
    for (const ns of this.namespaces.values()) {
      count += 1 + ns.checkout_sessions.items.size + ns.payment_links.items.size + ns.idempotency.size
    }
    return count
  }

  /** The whole store as journal lines (without the header), oldest namespace first. */
  snapshot(): string[] {
    const lines: string[] = []
    for (const ns of this.namespaces.values()) {
      const namespace = ns.name
      lines.push(encodeChange({ type: "namespace", namespace, organization_id: ns.organizationId }))
      for (const collection of ["checkout_sessions", "payment_links"] as const) {
        for (const item of ns[collection].items.values()) {
          lines.push(encodeChange({ type: "put", namespace, collection, item }))
        }
      }
      for (const [key, record] of ns.idempotency.entries()) {
        lines.push(encodeChange({ type: "idempotency", namespace, key, record }))
      }
    }
    return lines
  }

  private stage(change: SandboxChange, undo: () => void): void {
    // Serialise first: when this throws, nothing has changed yet.
    const line = encodeChange(change)
    if (this.journaled) this.staged.push({ line, undo })
  }

  private create(name: string, organizationId: string): Namespace {
    const ns: Namespace = new Namespace(name, organizationId, (key, record, undo) =>
      this.stage({ type: "idempotency", namespace: name, key, record }, undo),
    )
    this.namespaces.set(name, ns)
    return ns
  }

  private insert(ns: Namespace, kind: ResourceKind, item: JsonObject): void {
    ns[kind].put(item)
    this.owners.set(idOf(item, kind), ns)
  }

  private remove(ns: Namespace, kind: ResourceKind, id: string): void {
    if (ns[kind].delete(id)) this.owners.delete(id)
  }

  /** Empties every namespace in place and returns how to put everything back. */
  private emptyAll(): () => void {
    const owners = this.owners
    this.owners = new Map()
    const refills = [...this.namespaces.values()].map((ns) => {
      const sessions = ns.checkout_sessions.empty()
      const links = ns.payment_links.empty()
      const records = ns.idempotency.empty()
      return () => {
        ns.checkout_sessions.refill(sessions)
        ns.payment_links.refill(links)
        ns.idempotency.refill(records)
      }
    })
    return () => {
      this.owners = owners
      for (const refill of refills) refill()
    }
  }
}
