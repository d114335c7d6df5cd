import type { SandboxPersistence } from "./commit-queue.js"
import { type FaultRule, parseFaultRules } from "./faults.js"
import { type RateLimitOptions, type ResolvedRateLimit, resolveRateLimit } from "./rate-limit.js"
import { type ResolvedWebhookOptions, resolveWebhookOptions, type WebhookOptions } from "./webhooks.js"

/** The test key used when no `apiKeys` are configured. */
export const SANDBOX_DEFAULT_KEY = "lomi_sk_test_0000000000000000000000000000000000000000"

/** Options of {@link createSandboxHandler}. */
export interface SandboxHandlerOptions {
  /** Accepted `X-API-KEY` values; default `[SANDBOX_DEFAULT_KEY]`. Each key has its own data. */
  readonly apiKeys?: ReadonlyArray<string>
  /** Fault rules active from the start. */
  readonly faults?: ReadonlyArray<FaultRule>
  /** Seed of the fault dice; default random (read it back from `seed`). */
  readonly seed?: number | string
  /** Enables the admin endpoint under `/__admin`, protected by `Authorization: Bearer <token>`. */
  readonly admin?: {
    /** The bearer token the admin endpoint requires (non-empty). */
    readonly token: string
  }
  /** Enables a per-key token bucket answering 429 with `Retry-After`. */
  readonly rateLimit?: RateLimitOptions
  /** Clock in epoch milliseconds; inject one to test expiry without waiting. */
  readonly now?: () => number
  /** Durable storage; default none (in memory). */
  readonly persistence?: SandboxPersistence
  /**
   * Origin (`https://host[:port]`) of the `url` fields of resources, when clients reach the sandbox
   * through a proxy. Default: the origin of each request's URL (`startSandbox` passes its own listening
   * origin, never the `Host` header).
   */
  readonly publicOrigin?: string
  /** Largest accepted request body in bytes (default 1 MiB); larger bodies get 413. */
  readonly maxBodyBytes?: number
  /** How many entries the request log keeps, oldest dropped first (default 10,000). */
  readonly requestLogLimit?: number
  /** Lifetime of a checkout session created without `expires_at` (default 60 minutes). */
  readonly sessionTtlMs?: number
  /**
   * Sends signed events, in the background and with retries, when a checkout session is paid or its
   * payment fails (hosted page, `completeCheckout` or the admin endpoint). Throws at construction when invalid.
   */
  readonly webhooks?: WebhookOptions
  /** Called with unexpected internal errors (default `console.error`); they are answered with a 500. */
  readonly onError?: (error: unknown) => void
}

/** The handler's options, checked once, with every default filled in. */
export interface ResolvedOptions {
  /** The accepted keys; the first is the default one. */
  readonly apiKeys: readonly [string, ...string[]]
  /** The fault rules active from the start, checked. */
  readonly faults: ReadonlyArray<FaultRule>
  /** The seed of the fault dice. */
  readonly seed: number | string
  /** The admin endpoint's bearer token; without one there is no admin endpoint. */
  readonly adminToken: string | undefined
  /** The token buckets' settings, when rate limiting is on. */
  readonly rateLimit: ResolvedRateLimit | undefined
  /** Clock in epoch milliseconds. */
  readonly now: () => number
  /** Durable storage, if any. */
  readonly persistence: SandboxPersistence | undefined
  /** The bare origin put in `url` fields, when set. */
  readonly publicOrigin: string | undefined
  /** Largest accepted request body in bytes. */
  readonly maxBodyBytes: number
  /** How many entries the request log keeps. */
  readonly requestLogLimit: number
  /** Lifetime of a checkout session created without `expires_at`. */
  readonly sessionTtlMs: number
  /** The webhook settings (secret included), when webhooks are on. */
  readonly webhooks: ResolvedWebhookOptions | undefined
  /** Where unexpected internal errors go. */
  readonly onError: (error: unknown) => void
}

/** The default `maxBodyBytes`: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

/** Checks a `publicOrigin` option and returns it as a bare origin. */
const originOption = (value: string): string => {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (
    url === undefined ||
    (url.protocol !== "http:" && url.protocol !== "https:") ||
    url.username !== "" ||
    url.password !== "" ||
    url.pathname !== "/" ||
    url.search !== "" ||
    url.hash !== ""
  ) {
    throw new TypeError("publicOrigin must be an http(s) origin such as https://sandbox.example.com:8443")
  }
  return url.origin
}

/** Checks the options (throwing `TypeError`, `RangeError` or `FaultSpecError`) and fills in the defaults. */
export const resolveOptions = (options: SandboxHandlerOptions): ResolvedOptions => {
  const apiKeys = options.apiKeys ?? [SANDBOX_DEFAULT_KEY]
  const firstKey = apiKeys[0]
  if (firstKey === undefined || apiKeys.some((key) => typeof key !== "string" || key.trim() === "")) {
    throw new TypeError("apiKeys must be a non-empty list of non-empty strings")
  }
  const requestLogLimit = options.requestLogLimit ?? 10_000
  if (!Number.isSafeInteger(requestLogLimit) || requestLogLimit < 1)
    throw new RangeError("requestLogLimit must be an integer >= 1")
  const adminToken = options.admin?.token
  if (adminToken !== undefined && adminToken === "") throw new TypeError("admin.token must not be empty")
  // Checked in the order the options were always checked, so the first error reported stays the same.
  const faults = parseFaultRules(options.faults ?? [])
  const rateLimit = options.rateLimit === undefined ? undefined : resolveRateLimit(options.rateLimit)
  const webhooks = options.webhooks === undefined ? undefined : resolveWebhookOptions(options.webhooks)
  const publicOrigin = options.publicOrigin === undefined ? undefined : originOption(options.publicOrigin)
  return {
    apiKeys: [firstKey, ...apiKeys.slice(1)],
    faults,
    seed: options.seed ?? Math.floor(Math.random() * 2 ** 32),
    adminToken,
    rateLimit,
    now: options.now ?? Date.now,
    persistence: options.persistence,
    publicOrigin,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    requestLogLimit,
    sessionTtlMs: options.sessionTtlMs ?? 60 * 60 * 1000,
    webhooks,
    onError: options.onError ?? ((error: unknown) => console.error("lomi-sandbox: internal error", error)),
  }
}
