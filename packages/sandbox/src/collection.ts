import type { JsonObject, JsonValue } from "./json-value.js"
import type { ResourceKind } from "./kinds.js"
import type { ListQuery, SortField } from "./list-query.js"

/** The identifier field of each collection. */
export const ID_FIELD: Readonly<Record<ResourceKind, string>> = {
  checkout_sessions: "checkout_session_id",
  payment_links: "link_id",
}

/** The id of a stored item of a collection. */
export const idOf = (item: JsonObject, kind: ResourceKind): string => item[ID_FIELD[kind]] as string

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
  private map = new Map<string, JsonObject>()
  private readonly sorted = new Map<string, JsonObject[]>()

  constructor(readonly kind: ResourceKind) {}

  /** The items by id. */
  get items(): ReadonlyMap<string, JsonObject> {
    return this.map
  }

  /** Inserts or replaces an item. */
  put(item: JsonObject): void {
    this.map.set(idOf(item, this.kind), item)
    this.sorted.clear()
  }

  /** Removes an item, telling whether it existed. */
  delete(id: string): boolean {
    const existed = this.map.delete(id)
    if (existed) this.sorted.clear()
    return existed
  }

  /** Empties the collection, returning what it held (to put back with {@link Collection.refill}). */
  empty(): Map<string, JsonObject> {
    const held = this.map
    this.map = new Map()
    this.sorted.clear()
    return held
  }

  /** Puts back what {@link Collection.empty} returned. */
  refill(items: Map<string, JsonObject>): void {
    this.map = items
    this.sorted.clear()
  }

  /** Every item in the given order; ties are broken by id in the same direction. Do not modify the result. */
  inOrder(field: SortField, direction: "asc" | "desc"): ReadonlyArray<JsonObject> {
    const cacheKey = `${field}:${direction}`
    let view = this.sorted.get(cacheKey)
    if (view === undefined) {
      const sign = direction === "asc" ? 1 : -1
      const idField = ID_FIELD[this.kind]
      view = [...this.map.values()].sort(
        (a, b) =>
          sign *
          (compareValues(a[field], b[field]) || compareValues(a[idField] as string, b[idField] as string)),
      )
      this.sorted.set(cacheKey, view)
    }
    return view
  }

  /** One page of the collection in the requested order; ties are broken by id in the same direction. */
  page(query: ListQuery): { readonly items: JsonObject[]; readonly total: number } {
    const view = this.inOrder(query.sortField, query.direction)
    return { items: view.slice(query.offset, query.offset + query.limit), total: view.length }
  }
}
