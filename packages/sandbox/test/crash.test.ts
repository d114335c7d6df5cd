// Kills the CLI with SIGKILL in the middle of a stream of writes, restarts it on the same data file, and
// checks that every write the client saw acknowledged (every 201) survived, and that no temporary file
// is left behind. The CLI runs as `node --import tsx src/cli.ts`: one process, so SIGKILL hits the
// server itself (the `tsx` launcher would be a parent process that forwards signals).
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterEach, describe, expect, it } from "vitest"
import { SANDBOX_DEFAULT_KEY } from "../src/index.js"
import { EXAMPLES, read, seeded } from "./helpers.js"

const packageDir = fileURLToPath(new URL("..", import.meta.url))
const SEED = 20_261_129
const children: ChildProcess[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL")
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

/** Starts the CLI on `dataFile` and resolves with its base URL once it listens. */
const launch = async (
  dataFile: string,
): Promise<{ child: ChildProcess; base: string; exited: Promise<unknown> }> => {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli.ts", "--port", "0", "--data", dataFile],
    {
      cwd: packageDir,
      stdio: ["ignore", "pipe", "pipe"],
    },
  )
  children.push(child)
  const exited = new Promise((resolve) => child.once("exit", resolve))
  let stdout = ""
  let stderr = ""
  child.stderr?.on("data", (chunk) => {
    stderr += chunk
  })
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      stdout += chunk
      const found = /base URL\s+(\S+)/.exec(stdout)?.[1]
      if (found !== undefined && stdout.includes("seed")) resolve(found)
    })
    child.on("exit", (code) => reject(new Error(`CLI exited with ${code}: ${stderr}`)))
  })
  return { child, base, exited }
}

const headers = { "x-api-key": SANDBOX_DEFAULT_KEY, "content-type": "application/json" }

describe("crash safety", () => {
  it("keeps every acknowledged write across SIGKILL, three times over", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lomi-sandbox-crash-"))
    dirs.push(dir)
    const dataFile = join(dir, "data.json")
    const random = seeded(SEED)
    const acknowledged = new Set<string>()
    for (let round = 0; round < 3; round++) {
      const { child, base, exited } = await launch(dataFile)
      const context = `seed ${SEED} round ${round}`
      // Everything acknowledged before this start must have survived the last kill.
      let total = 0
      const seen = new Set<string>()
      for (let offset = 0; offset === 0 || offset < total; offset += 100) {
        const page = await read(
          await fetch(`${base}/checkout_sessions?limit=100&offset=${offset}`, { headers }),
        )
        total = page.pagination.total
        for (const session of page.data) seen.add(session.checkout_session_id)
      }
      const missing = [...acknowledged].filter((id) => !seen.has(id))
      expect(missing, context).toEqual([])
      expect(await readdir(dir), context).toEqual(["data.json"])

      // 32 writers in a loop; the kill lands at a seeded moment while they are busy.
      let stop = false
      const writer = async (worker: number): Promise<void> => {
        for (let i = 0; !stop; i++) {
          try {
            const response = await fetch(`${base}/checkout_sessions`, {
              method: "POST",
              headers: { ...headers, "idempotency-key": `r${round}-w${worker}-${i}` },
              body: JSON.stringify({ ...EXAMPLES.createSession, amount: 1 + i, metadata: { round, worker } }),
            })
            if (response.status !== 201) throw new Error(`unexpected status ${response.status}`)
            acknowledged.add((await read(response)).checkout_session_id)
          } catch (error) {
            if (!stop) throw error
          }
        }
      }
      const writers = Array.from({ length: 32 }, (_, worker) => writer(worker))
      const target = acknowledged.size + random.int(50, 300)
      while (acknowledged.size < target) await new Promise((r) => setTimeout(r, 5))
      stop = true
      child.kill("SIGKILL")
      await Promise.all(writers)
      await exited
      // A kill during a compaction leaves its temporary file: the next start must remove it.
      await writeFile(`${dataFile}.${child.pid}.tmp`, '{"format":"lomi-sandbox"')
    }
    const { base } = await launch(dataFile)
    for (const id of acknowledged) {
      const response = await fetch(`${base}/checkout_sessions/${id}`, { headers })
      expect([id, response.status]).toEqual([id, 200])
    }
    expect(await readdir(dir)).toEqual(["data.json"])
  }, 30_000)
})
