import { BOTH, check, type Scenario } from "../scenario.js"

/** 4. `for await` over every checkout session, across several pages (sorted where the routes can sort). */
export const listSessions: Scenario = {
  name: "list-sessions",
  title: "List checkout sessions across pages",
  needsSandbox: false,
  generations: BOTH,
  async run({ lomi, generation, log }) {
    const tag = `list-demo-${Date.now()}`
    const created: string[] = []
    for (let i = 1; i <= 7; i++) {
      const s = await lomi.checkoutSessions.create({
        amount: i * 1000,
        currency_code: "XOF",
        metadata: { tag },
      })
      created.push(s.checkout_session_id)
    }
    // The document's routes sort and count; today's list newest first and send no total.
    const query = generation === "v1" ? ({ limit: 3, sort: "amount:asc" } as const) : { limit: 3 }
    const page = await lomi.checkoutSessions.list(query)
    const { total } = page.pagination
    log(
      `first page  ${page.data.length} items of ${total ?? "an uncounted list"} (limit ${page.pagination.limit})`,
    )
    let count = 0
    let mine = 0
    let lastAmount = Number.NEGATIVE_INFINITY
    const seen = new Set<string>()
    for await (const session of lomi.checkoutSessions.list(query)) {
      count++
      check(!seen.has(session.checkout_session_id), "auto-pagination must never repeat an item")
      seen.add(session.checkout_session_id)
      if (generation === "v1") {
        check(session.amount >= lastAmount, "items should come sorted by amount ascending")
        lastAmount = session.amount
      }
      if (session.metadata?.tag === tag) mine++
    }
    log(
      `for await   ${count} sessions in pages of 3${generation === "v1" ? ", sorted by amount:asc" : ", newest first"} (${mine} made by this demo)`,
    )
    if (total !== undefined) check(count === total, `iterated ${count} items, the API reports ${total}`)
    check(mine === created.length, `expected to meet all ${created.length} sessions made here, met ${mine}`)
    if (generation === "v1") for (const id of created) await lomi.checkoutSessions.delete(id)
    else log("cleanup     none: today's routes delete nothing; unpaid sessions expire after 60 minutes")
  },
}
