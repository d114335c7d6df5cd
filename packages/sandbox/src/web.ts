// The runtime-neutral part of the package (no `node:` imports), for Bun, Deno and workerd:
// `import { createSandboxHandler } from "@lomi/sandbox/web"`.

export type { SandboxPersistence } from "./commit-queue.js"
export { REFERENCE_EXAMPLES } from "./examples.js"
export {
  FAULT_KINDS,
  type FaultKind,
  type FaultRule,
  type FaultRuleState,
  FaultSpecError,
  OPERATIONS,
  type OperationName,
  parseFaultRules,
} from "./faults.js"
export { createSandboxHandler, type SandboxHandler } from "./handler.js"
export type { IdempotencyRecord, StoredResponse } from "./idempotency.js"
export type { SandboxChange } from "./journal.js"
export type { JsonObject, JsonValue } from "./json-value.js"
export type { Generation, ResourceKind } from "./kinds.js"
export { SANDBOX_DEFAULT_KEY, type SandboxHandlerOptions } from "./options.js"
export { CHECKOUT_OUTCOMES, type CheckoutCompletion, type CheckoutOutcome } from "./payment.js"
export type { RateLimitOptions } from "./rate-limit.js"
export type { SandboxRequest } from "./request.js"
export type { RequestLogEntry, SandboxDispatch } from "./request-log.js"
export { type ErrorCode, type Issue, type Reply, SandboxActionError } from "./responses.js"
export type { SeedOptions } from "./seeding.js"
export {
  signWebhook,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
  type WebhookEvent,
  type WebhookFailure,
  type WebhookOptions,
} from "./webhooks.js"
