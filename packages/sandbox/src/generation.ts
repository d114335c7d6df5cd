import type { OperationName } from "./faults.js"
import type { Generation, ResourceKind } from "./kinds.js"
import type { SandboxRequest } from "./request.js"
import type { Issue, Reply } from "./responses.js"
import type { Namespace } from "./store.js"

// The sandbox serves two generations of routes over one store: the 1.1.0 document's under `/v1`
// (`v1.ts`) and the routes lomi. serves today at the origin (`today.ts`). Both go through the same
// steps (`pipeline.ts`); each says how it names operations, reads the key, runs them and words errors.

/** An operation a request names: its seed name, its collection and, for one resource, its id. */
export interface Operation {
  readonly name: OperationName
  readonly kind: ResourceKind
  readonly id?: string
}

/** What running an operation did. */
export interface Execution {
  readonly reply: Reply
  /** The operation ran: its answer is what an idempotent retry must get. */
  readonly executed: boolean
  /** The store changed, so the answer waits until the change is durable. */
  readonly wrote?: boolean
}

/** A failure of the steps both generations share; each generation words it in its own error shape. */
export type Problem =
  | { readonly kind: "invalid"; readonly message: string; readonly issues: ReadonlyArray<Issue> }
  | { readonly kind: "unauthorized"; readonly missing: boolean }
  | { readonly kind: "conflict"; readonly message: string; readonly details: Record<string, unknown> }
  | { readonly kind: "idempotency_mismatch"; readonly key: string }
  | { readonly kind: "too_large"; readonly limit: number }
  | { readonly kind: "rate_limited"; readonly retryAfter: number; readonly injected: boolean }
  | { readonly kind: "unavailable"; readonly retryAfter: number }
  | { readonly kind: "internal"; readonly injected: boolean }

/** Where a request goes: an operation to run, or an answer at once (unknown route, wrong method). */
export type Match = { readonly op: Operation } | { readonly reply: Reply }

/** One generation of routes over the shared store. */
export interface GenerationRoutes {
  readonly generation: Generation
  /** The API key a request carries, as this generation reads it. */
  apiKey(request: SandboxRequest): string | undefined
  /** The operation a request to this generation's paths names. */
  match(request: SandboxRequest, url: URL): Match
  /** Runs an authenticated operation against the key's namespace. */
  execute(op: Operation, request: SandboxRequest, url: URL, ns: Namespace, apiKey: string): Promise<Execution>
  /** Words a failure of the shared steps. */
  problem(problem: Problem): Reply
}
