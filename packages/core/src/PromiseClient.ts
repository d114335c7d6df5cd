/**
 * The client behind Promise APIs such as `new Lomi()`: it resolves the options and the `LOMI_*`
 * variables as the Effect API does, and runs the request loop both APIs share with `Date.now`,
 * `Math.random`, `setTimeout` and the caller's `AbortSignal`, so a Promise-only program never loads
 * effect.
 *
 * @since 0.3.0
 */
import type { WithResponse } from "./ApiPromise.js"
import type { ClientApi, LomiClientOptions, ResolvedConfig } from "./Config.js"
import { LomiConfigError } from "./Errors.js"
import { messageOf } from "./internal/describe.js"
import { readEnv } from "./internal/env.js"
import { chooseSend } from "./internal/http.js"
import { logsAt, writeTo } from "./internal/lines.js"
import { callLoop, type LoopContext, NO_SPAN } from "./internal/loop.js"
import { makeMasker } from "./internal/mask.js"
import { READ_FAILED, resolveOptions, validationError } from "./internal/options.js"
import { prepareCall } from "./internal/prepare.js"
import { abortReason, runLoop } from "./internal/promiseRunner.js"
import { DEFAULT_RETRY_POLICY } from "./internal/retryRules.js"
import { revealSecret } from "./internal/secret.js"
import { ENV_VARS } from "./internal/settings.js"
import { unsupportedOperationError } from "./internal/unsupported.js"
import type {
  AnyOperation,
  OperationInput,
  OperationSuccess,
  RequestOptions,
  ResponseMeta,
} from "./Operation.js"

/**
 * A client for Promise APIs: what `promiseResource` and `promiseCall` call.
 *
 * @since 0.3.0
 */
export interface PromiseClient {
  /** The validated configuration; the key is held hidden (`String(config.apiKey)` is `<redacted:...>`). */
  readonly config: ResolvedConfig
  /**
   * Validates and sends `input` for `op`, retrying as configured. Rejects with the operation's errors, or
   * with the reason of `signal` when it aborts (which also aborts the request in flight and any wait).
   */
  readonly execute: <Op extends AnyOperation>(
    op: Op,
    input: OperationInput,
    options: RequestOptions | undefined,
    signal: AbortSignal | undefined,
  ) => Promise<WithResponse<OperationSuccess<Op>>>
}

/**
 * Builds a {@link PromiseClient} at once, throwing a {@link LomiConfigError} on bad options: what
 * `new Lomi()` uses. Options given in code win over the `LOMI_*` variables, read from `process.env` (or a
 * bundler's `import.meta.env`). Its calls record no spans; they log to the `logger` option (default
 * `console`) at `logLevel` (default `LOMI_LOG`, else `"warn"`). `api` names the call the user wrote in
 * messages.
 *
 * @since 0.3.0
 */
export const makePromiseClient = (
  options: LomiClientOptions = {},
  api: ClientApi = { call: "makePromiseClient" },
): PromiseClient => {
  const env: Record<string, string | undefined> = {}
  for (const name of ENV_VARS) env[name] = readEnv(name)
  const resolved = resolveOptions(options, env, api)
  if (!resolved.ok) throw new LomiConfigError({ message: resolved.error })
  const config = resolved.value
  const mask = makeMasker(revealSecret(config.apiKey) ?? "")
  const level = config.logLevel ?? "warn"
  const write = writeTo(config.logger ?? globalThis.console)
  const ctx: LoopContext = {
    baseUrl: config.baseUrl,
    generation: config.apiGeneration,
    mask,
    policy: DEFAULT_RETRY_POLICY,
    logs: logsAt(level),
  }

  const execute = (
    op: AnyOperation,
    input: OperationInput,
    options: RequestOptions | undefined,
    signal: AbortSignal | undefined,
  ): Promise<{ readonly data: unknown; readonly meta: ResponseMeta }> => {
    let aborted: boolean
    try {
      aborted = signal?.aborted === true
    } catch (error) {
      // A signal whose getter throws: nothing is sent.
      return Promise.reject(
        validationError([{ path: ["options", "signal"], message: `${READ_FAILED}${messageOf(error)}` }]),
      )
    }
    if (aborted) return Promise.reject(abortReason(signal as AbortSignal))
    const route = op.routes[ctx.generation]
    // Not served by this generation: nothing to validate or send.
    if (route === undefined) return Promise.reject(unsupportedOperationError(op, ctx.generation))
    // Everything the caller gave is checked before anything is sent, and every problem is reported.
    const prepared = prepareCall(config, op, route, input, options ?? {}, undefined)
    if (!prepared.ok) return Promise.reject(validationError(prepared.issues))
    const send = chooseSend(config, globalThis.fetch, undefined, undefined)
    return runLoop(callLoop(ctx, op, route, prepared.call, NO_SPAN), send, signal, mask, write).then(
      (result) => (result.ok ? result : Promise.reject(result.error)),
    )
  }
  return { config, execute } as PromiseClient
}
