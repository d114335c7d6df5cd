// Child processes, temporary directories and their cleanup. Every child runs in its own process group
// (`detached`), so stopping it also stops what it started (npm's scripts, tsx's node, verdaccio's workers).
// Whatever is still alive or on disk when the script ends, normally, on an error, on a timeout or on a
// signal, is killed and removed: `main` runs the cleanups, and a synchronous `exit` hook is the backstop.
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"

const live = new Set<ChildProcess>()
const dirs = new Set<string>()

const killGroup = (child: ChildProcess, signal: NodeJS.Signals): void => {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // already gone
  }
}

const cleanupSync = (): void => {
  for (const child of live) killGroup(child, "SIGKILL")
  live.clear()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  dirs.clear()
}
process.on("exit", cleanupSync)

/** A fresh directory under the OS temp dir (outside the workspace), removed when the script ends. */
export const tempDir = (label: string): string => {
  const dir = mkdtempSync(join(tmpdir(), `lomi-${label}-`))
  dirs.add(dir)
  return dir
}

/**
 * The environment for tools the scripts start: this process's, minus the npm and pnpm settings that
 * `pnpm run` exports (they would leak the workspace's registry, catalog and overrides into consumer
 * projects) and the `NODE_PATH` pnpm's launchers (tsx's) set (through it, a consumer's `require` would
 * find the workspace's packages, @lomi/core among them), plus `extra`.
 */
export const cleanEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm|pnpm)_(config|package|lifecycle)_/i.test(key) || key === "INIT_CWD" || key === "NODE_PATH")
      continue
    env[key] = value
  }
  return { ...env, CI: "true", NO_COLOR: "1", FORCE_COLOR: "0", ...extra }
}

export interface Options {
  readonly cwd?: string
  readonly env?: NodeJS.ProcessEnv
  /** Kill the process group and fail after this long (default 120 s). */
  readonly timeoutMs?: number
}

/** A long-running child: its output so far, a way to wait for a line, and `stop()`. */
export interface Service {
  readonly child: ChildProcess
  output(): string
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>
  stop(): Promise<void>
}

const describe = (command: string, args: ReadonlyArray<string>): string =>
  [command, ...args].map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(" ")

/** Starts `command` in its own process group, stdin closed, stdout and stderr captured. */
export const start = (command: string, args: ReadonlyArray<string>, options: Options = {}): Service => {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? cleanEnv(),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  })
  live.add(child)
  let output = ""
  const listeners = new Set<() => void>()
  const onData = (chunk: Buffer): void => {
    output += chunk.toString("utf8")
    for (const listener of listeners) listener()
  }
  child.stdout?.on("data", onData)
  child.stderr?.on("data", onData)
  const exited = new Promise<void>((resolve) => {
    child.on("error", (error) => {
      output += `\n[spawn error] ${error.message}`
      resolve()
    })
    child.on("close", () => resolve())
  })
  exited.then(() => {
    live.delete(child)
    for (const listener of listeners) listener()
  })

  return {
    child,
    output: () => output,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const match = output.match(pattern)
          if (match !== null) done(() => resolve(match))
          else if (!live.has(child))
            done(() =>
              reject(new Error(`${describe(command, args)} exited before printing ${pattern}:\n${output}`)),
            )
        }
        const timer = setTimeout(
          () =>
            done(() => reject(new Error(`no ${pattern} from ${command} within ${timeoutMs} ms:\n${output}`))),
          timeoutMs,
        )
        const done = (settle: () => void): void => {
          clearTimeout(timer)
          listeners.delete(check)
          settle()
        }
        listeners.add(check)
        check()
      }),
    stop: async () => {
      if (!live.has(child)) return
      killGroup(child, "SIGTERM")
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), 3000)
      await exited
      clearTimeout(timer)
      killGroup(child, "SIGKILL") // anything the leader left behind in its group
    },
  }
}

/** Runs `command` to completion; resolves with its output, rejects with it on failure or timeout. */
export const run = async (
  command: string,
  args: ReadonlyArray<string>,
  options: Options = {},
): Promise<string> => {
  const timeoutMs = options.timeoutMs ?? 120_000
  const service = start(command, args, options)
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    void service.stop()
  }, timeoutMs)
  const code = await new Promise<number | null>((resolve) => {
    if (service.child.exitCode !== null) resolve(service.child.exitCode)
    service.child.on("close", (exitCode) => resolve(exitCode))
    service.child.on("error", () => resolve(null))
  })
  clearTimeout(timer)
  killGroup(service.child, "SIGKILL")
  if (timedOut || code !== 0) {
    const why = timedOut ? `timed out after ${timeoutMs} ms` : `exited with ${code}`
    const where = options.cwd === undefined ? "" : ` (in ${options.cwd})`
    throw new Error(`${describe(command, args)}${where} ${why}:\n${service.output().trimEnd()}`)
  }
  return service.output()
}

/** A TCP port that was free on 127.0.0.1 a moment ago, for tools that cannot listen on port 0. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

/** Polls `url` until it answers (any status), for servers that print nothing useful when ready. */
export const waitForHttp = async (url: string, timeoutMs: number, service?: Service): Promise<void> => {
  const until = Date.now() + timeoutMs
  for (;;) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) })
      return
    } catch (error) {
      if (service !== undefined && service.child.exitCode !== null)
        throw new Error(`exited (${service.child.exitCode}) before ${url} answered:\n${service.output()}`)
      if (Date.now() > until)
        throw new Error(
          `${url} did not answer within ${timeoutMs} ms (${(error as Error).message})\n${service?.output() ?? ""}`,
        )
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}

const cleanups: Array<() => Promise<void>> = []

/** Registers an async cleanup; `main` runs them last-in first-out. */
export const defer = (cleanup: () => Promise<void>): void => {
  cleanups.push(cleanup)
}

const runCleanups = async (): Promise<void> => {
  for (let cleanup = cleanups.pop(); cleanup !== undefined; cleanup = cleanups.pop()) {
    try {
      await cleanup()
    } catch (error) {
      console.error(`cleanup failed: ${(error as Error).message}`)
    }
  }
  cleanupSync()
}

/**
 * Runs a script's body with an overall time limit, and always cleans up: on success, on failure, on the
 * time limit and on SIGINT, SIGTERM or SIGHUP. Exits 0 only if the body resolved.
 */
export const main = (name: string, timeoutMs: number, body: () => Promise<void>): void => {
  let finishing = false
  const finish = async (code: number, message?: string): Promise<void> => {
    if (finishing) return
    finishing = true
    if (message !== undefined) console.error(message)
    await runCleanups()
    process.exit(code)
  }
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
    process.on(signal, () => void finish(130, `${name}: ${signal}, cleaning up`))
  const timer = setTimeout(() => void finish(1, `${name}: gave up after ${timeoutMs / 1000} s`), timeoutMs)
  timer.unref()
  body().then(
    () => finish(0),
    (error: unknown) =>
      finish(1, `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  )
}

/** Milliseconds since `from`, as seconds with one decimal. */
export const seconds = (from: number): string => `${((Date.now() - from) / 1000).toFixed(1)} s`
