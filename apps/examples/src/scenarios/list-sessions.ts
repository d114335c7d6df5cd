import { check, type Scenario } from "../scenario.js"

/** 4. `for await` over every checkout session, across several pages, with a sort. */
export const listSessions: Scenario = {
  name: "list-sessions",
  title: "List checkout sessions across pages",
  needsSandbox: false,
  async run({ lomi, log }) {
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
    const page = await lomi.checkoutSessions.list({ limit: 3, sort: "amount:asc" })
    log(`first page  ${page.data.length} items of ${page.pagination.total} (limit ${page.pagination.limit})`)
    let count = 0
    let mine = 0
    let lastAmount = Number.NEGATIVE_INFINITY
    const seen = new Set<string>()
    for await (const session of lomi.checkoutSessions.list({ limit: 3, sort: "amount:asc" })) {
      count++
      check(!seen.has(session.checkout_session_id), "auto-pagination must never repeat an item")
      seen.add(session.checkout_session_id)
      check((session.amount ?? 0) >= lastAmount, "items should come sorted by amount ascending")
      lastAmount = session.amount ?? lastAmount
      if (session.metadata?.tag === tag) mine++
    }
    log(`for await   ${count} sessions in pages of 3, sorted by amount:asc (${mine} made by this demo)`)
    check(
      count === page.pagination.total,
      `iterated ${count} items, the API reports ${page.pagination.total}`,
    )
    check(mine === created.length, `expected to meet all ${created.length} sessions made here, met ${mine}`)
    for (const id of created) await lomi.checkoutSessions.delete(id)
  },
}
