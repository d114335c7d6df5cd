/**
 * The client settings as one table: each option's check and, where there is one, the environment variable
 * that supplies it when the option is absent. A new option with its variable is one row here (and its
 * field in `LomiClientOptions`, `LomiEnv` and `ResolvedConfig`); the resolution in `options.ts`, the list of
 * known options and the variables both APIs read (`process.env` or Effect's `Config`) follow from it.
 */
import type * as Redacted from "effect/Redacted"
import { API_GENERATIONS, type ApiGeneration } from "../ApiGeneration.js"
import {
  BaseUrls,
  type Environment,
  LOG_LEVELS,
  type LogLevel,
  type LomiEnv,
  type LomiLogger,
} from "../Config.js"
import {
  type Check,
  checkApiKey,
  checkBaseUrl,
  checkBoolean,
  checkDuration,
  checkFunction,
  checkLogger,
  checkMaxRetries,
  checkOneOf,
} from "./checks.js"
import { checkHeaders } from "./headers.js"

/** One setting: how its value is checked (`name` is the option's or the variable's), and its variable. */
interface Setting<A> {
  readonly check: (value: unknown, name: string) => Check<A>
}
interface EnvSetting<A> extends Setting<A> {
  readonly env: keyof LomiEnv
}

const ENVIRONMENTS = Object.keys(BaseUrls) as ReadonlyArray<Environment>

/** Every client option, in the order messages list them. */
export const SETTINGS = {
  apiKey: { env: "LOMI_API_KEY", check: checkApiKey } satisfies EnvSetting<Redacted.Redacted<string>>,
  environment: { env: "LOMI_ENVIRONMENT", check: checkOneOf(ENVIRONMENTS) } satisfies EnvSetting<Environment>,
  baseUrl: { env: "LOMI_BASE_URL", check: checkBaseUrl } satisfies EnvSetting<string>,
  apiGeneration: {
    env: "LOMI_API_GENERATION",
    check: checkOneOf(API_GENERATIONS as readonly ApiGeneration[]),
  } satisfies EnvSetting<ApiGeneration>,
  maxRetries: { check: checkMaxRetries } satisfies Setting<number>,
  timeout: { check: checkDuration } satisfies Setting<number>,
  deadline: { check: checkDuration } satisfies Setting<number>,
  fetch: {
    check: checkFunction<typeof globalThis.fetch>("a function compatible with globalThis.fetch"),
  } satisfies Setting<typeof globalThis.fetch>,
  headers: { check: checkHeaders } satisfies Setting<Record<string, string>>,
  userAgent: { check: checkBoolean } satisfies Setting<boolean>,
  logLevel: { env: "LOMI_LOG", check: checkOneOf(LOG_LEVELS) } satisfies EnvSetting<LogLevel>,
  logger: { check: checkLogger<LomiLogger> } satisfies Setting<LomiLogger>,
  dangerouslyAllowBrowser: { check: checkBoolean } satisfies Setting<boolean>,
}

/** The name of an option. */
export type SettingName = keyof typeof SETTINGS

/** The checked value of an option. */
export type SettingValue<K extends SettingName> = (typeof SETTINGS)[K]["check"] extends (
  value: unknown,
  name: string,
) => Check<infer A>
  ? A
  : never

/**
 * The names of the variables of {@link LomiEnv}, read off the settings table.
 *
 * @since 0.2.0
 */
export const ENV_VARS: ReadonlyArray<keyof LomiEnv> = Object.values(SETTINGS).flatMap((setting) =>
  "env" in setting ? [setting.env] : [],
)
