import { hex } from "./hex.js"
import type { Namespace, Store } from "./store.js"

/**
 * The configured API keys, and the namespace each one owns. Namespaces are named by a SHA-256 of the
 * key, so the data file never holds a secret key; the names are computed once per key.
 */
export class ApiKeys {
  private readonly keys: ReadonlySet<string>
  private readonly names = new Map<string, string>()

  constructor(
    /** The keys, checked and non-empty; the first is the default one. */
    keys: readonly [string, ...string[]],
    private readonly store: Store,
  ) {
    this.keys = new Set(keys)
    this.first = keys[0]
  }

  /** The first configured key: the one tests and seeding use when not told otherwise. */
  readonly first: string

  /** Whether `key` is one of the configured keys. */
  has(key: string): boolean {
    return this.keys.has(key)
  }

  /** The namespace of a key, created on first use. */
  async namespaceOf(key: string): Promise<Namespace> {
    let name = this.names.get(key)
    if (name === undefined) {
      name = hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key)))
      this.names.set(key, name)
    }
    return this.store.namespace(name)
  }
}
