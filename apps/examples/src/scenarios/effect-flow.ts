import { type ApiGeneration, Checkout, CheckoutSessions, PaymentLinks } from "@lomi/checkout/effect"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { BOTH, check, referenceBodies, type Scenario } from "../scenario.js"

/**
 * The main flow, the Effect way: services from layers, typed failures handled by tag. `update` and
 * `delete` say in their error type that a generation may not serve them, and `catchTag` handles exactly that.
 */
const program = (generation: ApiGeneration) =>
  Effect.gen(function* () {
    const sessions = yield* CheckoutSessions
    const links = yield* PaymentLinks
    const session = yield* sessions.create(referenceBodies.createCheckoutSession)
    const updated = yield* sessions
      .update(session.checkout_session_id, referenceBodies.updateCheckoutSession)
      .pipe(
        Effect.map((s) => `metadata ${JSON.stringify(s.metadata)}`),
        Effect.catchTag("LomiUnsupportedOperationError", (err) =>
          Effect.succeed(`not served on ${err.apiGeneration}, nothing sent`),
        ),
      )
    const link = yield* links.create(
      generation === "v1"
        ? referenceBodies.createPaymentLink
        : { link_type: "instant", title: "Premium", amount: 50000, currency_code: "XOF" },
    )
    // A retrieve after delete fails with LomiNotFoundError; recover from exactly the tags expected.
    const afterDelete = yield* links.delete(link.link_id).pipe(
      Effect.andThen(links.retrieve(link.link_id)),
      Effect.map(() => "still there"),
      Effect.catchTag("LomiNotFoundError", (err) => Effect.succeed(`gone (${err.status})`)),
      Effect.catchTag("LomiUnsupportedOperationError", (err) =>
        Effect.succeed(`kept: delete is not served on ${err.apiGeneration}`),
      ),
    )
    // The Stream walks every page lazily, one request per page.
    const amounts = yield* sessions
      .stream(generation === "v1" ? { limit: 2, sort: "created_at:asc" } : { limit: 2 })
      .pipe(
        Stream.map((s) => s.amount),
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
  generations: BOTH,
  async run({ clientOptions, generation, sandbox, log }) {
    // Config reads LOMI_API_KEY / LOMI_BASE_URL; offline, they come from the embedded sandbox.
    const config = sandbox
      ? ConfigProvider.layer(
          ConfigProvider.fromEnvRecord({
            LOMI_API_KEY: clientOptions.apiKey,
            LOMI_BASE_URL: clientOptions.baseUrl ?? sandbox.url,
          }),
        )
      : Layer.empty
    const result = await Effect.runPromise(
      program(generation).pipe(Effect.provide(Checkout.layerConfig().pipe(Layer.provide(config)))),
    )
    log(`session     ${result.session.checkout_session_id} (${result.session.status})`)
    log(`update      ${result.updated}`)
    log(`link        ${result.afterDelete}`)
    log(`stream      first amounts ${JSON.stringify(result.amounts)}`)
    check(
      result.afterDelete.startsWith(generation === "v1" ? "gone" : "kept"),
      `a deleted link should be gone where delete exists, kept elsewhere: ${result.afterDelete}`,
    )
    check(result.amounts.length > 0, "the stream should yield sessions")
  },
}
