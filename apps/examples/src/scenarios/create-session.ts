import { check, referenceBodies, type Scenario } from "../scenario.js"

/** 1. Create a checkout session with the reference body. */
export const createSession: Scenario = {
  name: "create-session",
  title: "Create a checkout session",
  needsSandbox: false,
  async run({ lomi, log }) {
    const session = await lomi.checkoutSessions.create(referenceBodies.createCheckoutSession)
    log(`id          ${session.checkout_session_id}`)
    log(`status      ${session.status}`)
    log(`expires_at  ${session.expires_at}`)
    log(`url         ${session.url}`)
    check(session.status === "open", `a new session should be open, got ${session.status}`)
    check(
      session.amount === 15000 && session.currency_code === "XOF",
      "amount and currency should round-trip",
    )
    check(
      typeof session.url === "string" && session.url.length > 0,
      "a session should carry its hosted page url",
    )
  },
}
