// The Effect API of @lomi/checkout, from wherever the package puts it when the benchmark runs: its own
// entry `@lomi/checkout/effect` when there is one, else the main entry. Typed here by the few members the
// benchmark uses, so the harness compiles against either packaging.
import type * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import type * as Stream from "effect/Stream"

/** Where the Effect API is looked for, in order. */
export const EFFECT_ENTRIES = ["@lomi/checkout/effect", "@lomi/checkout"] as const

interface Session {
  readonly checkout_session_id?: string | undefined
}

/** The members of the `CheckoutSessions` service the benchmark calls. */
export interface CheckoutSessionsShape {
  retrieve(id: string): Effect.Effect<Session, unknown>
  create(params: never): Effect.Effect<Session, unknown>
  list(params: { readonly limit: number }): Effect.Effect<unknown, unknown>
  stream(params: { readonly limit: number }): Stream.Stream<Session, unknown>
}

/** The members of the `Webhooks` service the benchmark calls. */
export interface WebhooksShape {
  unwrap(body: Uint8Array, headers: Record<string, string>): Effect.Effect<unknown, unknown>
}

/** What the benchmark needs of the Effect API. */
export interface EffectApi {
  /** The module specifier it was loaded from. */
  readonly entry: string
  readonly Checkout: {
    layer(options: { readonly apiKey: string; readonly baseUrl?: string }): Layer.Layer<any, any, never>
  }
  readonly CheckoutSessions: Context.Key<any, CheckoutSessionsShape>
  readonly Webhooks: Context.Key<any, WebhooksShape> & {
    layer(options: { readonly secret: string }): Layer.Layer<any, any, never>
  }
}

const missing = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code
  return code === "ERR_PACKAGE_PATH_NOT_EXPORTED" || code === "ERR_MODULE_NOT_FOUND"
}

/** Imports the first entry of `EFFECT_ENTRIES` that exists and exports the Effect API. */
export const loadEffectApi = async (): Promise<EffectApi> => {
  for (const entry of EFFECT_ENTRIES) {
    // A specifier in a variable: bundling a child must not try to resolve an entry that may not exist.
    const specifier: string = entry
    let module: Record<string, unknown>
    try {
      module = await import(specifier)
    } catch (error) {
      if (missing(error)) continue
      throw error
    }
    if (module.CheckoutSessions !== undefined && module.Checkout !== undefined)
      return { ...(module as unknown as Omit<EffectApi, "entry">), entry }
  }
  throw new Error(`none of ${EFFECT_ENTRIES.join(", ")} exports the Effect API (Checkout, CheckoutSessions)`)
}
