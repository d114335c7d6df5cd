/**
 * The option rules, for both kinds of options, with the same checks (`settings.ts`):
 *
 * - client options and the `LOMI_*` variables, resolved once into a `ResolvedConfig` when a client is
 *   built; the first problem is a message, which `LomiClient` throws as a `LomiConfigError`;
 * - per-call options, merged with the client's before each call; every problem is an issue of the call's
 *   `LomiValidationError`, and nothing is sent.
 *
 * Both refuse an unknown name: a typo such as `idempotencykey` must not quietly send a random key.
 * Imports run one way: `LomiClient`, `Promise` and the request loop use this module; it uses the settings
 * table and the declarations of `Config.ts`.
 */
import { CURRENT_GENERATION, generationOfBaseUrl, hostedBaseUrl } from "../ApiGeneration.js"
import { BaseUrls, type ClientApi, type Environment, type LomiEnv, type ResolvedConfig } from "../Config.js"
import { LomiValidationError, type LomiValidationIssue } from "../Errors.js"
import type { RequestOptions } from "../Operation.js"
import { userAgent as makeUserAgent } from "../UserAgent.js"
import { isBrowser } from "./browser.js"
import { bad, type Check, ok } from "./checks.js"
import { browserRefused, environmentContradicts, keyEnvironment, missingKey } from "./configMessages.js"
import { describe, messageOf } from "./describe.js"
import { summarizeIssues } from "./input.js"
import { revealSecret } from "./secret.js"
import { SETTINGS, type SettingName, type SettingValue } from "./settings.js"

const DEFAULT_MAX_RETRIES = 2
const DEFAULT_TIMEOUT_MS = 60_000

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/

/** How an issue about a value that threw when read begins. */
export const READ_FAILED = "Could not be read: "

/** The per-call options of the Effect API, in the order the docs list them. */
export const REQUEST_OPTIONS: ReadonlyArray<keyof RequestOptions> = [
  "idempotencyKey",
  "timeout",
  "maxRetries",
  "deadline",
  "headers",
]

/** The per-call options of a call, resolved against the client's. */
export interface CallOptions {
  readonly timeoutMs: number
  readonly maxRetries: number
  readonly deadlineMs: number | undefined
  readonly headers: Record<string, string>
  readonly idempotencyKey: string | false | undefined
}

/** A `LomiValidationError` for input refused before any request. */
export const validationError = (issues: ReadonlyArray<LomiValidationIssue>): LomiValidationError =>
  new LomiValidationError({
    status: undefined,
    code: "INVALID_INPUT",
    message: summarizeIssues(issues),
    requestId: undefined,
    retryable: false,
    attempts: 0,
    idempotencyKey: undefined,
    issues,
  })

/**
 * Reads the options object a caller passed: `undefined`, or an object with only `known` names. Each known
 * value is read once (a getter runs once) into a plain record; anything that throws becomes an issue.
 */
export const readOptions = (
  options: unknown,
  known: ReadonlyArray<string>,
  issues: Array<LomiValidationIssue>,
): Record<string, unknown> => {
  const values: Record<string, unknown> = Object.create(null)
  if (options === undefined) return values
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    issues.push({
      path: ["options"],
      message: `Expected an object of per-call options or undefined, got ${describe(options)}`,
    })
    return values
  }
  try {
    const unknown = Object.keys(options).filter((key) => !known.includes(key))
    for (const key of unknown) {
      issues.push({
        path: ["options", key],
        message: `Unknown option ${JSON.stringify(key)}. Known options: ${known.join(", ")}`,
      })
    }
  } catch (error) {
    issues.push({ path: ["options"], message: `${READ_FAILED}${messageOf(error)}` })
    return values
  }
  for (const key of known) {
    try {
      values[key] = (options as Record<string, unknown>)[key]
    } catch (error) {
      issues.push({ path: ["options", key], message: `${READ_FAILED}${messageOf(error)}` })
    }
  }
  return values
}

/** Checks a call's options and merges them with the client's; every problem is reported, not the first. */
export const resolveCallOptions = (
  config: ResolvedConfig,
  options: unknown,
  issues: Array<LomiValidationIssue>,
): CallOptions => {
  const values = readOptions(options, REQUEST_OPTIONS, issues)
  // The client options' own checks, so a value means the same in both places.
  const setting = <K extends "timeout" | "maxRetries" | "deadline" | "headers", A>(
    name: K,
    fallback: A,
  ): SettingValue<K> | A => {
    const result = SETTINGS[name].check(values[name], name) as Check<SettingValue<K>>
    if (result.ok) return result.value
    issues.push({ path: ["options", name], message: result.error })
    return fallback
  }
  const timeoutMs = values.timeout === undefined ? config.timeoutMs : setting("timeout", 0)
  const maxRetries = values.maxRetries === undefined ? config.maxRetries : setting("maxRetries", 0)
  const deadlineMs = values.deadline === undefined ? config.deadlineMs : setting("deadline", undefined)
  const headers = values.headers === undefined ? {} : setting("headers", {})
  const key = values.idempotencyKey
  if (key !== undefined && key !== false && (typeof key !== "string" || !IDEMPOTENCY_KEY.test(key))) {
    issues.push({
      path: ["options", "idempotencyKey"],
      message: "Expected false or 1 to 255 visible ASCII characters (no spaces)",
    })
  }
  return { timeoutMs, maxRetries, deadlineMs, headers, idempotencyKey: key as string | false | undefined }
}

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
  // The environment the key belongs to, by its prefix: read here, once.
  const keyEnv = keyEnvironment(revealSecret(apiKey.value) ?? "")

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
  baseUrl ??= hostedBaseUrl(host ?? BaseUrls[keyEnv ?? "live"], apiGeneration)

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
 * Takes `transformClient` (a `layerHttpClient` option) out of client options; the rest resolves like any
 * client's. `fetch` is refused there: the `HttpClient` in context sends every request, so it would be
 * ignored. Options that cannot be read are left to the resolution, which refuses them.
 */
export const splitTransformClient = (
  options: unknown,
  api: ClientApi,
): Check<{ readonly rest: unknown; readonly transform: ((client: never) => unknown) | undefined }> => {
  if (typeof options !== "object" || options === null || Array.isArray(options))
    return ok({ rest: options, transform: undefined })
  try {
    const { transformClient, ...rest } = options as Record<string, unknown>
    if (rest.fetch !== undefined)
      return bad(
        `\`${api.call}\` sends through the HttpClient in context, so \`fetch\` would be ignored: provide your fetch with \`FetchHttpClient.layer\` instead.`,
      )
    if (transformClient !== undefined && typeof transformClient !== "function")
      return bad("`transformClient` must be a function from HttpClient to HttpClient.")
    return ok({ rest, transform: transformClient as ((client: never) => unknown) | undefined })
  } catch {
    return ok({ rest: options, transform: undefined })
  }
}
