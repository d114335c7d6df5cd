import type { JsonObject } from "./json-value.js"
import type { ApiKeys } from "./keys.js"
import { environmentOf, iso } from "./resources.js"
import type { Store } from "./store.js"
import { checkBody } from "./validation.js"

/** Options of `seedCheckoutSessions`. */
export interface SeedOptions {
  /** The key whose namespace receives the sessions; default the first configured key. */
  readonly apiKey?: string
}

/** What seeding needs from the sandbox's state. */
export interface SeedContext {
  /** The configured keys, and the namespace of each. */
  readonly keys: Pick<ApiKeys, "first" | "has" | "namespaceOf">
  /** Resolves when persisted data is loaded. */
  readonly ready: Promise<void>
  /** Where the sessions go. */
  readonly store: Store
  /** Clock in epoch milliseconds. */
  readonly now: () => number
  /** Lifetime of a session created without `expires_at`. */
  readonly sessionTtlMs: number
  /** Resolves once every change so far is durable. */
  readonly persist: () => Promise<void>
}

/** Thrown by `seedCheckoutSessions` when the template is not a valid session body. */
class TemplateError extends TypeError {
  constructor(issues: ReadonlyArray<{ path: ReadonlyArray<string | number>; message: string }>) {
    super(`Invalid template: ${issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`)
  }
}

const CURRENCIES = ["XOF", "USD", "EUR"]

/**
 * Bulk-inserts `count` open checkout sessions built from `template` (amount, currency and title vary
 * when not given), with increasing `created_at`, and persists once. Returns their ids.
 */
export const seedCheckoutSessions = async (
  ctx: SeedContext,
  count: number,
  template: JsonObject = {},
  options: SeedOptions = {},
): Promise<string[]> => {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError("count must be an integer >= 0")
  const key = options.apiKey ?? ctx.keys.first
  if (!ctx.keys.has(key)) throw new RangeError("apiKey is not one of the configured keys")
  if (Object.hasOwn(template, "checkout_session_id"))
    throw new TypeError("template must not set checkout_session_id")
  const checked = checkBody("v1", "checkout_sessions", "create", {
    currency_code: "XOF",
    amount: 1,
    ...template,
  })
  if (!checked.ok) throw new TemplateError(checked.issues)
  await ctx.ready
  const ns = await ctx.keys.namespaceOf(key)
  const base = ctx.now() - count
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const id = crypto.randomUUID()
    const created = iso(base + i)
    // Vary the sortable fields so pagination over seeded data exercises real orderings and ties.
    ctx.store.put(ns, "checkout_sessions", {
      checkout_session_id: id,
      organization_id: ns.organizationId,
      environment: environmentOf(key),
      amount: 100 * (1 + ((i * 7919) % 997)),
      currency_code: CURRENCIES[i % 3] ?? "XOF",
      title: `Seeded session ${i % 1000}`,
      ...checked.value,
      status: checked.value.status ?? "open",
      expires_at: checked.value.expires_at ?? iso(base + i + ctx.sessionTtlMs),
      created_at: created,
      updated_at: created,
    })
    ids.push(id)
  }
  await ctx.persist()
  return ids
}
