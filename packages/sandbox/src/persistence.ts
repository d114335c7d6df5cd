import { open, readFile, rename, unlink } from "node:fs/promises"
import type { SandboxPersistence } from "./handler.js"
import type { SandboxSnapshot } from "./store.js"

const isSnapshot = (value: unknown): value is SandboxSnapshot =>
  typeof value === "object" &&
  value !== null &&
  (value as { version?: unknown }).version === 1 &&
  typeof (value as { namespaces?: unknown }).namespaces === "object" &&
  (value as { namespaces?: unknown }).namespaces !== null

/**
 * Persists the sandbox to one JSON file. Each save writes a temporary file, fsyncs it and renames it
 * over the previous one, so a crash leaves either the old or the new state, never half a file.
 * Concurrent saves are coalesced: a save resolves once a write that started after it was requested has
 * completed, so every acknowledged change is on disk without one write per request queueing up.
 */
export const filePersistence = (path: string): SandboxPersistence => {
  const temp = `${path}.${process.pid}.tmp`
  let writing: Promise<void> | undefined
  let queued: { promise: Promise<void>; take: () => SandboxSnapshot } | undefined

  const writeOnce = async (take: () => SandboxSnapshot): Promise<void> => {
    const text = JSON.stringify(take())
    const handle = await open(temp, "w")
    try {
      await handle.writeFile(text, "utf8")
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  }

  const run = (take: () => SandboxSnapshot): Promise<void> => {
    const promise = writeOnce(take).finally(() => {
      writing = undefined
      if (queued !== undefined) {
        const next = queued
        queued = undefined
        writing = next.promise
      }
    })
    return promise
  }

  return {
    async load() {
      let text: string
      try {
        text = await readFile(path, "utf8")
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined
        throw error
      }
      const parsed: unknown = JSON.parse(text)
      if (!isSnapshot(parsed)) throw new Error(`${path} is not a lomi-sandbox data file`)
      await unlink(temp).catch(() => {})
      return parsed
    },
    save(take) {
      if (writing === undefined) {
        writing = run(take)
        return writing
      }
      if (queued === undefined) {
        // Starts only after the running write, and reads the state at that moment, which includes
        // every change made by the callers that joined this queued write.
        const current = writing
        const entry = { take, promise: Promise.resolve() }
        entry.promise = current.catch(() => {}).then(() => run(entry.take))
        queued = entry
      }
      return queued.promise
    },
  }
}
