import { BOTH, check, referenceBodies, type Scenario } from "../scenario.js"

/** 1. Create a checkout session with the reference body. */
export const createSession: Scenario = {
  name: "create-session",
  title: "Create a checkout session",
  needsSandbox: false,
  generations: BOTH,
  async run({ lomi, generation, log }) {
    const session = await lomi.checkoutSessions.create(referenceBodies.createCheckoutSession)
    // The hosted page: `url` on the document's routes, `checkout_url` on today's.
    const page = generation === "v1" ? session.url : session.checkout_url
    log(`id          ${session.checkout_session_id}`)
    log(`status      ${session.status}`)
    log(`expires_at  ${session.expires_at}`)
    log(`${generation === "v1" ? "url         " : "checkout_url"} ${page}`)
    check(session.status === "open", `a new session should be open, got ${session.status}`)
    check(
      session.amount === 15000 && session.currency_code === "XOF",
      "amount and currency should round-trip",
    )
    check(typeof page === "string" && page.length > 0, "a session should carry its hosted page's URL")
  },
}
