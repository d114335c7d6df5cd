/** Layers for Effect users: both resource services on one configured `LomiClient`. */

import { LomiClient, type LomiClientOptions } from "@lomi/core"
import * as Layer from "effect/Layer"
import { CheckoutSessions } from "./CheckoutSession.js"
import { PaymentLinks } from "./PaymentLink.js"

// A pure-marked closure, because bundlers count reading the static `layer`s as a possible side effect and
// would keep both services (and `Layer`) in Promise-only bundles.
/** Both services, needing a `LomiClient` (compose with your own client layer). */
export const services = /*#__PURE__*/ (() => Layer.mergeAll(CheckoutSessions.layer, PaymentLinks.layer))()

/** `CheckoutSessions`, `PaymentLinks` and the `LomiClient` they share, from explicit options. */
export const layer = (options: LomiClientOptions) =>
  services.pipe(Layer.provideMerge(LomiClient.layer(options)))

/** The same, reading `LOMI_API_KEY` (and optional `LOMI_BASE_URL`, `LOMI_ENVIRONMENT`) from `Config`. */
export const layerConfig = (overrides?: Parameters<typeof LomiClient.layerConfig>[0]) =>
  services.pipe(Layer.provideMerge(LomiClient.layerConfig(overrides)))

/**
 * The layers as one object: `Checkout.layer(...)`. Written out rather than `export * as Checkout`, which the
 * build turns into a call that keeps every layer (and Effect's `Config`) in Promise-only bundles.
 */
export const Checkout = /*#__PURE__*/ Object.freeze({ services, layer, layerConfig })
