/**
 * `@lomi/checkout/effect`, the Effect API: `CheckoutSessions`, `PaymentLinks`, `Checkout.layer`, the
 * `Webhooks` service and the Schemas, compiled against your own `effect` (4.x, an optional peer
 * dependency). It also holds everything of the Promise entry, built on the same `effect`, so an Effect
 * program can mix both. Its error classes are `@lomi/core`'s; those of `@lomi/checkout` (the Promise entry,
 * with @lomi/core bundled in) are that entry's own: match on `_tag`, which both share.
 */

import { useEffectRedacted } from "@lomi/core"

// Everything imported from this entry takes effect's `Redacted` values (the `Webhooks` service's secret,
// `new Lomi({ apiKey: Redacted.make(...) })`), which the Promise entry, loading no effect, cannot read.
useEffectRedacted()

export {
  LomiClient,
  type LomiClientConfigOverrides,
  type LomiClientOptions,
  type RequestOptions,
} from "@lomi/core"
export { Checkout } from "./Checkout.js"
export {
  CheckoutSessions,
  type CheckoutSessionsService,
  type CheckoutSessionsServiceWithMeta,
  checkoutSessionOperations,
} from "./CheckoutSessions.js"
// Everything of the Promise entry; below, what only Effect code needs (a name exported here as a value
// as well, such as the `CheckoutSession` Schema, takes the place of the Promise entry's type-only one).
export * from "./index.js"
export {
  PaymentLinks,
  type PaymentLinksService,
  type PaymentLinksServiceWithMeta,
  paymentLinkOperations,
} from "./PaymentLinks.js"
export {
  CheckoutSession,
  CheckoutSessionCreateParams,
  CheckoutSessionListParams,
  CheckoutSessionUpdateParams,
  PaymentLink,
  PaymentLinkCreateParams,
  PaymentLinkListParams,
  PaymentLinkUpdateParams,
  UnknownWebhookEvent,
  WebhookEvent,
  WebhookTransaction,
} from "./Schemas.js"
export { Webhooks, type WebhooksOptions, type WebhooksService } from "./Webhooks.js"
