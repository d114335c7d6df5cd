/** Per-call options for the property-based tests: valid ones, and ones a call must refuse. */
import * as fc from "fast-check"
import type { Api, Path } from "./calls.js"

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
export const validOptions = (api: Api) =>
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
export const hostileOptions: fc.Arbitrary<{
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
