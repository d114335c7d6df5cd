// One cold start: a fresh process imports what it needs and makes one request. Prints the milliseconds from
// process start (`performance.timeOrigin`) to the first response, and to the end of the module imports.
const variant = process.argv[2]
const url = process.env.BENCH_URL!
const apiKey = process.env.BENCH_KEY!
const id = process.env.BENCH_ID!

const report = (importedMs: number, session: { checkout_session_id?: string | undefined }) => {
  const firstResponseMs = performance.now()
  if (session.checkout_session_id !== id) throw new Error("unexpected response")
  process.stdout.write(`${JSON.stringify({ importedMs, firstResponseMs })}\n`)
}

if (variant === "raw") {
  const importedMs = performance.now()
  const res = await fetch(`${url}/checkout_sessions/${id}`, {
    headers: { accept: "application/json", "x-api-key": apiKey },
  })
  report(importedMs, JSON.parse(await res.text()))
} else if (variant === "promise") {
  const { Lomi } = await import("@lomi/checkout")
  const importedMs = performance.now()
  report(importedMs, await new Lomi({ apiKey, baseUrl: url }).checkoutSessions.retrieve(id))
} else {
  const [{ Checkout, CheckoutSessions }, Effect] = await Promise.all([
    import("./effect-api.js").then((m) => m.loadEffectApi()),
    import("effect/Effect"),
  ])
  const importedMs = performance.now()
  const program = Effect.flatMap(Effect.service(CheckoutSessions), (sessions) => sessions.retrieve(id))
  report(
    importedMs,
    await Effect.runPromise(program.pipe(Effect.provide(Checkout.layer({ apiKey, baseUrl: url })))),
  )
}
