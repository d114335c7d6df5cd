// The data file format: JSON Lines. The first line names the format; every other line is one change
// to the store, and replaying them in order rebuilds it. A compacted file is the same thing with one
// line per live record. Runtime-neutral: the file handling is in persistence.ts.
import type { IdempotencyRecord } from "./idempotency.js"
import type { JsonObject } from "./json-value.js"
import type { ResourceKind } from "./kinds.js"

/** One change to the store, as the journal records it. Replaying changes in order rebuilds the store. */
export type SandboxChange =
  | {
      /** A key's namespace was created. */
      readonly type: "namespace"
      /** The namespace: one per API key. */
      readonly namespace: string
      /** The organisation id its resources answer with. */
      readonly organization_id: string
    }
  | {
      /** A resource was stored (created or updated). */
      readonly type: "put"
      /** The namespace: one per API key. */
      readonly namespace: string
      /** `checkout_sessions` or `payment_links`. */
      readonly collection: ResourceKind
      /** The resource as stored. */
      readonly item: JsonObject
    }
  | {
      /** A resource was deleted. */
      readonly type: "delete"
      /** The namespace: one per API key. */
      readonly namespace: string
      /** `checkout_sessions` or `payment_links`. */
      readonly collection: ResourceKind
      /** The deleted resource's id. */
      readonly id: string
    }
  | {
      /** An `Idempotency-Key` was recorded or its answer stored. */
      readonly type: "idempotency"
      /** The namespace: one per API key. */
      readonly namespace: string
      /** The `Idempotency-Key`. */
      readonly key: string
      /** What the sandbox remembers of it. */
      readonly record: IdempotencyRecord
    }
  | {
      /** Everything was erased (`reset`). */
      readonly type: "clear"
    }

/** The format's current version; version 1 was a single JSON document (see {@link changesFromLegacy}). */
export const JOURNAL_VERSION = 2

/** The first line of every data file. */
export const JOURNAL_HEADER = JSON.stringify({ format: "lomi-sandbox", version: JOURNAL_VERSION })

/** Thrown when a data file cannot be read back; the message says where and why. */
export class JournalError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "JournalError"
  }
}

/** One journal line for a change. Throws (a `TypeError` or `RangeError`) when it cannot be serialised. */
export const encodeChange = (change: SandboxChange): string => JSON.stringify(change)

const ID_FIELDS: Readonly<Record<ResourceKind, string>> = {
  checkout_sessions: "checkout_session_id",
  payment_links: "link_id",
}

// Parsed lines are read through `own` only: `JSON.parse` makes `__proto__` an own property, and a
// lookup must never reach Object.prototype.
const own = (value: object, key: string): unknown =>
  Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined

const isObject = (value: unknown): value is object =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const isCollection = (value: unknown): value is ResourceKind =>
  value === "checkout_sessions" || value === "payment_links"

const isRecord = (value: unknown): value is IdempotencyRecord => {
  if (!isObject(value)) return false
  const response = own(value, "response")
  return (
    typeof own(value, "fingerprint") === "string" &&
    typeof own(value, "createdAt") === "number" &&
    isObject(response) &&
    typeof own(response, "status") === "number" &&
    typeof own(response, "body") === "string" &&
    typeof own(response, "contentType") === "string"
  )
}

/** Checks the shape of one parsed line; `undefined` when it is not a change this version writes. */
export const decodeChange = (value: unknown): SandboxChange | undefined => {
  if (!isObject(value)) return undefined
  const type = own(value, "type")
  if (type === "clear") return { type }
  const namespace = own(value, "namespace")
  if (typeof namespace !== "string") return undefined
  if (type === "namespace") {
    const organization = own(value, "organization_id")
    return typeof organization === "string" ? { type, namespace, organization_id: organization } : undefined
  }
  if (type === "idempotency") {
    const key = own(value, "key")
    const record = own(value, "record")
    return typeof key === "string" && isRecord(record) ? { type, namespace, key, record } : undefined
  }
  const collection = own(value, "collection")
  if (!isCollection(collection)) return undefined
  if (type === "delete") {
    const id = own(value, "id")
    return typeof id === "string" ? { type, namespace, collection, id } : undefined
  }
  if (type === "put") {
    const item = own(value, "item")
    return isObject(item) && typeof own(item, ID_FIELDS[collection]) === "string"
      ? { type, namespace, collection, item: item as JsonObject }
      : undefined
  }
  return undefined
}

const utf8 = new TextDecoder("utf-8", { fatal: true })
const NEWLINE = 0x0a

/** What a data file holds, and how much of it is sound. */
export interface DecodedJournal {
  readonly changes: SandboxChange[]
  /** Bytes of the file that hold complete lines; anything after is a torn write to cut off. */
  readonly validBytes: number
}

/** Whether `bytes` starts with a journal header line (of any version). */
export const isJournal = (bytes: Uint8Array): boolean => {
  const end = bytes.subarray(0, 256).indexOf(NEWLINE)
  if (end === -1) return false
  try {
    const header: unknown = JSON.parse(utf8.decode(bytes.subarray(0, end)))
    return isObject(header) && own(header, "format") === "lomi-sandbox"
  } catch {
    return false
  }
}

/**
 * Reads a journal. A crash can leave the last line torn (it was never acknowledged: the answer waits
 * for the fsync); it is reported through `validBytes` and ignored. A bad line with good lines after it
 * is not a torn write but damage, and throws: guessing would silently lose data.
 */
export const decodeJournal = (bytes: Uint8Array): DecodedJournal => {
  const complete = bytes.lastIndexOf(NEWLINE) + 1
  let text: string
  try {
    text = utf8.decode(bytes.subarray(0, complete))
  } catch {
    throw new JournalError("the data file is not valid UTF-8")
  }
  const lines = text.split("\n")
  lines.pop() // the empty string after the last newline
  const header: unknown = JSON.parse(lines[0] ?? "null")
  const version = isObject(header) ? own(header, "version") : undefined
  if (version !== JOURNAL_VERSION) {
    throw new JournalError(
      `the data file has format version ${String(version)}; this sandbox reads version ${JOURNAL_VERSION}`,
    )
  }
  const changes: SandboxChange[] = []
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index] as string
    let change: SandboxChange | undefined
    try {
      change = decodeChange(JSON.parse(line))
    } catch {
      change = undefined
    }
    if (change !== undefined) {
      changes.push(change)
      continue
    }
    if (index === lines.length - 1) {
      // A torn last line that happens to end in a newline byte: cut it like any torn tail.
      return { changes, validBytes: complete - new TextEncoder().encode(line).byteLength - 1 }
    }
    throw new JournalError(`line ${index + 1} of the data file is damaged (good lines follow it)`)
  }
  return { changes, validBytes: complete }
}

/** The earlier single-document format (`{"version":1,"namespaces":{...}}`). */
interface LegacySnapshot {
  readonly version: 1
  readonly namespaces: Readonly<
    Record<
      string,
      {
        readonly organization_id: string
        readonly checkout_sessions: ReadonlyArray<JsonObject>
        readonly payment_links: ReadonlyArray<JsonObject>
        readonly idempotency: ReadonlyArray<readonly [string, IdempotencyRecord]>
      }
    >
  >
}

const isLegacySnapshot = (value: unknown): value is LegacySnapshot =>
  isObject(value) && own(value, "version") === 1 && isObject(own(value, "namespaces"))

/**
 * Reads a data file written by an older sandbox as a list of changes, or `undefined` when the text is
 * not one. Each record is checked like a journal line, so a damaged file is refused, not half-loaded.
 */
export const changesFromLegacy = (text: string): SandboxChange[] | undefined => {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!isLegacySnapshot(parsed)) return undefined
  const changes: SandboxChange[] = []
  const add = (value: unknown, where: string) => {
    const change = decodeChange(value)
    if (change === undefined) throw new JournalError(`the data file has a damaged record in ${where}`)
    changes.push(change)
  }
  for (const [namespace, data] of Object.entries(parsed.namespaces)) {
    add({ type: "namespace", namespace, organization_id: own(data, "organization_id") }, namespace)
    for (const collection of ["checkout_sessions", "payment_links"] as const) {
      const items = own(data, collection)
      if (!Array.isArray(items)) throw new JournalError(`the data file has no ${collection} in ${namespace}`)
      for (const item of items) add({ type: "put", namespace, collection, item }, namespace)
    }
    const records = own(data, "idempotency")
    if (!Array.isArray(records)) throw new JournalError(`the data file has no idempotency in ${namespace}`)
    for (const entry of records) {
      const [key, record] = Array.isArray(entry) ? entry : []
      add({ type: "idempotency", namespace, key, record }, namespace)
    }
  }
  return changes
}
