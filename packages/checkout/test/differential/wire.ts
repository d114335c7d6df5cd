/**
 * The sandbox's side of the differential test: an input sent as is (no SDK in between) to a route of either
 * generation, and the top-level fields its refusal names.
 *
 * - `/v1` answers `{"error": {"code", "message", "details": {"issues": [{"path", "message"}]}}}`: a field is
 *   `path[0]`, the body itself an empty path.
 * - Today's routes answer NestJS's `{"statusCode": 400, "message": [...], "error": "Bad Request"}`, one
 *   sentence per problem, each starting with what it is about (see the mapping in `todaysFields`).
 */
import { Agent, request } from "node:http"
import type { Place } from "./fields.js"

/** A generation of lomi.'s routes, as the SDK and the sandbox name them. */
export type Generation = "v1" | "2025-12"

/** The name standing for the whole body or query (an issue with an empty path), which no field can have. */
export const WHOLE = "(the whole input)"

/** A route of the sandbox: where an input goes, and how parameters are spelled on the wire. */
export interface WireRoute {
  readonly generation: Generation
  readonly method: "POST" | "PATCH" | "GET"
  /** The full URL without a query, e.g. `http://127.0.0.1:4321/v1/checkout_sessions`. */
  readonly url: string
  readonly place: Place
  /** Query parameters spelled otherwise on the wire, by the SDK's name (`link_type` → `linkType`). */
  readonly wireNames?: Readonly<Record<string, string>>
}

/** What the sandbox answered to an input sent as is. */
export interface SandboxVerdict {
  readonly status: number
  /** The top-level fields (SDK names) a 400 names; empty for any other status. */
  readonly fields: ReadonlySet<string>
  /** Whether the 400 stopped at its first problem (Nest's ParseIntPipe), so other fields went unchecked. */
  readonly partial: boolean
  /** The answer's body, for messages. */
  readonly body: string
}

/** How the SDK spells parameter `name` on the wire (an own key only: `hasOwnProperty` is a name too). */
const wireName = (route: WireRoute, name: string): string =>
  route.wireNames !== undefined && Object.hasOwn(route.wireNames, name) ? route.wireNames[name]! : name

/** The query string the SDK writes for `query`: `String(value)`, an array as a repeated parameter. */
export const queryString = (query: Readonly<Record<string, unknown>>, route: WireRoute): string => {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    const wire = wireName(route, name)
    for (const item of Array.isArray(value) ? value : [value]) params.append(wire, String(item))
  }
  return params.toString()
}

// Nest's ParseIntPipe: it names no field, and stops the request before anything else is checked.
const PARSE_INT = "Validation failed (numeric string is expected)"
const NUMERIC = /^-?\d+$/

const fail = (why: string, body: string): never => {
  throw new Error(`unexpected answer from the sandbox (${why}): ${body.slice(0, 500)}`)
}

const v1Fields = (json: unknown, body: string): Set<string> => {
  const issues = (json as { error?: { details?: { issues?: unknown } } })?.error?.details?.issues
  if (!Array.isArray(issues) || issues.length === 0) return fail("no details.issues", body)
  return new Set(
    issues.map((issue: { path?: unknown }) => {
      if (!Array.isArray(issue.path)) return fail("an issue without a path", body)
      return issue.path.length === 0 ? WHOLE : String(issue.path[0])
    }),
  )
}

/**
 * The fields today's sentences name. A sentence is `property <name> should not exist` for an unknown name,
 * `request body ...` for the body itself, and otherwise starts with the field's name (then a nested path
 * after a dot, or the words after a space or a colon): the longest name the input has, or the schema knows,
 * that the sentence starts with followed by one of those wins. ParseIntPipe's sentence names no field: it
 * stands for `limit` and/or `offset`, whichever the query does not hold as one numeric string.
 */
const todaysFields = (
  json: unknown,
  body: string,
  input: Readonly<Record<string, unknown>>,
  route: WireRoute,
  known: ReadonlyArray<string>,
): { fields: Set<string>; partial: boolean } => {
  const message = (json as { message?: unknown })?.message
  if (message === PARSE_INT) {
    const query = new URLSearchParams(queryString(input, route))
    const notNumeric = ["limit", "offset"].filter((name) => {
      const values = query.getAll(name)
      return values.length > 0 && (values.length > 1 || !NUMERIC.test(values[0]!))
    })
    if (notNumeric.length === 0) return fail("ParseIntPipe's message for numeric limit and offset", body)
    return { fields: new Set(notNumeric), partial: true }
  }
  if (!Array.isArray(message) || message.length === 0) return fail("no list of sentences", body)
  const toSdk = new Map(Object.entries(route.wireNames ?? {}).map(([sdk, wire]) => [wire, sdk]))
  const candidates = [...new Set([...Object.keys(input), ...known].map((name) => wireName(route, name)))]
    .filter((name) => name !== "")
    .sort((a, b) => b.length - a.length)
  const fields = new Set<string>()
  for (const sentence of message) {
    if (typeof sentence !== "string") return fail("a sentence that is not a string", body)
    const unknown = /^property (.*) should not exist$/s.exec(sentence)
    if (unknown !== null) {
      fields.add(toSdk.get(unknown[1]!) ?? unknown[1]!)
      continue
    }
    if (sentence.startsWith("request body ")) {
      fields.add(WHOLE)
      continue
    }
    const name = candidates.find((c) => sentence.startsWith(c) && /^[ .:]/.test(sentence.slice(c.length)))
    if (name === undefined) return fail(`a sentence naming no field: ${JSON.stringify(sentence)}`, body)
    fields.add(toSdk.get(name) ?? name)
  }
  return { fields, partial: false }
}

// node:http rather than `fetch`: a few thousand requests cost a third of the time, over kept-alive sockets.
const agent = new Agent({ keepAlive: true })

/** One HTTP request on 127.0.0.1: the status and the body as text. */
const send = (
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<{ readonly status: number; readonly body: string }> =>
  new Promise((resolve, reject) => {
    const length = body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) }
    const req = request(url, { method, headers: { ...headers, ...length }, agent }, (res) => {
      const chunks: Array<Buffer> = []
      res.on("data", (chunk: Buffer) => chunks.push(chunk))
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
      )
      res.on("error", reject)
    })
    req.on("error", reject)
    req.end(body)
  })

/** Closes the kept-alive sockets of {@link sendRaw}. */
export const closeConnections = (): void => agent.destroy()

/**
 * Sends `input` as is to `route` (JSON body with `content-type: application/json`, or the query string the
 * SDK would write) with the API key, and reads the fields a 400 names. `known` are the names the SDK's
 * schema has, for reading today's sentences.
 */
export const sendRaw = async (
  route: WireRoute,
  apiKey: string,
  input: Readonly<Record<string, unknown>>,
  known: ReadonlyArray<string>,
): Promise<SandboxVerdict> => {
  const query = route.place === "query" ? queryString(input, route) : ""
  const response = await send(
    route.method,
    query === "" ? route.url : `${route.url}?${query}`,
    {
      "x-api-key": apiKey,
      ...(route.place === "body" ? { "content-type": "application/json" } : {}),
    },
    route.place === "body" ? JSON.stringify(input) : undefined,
  )
  const { body } = response
  if (response.status !== 400) return { status: response.status, fields: new Set(), partial: false, body }
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return fail("a 400 that is not JSON", body)
  }
  if (route.generation === "v1") return { status: 400, fields: v1Fields(json, body), partial: false, body }
  return { status: 400, ...todaysFields(json, body, input, route, known), body }
}
