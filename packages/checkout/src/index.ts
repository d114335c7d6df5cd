/**
 * The lomi. Checkout SDK: checkout sessions and payment links, as an Effect API (`CheckoutSessions`,
 * `PaymentLinks`, `Checkout.layer`) and a Promise client (`Lomi`), and the verification of the webhooks
 * lomi. sends (`LomiWebhooks`, `lomi.webhooks`, the `Webhooks` service). Re-exports what users need from
 * `@lomi/core`, so this is the only package to install.
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
  type JsonObject,
  type JsonValue,
  LOG_LEVELS,
  type LogLevel,
  LomiAuthenticationError,
  LomiBadRequestError,
  LomiClient,
  type LomiClientConfigOverrides,
  type LomiClientOptions,
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
  type RequestOptions,
  type ResponseMeta,
  VERSION,
  type WithResponse,
} from "@lomi/core"
export { Checkout } from "./Checkout.js"
export {
  CHECKOUT_SESSION_STATUSES,
  CheckoutSession,
  CheckoutSessionCreateParams,
  CheckoutSessionListParams,
  type CheckoutSessionSort,
  type CheckoutSessionStatus,
  CheckoutSessionUpdateParams,
  type CheckoutSessionWritableFields,
} from "./CheckoutSession.js"
export {
  CheckoutSessions,
  type CheckoutSessionsResource,
  type CheckoutSessionsResourceWithMeta,
  type CheckoutSessionsService,
  type CheckoutSessionsServiceWithMeta,
  checkoutSessionOperations,
} from "./CheckoutSessions.js"
export { CURRENCIES, type Currency } from "./internal/fields.js"
export type {
  WebhookHeaders,
  WebhookPayload,
  WebhookSecret,
  WebhookVerifyOptions,
} from "./internal/webhookSignature.js"
export { Lomi, type LomiOptions, type WithMeta } from "./Lomi.js"
export { LomiWebhooks, type LomiWebhooksOptions } from "./LomiWebhooks.js"
export {
  PAYMENT_LINK_TYPES,
  PaymentLink,
  PaymentLinkCreateParams,
  PaymentLinkListParams,
  type PaymentLinkSort,
  type PaymentLinkType,
  PaymentLinkUpdateParams,
  type PaymentLinkWritableFields,
} from "./PaymentLink.js"
export {
  PaymentLinks,
  type PaymentLinksResource,
  type PaymentLinksResourceWithMeta,
  type PaymentLinksService,
  type PaymentLinksServiceWithMeta,
  paymentLinkOperations,
} from "./PaymentLinks.js"
export {
  type CheckoutCompletedWebhookEvent,
  PAYMENT_WEBHOOK_EVENT_NAMES,
  type PaymentWebhookEvent,
  type PaymentWebhookEventName,
  RECORD_WEBHOOK_EVENT_NAMES,
  type RecordWebhookEvent,
  type RecordWebhookEventName,
  UnknownWebhookEvent,
  type UnknownWebhookEventName,
  WEBHOOK_EVENT_NAMES,
  WebhookEvent,
  type WebhookEventData,
  type WebhookEventEnvelope,
  type WebhookEventName,
  type WebhookEventOf,
} from "./WebhookEvent.js"
export { Webhooks, type WebhooksOptions, type WebhooksService } from "./Webhooks.js"
export { type TestWebhookEvent, WebhookTesting } from "./WebhookTesting.js"
export {
  TRANSACTION_STATUSES,
  type TransactionStatus,
  type TransactionType,
  WebhookTransaction,
} from "./WebhookTransaction.js"
export {
  LomiWebhookVerificationError,
  WEBHOOK_VERIFICATION_REASONS,
  type WebhookVerificationReason,
} from "./WebhookVerificationError.js"
