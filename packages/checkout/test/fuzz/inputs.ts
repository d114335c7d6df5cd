/**
 * Generated calls of the ten operations for the property-based tests: valid ones, and invalid ones built
 * from a valid call by exactly one mutation, each knowing where its issue must be reported.
 */
import * as fc from "fast-check"

export type Resource = "checkoutSessions" | "paymentLinks"
export type Verb = "create" | "list" | "retrieve" | "update" | "delete"
export type Api = "promise" | "effect"
export type Path = ReadonlyArray<string | number>

/** One generated call: its operation, its arguments, and what must come of it. */
export interface Call {
  readonly resource: Resource
  readonly verb: Verb
  /** `iterate`: `for await` over a Promise list; `stream`: the Effect list stream. */
  readonly variant: "plain" | "withMeta" | "iterate" | "stream"
  /** The operation's own arguments (id, params or query), without the options. */
  readonly args: ReadonlyArray<unknown>
  /** Whether an options argument is passed, and which. */
  readonly options: { readonly given: false } | { readonly given: true; readonly value: unknown }
  readonly expect:
    | { readonly valid: true }
    | { readonly valid: false; readonly path: Path; readonly label: string }
}

const ID_PARAM: Record<Resource, string> = { checkoutSessions: "session_id", paymentLinks: "link_id" }

// ---------------------------------------------------------------------------------------------- strings

// biome-ignore lint/suspicious/noControlCharactersInRegex: the generators must not produce what they test.
const CONTROL = /[\u0000-\u001f\u007f]/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const line = fc.string({ unit: "grapheme", maxLength: 24 }).filter((s) => !CONTROL.test(s))
const nonEmpty = line.filter((s) => s.trim().length > 0)
const text = fc.string({ unit: "grapheme", maxLength: 40 })
const url = fc.webUrl({ withQueryParameters: true, withFragments: true }).filter((s) => URL.canParse(s))
const email = fc.emailAddress().filter((s) => EMAIL.test(s) && !CONTROL.test(s))
const dateTime = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString())
const id = fc.oneof(fc.uuid(), nonEmpty).filter((s) => s !== "." && s !== "..")

/** A string with a control character somewhere. */
const withControl = fc
  .tuple(line, fc.integer({ min: 0, max: 32 }), line)
  .map(([a, c, b]) => `${a}${String.fromCharCode(c === 32 ? 0x7f : c)}${b}`)
/** A string with a lone surrogate somewhere (a high one before `x`, or a low one after `x`). */
const withLoneSurrogate = fc
  .tuple(line, fc.constantFrom("\ud800x", "\udbffx", "x\udc00", "x\udfff"), line)
  .map(([a, s, b]) => `${a}${s}${b}`)

// ------------------------------------------------------------------------------------------------ JSON

const jsonValue = fc.jsonValue({ maxDepth: 3, stringUnit: "grapheme" })
const plainObject = fc.dictionary(fc.string({ unit: "grapheme", maxLength: 8 }), jsonValue, { maxKeys: 4 })
/** Plain JSON objects, some behind a Proxy that changes nothing, some without a prototype. */
const jsonObject = fc.oneof(
  plainObject,
  plainObject.map((o) => new Proxy(o, {})),
  plainObject.map((o) => Object.assign(Object.create(null), o)),
)

const nested = (depth: number): unknown => {
  let value: unknown = {}
  for (let i = 1; i < depth; i++) value = i % 2 === 0 ? [value] : { d: value }
  return value
}
class Money {
  amount = 1
}
class Items extends Array {}

/** Values that are not plain JSON, each with its name. Factories, so no two calls share an object. */
const hostileJson: fc.Arbitrary<{ readonly label: string; readonly make: () => unknown }> = fc.oneof(
  fc.bigInt().map((n) => ({ label: "bigint", make: () => n })),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY).map((n) => ({
    label: "NaN or Infinity",
    make: () => n,
  })),
  fc.constant({ label: "function", make: () => () => 1 }),
  fc.string().map((s) => ({ label: "symbol", make: () => Symbol(s) })),
  fc.constant({ label: "undefined", make: () => undefined }),
  fc.constant({ label: "undefined in an array", make: () => [1, undefined] }),
  fc.constant({ label: "hole", make: () => Object.assign(new Array(3), { 0: 1 }) }),
  fc.constant({
    label: "getter that throws",
    make: () => ({
      get g(): number {
        throw new Error("getter")
      },
    }),
  }),
  fc.constant({
    label: "getter",
    make: () => ({
      get g() {
        return 1
      },
    }),
  }),
  fc.constant({ label: "toJSON", make: () => ({ toJSON: () => "x" }) }),
  fc
    .constantFrom<[string, () => unknown]>(
      ["Date", () => new Date(0)],
      ["Map", () => new Map([["a", 1]])],
      ["Set", () => new Set([1])],
      ["RegExp", () => /x/],
      ["Error", () => new Error("x")],
      ["Uint8Array", () => new Uint8Array(2)],
      ["class instance", () => new Money()],
      ["Array subclass", () => Items.from([1])],
      ["boxed number", () => Object(1)],
      ["object with a prototype", () => Object.create({ inherited: 1 })],
    )
    .map(([label, make]) => ({ label, make })),
  fc.constant({
    label: "cycle",
    make: () => {
      const o: { a: Array<unknown> } = { a: [1] }
      o.a.push({ back: o })
      return o
    },
  }),
  fc.integer({ min: 33, max: 5000 }).map((depth) => ({ label: "deep nesting", make: () => nested(depth) })),
  fc.constantFrom("ownKeys", "getPrototypeOf", "getOwnPropertyDescriptor").map((trap) => ({
    label: "Proxy whose traps throw",
    make: () =>
      new Proxy(
        { a: 1 },
        {
          [trap]: () => {
            throw new Error("trap")
          },
        },
      ),
  })),
  withLoneSurrogate.map((s) => ({ label: "lone surrogate", make: () => s })),
  withLoneSurrogate.map((s) => ({ label: "lone surrogate in a key", make: () => ({ [s]: 1 }) })),
  fc.constant({ label: "symbol key", make: () => ({ [Symbol("k")]: 1 }) }),
  fc.constant({
    label: "non-enumerable property",
    make: () => Object.defineProperty({}, "hidden", { value: 1, enumerable: false }),
  }),
)

const segment = fc.oneof(fc.string({ unit: "grapheme", maxLength: 6 }), fc.integer({ min: 0, max: 3 }))

/** A JSON object with a hostile value somewhere inside, and where it is. */
const objectWithHostile = fc
  .tuple(fc.array(segment, { maxLength: 3 }), hostileJson)
  .map(([path, hostile]) => {
    // A key first, so the outermost value is an object; an empty path puts the hostile value at the top.
    const fullPath: Path = path.length === 0 ? [] : typeof path[0] === "number" ? ["k", ...path] : path
    let value = hostile.make()
    for (let i = fullPath.length - 1; i >= 0; i--) {
      const step = fullPath[i]!
      const inner = value
      value =
        typeof step === "number"
          ? Array.from({ length: step + 1 }, (_, j) => (j === step ? inner : 0))
          : { [step]: inner }
    }
    return { value, path: fullPath, label: hostile.label }
  })

// ------------------------------------------------------------------------------------------------ fields

type Kind =
  | "amount"
  | "currency"
  | "nonEmpty"
  | "line"
  | "text"
  | "url"
  | "email"
  | "quantity"
  | "boolean"
  | "dateTime"
  | "json"
  | "status"

const GOOD: Record<Kind, fc.Arbitrary<unknown>> = {
  amount: fc.oneof(
    fc.integer({ min: 1, max: 1_000_000_000 }),
    fc.double({ min: Number.MIN_VALUE, max: 1e12, noNaN: true, noDefaultInfinity: true }),
  ),
  currency: fc.constantFrom("XOF", "USD", "EUR"),
  nonEmpty,
  line,
  text,
  url,
  email,
  quantity: fc.integer({ min: 1, max: 1000 }),
  boolean: fc.boolean(),
  dateTime,
  json: jsonObject,
  status: fc.constantFrom("open", "completed", "expired"),
}

const notAString = fc.constantFrom<unknown>(5, null, true, [], {})
const BAD: Record<Kind, fc.Arbitrary<unknown>> = {
  amount: fc.constantFrom<unknown>(0, -1, -0.5, Number.NaN, Number.POSITIVE_INFINITY, "100", null, {}, 10n),
  currency: fc.constantFrom<unknown>("GBP", "xof", "", 1, null),
  nonEmpty: fc.oneof(fc.constantFrom<unknown>("", "   ", 5, null), withControl, withLoneSurrogate),
  line: fc.oneof(notAString, withControl, withLoneSurrogate),
  text: fc.oneof(notAString, withLoneSurrogate),
  url: fc.oneof(
    fc.constantFrom<unknown>("ftp://example.com/x", "not a url", "/relative", "mailto:a@b.co", 5),
    withControl.map((s) => `https://example.com/${s}`),
    withLoneSurrogate.map((s) => `https://example.com/${s}`),
  ),
  email: fc.oneof(
    fc.constantFrom<unknown>("no-at", "a@b", "a b@c.de", "@b.co", 5),
    withControl.map((s) => `a${s}@b.co`),
    withLoneSurrogate.map((s) => `a${s}@b.co`),
  ),
  quantity: fc.constantFrom<unknown>(0, -1, 1.5, Number.NaN, "2", null),
  boolean: fc.constantFrom<unknown>("true", 1, null, {}),
  dateTime: fc.constantFrom<unknown>("tomorrow", "2026-13-01T00:00:00Z", "2026-01-01", "12:00", 5),
  json: fc.constantFrom<unknown>([], null, "x", 5, true),
  status: fc.constantFrom<unknown>("paid", "OPEN", 1, null),
}

const SESSION_FIELDS: Record<string, Kind> = {
  amount: "amount",
  currency_code: "currency",
  title: "nonEmpty",
  public_description: "text",
  success_url: "url",
  cancel_url: "url",
  customer_email: "email",
  customer_name: "nonEmpty",
  customer_phone: "nonEmpty",
  customer_id: "nonEmpty",
  product_id: "nonEmpty",
  price_id: "nonEmpty",
  payment_link_id: "nonEmpty",
  payment_request_id: "nonEmpty",
  subscription_id: "nonEmpty",
  installment_plan_id: "nonEmpty",
  quantity: "quantity",
  allow_quantity: "boolean",
  allow_coupon_code: "boolean",
  allowed_providers: "line",
  expires_at: "dateTime",
  metadata: "json",
  is_pos: "boolean",
  is_spi: "boolean",
  spi_account_number: "nonEmpty",
  spi_qr_code_id: "nonEmpty",
  qr_code_type: "line",
  qr_code_data: "json",
  status: "status",
}

const LINK_FIELDS: Record<string, Kind> = {
  title: "nonEmpty",
  amount: "amount",
  currency_code: "currency",
  link_type: "nonEmpty",
  description: "text",
  public_description: "text",
  private_description: "text",
  product_id: "nonEmpty",
  price_id: "nonEmpty",
  quantity: "quantity",
  allow_quantity: "boolean",
  allow_coupon_code: "boolean",
  allowed_providers: "line",
  success_url: "url",
  cancel_url: "url",
  expires_at: "dateTime",
  is_active: "boolean",
  metadata: "json",
}

/** The fields each body takes, with the ones it requires. */
const BODIES: Record<
  Resource,
  Record<"create" | "update", { fields: Record<string, Kind>; required: Array<string> }>
> = {
  checkoutSessions: {
    create: {
      fields: { ...SESSION_FIELDS, checkout_session_id: "nonEmpty" },
      required: ["amount", "currency_code"],
    },
    update: { fields: SESSION_FIELDS, required: [] },
  },
  paymentLinks: {
    create: {
      fields: { ...LINK_FIELDS, link_id: "nonEmpty", url: "url" },
      required: ["title", "amount", "currency_code"],
    },
    update: { fields: LINK_FIELDS, required: [] },
  },
}

const record = (fields: Record<string, Kind>, required: Array<string>) =>
  fc.record(
    Object.fromEntries(Object.entries(fields).map(([name, kind]) => [name, GOOD[kind]])) as Record<
      string,
      fc.Arbitrary<unknown>
    >,
    { requiredKeys: required },
  )

const validBody = (resource: Resource, verb: "create" | "update"): fc.Arbitrary<Record<string, unknown>> => {
  const { fields, required } = BODIES[resource][verb]
  const body = record(fields, required).filter((b) => Object.keys(b).length > 0)
  if (resource !== "paymentLinks" || verb !== "create") return body
  // A product link needs neither title, amount nor currency.
  const product = record(LINK_FIELDS, []).map((b) => ({ ...b, link_type: "product" }))
  return fc.oneof(body, product)
}

const SORTS = ["created_at", "updated_at", "amount", "title", "expires_at"].flatMap((f) => [
  `${f}:asc`,
  `${f}:desc`,
])
const listQuery = fc.oneof(
  fc.constant(undefined),
  fc.record(
    {
      limit: fc.integer({ min: 1, max: 100 }),
      offset: fc.integer({ min: 0, max: 10_000 }),
      sort: fc.constantFrom(...SORTS),
    },
    { requiredKeys: [] },
  ),
)

// --------------------------------------------------------------------------------------------- options

const headerName = fc.stringMatching(/^x-[a-z0-9-]{1,12}$/)
const headerValue = fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,18}[\x21-\x7e])?$/)
const coreOptions = fc.record(
  {
    idempotencyKey: fc.oneof(fc.constant(false), fc.stringMatching(/^[\x21-\x7e]{1,40}$/)),
    timeout: fc.oneof(fc.integer({ min: 5_000, max: 60_000 }), fc.constantFrom("10 seconds", "1 minute")),
    maxRetries: fc.integer({ min: 0, max: 3 }),
    deadline: fc.integer({ min: 10_000, max: 120_000 }),
    headers: fc.dictionary(headerName, headerValue, { maxKeys: 3 }),
  },
  { requiredKeys: [] },
)
const validOptions = (api: Api) =>
  api === "effect"
    ? coreOptions
    : fc
        .tuple(coreOptions, fc.boolean())
        .map(([options, withSignal]) =>
          withSignal ? { ...options, signal: new AbortController().signal } : options,
        )

const FORBIDDEN = [
  "Host",
  "connection",
  "Content-Length",
  "transfer-encoding",
  "Upgrade",
  "keep-alive",
  "TE",
  "trailer",
  "Expect",
  "proxy-authorization",
  "Proxy-Anything",
  "accept-encoding",
  "X-API-KEY",
  "idempotency-key",
]
const KNOWN_OPTIONS = new Set(["idempotencyKey", "timeout", "maxRetries", "deadline", "headers", "signal"])
const badDuration = fc.constantFrom<unknown>(
  0,
  -1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  "soon",
  {},
  [],
  null,
  true,
)

/** Options a call must refuse, with where the issue is and a name for the report. */
const hostileOptions: fc.Arbitrary<{
  readonly value: () => unknown
  readonly path: Path
  readonly label: string
}> = fc.oneof(
  fc
    .constantFrom<[string, () => unknown]>(
      ["null", () => null],
      ["an array", () => []],
      ["a number", () => 5],
      ["a string", () => "order-1"],
      ["a function", () => () => ({})],
      [
        "a Proxy whose traps throw",
        () =>
          new Proxy(
            {},
            {
              ownKeys: () => {
                throw new Error("trap")
              },
            },
          ),
      ],
    )
    .map(([label, value]) => ({ value, path: ["options"], label: `options: ${label}` })),
  fc
    .string({ minLength: 1, maxLength: 16 })
    .filter((k) => !KNOWN_OPTIONS.has(k) && k !== "__proto__")
    .map((k) => ({ value: () => ({ [k]: "x" }), path: ["options", k], label: "options: unknown name" })),
  fc.constant({
    value: () => ({ idempotencykey: "order-1" }),
    path: ["options", "idempotencykey"],
    label: "options: unknown name",
  }),
  fc.constantFrom<unknown>({}, "signal", 1, { aborted: "no" }).map((signal) => ({
    value: () => ({ signal }),
    path: ["options", "signal"],
    label: "options: bad signal",
  })),
  fc.tuple(fc.constantFrom("timeout", "deadline"), badDuration).map(([name, bad]) => ({
    value: () => ({ [name]: bad }),
    path: ["options", name],
    label: `options: bad ${name}`,
  })),
  fc.constantFrom<unknown>(-1, 11, 1.5, "2", Number.NaN).map((bad) => ({
    value: () => ({ maxRetries: bad }),
    path: ["options", "maxRetries"],
    label: "options: bad maxRetries",
  })),
  fc.constantFrom<unknown>("", "has space", "x".repeat(256), 5, true, "caf\u00e9").map((bad) => ({
    value: () => ({ idempotencyKey: bad }),
    path: ["options", "idempotencyKey"],
    label: "options: bad idempotencyKey",
  })),
  fc
    .constantFrom<[string, () => unknown]>(
      ["not an object", () => "x-a: 1"],
      ["null", () => null],
      ["a Headers", () => new Headers({ "x-a": "1" })],
      ["a Map", () => new Map([["x-a", "1"]])],
      ["a bad name", () => ({ "x a": "1" })],
      ["a value that is not a string", () => ({ "x-a": 1 })],
      ["a line break in a value", () => ({ "x-a": "a\r\nb" })],
    )
    .map(([label, headers]) => ({
      value: () => ({ headers: headers() }),
      path: ["options", "headers"],
      label: `options: headers ${label}`,
    })),
  fc.tuple(fc.constantFrom(...FORBIDDEN), headerValue).map(([name, value]) => ({
    value: () => ({ headers: { [name]: value } }),
    path: ["options", "headers"],
    label: "options: forbidden header",
  })),
  fc.constantFrom("timeout", "maxRetries", "headers", "idempotencyKey").map((name) => ({
    value: () =>
      Object.defineProperty({}, name, {
        enumerable: true,
        get: () => {
          throw new Error("getter")
        },
      }),
    path: ["options", name],
    label: "options: getter that throws",
  })),
)

// ------------------------------------------------------------------------------------------------ calls

const VERBS: ReadonlyArray<Verb> = ["create", "list", "retrieve", "update", "delete"]
const RESOURCES: ReadonlyArray<Resource> = ["checkoutSessions", "paymentLinks"]

const variants = (api: Api, verb: Verb) =>
  fc.constantFrom<Call["variant"]>(
    ...(verb === "list"
      ? (["plain", "withMeta", api === "promise" ? "iterate" : "stream"] as const)
      : (["plain", "withMeta"] as const)),
  )

/** The operation's own arguments, valid. */
const validArgs = (resource: Resource, verb: Verb): fc.Arbitrary<ReadonlyArray<unknown>> => {
  switch (verb) {
    case "create":
      return validBody(resource, "create").map((body) => [body])
    case "update":
      return fc.tuple(id, validBody(resource, "update"))
    case "list":
      // The query's place is kept even when it is undefined, so options stay in theirs.
      return listQuery.map((query) => [query])
    default:
      return id.map((value) => [value])
  }
}

// Invalid calls lean towards the operations with a body, which have the most ways to be wrong.
const VERB_WEIGHTS: Record<"even" | "bodies", Record<Verb, number>> = {
  even: { create: 1, list: 1, retrieve: 1, update: 1, delete: 1 },
  bodies: { create: 3, list: 2, retrieve: 1, update: 3, delete: 1 },
}

const operation = (api: Api, weights: keyof typeof VERB_WEIGHTS = "even") =>
  fc
    .tuple(
      fc.constantFrom(...RESOURCES),
      fc.oneof(
        ...VERBS.map((verb) => ({ arbitrary: fc.constant(verb), weight: VERB_WEIGHTS[weights][verb] })),
      ),
    )
    .chain(([resource, verb]) => fc.tuple(fc.constant(resource), fc.constant(verb), variants(api, verb)))

const describeCall = (call: Omit<Call, "toString">): string =>
  `${call.resource}.${call.variant === "withMeta" ? "withMeta." : ""}${call.verb}` +
  `${call.variant === "iterate" || call.variant === "stream" ? ` (${call.variant})` : ""}` +
  ` ${call.expect.valid ? "valid" : `${call.expect.label} at ${call.expect.path.join(".")}`}`

// fast-check prints a failing call with this instead of walking values that may throw when read.
const named = (call: Call): Call => Object.assign(call, { [fc.toStringMethod]: () => describeCall(call) })

/** A valid call of any of the ten operations, through any of its variants, with or without options. */
export const validCall = (api: Api): fc.Arbitrary<Call> =>
  operation(api).chain(([resource, verb, variant]) =>
    fc
      .tuple(validArgs(resource, verb), fc.option(validOptions(api), { nil: undefined }))
      .map(([args, options]) =>
        named({
          resource,
          verb,
          variant,
          args,
          options: options === undefined ? { given: false } : { given: true, value: options },
          expect: { valid: true },
        }),
      ),
  )

/** One mutation of a valid call's own arguments, with where its issue must be. */
const invalidArgs = (
  resource: Resource,
  verb: Verb,
): fc.Arbitrary<{ args: ReadonlyArray<unknown>; path: Path; label: string }> => {
  const idParam = ID_PARAM[resource]
  const badId = fc
    .oneof(
      fc.constantFrom<unknown>("", ".", "..", 5, null, undefined, {}, ["cs_1"]),
      withControl,
      withLoneSurrogate,
    )
    .map((value) => ({ value, path: ["path", idParam] as Path, label: "bad id" }))
  const badBody = (kind: "create" | "update") => {
    const { fields, required } = BODIES[resource][kind]
    const names = Object.keys(fields)
    return fc.oneof(
      // One field with a bad value.
      fc.tuple(validBody(resource, kind), fc.constantFrom(...names)).chain(([body, name]) =>
        BAD[fields[name]!].map((bad) => ({
          value: { ...body, [name]: bad },
          path: ["body", name] as Path,
          label: `bad ${fields[name]}`,
        })),
      ),
      // A field the operation does not take.
      fc
        .tuple(validBody(resource, kind), fc.string({ minLength: 1, maxLength: 12 }))
        .filter(([, name]) => !(name in fields) && name !== "__proto__")
        .map(([body, name]) => ({
          value: { ...body, [name]: 1 },
          path: ["body", name] as Path,
          label: "unknown field",
        })),
      // metadata (or qr_code_data) that is not plain JSON.
      {
        weight: 5,
        arbitrary: fc
          .tuple(
            validBody(resource, kind),
            fc.constantFrom(...names.filter((n) => fields[n] === "json")),
            objectWithHostile,
          )
          .map(([body, name, hostile]) => ({
            value: { ...body, [name]: hostile.value },
            path: ["body", name, ...hostile.path] as Path,
            label: `JSON: ${hostile.label}`,
          })),
      },
      // Not an object at all, or one that throws when read.
      fc
        .constantFrom<[string, () => unknown]>(
          ["null", () => null],
          ["undefined", () => undefined],
          ["a number", () => 5],
          ["a string", () => "{}"],
          ["an array", () => []],
          ["a bigint", () => 10n],
          ["a function", () => () => ({})],
          ["a Date", () => new Date()],
          [
            "a Proxy whose traps throw",
            () =>
              new Proxy(
                {},
                {
                  ownKeys: () => {
                    throw new Error("trap")
                  },
                },
              ),
          ],
          ...(kind === "update" ? ([["empty", () => ({})]] as Array<[string, () => unknown]>) : []),
        )
        .map(([label, make]) => ({ value: make(), path: ["body"] as Path, label: `body: ${label}` })),
      // A required field left out.
      ...(required.length > 0
        ? [
            fc
              .tuple(validBody(resource, kind), fc.constantFrom(...required))
              .filter(([body]) => body.link_type !== "product")
              .map(([body, name]) => {
                const { [name]: _dropped, ...rest } = body
                return { value: rest, path: ["body", name] as Path, label: "missing required field" }
              }),
          ]
        : []),
    )
  }
  switch (verb) {
    case "create":
      return badBody("create").map(({ value, path, label }) => ({ args: [value], path, label }))
    case "update":
      return fc.oneof(
        fc
          .tuple(badId, validBody(resource, "update"))
          .map(([bad, body]) => ({ args: [bad.value, body], path: bad.path, label: bad.label })),
        fc
          .tuple(id, badBody("update"))
          .map(([good, bad]) => ({ args: [good, bad.value], path: bad.path, label: bad.label })),
      )
    case "list":
      return fc.oneof(
        fc
          .constantFrom<[string, unknown]>(
            ...[0, -1, 101, 1.5, "10", null, Number.NaN].map((bad): [string, unknown] => ["limit", bad]),
            ...[-1, 1.5, "10", null, Number.NaN].map((bad): [string, unknown] => ["offset", bad]),
            ...["colour:asc", "amount", "", 5, null].map((bad): [string, unknown] => ["sort", bad]),
          )
          .map(([name, bad]) => ({
            args: [{ [name]: bad }],
            path: ["query", name] as Path,
            label: `bad ${name}`,
          })),
        fc
          .string({ minLength: 1, maxLength: 12 })
          .filter((k) => !["limit", "offset", "sort", "__proto__"].includes(k))
          .map((k) => ({ args: [{ [k]: 1 }], path: ["query", k] as Path, label: "unknown query field" })),
        fc
          .constantFrom<unknown>(5, "limit=5", [], true)
          .map((q) => ({ args: [q], path: ["query"] as Path, label: "query: not an object" })),
      )
    default:
      return badId.map((bad) => ({ args: [bad.value], path: bad.path, label: bad.label }))
  }
}

/** A call with exactly one bad argument of its own (options valid or absent). */
export const invalidCall = (api: Api): fc.Arbitrary<Call> =>
  operation(api, "bodies").chain(([resource, verb, variant]) =>
    fc
      .tuple(invalidArgs(resource, verb), fc.option(validOptions(api), { nil: undefined }))
      .map(([bad, options]) =>
        named({
          resource,
          verb,
          variant,
          args: bad.args,
          options: options === undefined ? { given: false } : { given: true, value: options },
          expect: { valid: false, path: bad.path, label: bad.label },
        }),
      ),
  )

/** A valid call whose options are bad. */
export const hostileOptionsCall = (api: Api): fc.Arbitrary<Call> =>
  operation(api).chain(([resource, verb, variant]) =>
    fc.tuple(validArgs(resource, verb), hostileOptions).map(([args, bad]) => {
      // The Effect API has no `signal`: there it is an unknown option, at the same path.
      const label =
        api === "effect" && bad.label === "options: bad signal" ? "options: unknown name" : bad.label
      return named({
        resource,
        verb,
        variant,
        args,
        options: { given: true, value: bad.value() },
        expect: { valid: false, path: bad.path, label },
      })
    }),
  )
