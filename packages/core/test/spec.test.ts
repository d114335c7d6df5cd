import * as Exit from "effect/Exit"
import * as Schema from "effect/Schema"
import { describe, expect, expectTypeOf, it } from "vitest"
import * as Spec from "../src/Spec.js"
import { toSchema } from "../src/SpecSchema.js"

const positive: Spec.Check<number> = (n) => (n > 0 ? undefined : "Expected a number greater than 0")
const nonEmpty: Spec.Check<string> = (s) => (s.trim() === "" ? "Expected a non-empty string" : undefined)

const Params = Spec.struct({
  amount: Spec.number(positive),
  currency_code: Spec.literals(["XOF", "USD", "EUR"]),
  title: Spec.optional(Spec.string(nonEmpty)),
  metadata: Spec.optional(Spec.jsonObject),
})

const Session = Spec.struct(
  {
    id: Spec.string(),
    status: Spec.openEnum(["open", "completed"]),
    title: Spec.nullable(Spec.string()),
    tags: Spec.nullable(Spec.array(Spec.string())),
  },
  { extra: "keep" },
)

const issuesOf = (result: Spec.Parsed<unknown>) => (result.ok ? [] : result.issues)

describe("Spec types", () => {
  it("a struct's type: required, optional and nullable fields", () => {
    expectTypeOf<Spec.TypeOf<typeof Params>>().toEqualTypeOf<{
      readonly amount: number
      readonly currency_code: "XOF" | "USD" | "EUR"
      readonly title?: string
      readonly metadata?: Spec.TypeOf<typeof Spec.jsonObject>
    }>()
    expectTypeOf<Spec.TypeOf<typeof Session>["title"]>().toEqualTypeOf<string | null | undefined>()
    expectTypeOf<Spec.TypeOf<typeof Session>["status"]>().toEqualTypeOf<
      "open" | "completed" | (string & {})
    >()
  })
})

describe("parse (a caller's input)", () => {
  it("accepts a valid value and returns a copy", () => {
    const input = { amount: 2500, currency_code: "EUR", metadata: { order: { id: 7 } } }
    const result = Spec.parse(Params, input)
    expect(result).toEqual({ ok: true, value: input })
    if (!result.ok) return
    expect(result.value).not.toBe(input)
    expect(result.value.metadata).not.toBe(input.metadata)
  })

  it("reports every issue with its path, not only the first", () => {
    const result = Spec.parse(Params, { amount: -1, currency_code: "GBP", title: " ", colour: "red" })
    // Unknown keys first, then the fields in the spec's order (Effect's Schema reported them so).
    expect(issuesOf(result)).toEqual([
      { path: ["colour"], message: 'Unexpected key with value "red"' },
      { path: ["amount"], message: "Expected a number greater than 0" },
      { path: ["currency_code"], message: 'Expected "XOF" | "USD" | "EUR", got "GBP"' },
      { path: ["title"], message: "Expected a non-empty string" },
    ])
  })

  it("names missing fields and wrong types", () => {
    expect(issuesOf(Spec.parse(Params, { amount: "12" }))).toEqual([
      { path: ["amount"], message: 'Expected number, got "12"' },
      { path: ["currency_code"], message: "Missing key" },
    ])
    expect(issuesOf(Spec.parse(Params, null))).toEqual([{ path: [], message: "Expected object, got null" }])
    expect(issuesOf(Spec.parse(Params, [1]))).toEqual([{ path: [], message: "Expected object, got [1]" }])
  })

  it("an optional field given as undefined is refused, not silently dropped", () => {
    expect(issuesOf(Spec.parse(Params, { amount: 1, currency_code: "XOF", title: undefined }))).toEqual([
      { path: ["title"], message: "Expected string, got undefined" },
    ])
  })

  it("refuses non-JSON in JSON fields at the exact path, through core's one JSON check", () => {
    const cycle: Record<string, unknown> = {}
    cycle.self = cycle
    const result = Spec.parse(Params, {
      amount: 1,
      currency_code: "XOF",
      metadata: { a: [1, Number.NaN], b: 10n, c: cycle },
    })
    expect(issuesOf(result).map((i) => i.path)).toEqual([
      ["metadata", "a", 1],
      ["metadata", "b"],
      ["metadata", "c", "self"],
    ])
  })

  it("never throws: a throwing getter or Proxy trap is an issue at the object it spoils", () => {
    const getter = Object.defineProperty({ amount: 1, currency_code: "XOF" }, "title", {
      enumerable: true,
      get() {
        throw new Error("no title today")
      },
    })
    expect(issuesOf(Spec.parse(Params, getter))).toEqual([
      { path: [], message: "Could not be read: no title today" },
    ])
    expect(issuesOf(Spec.parse(Spec.struct({ nested: Params }), { nested: getter }))).toEqual([
      { path: ["nested"], message: "Could not be read: no title today" },
    ])
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("trap")
        },
      },
    )
    expect(issuesOf(Spec.parse(Params, proxy))).toEqual([{ path: [], message: "Could not be read: trap" }])
  })

  it("a __proto__ key is data, never a prototype", () => {
    const input = JSON.parse('{"amount":1,"currency_code":"XOF","metadata":{"__proto__":{"admin":true}}}')
    const result = Spec.parse(Params, input)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(Object.getPrototypeOf(result.value.metadata)).toBe(Object.prototype)
    expect(Object.hasOwn(result.value.metadata ?? {}, "__proto__")).toBe(true)
    expect(
      issuesOf(Spec.parse(Params, JSON.parse('{"amount":1,"currency_code":"XOF","__proto__":{}}'))),
    ).toEqual([{ path: ["__proto__"], message: "Unexpected key with value {}" }])
  })

  it("runs a struct's checks once its fields are fine, with issues at their own paths", () => {
    const Update = Spec.struct(
      { title: Spec.optional(Spec.string()), amount: Spec.optional(Spec.number()) },
      {
        checks: [
          (params) => (Object.keys(params).length > 0 ? undefined : "Expected at least one field to update"),
          (params) =>
            params.amount !== undefined && params.title === undefined
              ? [{ path: ["title"], message: "Required with amount" }]
              : undefined,
        ],
      },
    )
    expect(issuesOf(Spec.parse(Update, {}))).toEqual([
      { path: [], message: "Expected at least one field to update" },
    ])
    expect(issuesOf(Spec.parse(Update, { amount: 5 }))).toEqual([
      { path: ["title"], message: "Required with amount" },
    ])
    expect(issuesOf(Spec.parse(Update, { amount: "5" }))).toEqual([
      { path: ["amount"], message: 'Expected number, got "5"' },
    ])
  })

  it("caps the issues of a huge bad value", () => {
    const result = Spec.parse(
      Spec.array(Spec.string()),
      Array.from({ length: 10_000 }, (_, i) => i),
    )
    expect(issuesOf(result)).toHaveLength(50)
  })
})

describe("decode (a response the SDK read)", () => {
  it("keeps unknown fields and accepts null where the field is nullable, without copying", () => {
    const body = { id: "cs_1", status: "refunded", title: null, tags: ["a"], added_later: { x: 1 } }
    const result = Spec.decode(Session, body)
    expect(result).toEqual({ ok: true, value: body })
    if (result.ok) expect(result.value).toBe(body)
  })

  it("refuses a body without a guaranteed field, or with a wrong type", () => {
    expect(issuesOf(Spec.decode(Session, { status: "open" }))).toEqual([
      { path: ["id"], message: "Missing key" },
    ])
    expect(issuesOf(Spec.decode(Session, { id: 1, status: "open", tags: [1] }))).toEqual([
      { path: ["id"], message: "Expected string, got 1" },
      { path: ["tags", 0], message: "Expected string, got 1" },
    ])
  })
})

describe("union", () => {
  const Paid = Spec.struct({ event: Spec.literals(["PAID"]), amount: Spec.number() }, { extra: "keep" })
  const Other = Spec.struct({ event: Spec.string() }, { extra: "keep" })
  const Event = Spec.union("event", { PAID: Paid }, Other)
  const Closed = Spec.union("event", { PAID: Paid })

  it("picks the member by its key, and a later name goes to the fallback", () => {
    expect(Spec.decode(Event, { event: "PAID", amount: 5 })).toMatchObject({ ok: true })
    expect(issuesOf(Spec.decode(Event, { event: "PAID" }))).toEqual([
      { path: ["amount"], message: "Missing key" },
    ])
    expect(Spec.decode(Event, { event: "NEW_THING", extra: 1 })).toEqual({
      ok: true,
      value: { event: "NEW_THING", extra: 1 },
    })
  })

  it("without a fallback, an unknown name is an issue at the key", () => {
    expect(issuesOf(Spec.decode(Closed, { event: "NOPE" }))).toEqual([
      { path: ["event"], message: 'Expected "PAID", got "NOPE"' },
    ])
    expect(issuesOf(Spec.decode(Closed, "PAID"))).toEqual([
      { path: [], message: 'Expected object, got "PAID"' },
    ])
  })
})

describe("toSchema (the Effect Schema of a spec)", () => {
  const samples: ReadonlyArray<unknown> = [
    { amount: 2500, currency_code: "EUR" },
    { amount: 2500, currency_code: "EUR", title: "Mug", metadata: { a: [1, "x", null] } },
    { amount: -1, currency_code: "EUR" },
    { amount: 1, currency_code: "GBP" },
    { amount: 1, currency_code: "XOF", title: " " },
    { amount: 1, currency_code: "XOF", colour: "red" },
    { amount: 1 },
    { amount: 1, currency_code: "XOF", metadata: [] },
    { amount: 1, currency_code: "XOF", metadata: { n: Number.NaN } },
    null,
    "x",
  ]

  it("accepts and refuses what the spec does", () => {
    const decode = Schema.decodeUnknownExit(toSchema(Params))
    for (const sample of samples) {
      const exit = decode(sample, { onExcessProperty: "error" })
      expect(Exit.isSuccess(exit), JSON.stringify(sample)).toBe(Spec.parse(Params, sample).ok)
    }
  })

  it("keeps unknown fields of an open struct and accepts null where the spec does", () => {
    const decode = Schema.decodeUnknownExit(toSchema(Session))
    const body = { id: "cs_1", status: "later", title: null, extra: 1 }
    expect(decode(body)).toEqual(Exit.succeed(body))
    expect(Exit.isSuccess(decode({ status: "open" }))).toBe(false)
  })

  it("carries a check's message", () => {
    const exit = Schema.decodeUnknownExit(toSchema(Params))({ amount: -1, currency_code: "EUR" })
    expect(String(Exit.isFailure(exit) ? exit.cause : "")).toContain("Expected a number greater than 0")
  })
})

describe("fields and structs beyond the basics", () => {
  it("maybe: absent or undefined, never null; nullable: absent, null or undefined", () => {
    const Query = Spec.struct({ offset: Spec.maybe(Spec.number()), note: Spec.nullable(Spec.string()) })
    expectTypeOf<Spec.TypeOf<typeof Query>>().toEqualTypeOf<{
      readonly offset?: number | undefined
      readonly note?: string | null | undefined
    }>()
    expect(Spec.parse(Query, { offset: undefined, note: null }).ok).toBe(true)
    expect(issuesOf(Spec.parse(Query, { offset: null }))).toEqual([
      { path: ["offset"], message: "Expected number, got null" },
    ])
  })

  it('extra: "drop" leaves unknown keys out of a new object, without refusing them', () => {
    const Page = Spec.struct({ data: Spec.array(Spec.string()) }, { extra: "drop" })
    const body = { data: ["a"], object: "list" }
    const result = Spec.decode(Page, body)
    expect(result).toEqual({ ok: true, value: { data: ["a"] } })
    if (result.ok) expect(result.value.data).toBe(body.data)
  })

  it("check adds rules to a spec, and every rule that fails is reported", () => {
    const Code = Spec.check(
      Spec.string((s) => (s.length > 0 ? undefined : "Expected a non-empty string")),
      (s) => (s === s.toUpperCase() ? undefined : "Expected upper case"),
      (s) => (/^[A-Z]*$/.test(s) ? undefined : "Expected letters only"),
    )
    expect(issuesOf(Spec.parse(Code, "a1"))).toEqual([
      { path: [], message: "Expected upper case" },
      { path: [], message: "Expected letters only" },
    ])
    expect(() => Spec.check(Spec.boolean as never)).toThrow(/takes no checks/)
  })

  it("formatIssues writes each message with its path", () => {
    const result = Spec.decode(Session, { id: 1, status: "open", tags: [2] })
    expect(Spec.formatIssues(result.ok ? [] : result.issues)).toBe(
      'Expected string, got 1\n  at ["id"]\nExpected string, got 2\n  at ["tags"][0]',
    )
  })

  it("decodes a page of 12,000 responses in place, and finds the one bad item", () => {
    const page = Spec.struct({ data: Spec.array(Session) }, { extra: "drop" })
    const data = Array.from({ length: 12_000 }, (_, i) => ({ id: `cs_${i}`, status: "open", extra: i }))
    const result = Spec.decode(page, { data })
    expect(result.ok && result.value.data).toBe(data)
    data[11_999] = { id: 7 } as never
    expect(issuesOf(Spec.decode(page, { data }))).toEqual([
      { path: ["data", 11_999, "id"], message: "Expected string, got 7" },
      { path: ["data", 11_999, "status"], message: "Missing key" },
    ])
  })
})
