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
import type * as Redacted from "effect/Redacted"
import { type LomiClientOptions, MISSING_KEY_HINT, type ResolvedConfig, resolveConfig } from "./Config.js"
import { LomiConfigError } from "./Errors.js"
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
  ) => Effect.Effect<{ readonly data: OperationSuccess<Op>; readonly meta: ResponseMeta }, OperationError<Op>>
  /** The validated configuration; the key stays `Redacted`. */
  readonly config: ResolvedConfig
}

/**
 * Builds a client from options. When `apiKey` is absent it is read from `LOMI_API_KEY` through the current
 * `ConfigProvider` (the environment by default), which is what `new Lomi()` relies on.
 *
 * @since 0.1.0
 */
export const make = (options: LomiClientOptions = {}): Effect.Effect<LomiClientService, LomiConfigError> =>
  Effect.gen(function* () {
    let resolvedOptions = options
    if (typeof options === "object" && options !== null && options.apiKey === undefined) {
      const fromEnv = yield* Config.option(Config.Redacted("LOMI_API_KEY")).pipe(
        Effect.mapError(
          (error) => new LomiConfigError({ message: `Could not read LOMI_API_KEY: ${error.message}` }),
        ),
      )
      if (Option.isSome(fromEnv)) resolvedOptions = { ...options, apiKey: fromEnv.value }
    }
    const config = yield* resolveConfig(resolvedOptions)
    return { ...makeExecutor(config), config }
  })

/**
 * Options for {@link layerConfig}: everything but the key, which comes from `LOMI_API_KEY`.
 *
 * @since 0.1.0
 */
export type LomiClientConfigOverrides = Omit<LomiClientOptions, "apiKey">

const environmentConfig = Config.option(Config.Literals(["live", "sandbox"], "LOMI_ENVIRONMENT"))
const baseUrlConfig = Config.option(Config.String("LOMI_BASE_URL"))

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
export class LomiClient extends Context.Service<LomiClient, LomiClientService>()("@lomi/core/LomiClient") {
  /** A layer from explicit options. */
  static readonly layer = (options: LomiClientOptions): Layer.Layer<LomiClient, LomiConfigError> =>
    Layer.effect(LomiClient, make(options))

  /** A layer reading `LOMI_API_KEY`, `LOMI_BASE_URL` and `LOMI_ENVIRONMENT`, with optional overrides. */
  static readonly layerConfig = (
    overrides?: LomiClientConfigOverrides,
  ): Layer.Layer<LomiClient, LomiConfigError | Config.ConfigError> =>
    Layer.effect(LomiClient, makeConfig(overrides))

  /** Builds the service without a layer (the Promise clients do this). */
  static readonly make = make
}

/**
 * Same as {@link LomiClient.layer}.
 *
 * @since 0.1.0
 */
export const layer = LomiClient.layer

/**
 * Same as {@link LomiClient.layerConfig}.
 *
 * @since 0.1.0
 */
export const layerConfig = LomiClient.layerConfig
