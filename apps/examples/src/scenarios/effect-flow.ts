import { Checkout, CheckoutSessions, PaymentLinks } from "@lomi/checkout"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { check, referenceBodies, type Scenario } from "../scenario.js"

/** The main flow, the Effect way: services from layers, typed failures handled by tag. */
const program = Effect.gen(function* () {
  const sessions = yield* CheckoutSessions
  const links = yield* PaymentLinks
  const session = yield* sessions.create(referenceBodies.createCheckoutSession)
  const updated = yield* sessions.update(session.checkout_session_id, referenceBodies.updateCheckoutSession)
  const link = yield* links.create(referenceBodies.createPaymentLink)
  yield* links.delete(link.link_id)
  // A retrieve after delete fails with LomiNotFoundError; recover from exactly that tag.
  const afterDelete = yield* links.retrieve(link.link_id).pipe(
    Effect.map(() => "still there"),
    Effect.catchTag("LomiNotFoundError", (err) => Effect.succeed(`gone (${err.status})`)),
  )
  // The Stream walks every page lazily, one request per page.
  const amounts = yield* sessions.stream({ limit: 2, sort: "created_at:asc" }).pipe(
    Stream.map((s) => s.amount ?? 0),
    Stream.take(5),
    Stream.runCollect,
  )
  return { session, updated, afterDelete, amounts }
})

/** 8. Layers, `Config` for the key, typed error handling and a `Stream` list. */
export const effectFlow: Scenario = {
  name: "effect",
  title: "The same flow, the Effect way",
  needsSandbox: false,
  async run({ clientOptions, sandbox, log }) {
    // Config reads LOMI_API_KEY / LOMI_BASE_URL; offline, they come from the embedded sandbox.
    const config = sandbox
      ? ConfigProvider.layer(
          ConfigProvider.fromEnvRecord({ LOMI_API_KEY: clientOptions.apiKey, LOMI_BASE_URL: sandbox.url }),
        )
      : Layer.empty
    const result = await Effect.runPromise(
      program.pipe(Effect.provide(Checkout.layerConfig().pipe(Layer.provide(config)))),
    )
    log(`session     ${result.session.checkout_session_id} (${result.session.status})`)
    log(`updated     metadata ${JSON.stringify(result.updated.metadata)}`)
    log(`link        ${result.afterDelete}`)
    log(`stream      first amounts ${JSON.stringify(result.amounts)}`)
    check(result.afterDelete.startsWith("gone"), "a deleted link should be gone")
    check(result.amounts.length > 0, "the stream should yield sessions")
  },
}
