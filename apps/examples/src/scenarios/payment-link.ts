import { LomiNotFoundError, LomiUnsupportedOperationError } from "@lomi/checkout"
import { BOTH, check, referenceBodies, type Scenario } from "../scenario.js"

// Today's routes need `link_type`, and an instant link takes no `product_id`.
const todaysLink = {
  link_type: "instant",
  title: "Premium Membership",
  amount: 50000,
  currency_code: "XOF",
  description: "Annual premium membership",
} as const

const failureOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (err: unknown) => err,
  )

/** 3. A payment link's life: create, retrieve, then update, delete and the 404 where the routes have them. */
export const paymentLink: Scenario = {
  name: "payment-link",
  title: "Payment link: create, retrieve, update, delete",
  needsSandbox: false,
  generations: BOTH,
  async run({ lomi, generation, log }) {
    const link = await lomi.paymentLinks.create(
      generation === "v1" ? referenceBodies.createPaymentLink : todaysLink,
    )
    log(
      `created     ${link.link_id} "${link.title}" ${link.amount} ${link.currency_code} active=${link.is_active}`,
    )
    log(`url         ${link.url}`)
    const fetched = await lomi.paymentLinks.retrieve(link.link_id)
    check(fetched.title === "Premium Membership", "retrieve should return the created link")
    if (generation === "2025-12") {
      // Not served there: the SDK says so at once, and sends nothing.
      for (const [verb, call] of [
        ["update", () => lomi.paymentLinks.update(link.link_id, referenceBodies.updatePaymentLink)],
        ["delete", () => lomi.paymentLinks.delete(link.link_id)],
      ] as const) {
        const refused = await failureOf(call())
        check(
          refused instanceof LomiUnsupportedOperationError,
          `${verb} should fail with LomiUnsupportedOperationError, got ${refused}`,
        )
        log(`${verb.padEnd(11)} ${refused._tag} (${refused.attempts} requests sent)`)
      }
      return
    }
    const updated = await lomi.paymentLinks.update(link.link_id, referenceBodies.updatePaymentLink)
    log(`updated     metadata ${JSON.stringify(updated.metadata)}`)
    check(updated.metadata?.updated_reason === "Administrative update", "the update should set metadata")
    await lomi.paymentLinks.delete(link.link_id)
    log("deleted")
    const gone = await failureOf(lomi.paymentLinks.retrieve(link.link_id))
    check(
      gone instanceof LomiNotFoundError,
      `retrieve after delete should fail with LomiNotFoundError, got ${gone}`,
    )
    log(`retrieve -> ${gone._tag} (${gone.status}, request ${gone.requestId ?? "-"})`)
  },
}
