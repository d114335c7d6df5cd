/**
 * The `LomiClient` service: executes {@link Operation}s against the lomi. API with authentication,
 * validation, retries, idempotency keys, timeouts and typed errors.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type { ClientApi, LomiClientOptions, LomiEnv, ResolvedConfig } from "./Config.js"
import { LomiConfigError } from "./Errors.js"
import { describe, messageOf } from "./internal/describe.js"
import { asRedacted, useEffectRedacted } from "./internal/effectRedacted.js"
import { readEnv } from "./internal/env.js"
import { httpClientSend } from "./internal/httpClient.js"
import { resolveOptions, splitTransformClient } from "./internal/options.js"
import { ENV_VARS } from "./internal/settings.js"
import { effectTelemetry, promiseTelemetry } from "./internal/telemetry.js"
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

const LAYER_API: ClientApi = { call: "LomiClient.layer" }
const LAYER_CONFIG_API: ClientApi = { call: "LomiClient.layer", configCall: "LomiClient.layerConfig" }

/**
 * Resolves options (and, when given, environment variables) into a {@link ResolvedConfig}, failing with a
 * {@link LomiConfigError} that names the offending option or variable (never its secret value). `api`
 * names the call the user wrote in messages.
 *
 * @since 0.1.0
 */
export const resolveConfig = (
  options: LomiClientOptions,
  env: LomiEnv = {},
  api: ClientApi = LAYER_API,
): Effect.Effect<ResolvedConfig, LomiConfigError> =>
  Effect.suspend(() => {
    useEffectRedacted()
    const config = resolveOptions(options, env, api)
    return config.ok
      ? Effect.succeed(asRedacted(config.value))
      : Effect.fail(new LomiConfigError({ message: config.error }))
  })

// The `LOMI_*` variables through the current `ConfigProvider` (the environment by default): the key as a
// `Redacted`, the others as strings. Built on demand, so Promise-only bundles never carry `Config`.
const envFromConfig = (): Effect.Effect<LomiEnv, LomiConfigError> =>
  Effect.gen(function* () {
    const env: Record<string, unknown> = {}
    for (const name of ENV_VARS) {
      const config: Config.Config<unknown> =
        name === "LOMI_API_KEY" ? Config.Redacted(name) : Config.String(name)
      const value = yield* Config.option(config).pipe(
        Effect.mapError(
          (error) => new LomiConfigError({ message: `Could not read ${name}: ${error.message}` }),
        ),
      )
      env[name] = Option.getOrUndefined<unknown>(value)
    }
    return env as LomiEnv
  })

/**
 * Builds a client from options and the `LOMI_*` variables read through the current `ConfigProvider` (the
 * environment by default); options given in code win. `api` names the call the user wrote in messages.
 *
 * @since 0.1.0
 */
export const make = (
  options: LomiClientOptions = {},
  api: ClientApi = LAYER_API,
): Effect.Effect<LomiClientService, LomiConfigError> =>
  Effect.gen(function* () {
    const config = yield* resolveConfig(options, yield* envFromConfig(), api)
    return { ...makeExecutor(config, effectTelemetry(config)), config }
  })

/**
 * Builds the Effect service at once, throwing a {@link LomiConfigError} on bad options, for code that
 * needs one outside a layer. It resolves options and the `LOMI_*` variables exactly as {@link make} does,
 * reading the variables from `process.env` (or a bundler's `import.meta.env`) directly. Its calls record no
 * spans; they log to the `logger` option (default `console`) at `logLevel` (default `LOMI_LOG`, else
 * `"warn"`). Promise APIs such as `new Lomi()` use `makePromiseClient`, which needs no effect.
 *
 * @since 0.1.0
 */
export const makeUnsafe = (
  options: LomiClientOptions = {},
  api: ClientApi = { call: "makeUnsafe" },
): LomiClientService => {
  useEffectRedacted()
  const env: Record<string, string | undefined> = {}
  for (const name of ENV_VARS) env[name] = readEnv(name)
  const config = resolveOptions(options, env, api)
  if (!config.ok) throw new LomiConfigError({ message: config.error })
  const resolved = asRedacted(config.value)
  return { ...makeExecutor(resolved, promiseTelemetry(resolved)), config: resolved }
}

/**
 * Options for {@link LomiClient.layerConfig}: everything but the key, which comes from `LOMI_API_KEY`.
 *
 * @since 0.1.0
 */
export type LomiClientConfigOverrides = Omit<LomiClientOptions, "apiKey">

const hasApiKey = (overrides: unknown): boolean => {
  try {
    return typeof overrides === "object" && overrides !== null && "apiKey" in overrides
  } catch {
    // Options that cannot be read are refused by the resolution, with a LomiConfigError.
    return false
  }
}

/**
 * Builds a client with the key from `LOMI_API_KEY` (required, redacted) and the other `LOMI_*` variables,
 * read through the current `ConfigProvider`; `overrides` given in code win. Same resolution as
 * {@link make}, but the key must come from configuration.
 *
 * @since 0.1.0
 */
export const makeConfig = (
  overrides: LomiClientConfigOverrides = {},
  api: ClientApi = LAYER_CONFIG_API,
): Effect.Effect<LomiClientService, LomiConfigError | Config.ConfigError> =>
  hasApiKey(overrides)
    ? Effect.fail(
        new LomiConfigError({
          message: `\`${api.configCall ?? api.call}()\` reads the key from LOMI_API_KEY; to pass it in code, use \`${api.call}({ apiKey })\`.`,
        }),
      )
    : make(overrides, api)

/**
 * Options for {@link layerHttpClient}: the client options but `fetch` (the `HttpClient` in
 * context sends every request), and a hook to wrap that client.
 *
 * @since 0.3.0
 */
export interface LomiHttpClientOptions extends Omit<LomiClientOptions, "fetch"> {
  /**
   * Wraps the `HttpClient` from context before the SDK sends through it: middleware, extra headers,
   * tracing, a proxy. It runs once, when the layer is built. The SDK's retries, timeouts and idempotency
   * key sit above it: one retried call is several `execute`s of the wrapped client, all with the same key.
   */
  readonly transformClient?: TransformClient | undefined
}

/**
 * Wraps an Effect `HttpClient`, as `HttpClient.mapRequest(...)` or `HttpClient.retryTransient(...)` do.
 *
 * @since 0.3.0
 */
export type TransformClient = (client: HttpClient.HttpClient) => HttpClient.HttpClient

const HTTP_CLIENT_API: ClientApi = { call: "layerHttpClient", ownOptions: ["transformClient"] }

// The user's function runs once, here: a throw or something other than an HttpClient is a configuration
// error named as such, not a defect when the first request is sent.
const applyTransform = (transform: TransformClient, client: HttpClient.HttpClient) =>
  Effect.try({
    try: () => transform(client),
    catch: (cause) => new LomiConfigError({ message: `transformClient threw: ${messageOf(cause)}` }),
  }).pipe(
    Effect.filterOrFail(
      HttpClient.isHttpClient,
      (returned) =>
        new LomiConfigError({
          message: `transformClient must return an HttpClient (as HttpClient.mapRequest(...) does), got ${describe(returned)}`,
        }),
    ),
  )

/**
 * Builds a client that sends every request through the `HttpClient` in context (wrapped by
 * `transformClient`), instead of the SDK's own `node:http`/`fetch` transports. Options resolve as in
 * {@link make}, the `LOMI_*` variables included.
 *
 * @since 0.3.0
 */
export const makeHttpClient = (
  options: LomiHttpClientOptions = {},
  api: ClientApi = HTTP_CLIENT_API,
): Effect.Effect<LomiClientService, LomiConfigError, HttpClient.HttpClient> =>
  Effect.gen(function* () {
    const split = splitTransformClient(options, api)
    if (!split.ok) return yield* Effect.fail(new LomiConfigError({ message: split.error }))
    const { rest, transform } = split.value
    const config = yield* resolveConfig(rest as LomiClientOptions, yield* envFromConfig(), api)
    const client = yield* HttpClient.HttpClient
    const wrapped =
      transform === undefined ? client : yield* applyTransform(transform as TransformClient, client)
    return { ...makeExecutor(config, effectTelemetry(config), httpClientSend(wrapped)), config }
  })

/**
 * A layer whose client sends through the `HttpClient` in context (see {@link makeHttpClient}); same as
 * `LomiClient.layer`, but on your `HttpClient`. A function of its own, not a static of `LomiClient`: a
 * bundle that uses the class keeps its statics, and so would carry Effect's HTTP client for everyone.
 *
 * @since 0.3.0
 */
export const layerHttpClient = (
  options?: LomiHttpClientOptions,
  api?: ClientApi,
): Layer.Layer<LomiClient, LomiConfigError, HttpClient.HttpClient> =>
  Layer.effect(LomiClient, makeHttpClient(options, api))

/**
 * A layer from options, falling back to the `LOMI_*` variables (see {@link make}); same as
 * {@link LomiClient.layer}.
 *
 * @since 0.1.0
 */
export const layer = (
  options: LomiClientOptions,
  api?: ClientApi,
): Layer.Layer<LomiClient, LomiConfigError> => Layer.effect(LomiClient, make(options, api))

/**
 * A layer reading `LOMI_API_KEY` (required) and the other `LOMI_*` variables, with optional overrides; same
 * as {@link LomiClient.layerConfig}.
 *
 * @since 0.1.0
 */
export const layerConfig = (
  overrides?: LomiClientConfigOverrides,
  api?: ClientApi,
): Layer.Layer<LomiClient, LomiConfigError | Config.ConfigError> =>
  Layer.effect(LomiClient, makeConfig(overrides, api))

// The class and its statics are side-effect free (the `extends` call is marked pure), so a bundle that only
// uses the Promise client drops the service, its layers and `Layer`. A bundle that uses the class keeps
// every static, which is why `layerHttpClient` (and Effect's HTTP client with it) is not one.
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
  /** A layer from options, falling back to the `LOMI_*` variables for what they leave out. */
  static readonly layer = layer

  /** A layer reading `LOMI_API_KEY` (required) and the other `LOMI_*` variables, with optional overrides. */
  static readonly layerConfig = layerConfig

  /** Builds the service without a layer. */
  static readonly make = make
}
