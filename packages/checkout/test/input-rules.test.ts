/**
 * The input rules the SDK shares with the sandbox (and with lomi.), one case each: what is refused before
 * anything is sent, at which path and why, and the near misses that must still go through. The
 * differential test checks the two sides agree on generated inputs; these name each rule.
 */
import * as Schema from "effect/Schema"
import { describe, expect, it } from "vitest"
import { LomiValidationError, PaymentLinkCreateParams } from "../src/effect.js"
import { GENERATIONS, reference, rejection, useSandbox } from "./support.js"

const ctx = useSandbox()

const UUID = "3f8e1b52-8c4d-4d7e-9a0b-5e6f7a8b9c0d"

/** Expects `call` to be refused with one issue, at `path`, whose message contains `why`; nothing sent. */
const refused = async (call: () => PromiseLike<unknown>, path: string, why: string) => {
  ctx.sandbox.clearRequests()
  const err = await rejection(call())
  expect(err, path).toBeInstanceOf(LomiValidationError)
  const issues = (err as LomiValidationError).issues.map((i) => `${i.path.join(".")}: ${i.message}`)
  expect(issues, path).toHaveLength(1)
  expect(issues[0], path).toContain(`${path}: `)
  expect(issues[0], path).toContain(why)
  expect(ctx.sandbox.requests()).toHaveLength(0)
}

describe.each(GENERATIONS)("on %s", (generation) => {
  const session = (fields: Record<string, unknown>) => () =>
    ctx.clientOf(generation).checkoutSessions.create({ amount: 1, currency_code: "XOF", ...fields })
  const description = generation === "v1" ? "public_description" : "description"

  it.each([
    ["a@b..co", "a@b..co", "Expected an email address"],
    ["a@.b.co", "a@.b.co", "Expected an email address"],
    ["a@b.co.", "a@b.co.", "Expected an email address"],
    ["of 255 characters", `${"a".repeat(250)}@b.co`, "at most 254 characters"],
  ])("customer_email %s is refused", (_label, email, why) =>
    refused(session({ customer_email: email }), "body.customer_email", why),
  )

  it("customer_email of 254 characters is taken", async () => {
    const email = `${"a".repeat(249)}@b.co`
    expect(await session({ customer_email: email })()).toMatchObject({ customer_email: email })
  })

  it.each(["\u0000", "\u0008", "\u000b", "\u000c", "\u001b", "\u007f"])(
    "free text with the control character %j is refused (tab and line breaks are not)",
    async (control) => {
      await refused(session({ [description]: `a${control}b` }), `body.${description}`, "other than tab")
      const taken = await session({ [description]: "a\tb\r\nc" })()
      expect(taken[description]).toBe("a\tb\r\nc")
    },
  )

  it.each([2 ** 53, 1e21])("quantity %d (past 2^53 - 1) is refused", (quantity) =>
    refused(session({ quantity }), "body.quantity", "Expected an integer >= 1"),
  )

  it.each([2 ** 53, 1e21])("a list offset of %d (past 2^53 - 1) is refused", (offset) =>
    refused(() => ctx.clientOf(generation).checkoutSessions.list({ offset }), "query.offset", "from 0 to"),
  )

  it("takes a URL whose host holds a Latin-1 character, however often it is checked", async () => {
    const is = Schema.is(PaymentLinkCreateParams)
    const hosts = ["https://ex\u00e4mple.com/", "http://\u00fc.de/x"]
    // Enough checks to get the URL code optimised: `URL.canParse`'s fast path refused these once hot.
    let refusals = 0
    for (let i = 0; i < 20_000; i++)
      if (!is({ title: "t", amount: 1, currency_code: "XOF", success_url: hosts[i % 2] })) refusals++
    expect(refusals).toBe(0)
    const created = await session({ success_url: hosts[0] })()
    expect(created).toMatchObject({ success_url: hosts[0] })
  })
})

describe("on v1", () => {
  const lomi = () => ctx.clientOf("v1")
  const session = (fields: Record<string, unknown>) => () =>
    lomi().checkoutSessions.create({ amount: 1, currency_code: "XOF", ...fields })

  it("a chosen id must be a UUID, in either case", async () => {
    await refused(session({ checkout_session_id: "cs_1" }), "body.checkout_session_id", "Expected a UUID")
    await refused(
      () => lomi().paymentLinks.create({ ...reference.createPaymentLink, link_id: `{${UUID}}` }),
      "body.link_id",
      "Expected a UUID",
    )
    const created = await session({ checkout_session_id: UUID.toUpperCase() })()
    expect(created.checkout_session_id.toLowerCase()).toBe(UUID)
  })

  it.each([
    ["2030-02-29T00:00:00Z", "no day 29 in 2030-02"],
    ["2030-04-31T00:00:00Z", "no day 31 in 2030-04"],
    ["2030-01-01T24:00:00Z", "hours up to 23"],
    ["2030-01-01T00:00:00+24:00", "hours up to 23"],
    ["2030-01-01T00:00:00.1234567891Z", "at most 9 digits"],
    ["0000-01-01T00:00:00+00:01", "once the offset is applied"],
    ["9999-12-31T23:59:59-00:01", "once the offset is applied"],
  ])("expires_at %j is refused", (expires_at, why) =>
    refused(session({ expires_at }), "body.expires_at", why),
  )

  it.each(["2030-01-01t00:00:00z", "2028-02-29T00:00:00Z", "2030-01-01T00:00:00.123456789+05:30"])(
    "expires_at %j is taken",
    async (expires_at) => {
      const created = await session({ expires_at })()
      expect(Date.parse(created.expires_at!)).toBe(Date.parse(expires_at.toUpperCase()))
    },
  )

  it("a link's description and public_description, both given, must be one text", async () => {
    const body = { ...reference.createPaymentLink, description: "One", public_description: "Other" }
    await refused(() => lomi().paymentLinks.create(body), "body.description", "Must equal public_description")
    const link = await lomi().paymentLinks.create({ ...body, public_description: "One" })
    await refused(
      () => lomi().paymentLinks.update(link.link_id, { description: "Two", public_description: "Three" }),
      "body.description",
      "Must equal public_description",
    )
    const updated = await lomi().paymentLinks.update(link.link_id, {
      description: "Two",
      public_description: "Two",
    })
    expect(updated).toMatchObject({ description: "Two", public_description: "Two" })
  })

  it("a link update takes the page url, as the document's update schema lists it", async () => {
    const link = await lomi().paymentLinks.create(reference.createPaymentLink)
    const updated = await lomi().paymentLinks.update(link.link_id, { url: "https://pay.example.com/l/1" })
    expect(updated.url).toBe("https://pay.example.com/l/1")
    await refused(
      () => lomi().paymentLinks.update(link.link_id, { url: "ftp://pay.example.com" }),
      "body.url",
      "Expected an absolute http(s) URL",
    )
  })
})
