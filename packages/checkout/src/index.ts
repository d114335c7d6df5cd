/**
 * `@lomi/checkout`, the Promise API: `new Lomi()` for checkout sessions and payment links, `LomiWebhooks`
 * to verify the webhooks lomi. sends, and the error classes its calls reject with. It needs no `effect`
 * installed: the build bundles the slice of effect it runs on. The Effect API is `@lomi/checkout/effect`.
 * The error classes exported here are this entry's own (`instanceof` works with these); the Effect entry's
 * are `@lomi/core`'s, and both carry the same `_tag`.
 */

// What users need from @lomi/core, so `@lomi/checkout` is the only package to install.
export {
  API_GENERATIONS,
  type ApiGeneration,
  ApiPromise,
  BaseUrls,
  type CommonError,
  type Environment,
  isLomiError,
  LOG_LEVELS,
  type LogLevel,
  LomiAuthenticationError,
  LomiBadRequestError,
  LomiConfigError,
  LomiConflictError,
  LomiConnectionError,
  type LomiError,
  type LomiErrorFields,
  LomiErrorTags,
  type LomiLogger,
  LomiNotFoundError,
  LomiPermissionDeniedError,
  LomiRateLimitError,
  LomiResponseDecodeError,
  LomiServerError,
  LomiTimeoutError,
  LomiUnexpectedStatusError,
  LomiUnsupportedOperationError,
  LomiValidationError,
  type LomiValidationIssue,
  type Page,
  type PageInfo,
  PagePromise,
  type PromiseRequestOptions,
  type ResponseMeta,
  VERSION,
  type WithResponse,
} from "@lomi/core"
export {
  CHECKOUT_SESSION_STATUSES,
  type CheckoutSession,
  type CheckoutSessionCreateParams,
  type CheckoutSessionListParams,
  type CheckoutSessionSort,
  type CheckoutSessionStatus,
  type CheckoutSessionUpdateParams,
  type CheckoutSessionWritableFields,
} from "./CheckoutSession.js"
export type { CheckoutSessionsResource, CheckoutSessionsResourceWithMeta } from "./CheckoutSessions.js"
export { CURRENCIES, type Currency } from "./internal/fields.js"
export type {
  WebhookHeaders,
  WebhookPayload,
  WebhookSecret,
  WebhookVerifyOptions,
} from "./internal/webhookSignature.js"
export type { JsonObject, JsonValue } from "./Json.js"
export { Lomi, type LomiOptions, type WithMeta } from "./Lomi.js"
export { LomiWebhooks, type LomiWebhooksOptions } from "./LomiWebhooks.js"
export {
  PAYMENT_LINK_TYPES,
  type PaymentLink,
  type PaymentLinkCreateParams,
  type PaymentLinkListParams,
  type PaymentLinkSort,
  type PaymentLinkType,
  type PaymentLinkUpdateParams,
  type PaymentLinkWritableFields,
} from "./PaymentLink.js"
export type { PaymentLinksResource, PaymentLinksResourceWithMeta } from "./PaymentLinks.js"
export {
  type CheckoutCompletedWebhookEvent,
  PAYMENT_WEBHOOK_EVENT_NAMES,
  type PaymentWebhookEvent,
  type PaymentWebhookEventName,
  RECORD_WEBHOOK_EVENT_NAMES,
  type RecordWebhookEvent,
  type RecordWebhookEventName,
  type UnknownWebhookEvent,
  type UnknownWebhookEventName,
  WEBHOOK_EVENT_NAMES,
  type WebhookEvent,
  type WebhookEventData,
  type WebhookEventEnvelope,
  type WebhookEventName,
  type WebhookEventOf,
} from "./WebhookEvent.js"
export { type TestWebhookEvent, WebhookTesting } from "./WebhookTesting.js"
export {
  TRANSACTION_STATUSES,
  type TransactionStatus,
  type TransactionType,
  type WebhookTransaction,
} from "./WebhookTransaction.js"
export {
  LomiWebhookVerificationError,
  WEBHOOK_VERIFICATION_REASONS,
  type WebhookVerificationReason,
} from "./WebhookVerificationError.js"
