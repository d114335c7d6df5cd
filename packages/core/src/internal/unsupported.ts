/**
 * The failure of an operation the client's generation of routes does not serve: raised before anything is
 * sent, with a message that names the operation, the generation and what to do instead.
 */
import type { ApiGeneration } from "../ApiGeneration.js"
import { LomiUnsupportedOperationError } from "../Errors.js"
import type { AnyOperation } from "../Operation.js"

/** `op` has no route on `generation`: a `LomiUnsupportedOperationError`, attempts 0. */
export const unsupportedOperationError = (
  op: AnyOperation,
  generation: ApiGeneration,
): LomiUnsupportedOperationError =>
  new LomiUnsupportedOperationError({
    status: undefined,
    code: "UNSUPPORTED_OPERATION",
    message: `${op.name} is not served by lomi.'s ${generation} routes; ${
      op.notServed[generation] ??
      "a client speaks the generation of routes its `apiGeneration` (or its base URL) names"
    }. Nothing was sent.`,
    requestId: undefined,
    retryable: false,
    attempts: 0,
    idempotencyKey: undefined,
    operation: op.name,
    apiGeneration: generation,
  })
