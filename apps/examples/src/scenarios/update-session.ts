import { check, referenceBodies, type Scenario } from "../scenario.js"

/** 2. Retrieve a session, update its metadata with the reference body, show the change. */
export const updateSession: Scenario = {
  name: "update-session",
  title: "Retrieve and update a checkout session",
  needsSandbox: false,
  // Today's routes cannot change a session once created.
  generations: ["v1"],
  async run({ lomi, log }) {
    const created = await lomi.checkoutSessions.create({
      amount: 2500,
      currency_code: "EUR",
      metadata: { order: "A-1001" },
    })
    const before = await lomi.checkoutSessions.retrieve(created.checkout_session_id)
    log(`retrieved   ${before.checkout_session_id}, metadata ${JSON.stringify(before.metadata)}`)
    const after = await lomi.checkoutSessions.update(
      created.checkout_session_id,
      referenceBodies.updateCheckoutSession,
    )
    log(`updated     metadata ${JSON.stringify(after.metadata)}`)
    check(
      after.metadata?.updated_reason === "Administrative update",
      "the update should replace metadata with the new object",
    )
    check(
      after.metadata?.order === undefined,
      "a given metadata object replaces the old one, it does not merge",
    )
    check(after.amount === 2500, "fields absent from the update stay as they were")
    await lomi.checkoutSessions.delete(created.checkout_session_id)
  },
}
