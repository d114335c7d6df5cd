/**
 * `@lomi/core`: transport, configuration, typed errors, retries, idempotency and pagination for the
 * lomi. API SDK. Resource packages (such as `@lomi/checkout`) describe operations; core executes them.
 *
 * @since 0.1.0
 */
export { API_GENERATIONS, type ApiGeneration } from "./ApiGeneration.js"
export { ApiPromise, PagePromise, type WithResponse } from "./ApiPromise.js"
export {
  type CallArgs,
  type EffectCall,
  effectCall,
  effectStream,
  type InputArgs,
  isPaginated,
  type OwnError,
  type PageItem,
  type PathArgs,
  type PromiseCall,
  type PromiseResult,
  promiseCall,
} from "./Call.js"
export { type CallSite, captureCallSite, rejectingAt, withCallSite } from "./CallSite.js"
export {
  BaseUrls,
  type ClientApi,
  type Environment,
  LOG_LEVELS,
  type LogLevel,
  type LomiClientOptions,
  type LomiEnv,
  type LomiLogger,
  type ResolvedConfig,
} from "./Config.js"
export {
  type CommonError,
  type ErrorClass,
  isLomiError,
  LomiAuthenticationError,
  LomiBadRequestError,
  LomiCommonErrorClasses,
  LomiConfigError,
  LomiConflictError,
  LomiConnectionError,
  type LomiError,
  LomiErrorClasses,
  type LomiErrorFields,
  LomiErrorTags,
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
} from "./Errors.js"
export { isBrowser } from "./internal/browser.js"
export { useEffectRedacted } from "./internal/effectRedacted.js"
export { readEnv } from "./internal/env.js"
export { installRedactedReader, isEffectRedacted, revealSecret, Secret } from "./internal/secret.js"
export { ENV_VARS } from "./internal/settings.js"
export { TaggedError, type TaggedErrorClass } from "./internal/taggedError.js"
export {
  LomiClient,
  type LomiClientConfigOverrides,
  type LomiClientService,
  type LomiHttpClientOptions,
  layer,
  layerConfig,
  layerHttpClient,
  make,
  makeConfig,
  makeHttpClient,
  makeUnsafe,
  resolveConfig,
  type TransformClient,
} from "./LomiClient.js"
export {
  type AnyOperation,
  makeOperation,
  type Operation,
  type OperationError,
  type OperationInput,
  type OperationPath,
  type OperationSpec,
  type OperationSuccess,
  type PathInput,
  type PathParamList,
  type PathParamNames,
  type PathParams,
  type RequestOptions,
  type ResponseMeta,
} from "./Operation.js"
export { paginate } from "./Paginate.js"
export {
  ArrayPage,
  FlatPage,
  isPageSchema,
  isPageSpec,
  nextOffset,
  type Page,
  type PageEncoded,
  type PageInfo,
  PageSpec,
} from "./Pagination.js"
export { type PromiseRequestOptions, runPromise, runPromiseCall } from "./Promise.js"
export { makePromiseClient, type PromiseClient } from "./PromiseClient.js"
export {
  type EffectResource,
  effectResource,
  type ListStream,
  type Operations,
  type PromiseResource,
  promiseResource,
  resourceLayer,
} from "./Resource.js"
export {
  backoffDelay,
  type HeaderRecord,
  isRetryableStatus,
  parseRetryAfter,
  RetryPolicy,
  shouldRetryHeader,
} from "./Retry.js"
export type { HttpMethod, ResponseFormat, Route, RouteSpec } from "./Route.js"
export { JsonObject, JsonValue, noControlCharacters, PageSchema, wellFormed } from "./Schemas.js"
// The types a spec's inferred type is made of, at the top level too, so that a resource package's
// declarations can name them (`export const Amount = Spec.number(...)` needs no annotation).
export type {
  Field as SpecField,
  SpecIssue,
  SpecNode,
  StructNode as SpecStructNode,
  Typed as SpecTyped,
} from "./Spec.js"
export * as Spec from "./Spec.js"
export { toSchema } from "./SpecSchema.js"
export {
  CONTROL_CHARACTER_MESSAGE,
  hasControlCharacter,
  isWellFormed,
  LONE_SURROGATE_MESSAGE,
  noControlCharactersCheck,
  wellFormedCheck,
} from "./Text.js"
export { detectRuntime, type RuntimeInfo, userAgent } from "./UserAgent.js"
export { VERSION } from "./Version.js"
