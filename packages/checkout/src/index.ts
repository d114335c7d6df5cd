/**
 * The lomi. Checkout SDK: checkout sessions and payment links, as an Effect API (`CheckoutSessions`,
 * `PaymentLinks`, `Checkout.layer`) and a Promise client (`Lomi`). Re-exports what users need from
 * `@lomi/core`, so this is the only package to install.
 */

// What users need from @lomi/core, so `@lomi/checkout` is the only package to install.
export {
  BaseUrls,
  type Environment,
  isLomiError,
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
  LomiNotFoundError,
  LomiPermissionDeniedError,
  LomiRateLimitError,
  LomiResponseDecodeError,
  LomiServerError,
  LomiTimeoutError,
  LomiUnexpectedStatusError,
  LomiValidationError,
  type LomiValidationIssue,
  type Page,
  PagePromise,
  type RequestOptions,
  type ResponseMeta,
  VERSION,
} from "@lomi/core"
export { Checkout } from "./Checkout.js"
export {
  CHECKOUT_SESSION_STATUSES,
  CheckoutSession,
  CheckoutSessionCreateParams,
  CheckoutSessionListParams,
  CheckoutSessions,
  CheckoutSessionUpdateParams,
  checkoutSessionOperations,
} from "./CheckoutSession.js"
export { CURRENCIES, type Currency } from "./internal/fields.js"
export type {
  PromiseRequestOptions,
  PromiseResource,
  ResourceService,
  WithMeta,
} from "./internal/resource.js"
export { Lomi, type LomiOptions } from "./Lomi.js"
export {
  PaymentLink,
  PaymentLinkCreateParams,
  PaymentLinkListParams,
  PaymentLinks,
  PaymentLinkUpdateParams,
  paymentLinkOperations,
} from "./PaymentLink.js"
