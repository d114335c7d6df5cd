/**
 * Generated calls of the ten operations for the property-based tests: valid ones, and invalid ones built
 * from a valid call by exactly one mutation, each knowing where its issue must be reported.
 */
import * as fc from "fast-check"
import { BAD, BODIES, listQuery, validBody } from "./fields.js"
import { hostileOptions, validOptions } from "./options.js"
import { id, objectWithHostile, withControl, withLoneSurrogate } from "./values.js"

export type Resource = "checkoutSessions" | "paymentLinks"
export type Verb = "create" | "list" | "retrieve" | "update" | "delete"
export type Api = "promise" | "effect"
export type Path = ReadonlyArray<string | number>

/** One generated call: its operation, its arguments, and what must come of it. */
export interface Call {
  readonly resource: Resource
  readonly verb: Verb
  /** `iterate`: `for await` over a Promise list; `stream`: the Effect list stream. */
  readonly variant: "plain" | "withResponse" | "withMeta" | "iterate" | "stream"
  /** The operation's own arguments (id, params or query), without the options. */
  readonly args: ReadonlyArray<unknown>
  /** Whether an options argument is passed, and which. */
  readonly options: { readonly given: false } | { readonly given: true; readonly value: unknown }
  readonly expect:
    | { readonly valid: true }
    | { readonly valid: false; readonly path: Path; readonly label: string }
}

const ID_PARAM: Record<Resource, string> = { checkoutSessions: "session_id", paymentLinks: "link_id" }

const VERBS: ReadonlyArray<Verb> = ["create", "list", "retrieve", "update", "delete"]
const RESOURCES: ReadonlyArray<Resource> = ["checkoutSessions", "paymentLinks"]

const variants = (api: Api, verb: Verb) =>
  fc.constantFrom<Call["variant"]>(
    ...(verb === "list"
      ? (["plain", "withResponse", "withMeta", api === "promise" ? "iterate" : "stream"] as const)
      : (["plain", "withResponse", "withMeta"] as const)),
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
  `${call.variant === "withResponse" ? " (withResponse)" : ""}` +
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
      {
        weight: 5,
        arbitrary: fc.tuple(validBody(resource, kind), fc.constantFrom(...names)).chain(([body, name]) =>
          BAD[fields[name]!].map((bad) => ({
            value: { ...body, [name]: bad },
            path: ["body", name] as Path,
            label: `bad ${fields[name]}`,
          })),
        ),
      },
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
        weight: 4,
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
        {
          weight: 4,
          arbitrary: fc
            .tuple(id, badBody("update"))
            .map(([good, bad]) => ({ args: [good, bad.value], path: bad.path, label: bad.label })),
        },
      )
    case "list":
      return fc.oneof(
        fc
          .constantFrom<[string, unknown]>(
            ...[0, -1, 101, 1.5, "10", null, Number.NaN].map((bad): [string, unknown] => ["limit", bad]),
            ...[-1, 1.5, 2 ** 53, 1e21, "10", null, Number.NaN].map((bad): [string, unknown] => [
              "offset",
              bad,
            ]),
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
