import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { SANDBOX_DEFAULT_KEY } from "../src/index.js"
import { api, EXAMPLES, read, start } from "./helpers.js"

const dirs: string[] = []
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})
const tempFile = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), "lomi-sandbox-"))
  dirs.push(dir)
  return join(dir, "data.json")
}

describe("persistence", () => {
  it("keeps every acknowledged write across a restart", async () => {
    const dataFile = await tempFile()
    const first = await start({ dataFile })
    const session = await read(await api(first, "POST", "/checkout_sessions", EXAMPLES.createSession))
    const link = await read(await api(first, "POST", "/payment_links", EXAMPLES.createLink))
    const doomed = await read(
      await api(first, "POST", "/payment_links", { ...EXAMPLES.createLink, title: "Doomed" }),
    )
    await api(first, "PATCH", `/checkout_sessions/${session.checkout_session_id}`, EXAMPLES.updateSession)
    await api(first, "DELETE", `/payment_links/${doomed.link_id}`)
    await api(first, "POST", "/payment_links", EXAMPLES.createLink, { "idempotency-key": "persisted" })
    // The journal is written before each answer: read it while the server still runs.
    const onDisk = await readFile(dataFile, "utf8")
    expect(onDisk).toContain(session.checkout_session_id)
    expect(onDisk).toContain(`"type":"delete","namespace"`)
    expect(onDisk).not.toContain(SANDBOX_DEFAULT_KEY)
    await first.close()
    // A clean close compacts: the deleted link is gone from the file, not just marked deleted.
    expect(await readFile(dataFile, "utf8")).not.toContain(doomed.link_id)

    const second = await start({ dataFile })
    const restored = await read(await api(second, "GET", `/checkout_sessions/${session.checkout_session_id}`))
    expect(restored).toMatchObject({ metadata: EXAMPLES.updateSession.metadata, status: "open" })
    expect(restored.url).toBe(`${second.origin}/checkout/${session.checkout_session_id}`)
    expect((await api(second, "GET", `/payment_links/${link.link_id}`)).status).toBe(200)
    expect((await api(second, "GET", `/payment_links/${doomed.link_id}`)).status).toBe(404)
    expect((await read(await api(second, "GET", "/payment_links"))).pagination.total).toBe(2)
    // Idempotency keys survive too, so a retry after a crash does not duplicate.
    const replay = await api(second, "POST", "/payment_links", EXAMPLES.createLink, {
      "idempotency-key": "persisted",
    })
    expect(replay.headers.get("idempotent-replayed")).toBe("true")
    expect((await read(await api(second, "GET", "/payment_links"))).pagination.total).toBe(2)
    expect(await readdir(join(dataFile, ".."))).toEqual(["data.json"])
  })

  it("survives concurrent writes and seeds with one write", async () => {
    const dataFile = await tempFile()
    const first = await start({ dataFile })
    const created = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        api(first, "POST", "/checkout_sessions", { ...EXAMPLES.createSession, amount: i + 1 }),
      ),
    )
    expect(created.every((r) => r.status === 201)).toBe(true)
    await first.seedCheckoutSessions(500)
    await first.close()
    const second = await start({ dataFile })
    expect((await read(await api(second, "GET", "/checkout_sessions"))).pagination.total).toBe(525)
  })

  it("refuses to start on a file that is not a sandbox data file", async () => {
    const dataFile = await tempFile()
    await writeFile(dataFile, '{"hello":"world"}')
    await expect(start({ dataFile })).rejects.toThrow(/not a lomi-sandbox data file/)
  })
})
