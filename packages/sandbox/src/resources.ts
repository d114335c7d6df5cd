import { ID_FIELD } from "./collection.js"
import type { JsonObject } from "./json-value.js"
import type { ResourceKind } from "./kinds.js"
import type { Namespace, Store } from "./store.js"

// Creating and changing resources, shared by both generations of routes: whichever generation writes a
// resource, the other reads it from the same store.

/** What creating and changing resources needs from the sandbox's state. */
export interface ResourceContext {
  readonly store: Store
  /** Clock in epoch milliseconds. */
  readonly now: () => number
  /** Lifetime of a checkout session created without `expires_at`. */
  readonly sessionTtlMs: number
}

/** An instant as stored and answered: UTC `toISOString()` text. */
export const iso = (ms: number): string => new Date(ms).toISOString()

/** The environment of the data an API key creates: `live` for `lomi_sk_live_` keys, else `test`. */
export const environmentOf = (key: string): string => (key.startsWith("lomi_sk_live_") ? "live" : "test")

/**
 * Keeps `description` and `public_description` equal: the 1.1.0 document names it `public_description`,
 * today's routes `description`, and each generation must read what the other wrote. `given` is an
 * update body, whose value wins over the stored one.
 */
export const withDescriptions = (item: JsonObject, given: JsonObject = item): JsonObject => {
  const description =
    given.description ?? given.public_description ?? item.public_description ?? item.description
  return description === undefined ? item : { ...item, description, public_description: description }
}

/** The outcome of a create: the stored resource, or the client-chosen id that is already taken. */
export type Created =
  | { readonly ok: true; readonly item: JsonObject }
  | { readonly ok: false; readonly taken: string }

/** Builds a resource from checked create fields and stores it (not yet durable: the caller persists). */
export const createResource = (
  ctx: ResourceContext,
  ns: Namespace,
  kind: ResourceKind,
  fields: JsonObject,
  apiKey: string,
): Created => {
  const idField = ID_FIELD[kind]
  const chosen = fields[idField] as string | undefined
  if (chosen !== undefined && ctx.store.idTaken(chosen)) return { ok: false, taken: chosen }
  // One clock reading, so created_at, updated_at and the default expires_at agree exactly.
  const at = ctx.now()
  const stamp = iso(at)
  const base = { organization_id: ns.organizationId, environment: environmentOf(apiKey) }
  const item: JsonObject =
    kind === "checkout_sessions"
      ? {
          checkout_session_id: chosen ?? crypto.randomUUID(),
          ...base,
          ...fields,
          status: fields.status ?? "open",
          expires_at: fields.expires_at ?? iso(at + ctx.sessionTtlMs),
          created_at: stamp,
          updated_at: stamp,
        }
      : {
          link_id: chosen ?? crypto.randomUUID(),
          ...base,
          ...fields,
          is_active: fields.is_active ?? true,
          created_at: stamp,
          updated_at: stamp,
        }
  const stored = withDescriptions(item)
  ctx.store.put(ns, kind, stored)
  return { ok: true, item: stored }
}

/** Replaces the given top-level fields of a stored resource and stores the result. */
export const updateResource = (
  ctx: ResourceContext,
  ns: Namespace,
  kind: ResourceKind,
  existing: JsonObject,
  fields: JsonObject,
): JsonObject => {
  const updated = withDescriptions({ ...existing, ...fields, updated_at: iso(ctx.now()) }, fields)
  ctx.store.put(ns, kind, updated)
  return updated
}
