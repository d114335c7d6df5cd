/**
 * Receiving webhooks in Effect: the `Webhooks` service, whose `unwrap` and `verifySignature` fail with a
 * {@link LomiWebhookVerificationError} in the error channel. Needs only the signing secret, never an API key.
 */

import { LomiConfigError } from "@lomi/core"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import {
  checkSecret,
  SECRET_ENV,
  type SecretCheck,
  toVerificationError,
  type WebhookHeaders,
  type WebhookPayload,
  type WebhookSecret,
  type WebhookVerifyOptions,
} from "./internal/webhookSignature.js"
import { WebhookVerifier } from "./internal/webhookVerifier.js"
import type { WebhookEvent } from "./WebhookEvent.js"
import type { LomiWebhookVerificationError } from "./WebhookVerificationError.js"

/** What the {@link Webhooks} service offers. */
export interface WebhooksService {
  /** Checks `X-Lomi-Signature` of the raw body `payload` and succeeds with the decoded event. */
  readonly unwrap: (
    payload: WebhookPayload,
    headers: WebhookHeaders,
    options?: WebhookVerifyOptions,
  ) => Effect.Effect<WebhookEvent, LomiWebhookVerificationError>
  /** Checks `X-Lomi-Signature` (and `tolerance`, when set) without decoding the event. */
  readonly verifySignature: (
    payload: WebhookPayload,
    headers: WebhookHeaders,
    options?: WebhookVerifyOptions,
  ) => Effect.Effect<void, LomiWebhookVerificationError>
}

/** Options of {@link Webhooks.layer}. */
export interface WebhooksOptions {
  /** The endpoint's signing secret (`whsec_...`); defaults to `LOMI_WEBHOOK_SECRET` read through `Config`. */
  readonly secret?: WebhookSecret | undefined
}

// The current time comes from the Clock, so tests can move it with TestClock.
const fromVerifier = (verifier: WebhookVerifier): WebhooksService => ({
  unwrap: (payload, headers, options) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) =>
      Effect.tryPromise({
        try: () => verifier.unwrap(payload, headers, options, now),
        catch: toVerificationError,
      }),
    ),
  verifySignature: (payload, headers, options) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) =>
      Effect.tryPromise({
        try: () => verifier.verifySignature(payload, headers, options, now),
        catch: toVerificationError,
      }),
    ),
})

// Pure, so a bundle that never builds the service (the Promise client) drops it and `Config`.
const secretFromEnv = /*#__PURE__*/ Config.option(/*#__PURE__*/ Config.Redacted(SECRET_ENV))

const checked = (given: unknown, name: string): Effect.Effect<SecretCheck, LomiConfigError> => {
  const check = checkSecret(given, name)
  return check.ok ? Effect.succeed(check) : Effect.fail(new LomiConfigError({ message: check.error }))
}

/**
 * Builds the service. Without `secret`, reads `LOMI_WEBHOOK_SECRET` through the current `ConfigProvider`
 * (optional: a call without a secret then fails with reason `missing_secret`). A malformed `secret` fails
 * with `LomiConfigError`; a malformed variable only fails the calls that rely on it (`invalid_secret`), so
 * an app that never receives webhooks is unaffected.
 */
export const make = (options: WebhooksOptions = {}): Effect.Effect<WebhooksService, LomiConfigError> =>
  Effect.gen(function* () {
    if (typeof options !== "object" || options === null || Array.isArray(options)) {
      return yield* Effect.fail(
        new LomiConfigError({ message: "Webhooks options must be an object such as { secret }." }),
      )
    }
    const unknown = Object.keys(options).filter((key) => key !== "secret")
    if (unknown.length > 0) {
      return yield* Effect.fail(
        new LomiConfigError({
          message: `Unknown Webhooks option${unknown.length > 1 ? "s" : ""}: ${unknown.map((k) => JSON.stringify(k)).join(", ")}. Known options: secret.`,
        }),
      )
    }
    if (options.secret !== undefined)
      return fromVerifier(new WebhookVerifier(yield* checked(options.secret, "secret")))
    const fromEnv = yield* secretFromEnv.pipe(
      Effect.mapError(
        (error) => new LomiConfigError({ message: `Could not read ${SECRET_ENV}: ${error.message}` }),
      ),
    )
    return fromVerifier(
      new WebhookVerifier(Option.isSome(fromEnv) ? checkSecret(fromEnv.value, SECRET_ENV) : undefined),
    )
  })

/**
 * Builds the service with the secret read from `secret` (required), e.g.
 * `Config.Redacted("SHOP_WEBHOOK_SECRET")`; without it, as {@link make}.
 */
export const makeConfig = (
  secret?: Config.Config<Redacted.Redacted<string>>,
): Effect.Effect<WebhooksService, LomiConfigError | Config.ConfigError> =>
  secret === undefined
    ? make()
    : Effect.gen(function* () {
        return fromVerifier(new WebhookVerifier(yield* checked(yield* secret, "secret")))
      })

/** A layer from explicit options; same as {@link Webhooks.layer}. */
export const layer = (options?: WebhooksOptions): Layer.Layer<Webhooks, LomiConfigError> =>
  Layer.effect(Webhooks, make(options))

/** A layer reading the secret from configuration; same as {@link Webhooks.layerConfig}. */
export const layerConfig = (
  secret?: Config.Config<Redacted.Redacted<string>>,
): Layer.Layer<Webhooks, LomiConfigError | Config.ConfigError> => Layer.effect(Webhooks, makeConfig(secret))

// Pure (`extends` is marked so), so the Promise client's bundles drop the service, `Layer` and `Config`.
/**
 * The Effect API of webhooks: `unwrap` and `verifySignature`. Provide it with {@link Webhooks.layer} or
 * {@link Webhooks.layerConfig}; `Checkout.layer` and `Checkout.layerConfig` include it.
 *
 * @example
 * const program = Effect.gen(function* () {
 *   const webhooks = yield* Webhooks
 *   const event = yield* webhooks.unwrap(body, headers)
 * }).pipe(Effect.provide(Webhooks.layerConfig()))
 */
export class Webhooks extends /*#__PURE__*/ Context.Service<Webhooks, WebhooksService>()(
  "@lomi/checkout/Webhooks",
) {
  /** A layer from explicit options; without `secret`, reads `LOMI_WEBHOOK_SECRET` through `Config`. */
  static readonly layer = layer

  /** A layer reading the secret from `secret` (a `Config`), by default the optional `LOMI_WEBHOOK_SECRET`. */
  static readonly layerConfig = layerConfig

  /** Builds the service without a layer. */
  static readonly make = make
}
