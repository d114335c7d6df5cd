/// <reference types="node" />
// Webhook verification and decoding, against deliveries signed the way the live sender signs them:
// `crypto.createHmac('sha256', secret).update(JSON.stringify(payload)).digest('hex')`.
import { createHmac } from "node:crypto"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { inspect } from "node:util"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { TestClock } from "effect/testing"
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest"
import {
  Checkout,
  CheckoutSessions,
  Lomi,
  LomiConfigError,
  LomiWebhooks,
  LomiWebhookVerificationError,
  PAYMENT_WEBHOOK_EVENT_NAMES,
  WEBHOOK_EVENT_NAMES,
  WEBHOOK_VERIFICATION_REASONS,
  type WebhookEvent,
  Webhooks,
  WebhookTesting,
  type WebhookVerificationReason,
} from "../src/effect.js"
import { rejection } from "./support.js"

const SECRET = "whsec_test_5ec2e75ec2e75ec2e75ec2e75e"
const MARK = "5ec2e75e" // a fragment of the secret that must never show up anywhere
const KEY = "lomi_sk_test_0123456789abcdef0123456789abcdef"

/** The live sender: one JSON.stringify of the envelope, HMAC-SHA256 of it, lower-case hex. */
const deliver = (envelope: object, secret = SECRET) => {
  const body = JSON.stringify(envelope)
  return { body, signature: createHmac("sha256", secret).update(body).digest("hex") }
}

const envelope = (event: string, data: object, extra: object = {}) => ({
  id: "8d3f0b6e-4a8e-4f51-9d0c-1f2e3a4b5c6d",
  event,
  timestamp: new Date().toISOString(),
  data,
  lomi_environment: "test",
  ...extra,
})

const transaction = {
  transaction_id: "2b9f1c7e-3a4d-4e5f-8a9b-0c1d2e3f4a5b",
  checkout_session_id: "6f1c1f3e-1f0b-4c55-9d1e-3f1e2a9b7c10",
  amount: 15000,
  currency_code: "XOF",
  status: "completed",
  metadata: { order_id: "ord-42" },
  created_at: "2026-03-01T10:00:00.000Z",
}
const paid = deliver(envelope("PAYMENT_SUCCEEDED", transaction))
const webhooks = new LomiWebhooks({ secret: SECRET })

/** The rejection of `call`, asserting it rejected (never threw synchronously) with the webhook error. */
const refusal = async (call: () => Promise<unknown>): Promise<LomiWebhookVerificationError> => {
  let promise: Promise<unknown> | undefined
  expect(() => {
    promise = call()
  }).not.toThrow()
  const error = await rejection(promise!)
  expect(error).toBeInstanceOf(LomiWebhookVerificationError)
  expect(error).not.toBeInstanceOf(TypeError)
  return error as LomiWebhookVerificationError
}

const expectHidden = (...renderings: ReadonlyArray<string>) => {
  for (const rendering of renderings) {
    expect(rendering).not.toContain(SECRET)
    expect(rendering).not.toContain(MARK)
  }
}

const renderingsOf = (value: unknown): Array<string> => [
  String(value),
  JSON.stringify(value) ?? "",
  inspect(value, { depth: 10, showHidden: true }),
  value instanceof Error ? (value.stack ?? "") : "",
]

// A value that throws whenever it is inspected (`in`, property reads, its prototype).
const throwingProxy = () =>
  new Proxy(
    {},
    {
      has: () => {
        throw new Error("has trap")
      },
      get: () => {
        throw new Error("get trap")
      },
      getPrototypeOf: () => {
        throw new Error("getPrototypeOf trap")
      },
    },
  )

describe("verifying what the live sender sends", () => {
  it("resolves to the typed event for a body signed with node:crypto", async () => {
    const event = await webhooks.unwrap(paid.body, { "x-lomi-signature": paid.signature })
    expect(event.event).toBe("PAYMENT_SUCCEEDED")
    if (event.event !== "PAYMENT_SUCCEEDED") throw new Error("narrowing")
    expect(event.data.checkout_session_id).toBe(transaction.checkout_session_id)
    expect(event).toEqual(JSON.parse(paid.body))
  })

  const bytes = Buffer.from(paid.body)
  it.each([
    ["a string", paid.body],
    ["a Buffer", bytes],
    ["a pooled Buffer (non-zero byteOffset)", Buffer.concat([Buffer.from("xx"), bytes]).subarray(2)],
    ["a Uint8Array", new Uint8Array(bytes)],
    ["an ArrayBuffer", new Uint8Array(bytes).buffer],
    ["a DataView", new DataView(new Uint8Array(bytes).buffer)],
    [
      "a SharedArrayBuffer view",
      (() => {
        const shared = new Uint8Array(new SharedArrayBuffer(bytes.length))
        shared.set(bytes)
        return shared
      })(),
    ],
  ])("accepts the raw body as %s", async (_, payload) => {
    const event = await webhooks.unwrap(payload, { "x-lomi-signature": paid.signature })
    expect(event.id).toBe("8d3f0b6e-4a8e-4f51-9d0c-1f2e3a4b5c6d")
  })

  it.each([
    ["a Headers object", new Headers({ "X-Lomi-Signature": paid.signature })],
    ["Node's lower-case record", { "x-lomi-signature": paid.signature, "content-type": "application/json" }],
    ["a mixed-case record", { "X-LOMI-Signature": paid.signature }],
    ["a one-element array value", { "x-lomi-signature": [paid.signature] }],
    ["upper-case hex", { "x-lomi-signature": paid.signature.toUpperCase() }],
    ["surrounding whitespace", { "x-lomi-signature": ` ${paid.signature}\t` }],
    ["a null-prototype record", Object.assign(Object.create(null), { "x-lomi-signature": paid.signature })],
  ])("reads the signature from %s", async (_, headers) => {
    await expect(webhooks.verifySignature(paid.body, headers)).resolves.toBeUndefined()
  })

  it("one flipped byte of the body, or of the signature, is a mismatch", async () => {
    const body = Buffer.from(paid.body)
    body[body.length - 3]! ^= 0x01
    const tampered = await refusal(() => webhooks.unwrap(body, { "x-lomi-signature": paid.signature }))
    expect(tampered.reason).toBe("signature_mismatch")
    const flipped = (paid.signature[0] === "a" ? "b" : "a") + paid.signature.slice(1)
    const wrong = await refusal(() => webhooks.unwrap(paid.body, { "x-lomi-signature": flipped }))
    expect(wrong.reason).toBe("signature_mismatch")
    expect(wrong.message).toContain("raw body")
    expectHidden(...renderingsOf(wrong))
    expect(wrong.message).not.toContain(paid.signature)
  })

  it("re-serialised JSON (key order or spacing changed) does not verify: the raw bytes are signed", async () => {
    const reserialised = JSON.stringify(JSON.parse(paid.body), null, 2)
    const error = await refusal(() => webhooks.unwrap(reserialised, { "x-lomi-signature": paid.signature }))
    expect(error.reason).toBe("signature_mismatch")
  })
})

describe("every failure has its reason and says what to do", () => {
  const sig = { "x-lomi-signature": paid.signature }
  const cases: ReadonlyArray<readonly [WebhookVerificationReason, string, () => Promise<unknown>, RegExp]> = [
    [
      "missing_secret",
      "no secret anywhere",
      () => new LomiWebhooks().unwrap(paid.body, sig),
      /LOMI_WEBHOOK_SECRET/,
    ],
    [
      "invalid_secret",
      "an empty per-call secret",
      () => webhooks.unwrap(paid.body, sig, { secret: "" }),
      /empty/,
    ],
    ["missing_signature", "no signature header", () => webhooks.unwrap(paid.body, {}), /No X-Lomi-Signature/],
    [
      "malformed_signature",
      "a short signature",
      () => webhooks.unwrap(paid.body, { "x-lomi-signature": "abc" }),
      /64 hex digits/,
    ],
    [
      "signature_mismatch",
      "another secret",
      () => webhooks.unwrap(paid.body, sig, { secret: "whsec_other" }),
      /secret/,
    ],
    [
      "invalid_payload",
      "a signed body that is not JSON",
      () => {
        const d = {
          body: "not json",
          signature: createHmac("sha256", SECRET).update("not json").digest("hex"),
        }
        return webhooks.unwrap(d.body, { "x-lomi-signature": d.signature })
      },
      /not JSON/,
    ],
    [
      "parsed_payload",
      "an object from express.json()",
      () => webhooks.unwrap(JSON.parse(paid.body), sig),
      /express\.raw\(\{ type: "application\/json" \}\)/,
    ],
    [
      "timestamp_outside_tolerance",
      "an hour-old event with a 5 minute tolerance",
      () => {
        const old = deliver(
          envelope("PAYMENT_SUCCEEDED", transaction, {
            timestamp: new Date(Date.now() - 3_600_000).toISOString(),
          }),
        )
        return webhooks.unwrap(old.body, { "x-lomi-signature": old.signature }, { tolerance: 300 })
      },
      /tolerance of 300 s/,
    ],
    [
      "invalid_argument",
      "headers that are not an object",
      () => webhooks.unwrap(paid.body, "sig" as never),
      /Headers/,
    ],
  ]
  // 400 only when the request is not a genuine, fresh delivery; else 500, so lomi. retries once fixed.
  const rejected = [
    "missing_signature",
    "malformed_signature",
    "signature_mismatch",
    "timestamp_outside_tolerance",
  ]
  it.each(cases)("%s: %s", async (reason, _, call, advice) => {
    const error = await refusal(call)
    expect(error.reason).toBe(reason)
    expect(error.responseStatus).toBe(rejected.includes(reason) ? 400 : 500)
    expect(error._tag).toBe("LomiWebhookVerificationError")
    expect(error.message).toMatch(advice)
    expectHidden(...renderingsOf(error))
  })

  it("the parsed_payload message also names the fetch-style fix", async () => {
    const error = await refusal(() => webhooks.unwrap({ id: "x" } as never, sig))
    expect(error.message).toContain("await request.text()")
  })

  it("the reasons list is the union users switch on", () => {
    expect([...WEBHOOK_VERIFICATION_REASONS].sort()).toEqual(
      [
        "invalid_argument",
        "invalid_payload",
        "invalid_secret",
        "malformed_signature",
        "missing_secret",
        "missing_signature",
        "parsed_payload",
        "signature_mismatch",
        "timestamp_outside_tolerance",
        "unsupported_runtime",
      ].sort(),
    )
  })

  it("unsupported_runtime when there is no Web Crypto", async () => {
    vi.stubGlobal("crypto", undefined)
    try {
      const error = await refusal(() => webhooks.unwrap(paid.body, sig))
      expect(error.reason).toBe("unsupported_runtime")
      expect(error.message).toContain("crypto.subtle")
    } finally {
      vi.unstubAllGlobals()
    }
    await expect(webhooks.unwrap(paid.body, sig)).resolves.toMatchObject({ event: "PAYMENT_SUCCEEDED" })
  })

  it("a signed body that is not an envelope names the event and the field", async () => {
    const bad = deliver(envelope("PAYMENT_SUCCEEDED", { amount: 5 }))
    const error = await refusal(() => webhooks.unwrap(bad.body, { "x-lomi-signature": bad.signature }))
    expect(error.reason).toBe("invalid_payload")
    expect(error.message).toContain("PAYMENT_SUCCEEDED")
    expect(error.message).toContain("transaction_id")
    for (const [name, data, field] of [
      ["CHECKOUT_COMPLETED", { status: "completed" }, "checkout_session_id"],
      ["DISPUTE_CLOSED", "not an object", "data"],
      ["PAYMENT_CANCELED", { transaction_id: 7 }, "transaction_id"],
    ] as const) {
      const d = deliver(envelope(name, data as never))
      const e = await refusal(() => webhooks.unwrap(d.body, { "x-lomi-signature": d.signature }))
      expect(e.message).toContain(`event ${name}:`)
      expect(e.message).toContain(field)
      expect(e.message).not.toContain("unknown one") // judged against its own schema, not the union's
    }
    const notUtf8 = Buffer.from([0xff, 0xfe, 0x7b])
    const utf8 = await refusal(() =>
      webhooks.unwrap(notUtf8, {
        "x-lomi-signature": createHmac("sha256", SECRET).update(notUtf8).digest("hex"),
      }),
    )
    expect(utf8.reason).toBe("invalid_payload")
    for (const body of ["[]", "null", '{"event":"PAYMENT_SUCCEEDED"}', '{"id":1,"event":2}']) {
      const d = { body, signature: createHmac("sha256", SECRET).update(body).digest("hex") }
      const e = await refusal(() => webhooks.unwrap(d.body, { "x-lomi-signature": d.signature }))
      expect(e.reason).toBe("invalid_payload")
    }
  })
})

describe("hostile arguments: always a rejection with the webhook error, never a TypeError", () => {
  const sig = { "x-lomi-signature": paid.signature }
  const throwingHeaders = {
    get() {
      throw new Error("polyfill exploded")
    },
  }
  const poisonedOptions = {
    get secret(): string {
      throw new Error("getter exploded")
    },
  }
  const cases: ReadonlyArray<readonly [string, WebhookVerificationReason, () => Promise<unknown>]> = [
    ["payload undefined", "invalid_argument", () => webhooks.unwrap(undefined as never, sig)],
    ["payload null", "invalid_argument", () => webhooks.unwrap(null as never, sig)],
    ["payload a number", "invalid_argument", () => webhooks.unwrap(42 as never, sig)],
    ["payload a boolean", "invalid_argument", () => webhooks.unwrap(true as never, sig)],
    ["payload a symbol", "invalid_argument", () => webhooks.unwrap(Symbol("x") as never, sig)],
    ["payload a function", "invalid_argument", () => webhooks.unwrap((() => paid.body) as never, sig)],
    [
      "payload a Request",
      "invalid_argument",
      () => webhooks.unwrap(new Request("http://x", { method: "POST", body: paid.body }) as never, sig),
    ],
    ["payload a Blob", "invalid_argument", () => webhooks.unwrap(new Blob([paid.body]) as never, sig)],
    ["payload a Date", "invalid_argument", () => webhooks.unwrap(new Date() as never, sig)],
    ["payload a parsed object", "parsed_payload", () => webhooks.unwrap(JSON.parse(paid.body), sig)],
    ["payload a parsed array", "parsed_payload", () => webhooks.unwrap([1, 2] as never, sig)],
    ["payload a null-prototype object", "parsed_payload", () => webhooks.unwrap(Object.create(null), sig)],
    ["headers undefined", "invalid_argument", () => webhooks.unwrap(paid.body, undefined as never)],
    ["headers null", "invalid_argument", () => webhooks.unwrap(paid.body, null as never)],
    ["headers a number", "invalid_argument", () => webhooks.unwrap(paid.body, 7 as never)],
    ["headers a string", "invalid_argument", () => webhooks.unwrap(paid.body, paid.signature as never)],
    [
      "headers an array of pairs",
      "invalid_argument",
      () => webhooks.unwrap(paid.body, [["x-lomi-signature", paid.signature]] as never),
    ],
    [
      "headers whose get throws",
      "invalid_argument",
      () => webhooks.unwrap(paid.body, throwingHeaders as never),
    ],
    [
      "a duplicated header as an array",
      "malformed_signature",
      () => webhooks.unwrap(paid.body, { "x-lomi-signature": [paid.signature, paid.signature] }),
    ],
    [
      "the same header twice in two cases",
      "malformed_signature",
      () =>
        webhooks.unwrap(paid.body, {
          "x-lomi-signature": paid.signature,
          "X-Lomi-Signature": paid.signature,
        }),
    ],
    [
      "duplicates joined by Headers",
      "malformed_signature",
      () => {
        const h = new Headers()
        h.append("x-lomi-signature", paid.signature)
        h.append("x-lomi-signature", paid.signature)
        return webhooks.unwrap(paid.body, h)
      },
    ],
    [
      "a header value that is a number",
      "invalid_argument",
      () => webhooks.unwrap(paid.body, { "x-lomi-signature": 5 } as never),
    ],
    [
      "a header array holding a number",
      "invalid_argument",
      () => webhooks.unwrap(paid.body, { "x-lomi-signature": [5] } as never),
    ],
    [
      "an empty header array",
      "missing_signature",
      () => webhooks.unwrap(paid.body, { "x-lomi-signature": [] }),
    ],
    ["an empty header", "missing_signature", () => webhooks.unwrap(paid.body, { "x-lomi-signature": "  " })],
    [
      "a sha256= prefix",
      "malformed_signature",
      () => webhooks.unwrap(paid.body, { "x-lomi-signature": `sha256=${paid.signature}` }),
    ],
    [
      "non-hex of the right length",
      "malformed_signature",
      () => webhooks.unwrap(paid.body, { "x-lomi-signature": "z".repeat(64) }),
    ],
    [
      "a too-long signature",
      "malformed_signature",
      () => webhooks.unwrap(paid.body, { "x-lomi-signature": `${paid.signature}00` }),
    ],
    ["options null", "invalid_argument", () => webhooks.unwrap(paid.body, sig, null as never)],
    ["options a string", "invalid_argument", () => webhooks.unwrap(paid.body, sig, SECRET as never)],
    ["options an array", "invalid_argument", () => webhooks.unwrap(paid.body, sig, [] as never)],
    [
      "an unknown option (a typo of tolerance)",
      "invalid_argument",
      () => webhooks.unwrap(paid.body, sig, { tolerence: 300 } as never),
    ],
    [
      "options whose getter throws",
      "invalid_argument",
      () => webhooks.unwrap(paid.body, sig, poisonedOptions),
    ],
    ["tolerance negative", "invalid_argument", () => webhooks.unwrap(paid.body, sig, { tolerance: -1 })],
    ["tolerance NaN", "invalid_argument", () => webhooks.unwrap(paid.body, sig, { tolerance: Number.NaN })],
    [
      "tolerance a string",
      "invalid_argument",
      () => webhooks.unwrap(paid.body, sig, { tolerance: "300" as never }),
    ],
    ["secret a number", "invalid_secret", () => webhooks.unwrap(paid.body, sig, { secret: 42 as never })],
    ["secret null", "invalid_secret", () => webhooks.unwrap(paid.body, sig, { secret: null as never })],
    [
      "secret an object",
      "invalid_secret",
      () => webhooks.unwrap(paid.body, sig, { secret: { value: SECRET } as never }),
    ],
    ["secret empty", "invalid_secret", () => webhooks.unwrap(paid.body, sig, { secret: "" })],
    [
      "secret with a trailing newline",
      "invalid_secret",
      () => webhooks.unwrap(paid.body, sig, { secret: `${SECRET}\n` }),
    ],
    [
      "secret a Redacted number",
      "invalid_secret",
      () => webhooks.unwrap(paid.body, sig, { secret: Redacted.make(1) as never }),
    ],
    [
      "secret a Proxy whose traps throw",
      "invalid_secret",
      () => webhooks.unwrap(paid.body, sig, { secret: throwingProxy() as never }),
    ],
    [
      "verifySignature with null payload",
      "invalid_argument",
      () => webhooks.verifySignature(null as never, sig),
    ],
    [
      "verifySignature with null headers",
      "invalid_argument",
      () => webhooks.verifySignature(paid.body, null as never),
    ],
  ]
  it.each(cases)("%s", async (_, reason, call) => {
    const error = await refusal(call)
    expect(error.reason).toBe(reason)
    expectHidden(...renderingsOf(error))
  })

  it("a repeated header is reported as such, however it was joined", async () => {
    const joined = new Headers()
    joined.append("x-lomi-signature", paid.signature)
    joined.append("x-lomi-signature", paid.signature)
    for (const headers of [joined, { "x-lomi-signature": `${paid.signature}, ${paid.signature}` }]) {
      const error = await refusal(() => webhooks.unwrap(paid.body, headers))
      expect(error.message).toContain("sent 2 times")
    }
  })
})

describe("decoding every event of the catalogue", () => {
  const dataFor = (name: string): object =>
    (PAYMENT_WEBHOOK_EVENT_NAMES as ReadonlyArray<string>).includes(name)
      ? { ...transaction, status: null, provider_code: "WAVE", unknown_field: { kept: true } }
      : name === "CHECKOUT_COMPLETED"
        ? {
            checkout_session_id: "cs_1",
            status: "completed",
            amount: 2500,
            currency_code: "EUR",
            created_at: "2026-03-01T12:00:00Z",
            customer_email: null,
            brand_new: 1,
          }
        : { subscription_id: "sub_1", anything: [1, 2], unknown_field: { kept: true } }

  it.each(WEBHOOK_EVENT_NAMES.map((name) => [name]))("%s", async (name) => {
    const d = deliver(envelope(name, dataFor(name), { lomi_environment: null, extra_envelope_field: "kept" }))
    const event = await webhooks.unwrap(d.body, { "x-lomi-signature": d.signature })
    expect(event).toEqual(JSON.parse(d.body))
    expect(event.event).toBe(name)
  })

  it("the catalogue is the contract's, plus the 1.1.0 names", () => {
    expect(WEBHOOK_EVENT_NAMES).toHaveLength(20)
    expect(WEBHOOK_EVENT_NAMES).toEqual(
      expect.arrayContaining([
        "CHECKOUT_COMPLETED",
        "PAYMENT_CANCELED",
        "SUBSCRIPTION_USAGE_PERIOD_CLOSED",
        "DISPUTE_CLOSED",
      ]),
    )
  })

  it("an event name added later decodes as a generic event with its data kept", async () => {
    const d = deliver(envelope("PAYOUT_SETTLED", { payout_id: "po_1", amount: null }))
    const event: WebhookEvent = await webhooks.unwrap(d.body, { "x-lomi-signature": d.signature })
    expect(event.event).toBe("PAYOUT_SETTLED")
    expect(event.data).toEqual({ payout_id: "po_1", amount: null })
  })

  it("null optional fields are accepted, unknown enum values kept", async () => {
    const d = deliver(
      envelope("PAYMENT_FAILED", {
        transaction_id: "t1",
        checkout_session_id: null,
        metadata: null,
        amount: null,
        currency_code: "GHS",
        status: "reversed",
      }),
    )
    const event = await webhooks.unwrap(d.body, { "x-lomi-signature": d.signature })
    expect(event.data).toMatchObject({ checkout_session_id: null, currency_code: "GHS", status: "reversed" })
  })
})

describe("the secret: precedence, environment, redaction", () => {
  const original = process.env.LOMI_WEBHOOK_SECRET
  afterEach(() => {
    if (original === undefined) delete process.env.LOMI_WEBHOOK_SECRET
    else process.env.LOMI_WEBHOOK_SECRET = original
  })
  const signedWith = (secret: string) => {
    const d = deliver(envelope("REFUND_CREATED", { refund_id: "r1" }), secret)
    return [d.body, { "x-lomi-signature": d.signature }] as const
  }

  it("options.secret wins over webhookSecret, which wins over LOMI_WEBHOOK_SECRET", async () => {
    process.env.LOMI_WEBHOOK_SECRET = "whsec_from_env"
    const fromEnv = new Lomi({ apiKey: KEY })
    await expect(fromEnv.webhooks.verifySignature(...signedWith("whsec_from_env"))).resolves.toBeUndefined()
    const configured = new Lomi({ apiKey: KEY, webhookSecret: "whsec_from_option" })
    await expect(
      configured.webhooks.verifySignature(...signedWith("whsec_from_option")),
    ).resolves.toBeUndefined()
    expect(
      (await refusal(() => configured.webhooks.verifySignature(...signedWith("whsec_from_env")))).reason,
    ).toBe("signature_mismatch")
    const [body, headers] = signedWith("whsec_per_call")
    await expect(
      configured.webhooks.unwrap(body, headers, { secret: "whsec_per_call" }),
    ).resolves.toMatchObject({
      event: "REFUND_CREATED",
    })
    await expect(
      configured.webhooks.unwrap(body, headers, { secret: Redacted.make("whsec_per_call") }),
    ).resolves.toMatchObject({ event: "REFUND_CREATED" })
    expect((await refusal(() => configured.webhooks.unwrap(...signedWith("whsec_per_call")))).reason).toBe(
      "signature_mismatch",
    )
  })

  it("a standalone LomiWebhooks needs no API key", async () => {
    const previous = process.env.LOMI_API_KEY
    delete process.env.LOMI_API_KEY
    try {
      expect(() => new Lomi()).toThrow(LomiConfigError)
      process.env.LOMI_WEBHOOK_SECRET = "whsec_only_webhooks"
      await expect(new LomiWebhooks().unwrap(...signedWith("whsec_only_webhooks"))).resolves.toBeDefined()
    } finally {
      if (previous !== undefined) process.env.LOMI_API_KEY = previous
    }
  })

  it("an empty LOMI_WEBHOOK_SECRET counts as unset; a malformed one fails the calls, not the constructor", async () => {
    process.env.LOMI_WEBHOOK_SECRET = ""
    expect((await refusal(() => new LomiWebhooks().unwrap(...signedWith(SECRET)))).reason).toBe(
      "missing_secret",
    )
    process.env.LOMI_WEBHOOK_SECRET = `${SECRET}\n`
    const lomi = new Lomi({ apiKey: KEY })
    const error = await refusal(() => lomi.webhooks.unwrap(...signedWith(SECRET)))
    expect(error.reason).toBe("invalid_secret")
    expect(error.message).toContain("LOMI_WEBHOOK_SECRET")
    expectHidden(...renderingsOf(error))
    await expect(lomi.webhooks.unwrap(...signedWith(SECRET), { secret: SECRET })).resolves.toBeDefined()
  })

  it.each([
    ["empty", ""],
    ["a number", 42],
    ["an object", { secret: SECRET }],
    ["with a newline", `${SECRET}\n`],
    ["with a space", `whsec_ ${MARK}`],
    ["a Redacted number", Redacted.make(7)],
    ["a Proxy whose traps throw", throwingProxy()],
  ])("a webhookSecret %s is a LomiConfigError at construction that never echoes it", (_, secret) => {
    for (const build of [
      () => new Lomi({ apiKey: KEY, webhookSecret: secret as never }),
      () => new LomiWebhooks({ secret: secret as never }),
    ]) {
      let error: unknown
      try {
        build()
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(LomiConfigError)
      expect((error as LomiConfigError).message).toMatch(/webhookSecret|secret/)
      expectHidden(...renderingsOf(error))
    }
  })

  it("LomiWebhooks refuses unknown options and non-objects", () => {
    expect(() => new LomiWebhooks({ secrets: SECRET } as never)).toThrow(/Unknown LomiWebhooks option/)
    expect(() => new LomiWebhooks(null as never)).toThrow(LomiConfigError)
  })

  it("never shows the secret: not in the client, its webhooks, errors or JSON", async () => {
    const lomi = new Lomi({ apiKey: KEY, webhookSecret: SECRET })
    const standalone = new LomiWebhooks({ secret: Redacted.make(SECRET) })
    await lomi.webhooks.unwrap(paid.body, { "x-lomi-signature": paid.signature }) // fills the key cache
    const mismatch = await refusal(() =>
      standalone.unwrap(`${paid.body} `, { "x-lomi-signature": paid.signature }),
    )
    expectHidden(
      ...renderingsOf(lomi),
      ...renderingsOf(lomi.webhooks),
      ...renderingsOf(standalone),
      ...renderingsOf(mismatch),
      ...renderingsOf({ ...lomi.webhooks }),
    )
  })

  it("imports the key once per secret, however many events it verifies", async () => {
    const fresh = new LomiWebhooks({ secret: SECRET })
    const importKey = vi.spyOn(globalThis.crypto.subtle, "importKey")
    try {
      for (let i = 0; i < 5; i++) await fresh.unwrap(paid.body, { "x-lomi-signature": paid.signature })
      expect(importKey).toHaveBeenCalledTimes(1)
      await fresh.verifySignature(...signedWith("whsec_rotated"), { secret: "whsec_rotated" })
      await fresh.verifySignature(...signedWith("whsec_rotated"), { secret: "whsec_rotated" })
      expect(importKey).toHaveBeenCalledTimes(2)
      // Many distinct per-call secrets: the cache stays bounded and every call still verifies.
      for (let i = 0; i < 40; i++) {
        await fresh.verifySignature(...signedWith(`whsec_${i}`), { secret: `whsec_${i}` })
      }
      await fresh.unwrap(paid.body, { "x-lomi-signature": paid.signature })
    } finally {
      importKey.mockRestore()
    }
  })
})

describe("tolerance: opt-in replay window on the signed timestamp", () => {
  const at = (offsetMs: number) =>
    deliver(
      envelope("PAYMENT_SUCCEEDED", transaction, {
        timestamp: new Date(Date.now() + offsetMs).toISOString(),
      }),
    )

  it("is off by default: a retry hours later still verifies", async () => {
    const old = at(-6 * 3_600_000)
    await expect(webhooks.unwrap(old.body, { "x-lomi-signature": old.signature })).resolves.toBeDefined()
  })

  it("accepts within the window and refuses beyond it, in the past or the future", async () => {
    const recent = at(-60_000)
    await expect(
      webhooks.unwrap(recent.body, { "x-lomi-signature": recent.signature }, { tolerance: 300 }),
    ).resolves.toBeDefined()
    for (const offset of [-301_000, 301_000]) {
      const d = at(offset)
      const error = await refusal(() =>
        webhooks.unwrap(d.body, { "x-lomi-signature": d.signature }, { tolerance: 300 }),
      )
      expect(error.reason).toBe("timestamp_outside_tolerance")
      expect(error.message).toContain(offset < 0 ? "old" : "ahead")
      expect(error.message).toContain("de-duplicate on `id`")
    }
  })

  it("verifySignature checks it too, and needs a timestamp to check it against", async () => {
    const old = at(-3_600_000)
    expect(
      (
        await refusal(() =>
          webhooks.verifySignature(old.body, { "x-lomi-signature": old.signature }, { tolerance: 60 }),
        )
      ).reason,
    ).toBe("timestamp_outside_tolerance")
    const untimed = deliver({ id: "e1", event: "PAYMENT_SUCCEEDED", data: transaction })
    expect(
      (
        await refusal(() =>
          webhooks.verifySignature(
            untimed.body,
            { "x-lomi-signature": untimed.signature },
            { tolerance: 60 },
          ),
        )
      ).reason,
    ).toBe("invalid_payload")
    await expect(
      webhooks.verifySignature(untimed.body, { "x-lomi-signature": untimed.signature }),
    ).resolves.toBeUndefined()
  })
})

describe("WebhookTesting: deliveries signed exactly as lomi. signs them", () => {
  it("sign() equals node:crypto's HMAC for strings and bytes, with a string or Redacted secret", async () => {
    expect(await WebhookTesting.sign(paid.body, SECRET)).toBe(paid.signature)
    expect(await WebhookTesting.sign(Buffer.from(paid.body), Redacted.make(SECRET))).toBe(paid.signature)
  })

  it("event() serialises the envelope in the wire's order with defaults, and headers() signs it", async () => {
    const body = WebhookTesting.event({ event: "PAYMENT_SUCCEEDED", data: { transaction_id: "tx_1" } })
    const parsed = JSON.parse(body)
    expect(Object.keys(parsed)).toEqual(["id", "event", "timestamp", "data", "lomi_environment"])
    expect(parsed).toMatchObject({
      event: "PAYMENT_SUCCEEDED",
      lomi_environment: "test",
      data: { transaction_id: "tx_1" },
    })
    expect(Math.abs(Date.parse(parsed.timestamp) - Date.now())).toBeLessThan(5000)
    const headers = await WebhookTesting.headers({ payload: body, secret: SECRET })
    expect(headers).toEqual({
      "content-type": "application/json",
      "user-agent": "Lomi-Webhook/1.0",
      "x-lomi-event": "PAYMENT_SUCCEEDED",
      "x-lomi-signature": createHmac("sha256", SECRET).update(body).digest("hex"),
    })
    await expect(webhooks.unwrap(body, headers)).resolves.toMatchObject({ data: { transaction_id: "tx_1" } })
    const fixed = WebhookTesting.event({
      event: "X_NEW",
      data: {},
      id: "e1",
      timestamp: new Date(0),
      lomi_environment: "live",
    })
    expect(fixed).toBe(
      '{"id":"e1","event":"X_NEW","timestamp":"1970-01-01T00:00:00.000Z","data":{},"lomi_environment":"live"}',
    )
  })

  it("refuses bad input with the webhook error", async () => {
    expect(() => WebhookTesting.event({ event: "", data: {} })).toThrow(LomiWebhookVerificationError)
    expect(() => WebhookTesting.event({ event: "A", data: null as never })).toThrow(
      /`data` must be an object/,
    )
    expect(() => WebhookTesting.event({ event: "A", data: {}, timestamp: new Date("nope") })).toThrow(
      /timestamp/,
    )
    expect((await refusal(() => WebhookTesting.sign(paid.body, ""))).reason).toBe("invalid_secret")
    expect((await refusal(() => WebhookTesting.sign({} as never, SECRET))).reason).toBe("parsed_payload")
    expect((await refusal(() => WebhookTesting.headers(null as never))).reason).toBe("invalid_argument")
  })
})

describe("the Effect API", () => {
  const headers = { "x-lomi-signature": paid.signature }

  it("Webhooks.layer: unwrap succeeds with the event; failures land in the error channel", async () => {
    const program = Effect.gen(function* () {
      const hooks = yield* Webhooks
      const event = yield* hooks.unwrap(paid.body, headers)
      const reason = yield* hooks.unwrap(paid.body, {}).pipe(
        Effect.as("accepted"),
        Effect.catchTag("LomiWebhookVerificationError", (error) => Effect.succeed(error.reason)),
      )
      yield* hooks.verifySignature(paid.body, headers)
      return { event: event.event, reason }
    })
    const result = await Effect.runPromise(program.pipe(Effect.provide(Webhooks.layer({ secret: SECRET }))))
    expect(result).toEqual({ event: "PAYMENT_SUCCEEDED", reason: "missing_signature" })
  })

  it("layerConfig reads LOMI_WEBHOOK_SECRET through the ConfigProvider, or the Config given", async () => {
    const unwrap = Effect.flatMap(Webhooks, (hooks) => hooks.unwrap(paid.body, headers))
    const withEnv = (env: Record<string, string>) =>
      Layer.provide(ConfigProvider.layer(ConfigProvider.fromUnknown(env)))
    await expect(
      Effect.runPromise(
        unwrap.pipe(Effect.provide(Webhooks.layerConfig().pipe(withEnv({ LOMI_WEBHOOK_SECRET: SECRET })))),
      ),
    ).resolves.toMatchObject({ event: "PAYMENT_SUCCEEDED" })
    await expect(
      Effect.runPromise(
        unwrap.pipe(
          Effect.provide(
            Webhooks.layerConfig(Config.Redacted("SHOP_SECRET")).pipe(withEnv({ SHOP_SECRET: SECRET })),
          ),
        ),
      ),
    ).resolves.toMatchObject({ event: "PAYMENT_SUCCEEDED" })
    const missing = await Effect.runPromise(
      unwrap.pipe(Effect.flip, Effect.provide(Webhooks.layerConfig().pipe(withEnv({})))),
    )
    expect(missing.reason).toBe("missing_secret")
  })

  it("a malformed secret fails the layer with LomiConfigError", async () => {
    const error = await Effect.runPromise(
      Effect.flip(
        Effect.provide(
          Effect.map(Webhooks, () => "built"),
          Webhooks.layer({ secret: `${SECRET} ` }),
        ),
      ),
    )
    expect(error).toBeInstanceOf(LomiConfigError)
    expectHidden(...renderingsOf(error))
  })

  it("Checkout.layer and Checkout.layerConfig include Webhooks", async () => {
    const program = Effect.gen(function* () {
      yield* CheckoutSessions
      const hooks = yield* Webhooks
      return (yield* hooks.unwrap(paid.body, headers)).id
    })
    await expect(
      Effect.runPromise(program.pipe(Effect.provide(Checkout.layer({ apiKey: KEY, webhookSecret: SECRET })))),
    ).resolves.toBe("8d3f0b6e-4a8e-4f51-9d0c-1f2e3a4b5c6d")
    const env = ConfigProvider.fromUnknown({ LOMI_API_KEY: KEY, LOMI_WEBHOOK_SECRET: SECRET })
    await expect(
      Effect.runPromise(
        program.pipe(Effect.provide(Checkout.layerConfig().pipe(Layer.provide(ConfigProvider.layer(env))))),
      ),
    ).resolves.toBe("8d3f0b6e-4a8e-4f51-9d0c-1f2e3a4b5c6d")
  })

  it("tolerance uses the Clock, so TestClock moves it", async () => {
    const sent = Date.parse("2026-05-01T12:00:00Z")
    const d = deliver(envelope("PAYMENT_SUCCEEDED", transaction, { timestamp: new Date(sent).toISOString() }))
    const reasons = await Effect.runPromise(
      Effect.gen(function* () {
        const hooks = yield* Webhooks
        const check = hooks
          .verifySignature(d.body, { "x-lomi-signature": d.signature }, { tolerance: 300 })
          .pipe(
            Effect.as("ok"),
            Effect.catchTag("LomiWebhookVerificationError", (e) => Effect.succeed(e.reason)),
          )
        yield* TestClock.setTime(sent + 299_000)
        const inside = yield* check
        yield* TestClock.setTime(sent + 301_000)
        return [inside, yield* check]
      }).pipe(Effect.provide(Layer.merge(Webhooks.layer({ secret: SECRET }), TestClock.layer()))),
    )
    expect(reasons).toEqual(["ok", "timestamp_outside_tolerance"])
  })
})

describe("an end-to-end receiver on node:http", () => {
  let server: Server
  let url: string
  const seen = new Set<string>()
  const handled: Array<string> = []
  beforeAll(async () => {
    const lomi = new Lomi({ apiKey: KEY, webhookSecret: SECRET })
    server = createServer((req, res) => {
      const chunks: Array<Buffer> = []
      req.on("data", (chunk: Buffer) => chunks.push(chunk))
      req.on("end", () => {
        lomi.webhooks.unwrap(Buffer.concat(chunks), req.headers).then(
          (event) => {
            // De-duplicate on id: lomi. retries with the same id.
            if (!seen.has(event.id)) {
              seen.add(event.id)
              handled.push(event.event)
            }
            res.writeHead(200).end("ok")
          },
          (error: LomiWebhookVerificationError) => res.writeHead(error.responseStatus).end(error.reason),
        )
      })
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  const post = (body: string, signature: string) =>
    fetch(url, {
      method: "POST",
      body,
      headers: {
        "Content-Type": "application/json",
        "X-Lomi-Event": "PAYMENT_SUCCEEDED",
        "X-Lomi-Signature": signature,
        "User-Agent": "Lomi-Webhook/1.0",
      },
    }).then(async (res) => [res.status, await res.text()] as const)

  it("accepts a signed delivery once, however often it is retried, and refuses a forged one", async () => {
    const d = deliver(envelope("PAYMENT_SUCCEEDED", transaction))
    expect(await post(d.body, d.signature)).toEqual([200, "ok"])
    expect(await post(d.body, d.signature)).toEqual([200, "ok"])
    expect(handled).toEqual(["PAYMENT_SUCCEEDED"])
    const forged = d.body.replace("15000", "1")
    expect(await post(forged, d.signature)).toEqual([400, "signature_mismatch"])
    expect(await post(d.body, "")).toEqual([400, "missing_signature"])
    // An authentic event this receiver cannot decode is a 500: lomi. retries it.
    const odd = deliver(envelope("PAYMENT_SUCCEEDED", { no_transaction_id: true }))
    expect(await post(odd.body, odd.signature)).toEqual([500, "invalid_payload"])
  })
})
