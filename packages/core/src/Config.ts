/**
 * Client options and the `LOMI_*` environment variables, and their one resolution into a
 * {@link ResolvedConfig}, shared by every API (the Promise clients read the variables from `process.env`,
 * the Effect layers through `Config`). Every check runs when the client is built, so a bad option fails
 * fast with a {@link LomiConfigError} instead of on the first request.
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import {
  type ApiGeneration,
  CURRENT_GENERATION,
  generationOfBaseUrl,
  hostedBaseUrl,
} from "./ApiGeneration.js"
import { LomiConfigError } from "./Errors.js"
import { isBrowser } from "./internal/browser.js"
import { bad, type Check, ok } from "./internal/checks.js"
import {
  browserRefused,
  environmentContradicts,
  keyEnvironment,
  missingKey,
} from "./internal/configMessages.js"
import { messageOf } from "./internal/describe.js"
import { LOG_LEVELS as LEVELS, SETTINGS, type SettingName, type SettingValue } from "./internal/settings.js"
import { userAgent as makeUserAgent } from "./UserAgent.js"

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
export const LOG_LEVELS: ReadonlyArray<LogLevel> = LEVELS

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
  /** Secret key (`lomi_sk_...`); default `LOMI_API_KEY`. Prefer a `Redacted` so it never shows up in logs. */
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
 * The names of the variables of {@link LomiEnv}, read off the settings table.
 *
 * @since 0.2.0
 */
export const ENV_VARS: ReadonlyArray<keyof LomiEnv> = Object.values(SETTINGS).flatMap((setting) =>
  "env" in setting ? [setting.env] : [],
)

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

/** @internal */
export const DEFAULT_MAX_RETRIES = 2
/** @internal */
export const DEFAULT_TIMEOUT_MS = 60_000

const NAMES = Object.keys(SETTINGS) as ReadonlyArray<SettingName>
// Settings with a rule of their own: the guard, the key, and the three that choose the base URL and the
// routes it serves.
const DECIDED_ABOVE: ReadonlySet<SettingName> = new Set([
  "dangerouslyAllowBrowser",
  "apiKey",
  "baseUrl",
  "environment",
  "apiGeneration",
])

// Which setting decides the base URL, in order: code before the environment, and within each a URL
// before an environment name. When none is given, the key's prefix decides.
const ENDPOINT_SOURCES = [
  ["baseUrl", "option"],
  ["environment", "option"],
  ["baseUrl", "env"],
  ["environment", "env"],
] as const

/**
 * Resolves options and environment variables into a {@link ResolvedConfig}, or the message of the first
 * problem (never a secret). Pure: the Promise clients pass `process.env`'s values, the Effect layers those
 * read through `Config`. Options given in code win over the environment.
 *
 * @internal
 */
export const resolveOptions = (
  options: unknown,
  env: LomiEnv = {},
  api: ClientApi = { call: "LomiClient.layer" },
): Check<ResolvedConfig> => {
  try {
    return resolve(options, env, api)
  } catch (error) {
    // Options that throw when read (a getter, a Proxy trap) are refused like any bad option.
    return bad(`Client options could not be read: ${messageOf(error)}.`)
  }
}

const resolve = (options: unknown, env: LomiEnv, api: ClientApi): Check<ResolvedConfig> => {
  if (typeof options !== "object" || options === null || Array.isArray(options))
    return bad("Client options must be an object.")
  const unknown = Object.keys(options).filter((key) => !Object.hasOwn(SETTINGS, key))
  if (unknown.length > 0) {
    return bad(
      `Unknown client option${unknown.length > 1 ? "s" : ""}: ${unknown.map((k) => JSON.stringify(k)).join(", ")}. Known options: ${[...NAMES, ...(api.ownOptions ?? [])].join(", ")}.`,
    )
  }
  // Each option is read once, so a getter runs once.
  const given: Partial<Record<SettingName, unknown>> = {}
  for (const name of NAMES) given[name] = (options as Record<string, unknown>)[name]

  // A setting from one source, checked only when used: an environment variable that code overrides is
  // never read, so it cannot fail a client that does not need it.
  const from = <K extends SettingName>(
    name: K,
    source: "option" | "env",
  ): Check<SettingValue<K> | undefined> => {
    const setting = SETTINGS[name]
    const variable = "env" in setting ? setting.env : undefined
    const raw = source === "option" ? given[name] : variable === undefined ? undefined : env[variable]
    if (raw === undefined) return ok(undefined)
    return setting.check(raw, source === "option" ? name : (variable as string)) as Check<SettingValue<K>>
  }
  const pick = <K extends SettingName>(name: K): Check<SettingValue<K> | undefined> => {
    const option = from(name, "option")
    return !option.ok || option.value !== undefined ? option : from(name, "env")
  }

  const allowBrowser = pick("dangerouslyAllowBrowser")
  if (!allowBrowser.ok) return allowBrowser
  if (allowBrowser.value !== true && isBrowser()) return bad(browserRefused(api))

  const apiKey = pick("apiKey")
  if (!apiKey.ok) return apiKey
  if (apiKey.value === undefined) return bad(missingKey(api))

  // A generation named (in code, else in LOMI_API_GENERATION) wins over what the base URL's shape says.
  const named = pick("apiGeneration")
  if (!named.ok) return named

  let baseUrl: string | undefined
  let host: string | undefined
  for (const [name, source] of ENDPOINT_SOURCES) {
    const value = from(name, source)
    if (!value.ok) return value
    if (value.value === undefined) continue
    if (name === "baseUrl") baseUrl = value.value
    else {
      const keyEnv = keyEnvironment(Redacted.value(apiKey.value))
      if (keyEnv !== undefined && keyEnv !== value.value)
        return bad(
          environmentContradicts(
            keyEnv,
            value.value as Environment,
            source === "option" ? name : SETTINGS.environment.env,
          ),
        )
      host = BaseUrls[value.value as Environment]
    }
    break
  }
  const apiGeneration =
    named.value ?? (baseUrl === undefined ? CURRENT_GENERATION : generationOfBaseUrl(baseUrl))
  baseUrl ??= hostedBaseUrl(
    host ?? BaseUrls[keyEnvironment(Redacted.value(apiKey.value)) ?? "live"],
    apiGeneration,
  )

  // Every other setting the same way: its option, else its variable, else its default below.
  const values: { -readonly [K in SettingName]?: SettingValue<K> } = {}
  for (const name of NAMES) {
    if (DECIDED_ABOVE.has(name)) continue
    const value = pick(name)
    if (!value.ok) return value
    ;(values as Record<string, unknown>)[name] = value.value
  }
  return ok({
    apiKey: apiKey.value,
    baseUrl,
    apiGeneration,
    maxRetries: values.maxRetries ?? DEFAULT_MAX_RETRIES,
    timeoutMs: values.timeout ?? DEFAULT_TIMEOUT_MS,
    deadlineMs: values.deadline,
    fetch: values.fetch,
    headers: values.headers ?? {},
    userAgent: values.userAgent === false ? undefined : makeUserAgent(),
    logLevel: values.logLevel,
    logger: values.logger,
  })
}

/**
 * Resolves options (and, when given, environment variables) into a {@link ResolvedConfig}, failing with a
 * {@link LomiConfigError} that names the offending option or variable (never its secret value).
 *
 * @since 0.1.0
 */
export const resolveConfig = (
  options: LomiClientOptions,
  env: LomiEnv = {},
): Effect.Effect<ResolvedConfig, LomiConfigError> =>
  Effect.suspend(() => {
    const config = resolveOptions(options, env)
    return config.ok
      ? Effect.succeed(config.value)
      : Effect.fail(new LomiConfigError({ message: config.error }))
  })
