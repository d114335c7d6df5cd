/**
 * What configures a client: its options, the `LOMI_*` environment variables, and the {@link ResolvedConfig}
 * they resolve into. Declarations only: the rules that check and resolve them live in one internal module
 * (`internal/options.ts`, run by `LomiClient`), which imports this one and never the reverse. Every check
 * runs when the client is built, so a bad option fails fast with a `LomiConfigError` instead of on the
 * first request.
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import type * as Redacted from "effect/Redacted"
import type { ApiGeneration } from "./ApiGeneration.js"

/**
 * The lomi. environments and their base URLs, which speak lomi.'s `"2025-12"` routes (no `/v1`; lomi.'s own
 * Go SDK, `apps/sdks/go/configuration.go`, has the same hosts). A client with `apiGeneration: "v1"` adds
 * `/v1` to them.
 *
 * @since 0.1.0
 */
export const BaseUrls = {
  /** Real payments, with a `lomi_sk_live_...` key. */
  live: "https://api.lomi.africa",
  /** Test payments, with a `lomi_sk_test_...` key. */
  sandbox: "https://sandbox.api.lomi.africa",
} as const

/**
 * A lomi. environment.
 *
 * @since 0.1.0
 */
export type Environment = keyof typeof BaseUrls

/**
 * A log level: `"warn"` logs retries and calls that give up; `"debug"` adds one line per attempt.
 *
 * @since 0.2.0
 */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug"

/**
 * The log levels, from nothing to one line per HTTP attempt.
 *
 * @since 0.2.0
 */
export const LOG_LEVELS: ReadonlyArray<LogLevel> = ["off", "error", "warn", "info", "debug"]

/**
 * Where the SDK writes its log lines: `console`, or any logger with these four methods (pino, winston...).
 *
 * @since 0.2.0
 */
export interface LomiLogger {
  /** One line per HTTP attempt that needs no attention. */
  debug(message: string): void
  /** Unused by the SDK today; part of the shape so `console` and common loggers fit. */
  info(message: string): void
  /** A retried attempt, or a transient failure the SDK gave up on. */
  warn(message: string): void
  /** Unused by the SDK today; part of the shape so `console` and common loggers fit. */
  error(message: string): void
}

/**
 * Options of a lomi. client. Options given in code win over the environment variables.
 *
 * @since 0.1.0
 */
export interface LomiClientOptions {
  /**
   * Secret key (`lomi_sk_...`); default `LOMI_API_KEY`. Kept out of errors, logs and `inspect` output; the
   * Effect API also takes it as a `Redacted`.
   */
  readonly apiKey?: string | Redacted.Redacted<string> | undefined
  /**
   * `"live"` or `"sandbox"`; default `LOMI_ENVIRONMENT`, else the key's own (`lomi_sk_test_...` is a sandbox
   * key, `lomi_sk_live_...` a live one), else `"live"`. A key of the other environment is refused.
   */
  readonly environment?: Environment | undefined
  /** Overrides the environment's URL (default `LOMI_BASE_URL`); https unless the host is loopback. */
  readonly baseUrl?: string | undefined
  /**
   * Which generation of lomi.'s routes the client speaks: `"2025-12"` (what lomi.'s hosted environments
   * serve since 2025-12-02: `/checkout-sessions` and `/payment-links`; create, list and retrieve only) or
   * `"v1"` (the 1.1.0 reference document: `/v1/checkout_sessions` and `/v1/payment_links`; ten operations).
   * Default `LOMI_API_GENERATION`, else what the base URL says: `"2025-12"` for the `live` and `sandbox`
   * environments, and for a custom `baseUrl` `"v1"` when its path ends in `/v1`, `"2025-12"` otherwise.
   * With an environment, `"v1"` adds `/v1` to its host. Fixed when the client is built.
   */
  readonly apiGeneration?: ApiGeneration | undefined
  /** Retries after the first attempt (default 2). */
  readonly maxRetries?: number | undefined
  /** Time budget of one attempt: milliseconds or an Effect `Duration.Input` (default 60 s). */
  readonly timeout?: number | Duration.Input | undefined
  /** Overall time budget of a call across all attempts and backoff (default: none). */
  readonly deadline?: number | Duration.Input | undefined
  /**
   * A `fetch` to send every request with (proxies, instrumentation, tests). Without it the SDK uses
   * `node:http` on Node and `globalThis.fetch` elsewhere.
   */
  readonly fetch?: typeof globalThis.fetch | undefined
  /**
   * Headers added to every request, as a plain object. `X-API-KEY`, `Idempotency-Key` and the headers the
   * transport owns (`Host`, `Connection`, `Content-Length`, `Upgrade`, `Proxy-*`, ...) are refused.
   */
  readonly headers?: Record<string, string> | undefined
  /** Send `User-Agent: lomi-typescript/<version> (<runtime>)` (default true). */
  readonly userAgent?: boolean | undefined
  /**
   * What the SDK logs; default `LOMI_LOG`, else `"warn"` in the Promise clients and everything in the
   * Effect API (where Effect's minimum log level decides).
   */
  readonly logLevel?: LogLevel | undefined
  /** Where log lines go: default `console` in the Promise clients, Effect's `Logger` in the Effect API. */
  readonly logger?: LomiLogger | undefined
  /**
   * Builds the client in a web page anyway. A secret key in a page is visible to anyone who opens it, so
   * clients refuse to run where `window` and `document` exist unless this is `true`.
   */
  readonly dangerouslyAllowBrowser?: boolean | undefined
}

/**
 * Validated client configuration. The API key stays `Redacted`: reading it takes `Redacted.value`.
 *
 * @since 0.1.0
 */
export interface ResolvedConfig {
  /** The secret key, kept `Redacted` so it never shows up in logs. */
  readonly apiKey: Redacted.Redacted<string>
  /** Without a trailing slash, e.g. `https://api.lomi.africa`. */
  readonly baseUrl: string
  /** The generation of lomi.'s routes the client speaks. */
  readonly apiGeneration: ApiGeneration
  /** Retries after the first attempt. */
  readonly maxRetries: number
  /** The per-attempt timeout, in milliseconds. */
  readonly timeoutMs: number
  /** The overall budget across attempts and backoff, in milliseconds; `undefined` for none. */
  readonly deadlineMs: number | undefined
  /** The `fetch` to send requests with, when one was given. */
  readonly fetch: typeof globalThis.fetch | undefined
  /** Extra headers sent with every request. */
  readonly headers: Readonly<Record<string, string>>
  /** The `User-Agent` value, or `undefined` when turned off. */
  readonly userAgent: string | undefined
  /** The `logLevel` option or `LOMI_LOG`; `undefined` leaves the default to the API. */
  readonly logLevel: LogLevel | undefined
  /** The `logger` option; `undefined` leaves the default to the API. */
  readonly logger: LomiLogger | undefined
}

/**
 * The environment variables a client reads, as strings (the key may be a `Redacted`). An empty value
 * counts as unset.
 *
 * @since 0.2.0
 */
export interface LomiEnv {
  /** The secret key, when the `apiKey` option is absent. */
  readonly LOMI_API_KEY?: string | Redacted.Redacted<string> | undefined
  /** The base URL, when neither `baseUrl` nor `environment` is given in code. */
  readonly LOMI_BASE_URL?: string | undefined
  /** `live` or `sandbox`, when neither `baseUrl` nor `environment` is given in code. */
  readonly LOMI_ENVIRONMENT?: string | undefined
  /** `v1` or `2025-12`, when the `apiGeneration` option is absent. */
  readonly LOMI_API_GENERATION?: string | undefined
  /** The log level, when the `logLevel` option is absent. */
  readonly LOMI_LOG?: string | undefined
}

/**
 * Which public API builds a client, so that configuration messages name the call the user wrote.
 *
 * @since 0.2.0
 */
export interface ClientApi {
  /** The call taking options in code, without its arguments: `new Lomi`, `Checkout.layer`. */
  readonly call: string
  /** The call reading the key from configuration (`Checkout.layerConfig`), when that is the one used. */
  readonly configCall?: string | undefined
  /** Options the caller takes besides core's (e.g. `webhookSecret`), listed when a name is unknown. */
  readonly ownOptions?: ReadonlyArray<string> | undefined
}
