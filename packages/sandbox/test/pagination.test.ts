import { describe, expect, it } from "vitest"
import { api, read, readError, seeded, start } from "./helpers.js"

const FIELDS = ["created_at", "updated_at", "amount", "title", "expires_at"] as const
const RESOURCES = [
  { path: "/payment_links", id: "link_id" },
  { path: "/checkout_sessions", id: "checkout_session_id" },
] as const

/** The expected order, written independently of the sandbox: unset values first in asc, ties by id. */
const sortExpected = (items: any[], field: string, direction: "asc" | "desc", idField: string): any[] => {
  const cmp = (a: unknown, b: unknown): number => {
    if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1
    if (typeof a === "number" && typeof b === "number") return a - b
    return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0
  }
  const sign = direction === "asc" ? 1 : -1
  return [...items].sort((a, b) => sign * (cmp(a[field], b[field]) || cmp(a[idField], b[idField])))
}

describe("pagination", () => {
  for (const [resource, seed] of RESOURCES.flatMap((r) => [11, 7919].map((seed) => [r, seed] as const))) {
    it(`pages of ${resource.path} concatenate to the full sorted list, for every sort (seed ${seed})`, async () => {
      const sandbox = await start()
      const random = seeded(seed)
      const count = random.int(40, 70)
      const currencies = ["XOF", "USD", "EUR"]
      for (let i = 0; i < count; i++) {
        const body: Record<string, unknown> = {
          // Few distinct values, so ties (broken by id) are frequent.
          amount: random.pick([100, 250, 250, 1000, 99]),
          currency_code: random.pick(currencies),
        }
        if (resource.path === "/payment_links" || random.chance(0.7))
          body.title = random.pick(["A", "b", "Zed", "café", "a"])
        if (resource.path === "/checkout_sessions" || random.chance(0.5)) {
          body.expires_at = new Date(Date.UTC(2031, 0, 1) + random.int(0, 5) * 3600_000).toISOString()
        }
        expect((await api(sandbox, "POST", resource.path, body)).status).toBe(201)
        // Touch some items so updated_at differs from created_at order.
        if (random.chance(0.2)) {
          const list = await read(await api(sandbox, "GET", `${resource.path}?limit=100`))
          const target = random.pick(list.data as any[])
          await api(sandbox, "PATCH", `${resource.path}/${target[resource.id]}`, { metadata: { touched: i } })
        }
      }
      const everything = (await read(await api(sandbox, "GET", `${resource.path}?limit=100`))).data as any[]
      expect(everything).toHaveLength(count)

      for (const field of FIELDS) {
        for (const direction of ["asc", "desc"] as const) {
          const limit = random.int(1, 17)
          const pages: any[] = []
          for (let offset = 0; ; offset += limit) {
            const page = await read(
              await api(
                sandbox,
                "GET",
                `${resource.path}?limit=${limit}&offset=${offset}&sort=${field}:${direction}`,
              ),
            )
            expect(page.pagination).toEqual({ limit, offset, total: count })
            expect(page.data.length).toBeLessThanOrEqual(limit)
            if (page.data.length === 0) break
            pages.push(...page.data)
          }
          const ids = pages.map((item) => item[resource.id])
          expect(new Set(ids).size).toBe(ids.length)
          expect(ids).toEqual(
            sortExpected(everything, field, direction, resource.id).map((item) => item[resource.id]),
          )
        }
      }
      // The default order is created_at:desc.
      const byDefault = await read(await api(sandbox, "GET", `${resource.path}?limit=100`))
      expect(byDefault.data.map((item: any) => item[resource.id])).toEqual(
        sortExpected(everything, "created_at", "desc", resource.id).map((item) => item[resource.id]),
      )
    })
  }

  it("refuses out-of-range and unknown list parameters", async () => {
    const sandbox = await start()
    for (const query of [
      "limit=0",
      "limit=101",
      "limit=-1",
      "limit=1.5",
      "limit=abc",
      "limit=",
      "offset=-1",
      "offset=x",
      "sort=created_at",
      "sort=created_at:up",
      "sort=status:asc",
      "sort=amount:asc:x",
      "page=2",
      "limit=1&limit=2",
    ]) {
      const response = await api(sandbox, "GET", `/checkout_sessions?${query}`)
      expect([query, response.status]).toEqual([query, 400])
      const error = await readError(response)
      expect(error.code).toBe("INVALID_REQUEST")
      expect(error.details.issues.length).toBeGreaterThan(0)
    }
    const ok = await read(await api(sandbox, "GET", "/payment_links?limit=100&offset=5000&sort=title:asc"))
    expect(ok).toEqual({ data: [], pagination: { limit: 100, offset: 5000, total: 0 } })
  })

  it("bulk-seeds 100,000 sessions and pages through them in order", async () => {
    const sandbox = await start()
    const ids = await sandbox.seedCheckoutSessions(100_000, { currency_code: "USD" })
    expect(ids).toHaveLength(100_000)
    const first = await read(await api(sandbox, "GET", "/checkout_sessions?limit=100"))
    expect(first.pagination.total).toBe(100_000)
    // Seeded sessions are created oldest first, so the default order starts with the last id.
    expect(first.data[0].checkout_session_id).toBe(ids[ids.length - 1])
    expect(first.data.every((s: any) => s.currency_code === "USD" && s.status === "open")).toBe(true)
    const last = await read(
      await api(sandbox, "GET", "/checkout_sessions?limit=100&offset=99950&sort=created_at:asc"),
    )
    expect(last.data.map((s: any) => s.checkout_session_id)).toEqual(ids.slice(99_950))
    const byAmount = await read(await api(sandbox, "GET", "/checkout_sessions?limit=100&sort=amount:desc"))
    const amounts = byAmount.data.map((s: any) => s.amount)
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a))
    await expect(sandbox.seedCheckoutSessions(1, { amount: -1 })).rejects.toThrow(/amount/)
  })
})
