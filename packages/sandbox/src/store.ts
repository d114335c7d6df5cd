import { type IdempotencyRecord, IdempotencyTable } from "./idempotency.js"
import type { JsonObject, JsonValue, ListQuery, ResourceKind } from "./validation.js"

/** The identifier field of each collection. */
export const ID_FIELD: Readonly<Record<ResourceKind, string>> = {
  checkout_sessions: "checkout_session_id",
  payment_links: "link_id",
}

const idOf = (item: JsonObject, kind: ResourceKind): string => item[ID_FIELD[kind]] as string

const compareValues = (a: JsonValue | undefined, b: JsonValue | undefined): number => {
  // Unset values sort below every set value, so `asc` lists them first and `desc` last.
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1
  if (typeof a === "number" && typeof b === "number") return a - b
  const sa = String(a)
  const sb = String(b)
  return sa < sb ? -1 : sa > sb ? 1 : 0
}

/**
 * One collection of one namespace. Sorted views are cached per sort order and dropped on any write,
 * so paging through 100,000 items sorts once rather than once per page.
 */
export class Collection {
  readonly items = new Map<string, JsonObject>()
  private readonly sorted = new Map<string, JsonObject[]>()

  constructor(readonly kind: ResourceKind) {}

  /** Inserts or replaces an item. */
  put(item: JsonObject): void {
    this.items.set(idOf(item, this.kind), item)
    this.sorted.clear()
  }

  /** Removes an item, telling whether it existed. */
  delete(id: string): boolean {
    const existed = this.items.delete(id)
    if (existed) this.sorted.clear()
    return existed
  }

  /** One page of the collection in the requested order; ties are broken by id in the same direction. */
  page(query: ListQuery): { readonly items: JsonObject[]; readonly total: number } {
    const cacheKey = `${query.sortField}:${query.direction}`
    let view = this.sorted.get(cacheKey)
    if (view === undefined) {
      const sign = query.direction === "asc" ? 1 : -1
      const field = query.sortField
      const idField = ID_FIELD[this.kind]
      view = [...this.items.values()].sort(
        (a, b) =>
          sign *
          (compareValues(a[field], b[field]) || compareValues(a[idField] as string, b[idField] as string)),
      )
      this.sorted.set(cacheKey, view)
    }
    return { items: view.slice(query.offset, query.offset + query.limit), total: view.length }
  }
}

/** Everything one API key owns. Keys never share a namespace, so they never see each other's data. */
export class Namespace {
  readonly checkout_sessions = new Collection("checkout_sessions")
  readonly payment_links = new Collection("payment_links")
  readonly idempotency = new IdempotencyTable()

  constructor(readonly organizationId: string) {}
}

/** The persisted form of the whole store; `version` lets a later format migrate old files. */
export interface SandboxSnapshot {
  readonly version: 1
  readonly namespaces: Readonly<
    Record<
      string,
      {
        readonly organization_id: string
        readonly checkout_sessions: ReadonlyArray<JsonObject>
        readonly payment_links: ReadonlyArray<JsonObject>
        readonly idempotency: ReadonlyArray<readonly [string, IdempotencyRecord]>
      }
    >
  >
}

/**
 * All namespaces, plus an index from resource id to namespace: hosted pages are reached by id alone,
 * without an API key, like the real hosted checkout.
 */
export class Store {
  private readonly namespaces = new Map<string, Namespace>()
  private readonly owners = new Map<string, Namespace>()

  /** The namespace of a (hashed) API key, created on first use. */
  namespace(name: string): Namespace {
    let ns = this.namespaces.get(name)
    if (ns === undefined) {
      ns = new Namespace(crypto.randomUUID())
      this.namespaces.set(name, ns)
    }
    return ns
  }

  /** Whether an id is taken in any namespace; client-chosen ids must be globally unique for hosted pages. */
  idTaken(id: string): boolean {
    return this.owners.has(id)
  }

  /** Inserts or replaces a resource. */
  put(ns: Namespace, kind: ResourceKind, item: JsonObject): void {
    ns[kind].put(item)
    this.owners.set(idOf(item, kind), ns)
  }

  /** Deletes a resource, telling whether it existed. */
  delete(ns: Namespace, kind: ResourceKind, id: string): boolean {
    const existed = ns[kind].delete(id)
    if (existed) this.owners.delete(id)
    return existed
  }

  /** Finds a resource by id across namespaces (for hosted pages). */
  find(kind: ResourceKind, id: string): { readonly ns: Namespace; readonly item: JsonObject } | undefined {
    const ns = this.owners.get(id)
    const item = ns?.[kind].items.get(id)
    return ns !== undefined && item !== undefined ? { ns, item } : undefined
  }

  /** Drops every namespace. */
  clear(): void {
    this.namespaces.clear()
    this.owners.clear()
  }

  /** A plain-data copy for persistence. */
  snapshot(): SandboxSnapshot {
    const namespaces: Record<string, SandboxSnapshot["namespaces"][string]> = {}
    for (const [name, ns] of this.namespaces) {
      namespaces[name] = {
        organization_id: ns.organizationId,
        checkout_sessions: [...ns.checkout_sessions.items.values()],
        payment_links: [...ns.payment_links.items.values()],
        idempotency: ns.idempotency.entries(),
      }
    }
    return { version: 1, namespaces }
  }

  /** Replaces the content with a snapshot. */
  restore(snapshot: SandboxSnapshot, now: number): void {
    this.clear()
    for (const [name, data] of Object.entries(snapshot.namespaces)) {
      const ns = new Namespace(data.organization_id)
      this.namespaces.set(name, ns)
      for (const item of data.checkout_sessions) this.put(ns, "checkout_sessions", item)
      for (const item of data.payment_links) this.put(ns, "payment_links", item)
      ns.idempotency.load(data.idempotency, now)
    }
  }
}
