/** Layers for Effect users: both resource services on one configured `LomiClient`, and `Webhooks`. */

import { type ClientApi, LomiClient } from "@lomi/core"
import * as Layer from "effect/Layer"
import { CheckoutSessions } from "./CheckoutSessions.js"
import type { LomiOptions } from "./Lomi.js"
import { PaymentLinks } from "./PaymentLinks.js"
import { Webhooks } from "./Webhooks.js"

// How configuration messages name these calls.
const LAYER_API: ClientApi = { call: "Checkout.layer", ownOptions: ["webhookSecret"] }
const LAYER_CONFIG_API: ClientApi = { call: "Checkout.layer", configCall: "Checkout.layerConfig" }

// A pure-marked closure, because bundlers count reading the static `layer`s as a possible side effect and
// would keep both services (and `Layer`) in Promise-only bundles.
/** Both resource services, needing a `LomiClient` (compose with your own client layer). */
export const services = /*#__PURE__*/ (() => Layer.mergeAll(CheckoutSessions.layer, PaymentLinks.layer))()

/**
 * `CheckoutSessions`, `PaymentLinks` and the `LomiClient` they share, from explicit options, plus
 * `Webhooks` with `webhookSecret` (or `LOMI_WEBHOOK_SECRET` read through `Config`).
 */
export const layer = (options: LomiOptions) => {
  const isObject = typeof options === "object" && options !== null
  // `webhookSecret` is for `Webhooks`; core refuses options it does not know (and any non-object).
  const { webhookSecret, ...clientOptions } = isObject ? options : ({} as LomiOptions)
  return services.pipe(
    Layer.provideMerge(LomiClient.layer(isObject ? clientOptions : options, LAYER_API)),
    Layer.merge(Webhooks.layer({ secret: webhookSecret })),
  )
}

/**
 * The same, reading `LOMI_API_KEY` (and the optional `LOMI_BASE_URL`, `LOMI_ENVIRONMENT`,
 * `LOMI_API_GENERATION`, `LOMI_LOG` and `LOMI_WEBHOOK_SECRET`) from `Config`; `overrides` given in code win.
 */
export const layerConfig = (overrides?: Parameters<typeof LomiClient.layerConfig>[0]) =>
  services.pipe(
    Layer.provideMerge(LomiClient.layerConfig(overrides, LAYER_CONFIG_API)),
    Layer.merge(Webhooks.layerConfig()),
  )

/**
 * The layers as one object: `Checkout.layer(...)`. Written out rather than `export * as Checkout`, which the
 * build turns into a call that keeps every layer (and Effect's `Config`) in Promise-only bundles.
 */
export const Checkout = /*#__PURE__*/ Object.freeze({ services, layer, layerConfig })
