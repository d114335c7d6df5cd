import { type FileHandle, open, readdir, readFile, rename, unlink } from "node:fs/promises"
import { basename, dirname, join } from "node:path"
import type { SandboxPersistence } from "./commit-queue.js"
import {
  changesFromLegacy,
  decodeJournal,
  encodeChange,
  isJournal,
  JOURNAL_HEADER,
  JournalError,
  type SandboxChange,
} from "./journal.js"

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM"
  }
}

/**
 * Deletes temporary files that compactions of dead processes left behind (`<file>.<pid>.tmp`). Our own
 * pid counts as dead: nothing is written yet, and in a container the sandbox is pid 1 on every start.
 */
const removeStaleTemps = async (path: string): Promise<void> => {
  const prefix = `${basename(path)}.`
  let names: string[]
  try {
    names = await readdir(dirname(path))
  } catch {
    return
  }
  for (const name of names) {
    const pid = /^(\d+)\.tmp$/.exec(name.startsWith(prefix) ? name.slice(prefix.length) : "")?.[1]
    if (pid !== undefined && (Number(pid) === process.pid || !alive(Number(pid)))) {
      await unlink(join(dirname(path), name)).catch(() => {})
    }
  }
}

/** Makes a rename or a file creation in `dir` durable (a no-op where directories cannot be opened). */
const syncDirectory = async (dir: string): Promise<void> => {
  let handle: FileHandle | undefined
  try {
    handle = await open(dir, "r")
    await handle.sync()
  } catch {
    // Windows cannot open a directory; its renames are durable once the file is flushed.
  } finally {
    await handle?.close()
  }
}

const writeAll = async (handle: FileHandle, bytes: Uint8Array): Promise<void> => {
  let at = 0
  while (at < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, at, bytes.byteLength - at)
    at += bytesWritten
  }
}

const linesToBytes = (lines: ReadonlyArray<string>): Buffer =>
  Buffer.from(lines.length === 0 ? "" : `${lines.join("\n")}\n`, "utf8")

/**
 * Keeps the sandbox in one file, as a journal (JSON Lines, see `journal.ts`): each write appends one
 * line per changed record and fsyncs before the answer is sent, so a write costs what it writes, not
 * the size of the store. The journal is compacted (rewritten to a temporary file, fsynced and renamed
 * over the old one) when it has grown well beyond the live data, and on a clean close.
 *
 * After a crash, a torn last line (never acknowledged) is cut off, and temporary files of dead
 * processes are removed. A data file of the older single-document format is migrated on load.
 */
export const filePersistence = (path: string): SandboxPersistence => {
  const temp = `${path}.${process.pid}.tmp`
  let handle: FileHandle | undefined
  // Bytes known durable: a failed append is cut back to this.
  let size = 0
  // Set when a failed append could not be cut back: the file's tail is then unknown.
  let broken: unknown

  const openForAppend = async (): Promise<void> => {
    const previous = handle
    handle = undefined
    await previous?.close()
    handle = await open(path, "a")
  }

  const replace = async (lines: ReadonlyArray<string>): Promise<void> => {
    const bytes = linesToBytes([JOURNAL_HEADER, ...lines])
    try {
      const out = await open(temp, "w")
      try {
        await writeAll(out, bytes)
        await out.sync()
      } finally {
        await out.close()
      }
      await rename(temp, path)
    } catch (error) {
      // The old file is untouched; leave no half-written copy beside it.
      await unlink(temp).catch(() => {})
      throw error
    }
    await syncDirectory(dirname(path))
    size = bytes.byteLength
    broken = undefined
    await openForAppend()
  }

  const loadBytes = async (bytes: Buffer): Promise<SandboxChange[]> => {
    let changes: SandboxChange[]
    if (bytes.byteLength === 0) {
      changes = []
      await replace([])
    } else if (isJournal(bytes)) {
      const journal = decodeJournal(bytes)
      changes = journal.changes
      if (journal.validBytes < bytes.byteLength) {
        const cut = await open(path, "r+")
        try {
          await cut.truncate(journal.validBytes)
          await cut.sync()
        } finally {
          await cut.close()
        }
      }
      size = journal.validBytes
      await openForAppend()
    } else {
      const legacy = changesFromLegacy(bytes.toString("utf8"))
      if (legacy === undefined) throw new JournalError(`${path} is not a lomi-sandbox data file`)
      changes = legacy
      await replace(legacy.map(encodeChange))
    }
    return changes
  }

  return {
    async load() {
      await removeStaleTemps(path)
      let bytes: Buffer
      try {
        bytes = await readFile(path)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error
        bytes = Buffer.alloc(0)
      }
      try {
        return await loadBytes(bytes)
      } catch (error) {
        if (error instanceof JournalError && !error.message.startsWith(path)) {
          throw new JournalError(`${path}: ${error.message}`)
        }
        throw error
      }
    },

    async append(lines) {
      if (broken !== undefined)
        throw new Error("the data file has an unknown tail; restart the sandbox", { cause: broken })
      if (handle === undefined) throw new Error("the data file is not open")
      const bytes = linesToBytes(lines)
      try {
        await writeAll(handle, bytes)
        await handle.datasync()
        size += bytes.byteLength
      } catch (error) {
        // Nothing of a failed batch may stay in the file: it would come back on the next start.
        try {
          await handle.truncate(size)
          await handle.datasync()
        } catch (cause) {
          broken = cause
        }
        throw error
      }
    },

    replace,

    async close() {
      await handle?.close()
      handle = undefined
    },
  }
}
