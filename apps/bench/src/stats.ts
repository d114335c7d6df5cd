// Small statistics and process helpers shared by the benchmarks.
import { type ChildProcess, spawn } from "node:child_process"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import * as esbuild from "esbuild"

/** The median of `values` (the mean of the two middle ones for an even count). */
export const median = (values: ReadonlyArray<number>): number => {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** The `p`-th percentile (0..100) of `sorted`, by the nearest-rank method. */
export const percentile = (sorted: ReadonlyArray<number>, p: number): number => {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!
}

/** Rotates `items` by `round`, so that no variant always runs first (or right after the same one). */
export const rotate = <A>(items: ReadonlyArray<A>, round: number): Array<A> => {
  const n = items.length
  return items.map((_, i) => items[(i + round) % n]!)
}

/** Rounds to `digits` decimals. */
export const round = (value: number, digits = 2): number => {
  const f = 10 ** digits
  return Math.round(value * f) / f
}

const OUT = fileURLToPath(new URL("../.out/", import.meta.url))
const compiled = new Map<string, string>()

/**
 * Compiles a TypeScript entry of this package to plain ESM (packages stay external, so they are imported
 * from node_modules as a user's program would), so children run on bare `node`, without tsx's loader.
 */
export const compile = (name: string, options: { readonly bundlePackages?: boolean } = {}): string => {
  const key = options.bundlePackages ? `${name}-bundled` : name
  let out = compiled.get(key)
  if (out === undefined) {
    out = join(OUT, `${key}.mjs`)
    esbuild.buildSync({
      entryPoints: [fileURLToPath(new URL(`../src/${name}.ts`, import.meta.url))],
      outfile: out,
      bundle: true,
      // Bundled, the dependencies (effect, the SDK) load as one file, as in a user's bundled server.
      packages: options.bundlePackages ? "bundle" : "external",
      platform: "node",
      format: "esm",
      target: "node20",
      logLevel: "warning",
    })
    compiled.set(key, out)
  }
  return out
}

/** A bare `node` child running the compiled entry `name` of this package (`nodeArgs` go before it). */
export const nodeChild = (
  name: string,
  args: ReadonlyArray<string> = [],
  env: NodeJS.ProcessEnv = {},
  build: { readonly bundlePackages?: boolean } = {},
  nodeArgs: ReadonlyArray<string> = [],
) =>
  spawn(process.execPath, [...nodeArgs, compile(name, build), ...args], {
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, ...env },
  })

/** Stops a server child (they serve until their stdin closes) and waits; kills it after 5 s. */
export const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once("exit", () => resolve())
    child.stdin?.end()
    setTimeout(() => child.kill("SIGKILL"), 5000).unref()
  })

/** Runs the compiled entry `name` to completion and parses the last line it prints as JSON. */
export const runChild = <A>(
  name: string,
  args: ReadonlyArray<string> = [],
  env: NodeJS.ProcessEnv = {},
  build: { readonly bundlePackages?: boolean } = {},
  nodeArgs: ReadonlyArray<string> = [],
) =>
  new Promise<A>((resolve, reject) => {
    const child = nodeChild(name, args, env, build, nodeArgs)
    let out = ""
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8")
    })
    child.stdin.end()
    child.once("error", reject)
    child.once("exit", (code) => {
      const last = out.trim().split("\n").at(-1) ?? ""
      if (code !== 0) return reject(new Error(`${name} exited with ${code}: ${out}`))
      try {
        resolve(JSON.parse(last) as A)
      } catch (error) {
        reject(error)
      }
    })
  })

/** The first line the child prints, parsed as JSON. */
export const firstJsonLine = <A>(child: ChildProcess): Promise<A> =>
  new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once("line", (line) => {
      lines.close()
      try {
        resolve(JSON.parse(line) as A)
      } catch (error) {
        reject(error)
      }
    })
    child.once("exit", (code) => reject(new Error(`child exited (${code}) before printing its result`)))
    child.once("error", reject)
  })
