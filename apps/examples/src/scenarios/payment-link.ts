import { LomiNotFoundError } from "@lomi/checkout"
import { check, referenceBodies, type Scenario } from "../scenario.js"

/** 3. A payment link's whole life: create, retrieve, update, delete, then the 404. */
export const paymentLink: Scenario = {
  name: "payment-link",
  title: "Payment link: create, retrieve, update, delete",
  needsSandbox: false,
  async run({ lomi, log }) {
    const link = await lomi.paymentLinks.create(referenceBodies.createPaymentLink)
    log(
      `created     ${link.link_id} "${link.title}" ${link.amount} ${link.currency_code} active=${link.is_active}`,
    )
    log(`url         ${link.url}`)
    const fetched = await lomi.paymentLinks.retrieve(link.link_id)
    check(fetched.title === "Premium Membership", "retrieve should return the created link")
    const updated = await lomi.paymentLinks.update(link.link_id, referenceBodies.updatePaymentLink)
    log(`updated     metadata ${JSON.stringify(updated.metadata)}`)
    check(updated.metadata?.updated_reason === "Administrative update", "the update should set metadata")
    await lomi.paymentLinks.delete(link.link_id)
    log("deleted")
    const gone = await lomi.paymentLinks.retrieve(link.link_id).then(
      () => undefined,
      (err: unknown) => err,
    )
    check(
      gone instanceof LomiNotFoundError,
      `retrieve after delete should fail with LomiNotFoundError, got ${gone}`,
    )
    log(`retrieve -> ${gone._tag} (${gone.status}, request ${gone.requestId ?? "-"})`)
  },
}
