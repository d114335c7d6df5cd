import * as Exit from "effect/Exit"
import * as Schema from "effect/Schema"
import { describe, expect, it } from "vitest"
import type { LomiValidationError } from "../src/Errors.js"
import { makeOperation } from "../src/Operation.js"
import { JsonObject, JsonValue } from "../src/Schemas.js"
import * as Spec from "../src/Spec.js"
import { client, run, runFailure } from "./support/client.js"
import { serverPerTest } from "./support/server.js"

const startServer = serverPerTest()

// An operation whose body schema lets anything through, to show core's own check of every body.
const anything = makeOperation({
  name: "create_thing",
  method: "POST",
  path: "/things",
  body: Spec.struct({ data: Spec.unknown }),
})
// The resource-package way: the field is a JSON object.
const withMetadata = makeOperation({
  name: "create_thing",
  method: "POST",
  path: "/things",
  body: Spec.struct({ metadata: Spec.jsonObject, qr: Spec.optional(Spec.jsonValue) }),
})

const cycle = (): object => {
  const a: Record<string, unknown> = { ok: 1 }
  a.self = { back: a }
  return a
}
const nested = (depth: number): unknown => {
  let value: unknown = {}
  for (let i = 1; i < depth; i++) value = { d: value }
  return value
}
// The path itself, or for deep nesting, where it starts (the cut-off level differs between a field and a body).
const pathLike = (path: ReadonlyArray<string | number>) =>
  path.includes("deep") ? expect.arrayContaining([...path]) : path

class Money {
  amount = 1
}

// Values JSON.stringify throws on, recurses into until the stack overflows, or changes without a word.
const hostile: ReadonlyArray<[string, () => unknown, ReadonlyArray<string | number>, RegExp]> = [
  ["a cycle", cycle, ["self", "back"], /Circular/],
  ["a bigint", () => ({ a: { b: [1, 2, 3, 10n] } }), ["a", "b", 3], /bigint/],
  ["NaN", () => ({ n: Number.NaN }), ["n"], /finite number, got NaN/],
  ["Infinity", () => ({ n: [Number.NEGATIVE_INFINITY] }), ["n", 0], /finite number/],
  ["a function", () => ({ f: () => 1 }), ["f"], /got a function/],
  ["a symbol", () => ({ s: Symbol("s") }), ["s"], /got a symbol/],
  ["a symbol key", () => ({ [Symbol("k")]: 1 }), [], /string keys/],
  ["undefined", () => ({ u: undefined }), ["u"], /got undefined/],
  ["undefined in an array", () => ({ a: [1, undefined] }), ["a", 1], /got undefined/],
  ["a hole", () => ({ a: Object.assign(new Array(3), { 0: 1, 2: 3 }) }), ["a", 1], /hole/],
  ["a Date", () => ({ d: new Date(0) }), ["d"], /plain object, got a Date/],
  ["a Map", () => ({ m: new Map() }), ["m"], /plain object, got a Map/],
  ["a class instance", () => ({ m: new Money() }), ["m"], /plain object, got a Money/],
  [
    "a toJSON that throws",
    () => ({
      toJSON: () => {
        throw new Error("boom")
      },
    }),
    ["toJSON"],
    /function/,
  ],
  [
    "a getter that throws",
    () => ({
      get g() {
        throw new Error("getter")
      },
    }),
    ["g"],
    /getter/,
  ],
  ["a lone surrogate", () => ({ s: ["ok", "a\ud800b"] }), ["s", 1], /lone UTF-16 surrogate/],
  ["a lone surrogate in a key", () => ({ "\udc00": 1 }), ["\udc00"], /Key: .*surrogate/],
  [
    "5,000 levels of nesting",
    () => ({ deep: nested(5000) }),
    ["deep", ...Array(31).fill("d")],
    /Nested too deep/,
  ],
  [
    "a sparse array of a billion",
    () => ({ a: Object.assign([], { length: 1e9 }) }),
    ["a"],
    /Too many values/,
  ],
  [
    "a Proxy whose traps throw",
    () => ({
      p: new Proxy(
        {},
        {
          ownKeys: () => {
            throw new Error("trap")
          },
        },
      ),
    }),
    ["p"],
    /Could not be read: trap/,
  ],
  [
    "a non-enumerable property",
    () => Object.defineProperty({}, "hidden", { value: 1 }),
    ["hidden"],
    /enumerable/,
  ],
]

describe("JsonValue and JsonObject", () => {
  const decode = (schema: Schema.Codec<unknown, unknown>, value: unknown) =>
    Schema.decodeUnknownExit(schema)(value, { errors: "all" })

  it("accept plain JSON and yield a copy made of fresh objects", () => {
    const input = { a: [1, "x", null, true, { b: -0 }], "": {}, nested: nested(31) }
    const exit = decode(JsonObject as Schema.Codec<unknown, unknown>, input)
    expect(Exit.isSuccess(exit)).toBe(true)
    if (!Exit.isSuccess(exit)) return
    expect(exit.value).toEqual(input)
    expect(exit.value).not.toBe(input)
    expect((exit.value as { a: unknown }).a).not.toBe(input.a)
    expect(Exit.isSuccess(decode(JsonValue as Schema.Codec<unknown, unknown>, [1, "two"]))).toBe(true)
    expect(Exit.isSuccess(decode(JsonValue as Schema.Codec<unknown, unknown>, null))).toBe(true)
  })

  it("JsonObject refuses arrays, null and scalars", () => {
    for (const value of [[], null, "x", 1]) {
      expect(Exit.isFailure(decode(JsonObject as Schema.Codec<unknown, unknown>, value))).toBe(true)
    }
  })

  it("keeps a key named __proto__ as data", () => {
    const exit = decode(JsonObject as Schema.Codec<unknown, unknown>, JSON.parse('{"__proto__":{"x":1}}'))
    expect(Exit.isSuccess(exit) && JSON.stringify(exit.value)).toBe('{"__proto__":{"x":1}}')
  })
})

describe("a request body must be plain JSON", () => {
  it.each(hostile)(
    "%s in a JsonObject field: a LomiValidationError naming the path, nothing sent",
    async (_label, make, path, message) => {
      const server = await startServer(() => ({ status: 201 }))
      const lomi = await client(server.url)
      const error = await runFailure(lomi.execute(withMetadata, { body: { metadata: make() } }))
      expect(error._tag).toBe("LomiValidationError")
      const issues = (error as LomiValidationError).issues
      expect(issues).toContainEqual({
        path: pathLike(["body", "metadata", ...path]),
        message: expect.stringMatching(message),
      })
      expect(server.requests).toHaveLength(0)
    },
  )

  it.each(hostile)(
    "%s behind Spec.unknown: core's own check refuses it too",
    async (_label, make, path, message) => {
      const server = await startServer(() => ({ status: 201 }))
      const lomi = await client(server.url)
      const error = await runFailure(lomi.execute(anything, { body: { data: make() } }))
      expect(error._tag).toBe("LomiValidationError")
      const issues = (error as LomiValidationError).issues
      expect(issues).toContainEqual({
        path: pathLike(["body", "data", ...path]),
        message: expect.stringMatching(message),
      })
      expect(server.requests).toHaveLength(0)
    },
  )

  it("names array indexes in brackets in the message", async () => {
    const lomi = await client("http://127.0.0.1:9")
    const error = await runFailure(
      lomi.execute(withMetadata, { body: { metadata: { a: { b: [0, 1, 2, 10n] } } } }),
    )
    expect(error.message).toBe("Invalid request: body.metadata.a.b[3]: Expected a JSON value, got a bigint")
  })

  it("sends the copy that was checked: the caller's value is read once", async () => {
    const server = await startServer(() => ({ status: 201 }))
    const lomi = await client(server.url)
    let reads = 0
    // A Proxy that would answer NaN (sent as null by JSON.stringify) if it were read a second time.
    const shifty = new Proxy(
      { n: 1 },
      {
        getOwnPropertyDescriptor: (target, key) => {
          const descriptor = Reflect.getOwnPropertyDescriptor(target, key)
          if (key !== "n" || descriptor === undefined) return descriptor
          return { ...descriptor, value: reads++ === 0 ? 1 : Number.NaN }
        },
      },
    )
    await run(lomi.execute(withMetadata, { body: { metadata: { shifty } } }))
    expect(reads).toBe(1)
    expect(server.requests.map((r) => r.body)).toEqual(['{"metadata":{"shifty":{"n":1}}}'])
  })
})
