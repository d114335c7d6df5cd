import { spawnSync } from "node:child_process"
import { createHash } from "node:crypto"
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import {
  createSandboxHandler,
  filePersistence,
  SANDBOX_DEFAULT_KEY,
  type SandboxPersistence,
} from "../src/index.js"
import { api, EXAMPLES, read, readError, start } from "./helpers.js"

const dirs: string[] = []
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})
const tempFile = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), "lomi-sandbox-journal-"))
  dirs.push(dir)
  return join(dir, "data.json")
}
const lines = async (file: string): Promise<string[]> =>
  (await readFile(file, "utf8")).split("\n").slice(0, -1)
const total = async (sandbox: Awaited<ReturnType<typeof start>>): Promise<number> =>
  (await read(await api(sandbox, "GET", "/checkout_sessions"))).pagination.total

describe("journal", () => {
  it("appends one line per change after a header, and replays it", async () => {
    const dataFile = await tempFile()
    const first = await start({ dataFile })
    expect(await lines(dataFile)).toEqual(['{"format":"lomi-sandbox","version":2}'])
    const session = await read(await api(first, "POST", "/checkout_sessions", EXAMPLES.createSession))
    await api(first, "PATCH", `/checkout_sessions/${session.checkout_session_id}`, { title: "Patched" })
    const written = (await lines(dataFile)).map((line) => JSON.parse(line).type)
    expect(written).toEqual([undefined, "namespace", "put", "put"])
    await first.close()
    const second = await start({ dataFile })
    expect(
      await read(await api(second, "GET", `/checkout_sessions/${session.checkout_session_id}`)),
    ).toMatchObject({ title: "Patched" })
  })

  it("ignores a torn last line and keeps appending after the last good one", async () => {
    const dataFile = await tempFile()
    const first = await start({ dataFile })
    const kept = await read(await api(first, "POST", "/checkout_sessions", EXAMPLES.createSession))
    await first.close()
    const good = await readFile(dataFile)
    // A crash mid-append: half a line, then the zero bytes some file systems leave after a crash.
    const torn = `{"type":"put","namespace":"${"a".repeat(64)}","collection":"checkout_sessions","item":{"checkou`
    await appendFile(dataFile, Buffer.concat([Buffer.from(torn), Buffer.alloc(64)]))
    const second = await start({ dataFile })
    expect(await total(second)).toBe(1)
    // The torn tail was cut off before anything new was appended.
    expect((await readFile(dataFile)).equals(good)).toBe(true)
    const added = await read(await api(second, "POST", "/checkout_sessions", EXAMPLES.createSession))
    await second.close()
    // A torn line that happens to end in a newline is cut the same way.
    await appendFile(dataFile, '{"type":"delete","namespace":\n')
    const third = await start({ dataFile })
    expect((await api(third, "GET", `/checkout_sessions/${kept.checkout_session_id}`)).status).toBe(200)
    expect((await api(third, "GET", `/checkout_sessions/${added.checkout_session_id}`)).status).toBe(200)
    expect(await total(third)).toBe(2)
  })

  it("refuses to start on a damaged line that has good lines after it", async () => {
    const dataFile = await tempFile()
    const first = await start({ dataFile })
    await api(first, "POST", "/checkout_sessions", EXAMPLES.createSession)
    await api(first, "POST", "/checkout_sessions", EXAMPLES.createSession)
    await first.close()
    const content = await lines(dataFile)
    content[2] = `${content[2]?.slice(0, 20)}`
    await writeFile(dataFile, `${content.join("\n")}\n`)
    await expect(start({ dataFile })).rejects.toThrow(/line 3 of the data file is damaged/)
  })

  it("compacts when the journal outgrows the live data, and on a clean close", async () => {
    const dataFile = await tempFile()
    const sandbox = await start({ dataFile })
    await sandbox.seedCheckoutSessions(11_000)
    expect((await lines(dataFile)).length).toBe(11_002)
    // 11,000 lines for an empty store: the reset rewrites the file instead of appending to it.
    await sandbox.reset()
    expect(await lines(dataFile)).toHaveLength(2)
    const ids = await sandbox.seedCheckoutSessions(100)
    for (const id of ids.slice(0, 10))
      await api(sandbox, "PATCH", `/checkout_sessions/${id}`, { title: "Kept" })
    for (const id of ids.slice(10, 20)) await api(sandbox, "DELETE", `/checkout_sessions/${id}`)
    expect(await lines(dataFile)).toHaveLength(2 + 100 + 20)
    await sandbox.close()
    // One line per live record: header, namespace, 90 sessions.
    expect(await lines(dataFile)).toHaveLength(92)
    expect(await readdir(join(dataFile, ".."))).toEqual(["data.json"])
    const again = await start({ dataFile })
    expect(await total(again)).toBe(90)
    const kept = await read(await api(again, "GET", "/checkout_sessions?limit=100&sort=title:asc"))
    expect(kept.data.filter((s: { title: string }) => s.title === "Kept")).toHaveLength(10)
  })

  it("migrates a data file of the single-document format", async () => {
    const dataFile = await tempFile()
    const namespace = createHash("sha256").update(SANDBOX_DEFAULT_KEY).digest("hex")
    const stamp = "2030-01-01T00:00:00.000Z"
    const replayed = '{"checkout_session_id":"6F1C1F8E-9D2A-4C1B-8F5E-2A9C1D3E4F50","amount":15000}'
    const fingerprint = `POST /v1/checkout_sessions\n${Buffer.from(JSON.stringify({ amount: 1, currency_code: "XOF" })).toString("hex")}`
    await writeFile(
      dataFile,
      JSON.stringify({
        version: 1,
        namespaces: {
          [namespace]: {
            organization_id: "11111111-2222-4333-8444-555555555555",
            checkout_sessions: [
              {
                checkout_session_id: "6F1C1F8E-9D2A-4C1B-8F5E-2A9C1D3E4F50",
                organization_id: "11111111-2222-4333-8444-555555555555",
                environment: "test",
                amount: 15000,
                currency_code: "XOF",
                status: "open",
                expires_at: stamp,
                created_at: stamp,
                updated_at: stamp,
              },
            ],
            payment_links: [],
            idempotency: [
              [
                "old-key",
                {
                  fingerprint,
                  createdAt: Date.now(),
                  response: { status: 201, body: replayed, contentType: "application/json; charset=utf-8" },
                },
              ],
            ],
          },
        },
      }),
    )
    const sandbox = await start({ dataFile })
    const session = await read(
      await api(sandbox, "GET", "/checkout_sessions/6f1c1f8e-9d2a-4c1b-8f5e-2a9c1d3e4f50"),
    )
    expect(session).toMatchObject({
      checkout_session_id: "6f1c1f8e-9d2a-4c1b-8f5e-2a9c1d3e4f50",
      organization_id: "11111111-2222-4333-8444-555555555555",
    })
    const replay = await api(
      sandbox,
      "POST",
      "/checkout_sessions",
      { amount: 1, currency_code: "XOF" },
      {
        "idempotency-key": "old-key",
      },
    )
    expect(replay.headers.get("idempotent-replayed")).toBe("true")
    expect(await replay.text()).toBe(replayed)
    const created = await read(await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession))
    expect(created.organization_id).toBe("11111111-2222-4333-8444-555555555555")
    expect((await lines(dataFile))[0]).toBe('{"format":"lomi-sandbox","version":2}')
    await sandbox.close()
    expect(await total(await start({ dataFile }))).toBe(2)
  })

  it("removes temporary files of dead processes on start, and keeps those of live ones", async () => {
    const dataFile = await tempFile()
    const dir = join(dataFile, "..")
    const dead = spawnSync(process.execPath, ["-e", ""]).pid as number
    const names = [`data.json.${dead}.tmp`, `data.json.${process.ppid}.tmp`, `other.json.${dead}.tmp`]
    for (const name of names) await writeFile(join(dir, name), "partial")
    await start({ dataFile })
    expect((await readdir(dir)).sort()).toEqual([
      "data.json",
      `data.json.${process.ppid}.tmp`,
      `other.json.${dead}.tmp`,
    ])
  })

  it("takes back every change of a failed write: no item, no replayable answer, later writes fine", async () => {
    const dataFile = await tempFile()
    const file = filePersistence(dataFile)
    let gate: { release: (error?: Error) => void } | undefined
    // The file persistence, with appends held at a gate the test opens or fails.
    const gated: SandboxPersistence = {
      load: () => file.load(),
      replace: (lines) => file.replace(lines),
      close: () => file.close(),
      append: async (lines) => {
        if (gate !== undefined) {
          await new Promise<void>((resolve, reject) => {
            gate = { release: (error) => (error === undefined ? resolve() : reject(error)) }
          })
        }
        return file.append(lines)
      },
    }
    const errors: unknown[] = []
    const handler = createSandboxHandler({ persistence: gated, onError: (error) => errors.push(error) })
    await handler.ready
    const call = (method: string, path: string, body?: unknown, key?: string) =>
      handler.fetch(
        new Request(`http://sandbox.test/v1${path}`, {
          method,
          headers: {
            "x-api-key": handler.apiKey,
            "content-type": "application/json",
            ...(key === undefined ? {} : { "idempotency-key": key }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      )
    const kept = await read(await call("POST", "/checkout_sessions", EXAMPLES.createSession))

    gate = { release: () => {} }
    const first = call("POST", "/checkout_sessions", { ...EXAMPLES.createSession, title: "A" }, "key-a")
    await new Promise((resolve) => setTimeout(resolve, 20))
    // Staged while the first batch is being written: it goes into the next batch, which builds on it.
    const second = call("PATCH", `/checkout_sessions/${kept.checkout_session_id}`, { title: "B" })
    // A retry of the first while its answer is not yet saved: it must not replay that answer.
    const early = call("POST", "/checkout_sessions", { ...EXAMPLES.createSession, title: "A" }, "key-a")
    await new Promise((resolve) => setTimeout(resolve, 20))
    gate.release(Object.assign(new Error("no space left on device"), { code: "ENOSPC" }))
    gate = undefined
    const [a, b, c] = await Promise.all([first, second, early])
    expect([a.status, b.status, c.status]).toEqual([500, 500, 500])
    expect((await readError(a)).code).toBe("INTERNAL_ERROR")
    expect(errors).toHaveLength(3)

    // Nothing of either write is visible, and the key is free again: the retry executes.
    const list = await read(await call("GET", "/checkout_sessions"))
    expect(list.data).toHaveLength(1)
    expect(list.data[0].title).toBeUndefined()
    const retry = await call("POST", "/checkout_sessions", { ...EXAMPLES.createSession, title: "A" }, "key-a")
    expect(retry.status).toBe(201)
    expect(retry.headers.get("idempotent-replayed")).toBeNull()
    const replay = await call(
      "POST",
      "/checkout_sessions",
      { ...EXAMPLES.createSession, title: "A" },
      "key-a",
    )
    expect(replay.headers.get("idempotent-replayed")).toBe("true")
    await handler.close()

    const reloaded = createSandboxHandler({ persistence: filePersistence(dataFile) })
    const titles = (
      await read(
        await reloaded.fetch(
          new Request("http://sandbox.test/v1/checkout_sessions?sort=title:asc", {
            headers: { "x-api-key": reloaded.apiKey },
          }),
        ),
      )
    ).data.map((s: { title?: string }) => s.title)
    expect(titles).toEqual([undefined, "A"])
    await reloaded.close()
  })
})
