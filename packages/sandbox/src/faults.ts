import type { Issue } from "./responses.js"
import { createRandom, type Random } from "./rng.js"

/** The ten operations, by the seed names of the contract. */
export const OPERATIONS = [
  "create_checkout_session",
  "list_checkout_sessions",
  "retrieve_checkout_session",
  "update_checkout_session",
  "delete_checkout_session",
  "create_payment_link",
  "list_payment_links",
  "retrieve_payment_link",
  "update_payment_link",
  "delete_payment_link",
] as const

/** An operation's seed name. */
export type OperationName = (typeof OPERATIONS)[number]

/** The kinds of fault the sandbox can inject. */
export const FAULT_KINDS = [
  "error",
  "latency",
  "reset",
  "reset_after_commit",
  "truncated_body",
  "malformed_body",
] as const

/** A kind of fault: see {@link FaultRule}. */
export type FaultKind = (typeof FAULT_KINDS)[number]

/**
 * One fault rule. It matches requests to `operation` (default `"*"`, every operation) and fires either
 * for each of the `next` matching requests (scripted) or with `probability` (seeded dice); with
 * neither, it fires on every matching request.
 *
 * - `error`: answers `status` (429, 500 or 503) without handling; 429 and 503 carry `Retry-After`
 *   (`retryAfter` seconds, default 1).
 * - `latency`: waits `ms` milliseconds before handling; combines with any other fault.
 * - `reset`: drops the connection before handling; nothing is written.
 * - `reset_after_commit`: handles the request (a create is stored), then drops the connection
 *   without answering.
 * - `truncated_body`: handles the request, then sends the headers and half of the body and drops the
 *   connection.
 * - `malformed_body`: handles the request, then answers with a complete body that is not valid JSON.
 */
export interface FaultRule {
  /** The operation whose requests it matches (a seed name), or `"*"` (the default) for every one. */
  readonly operation?: OperationName | "*"
  /** What happens: `error`, `latency`, `reset`, `reset_after_commit`, `truncated_body`, `malformed_body`. */
  readonly kind: FaultKind
  /** For `error`: the status to answer, 429, 500 (the default) or 503. */
  readonly status?: 429 | 500 | 503
  /** For an `error` 429 or 503: the `Retry-After` to send, in whole seconds (default 1). */
  readonly retryAfter?: number
  /** For `latency`: how long to wait before handling, in milliseconds (up to 600 000). */
  readonly ms?: number
  /** Fire with this probability (0 to 1), on the sandbox's seeded dice; not with `next`. */
  readonly probability?: number
  /** Fire on each of the next this many matching requests (an integer >= 1), then stop; not with `probability`. */
  readonly next?: number
}

/** A rule as the admin endpoint reports it: `remaining` counts down scripted rules. */
export interface FaultRuleState extends FaultRule {
  /** The operation whose requests it matches, or `"*"` for every one. */
  readonly operation: OperationName | "*"
  /** For a scripted rule (`next`): how many more matching requests it fires on. */
  readonly remaining?: number
}

/** The faults chosen for one request. */
export interface FaultPlan {
  readonly latencyMs: number
  readonly outcome?:
    | { readonly kind: "error"; readonly status: 429 | 500 | 503; readonly retryAfter: number }
    | { readonly kind: "reset" | "reset_after_commit" | "truncated_body" | "malformed_body" }
  /** Kinds that fired, for the request log. */
  readonly fired: ReadonlyArray<FaultKind>
}

/** Thrown when a fault specification is invalid; `issues` says what and where. */
export class FaultSpecError extends Error {
  constructor(
    /** Each problem, with the path of the bad field (e.g. `[0, "status"]`). */
    readonly issues: ReadonlyArray<Issue>,
  ) {
    super(`Invalid fault specification: ${issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`)
    this.name = "FaultSpecError"
  }
}

const RULE_KEYS = new Set(["operation", "kind", "status", "retryAfter", "ms", "probability", "next"])

/**
 * Validates a fault specification: an array of rules, or `{ "rules": [...] }`. It comes from JSON
 * files, the command line and the admin endpoint, so it is checked field by field.
 */
export const parseFaultRules = (input: unknown): FaultRule[] => {
  const list =
    typeof input === "object" && input !== null && !Array.isArray(input) && Object.hasOwn(input, "rules")
      ? (input as { rules: unknown }).rules
      : input
  if (!Array.isArray(list))
    throw new FaultSpecError([{ path: [], message: "Expected an array of fault rules" }])
  const issues: Issue[] = []
  const rules: FaultRule[] = []
  list.forEach((raw: unknown, index) => {
    const at = (field?: string): Array<string | number> => (field === undefined ? [index] : [index, field])
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      issues.push({ path: at(), message: "Expected a fault rule object" })
      return
    }
    const rule = raw as Record<string, unknown>
    const before = issues.length
    for (const key of Object.keys(rule)) {
      if (!RULE_KEYS.has(key)) issues.push({ path: at(key), message: `Unknown field "${key}"` })
    }
    const operation = rule.operation ?? "*"
    if (operation !== "*" && !(OPERATIONS as ReadonlyArray<unknown>).includes(operation)) {
      issues.push({ path: at("operation"), message: `Expected "*" or one of ${OPERATIONS.join(", ")}` })
    }
    if (!(FAULT_KINDS as ReadonlyArray<unknown>).includes(rule.kind)) {
      issues.push({ path: at("kind"), message: `Expected one of ${FAULT_KINDS.join(", ")}` })
    }
    if (rule.kind === "error" && rule.status !== 429 && rule.status !== 500 && rule.status !== 503) {
      issues.push({ path: at("status"), message: "An error fault needs status 429, 500 or 503" })
    }
    if (rule.kind !== "error" && rule.status !== undefined) {
      issues.push({ path: at("status"), message: "Only error faults take a status" })
    }
    if (rule.kind === "latency" && !(typeof rule.ms === "number" && rule.ms >= 0 && rule.ms <= 600_000)) {
      issues.push({ path: at("ms"), message: "A latency fault needs ms from 0 to 600000" })
    }
    if (rule.kind !== "latency" && rule.ms !== undefined) {
      issues.push({ path: at("ms"), message: "Only latency faults take ms" })
    }
    if (
      rule.retryAfter !== undefined &&
      !(typeof rule.retryAfter === "number" && Number.isSafeInteger(rule.retryAfter) && rule.retryAfter >= 0)
    ) {
      issues.push({ path: at("retryAfter"), message: "Must be a whole number of seconds >= 0" })
    }
    if (rule.probability !== undefined && rule.next !== undefined) {
      issues.push({ path: at("next"), message: "Give either probability or next, not both" })
    }
    if (
      rule.probability !== undefined &&
      !(typeof rule.probability === "number" && rule.probability >= 0 && rule.probability <= 1)
    ) {
      issues.push({ path: at("probability"), message: "Must be a number from 0 to 1" })
    }
    if (
      rule.next !== undefined &&
      !(typeof rule.next === "number" && Number.isSafeInteger(rule.next) && rule.next >= 1)
    ) {
      issues.push({ path: at("next"), message: "Must be an integer >= 1" })
    }
    if (issues.length === before)
      rules.push({
        ...(rule as unknown as FaultRule),
        operation: operation as FaultRule["operation"] & string,
      })
  })
  if (issues.length > 0) throw new FaultSpecError(issues)
  return rules
}

/**
 * Decides which faults hit each request. All randomness comes from one seeded stream consumed in
 * request order, so the same seed and the same sequence of requests give the same faults.
 */
export class FaultInjector {
  private rules: Array<{ rule: FaultRuleState; remaining: number | undefined }> = []
  private random: Random
  private currentSeed: number | string

  constructor(rules: ReadonlyArray<FaultRule>, seed: number | string) {
    this.currentSeed = seed
    this.random = createRandom(seed)
    this.set(rules)
  }

  /** The seed in use. */
  get seed(): number | string {
    return this.currentSeed
  }

  /** Replaces the rules (validated first) and, when given, restarts the random stream from `seed`. */
  set(rules: ReadonlyArray<FaultRule>, seed?: number | string): void {
    const parsed = parseFaultRules(rules)
    this.rules = parsed.map((rule) => ({
      rule: { ...rule, operation: rule.operation ?? "*" },
      remaining: rule.next,
    }))
    if (seed !== undefined) {
      this.currentSeed = seed
      this.random = createRandom(seed)
    }
  }

  /** The rules with their remaining scripted counts; exhausted scripted rules are kept and show 0. */
  list(): FaultRuleState[] {
    return this.rules.map(({ rule, remaining }) => (remaining === undefined ? rule : { ...rule, remaining }))
  }

  /** Picks the faults for one request to `operation`, consuming scripted counts and dice. */
  plan(operation: OperationName): FaultPlan | undefined {
    let latencyMs = 0
    let outcome: FaultPlan["outcome"]
    const fired: FaultKind[] = []
    for (const entry of this.rules) {
      const { rule } = entry
      if (rule.operation !== "*" && rule.operation !== operation) continue
      // Once a request has its outcome, other outcome rules are not consulted, so they keep their
      // scripted counts and do not eat dice meant for later requests.
      if (rule.kind !== "latency" && outcome !== undefined) continue
      let fires: boolean
      if (entry.remaining !== undefined) {
        fires = entry.remaining > 0
        if (fires) entry.remaining--
      } else {
        fires = rule.probability === undefined || this.random() < rule.probability
      }
      if (!fires) continue
      fired.push(rule.kind)
      if (rule.kind === "latency") latencyMs += rule.ms ?? 0
      else if (rule.kind === "error")
        outcome = { kind: "error", status: rule.status ?? 500, retryAfter: rule.retryAfter ?? 1 }
      else outcome = { kind: rule.kind }
    }
    if (fired.length === 0) return undefined
    return outcome === undefined ? { latencyMs, fired } : { latencyMs, outcome, fired }
  }
}
