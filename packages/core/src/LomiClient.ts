/**
 * The `LomiClient` service: executes {@link Operation}s against the lomi. API with authentication,
 * validation, retries, idempotency keys, timeouts and typed errors.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import {
  checkOptions,
  type LomiClientOptions,
  MISSING_KEY_HINT,
  type ResolvedConfig,
  resolveConfig,
} from "./Config.js"
import { LomiConfigError } from "./Errors.js"
import { readEnv } from "./internal/env.js"
import { effectTelemetry, silentTelemetry } from "./internal/telemetry.js"
import { makeExecutor } from "./internal/transport.js"
import type {
  AnyOperation,
  OperationError,
  OperationInput,
  OperationSuccess,
  RequestOptions,
  ResponseMeta,
} from "./Operation.js"

/**
 * What a {@link LomiClient} offers.
 *
 * @since 0.1.0
 */
export interface LomiClientService {
  /** Runs an operation and returns its decoded body. */
  readonly execute: <Op extends AnyOperation>(
    op: Op,
    input: OperationInput,
    options?: RequestOptions,
  ) => Effect.Effect<OperationSuccess<Op>, OperationError<Op>>
  /** Runs an operation and returns its decoded body with the response metadata (status, request id...). */
  readonly executeWithMeta: <Op extends AnyOperation>(
    op: Op,
    input: OperationInput,
    options?: RequestOptions,
  ) => Effect.Effect<
    {
      /** The decoded body. */
      readonly data: OperationSuccess<Op>
      /** The status, headers, request id, idempotency key and number of attempts. */
      readonly meta: ResponseMeta
    },
    OperationError<Op>
  >
  /** The validated configuration; the key stays `Redacted`. */
  readonly config: ResolvedConfig
}

// Options that cannot be read are left to `checkOptions`, which refuses them with a LomiConfigError.
const lacksApiKey = (options: unknown): boolean => {
  try {
    return (
      typeof options === "object" && options !== null && (options as LomiClientOptions).apiKey === undefined
    )
  } catch {
    return false
  }
}

const withApiKey = (options: LomiClientOptions, apiKey: Redacted.Redacted<string>): LomiClientOptions => {
  try {
    return { ...options, apiKey }
  } catch {
    return options
  }
}

/**
 * Builds a client from options. When `apiKey` is absent it is read from `LOMI_API_KEY` through the current
 * `ConfigProvider` (the environment by default).
 *
 * @since 0.1.0
 */
export const make = (options: LomiClientOptions = {}): Effect.Effect<LomiClientService, LomiConfigError> =>
  Effect.gen(function* () {
    let resolvedOptions = options
    if (lacksApiKey(options)) {
      const fromEnv = yield* Config.option(Config.Redacted("LOMI_API_KEY")).pipe(
        Effect.mapError(
          (error) => new LomiConfigError({ message: `Could not read LOMI_API_KEY: ${error.message}` }),
        ),
      )
      if (Option.isSome(fromEnv)) resolvedOptions = withApiKey(options, fromEnv.value)
    }
    const config = yield* resolveConfig(resolvedOptions)
    return { ...makeExecutor(config, effectTelemetry), config }
  })

/**
 * Builds a client from options at once, throwing a {@link LomiConfigError} on bad options: what
 * `new Lomi()` uses. When `apiKey` is absent it is read from `LOMI_API_KEY` in the environment, as
 * {@link make} does with the default `ConfigProvider`; reading it directly keeps Effect's `Config` out of
 * Promise-only bundles. Its calls record no spans and no debug logs (a Promise caller cannot collect them);
 * Effect programs should use {@link make} or the layers.
 *
 * @since 0.1.0
 */
export const makeUnsafe = (options: LomiClientOptions = {}): LomiClientService => {
  let resolvedOptions = options
  if (lacksApiKey(options)) {
    const fromEnv = readEnv("LOMI_API_KEY")
    if (fromEnv !== undefined) resolvedOptions = withApiKey(options, Redacted.make(fromEnv))
  }
  const config = checkOptions(resolvedOptions)
  if (!config.ok) throw new LomiConfigError({ message: config.error })
  return { ...makeExecutor(config.value, silentTelemetry), config: config.value }
}

/**
 * Options for {@link LomiClient.layerConfig}: everything but the key, which comes from `LOMI_API_KEY`.
 *
 * @since 0.1.0
 */
export type LomiClientConfigOverrides = Omit<LomiClientOptions, "apiKey">

// Pure, so a bundle that never reads configuration (the Promise clients) drops them and `Config`.
const environmentConfig = /*#__PURE__*/ Config.option(
  /*#__PURE__*/ Config.Literals(["live", "sandbox"], "LOMI_ENVIRONMENT"),
)
const baseUrlConfig = /*#__PURE__*/ Config.option(/*#__PURE__*/ Config.String("LOMI_BASE_URL"))

/**
 * Reads the options from configuration: `LOMI_API_KEY` (required, redacted), `LOMI_BASE_URL` and
 * `LOMI_ENVIRONMENT` (optional). Options given in code win over the environment.
 *
 * @since 0.1.0
 */
export const makeConfig = (
  overrides: LomiClientConfigOverrides = {},
): Effect.Effect<LomiClientService, LomiConfigError | Config.ConfigError> =>
  Effect.gen(function* () {
    const apiKey: Option.Option<Redacted.Redacted<string>> = yield* Config.option(
      Config.Redacted("LOMI_API_KEY"),
    )
    if (Option.isNone(apiKey)) return yield* new LomiConfigError({ message: MISSING_KEY_HINT })
    const environment = yield* environmentConfig
    const baseUrl = yield* baseUrlConfig
    const options: LomiClientOptions = {
      ...(Option.isSome(environment) ? { environment: environment.value } : {}),
      ...(Option.isSome(baseUrl) ? { baseUrl: baseUrl.value } : {}),
      ...withoutUndefined(overrides),
      apiKey: apiKey.value,
    }
    return yield* make(options)
  })

const withoutUndefined = <A extends object>(a: A): Partial<A> =>
  Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as Partial<A>

/**
 * A layer from explicit options; same as {@link LomiClient.layer}.
 *
 * @since 0.1.0
 */
export const layer = (options: LomiClientOptions): Layer.Layer<LomiClient, LomiConfigError> =>
  Layer.effect(LomiClient, make(options))

/**
 * A layer reading `LOMI_API_KEY`, `LOMI_BASE_URL` and `LOMI_ENVIRONMENT`, with optional overrides; same as
 * {@link LomiClient.layerConfig}.
 *
 * @since 0.1.0
 */
export const layerConfig = (
  overrides?: LomiClientConfigOverrides,
): Layer.Layer<LomiClient, LomiConfigError | Config.ConfigError> =>
  Layer.effect(LomiClient, makeConfig(overrides))

// The class and its statics are side-effect free (the `extends` call is marked pure), so a bundle that only
// uses the Promise client drops the service, its layers and `Layer`.
/**
 * The lomi. API client service. Provide it with {@link LomiClient.layer} or {@link LomiClient.layerConfig}.
 *
 * @example
 * ```ts
 * const program = Effect.gen(function* () {
 *   const lomi = yield* LomiClient
 *   return yield* lomi.execute(retrieveSession, { path: { session_id } })
 * }).pipe(Effect.provide(LomiClient.layerConfig()))
 * ```
 *
 * @since 0.1.0
 */
export class LomiClient extends /*#__PURE__*/ Context.Service<LomiClient, LomiClientService>()(
  "@lomi/core/LomiClient",
) {
  /** A layer from explicit options. */
  static readonly layer = layer

  /** A layer reading `LOMI_API_KEY`, `LOMI_BASE_URL` and `LOMI_ENVIRONMENT`, with optional overrides. */
  static readonly layerConfig = layerConfig

  /** Builds the service without a layer. */
  static readonly make = make
}
