// 3. Install size: fresh npm projects outside the workspace, as a user makes them. Ours install tarballs
// packed from the workspace (`pnpm pack`, which rewrites `workspace:` and `catalog:` ranges as publishing
// does), so npm resolves nothing of ours from the registry: `lomi` the Promise API (@lomi/checkout's
// tarball alone), `lomi-effect` the Effect API (@lomi/checkout's and @lomi/core's, and the workspace's
// effect). The others install stripe-node and openai-node from the registry (npm's cache). The projects of
// `CONTENDERS` are kept for the cold start (coldstart-installed.ts), then removed.
import { execFile } from "node:child_process"
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"

const run = promisify(execFile)
const benchDir = fileURLToPath(new URL("../", import.meta.url))
const workspaceRoot = fileURLToPath(new URL("../../../", import.meta.url))

export const CONTENDERS = ["lomi", "stripe", "openai"] as const
export type Contender = (typeof CONTENDERS)[number]
/** The projects whose install is measured: the contenders, and the Effect API's install of ours. */
export type InstallProject = Contender | "lomi-effect"

/** One fresh project's install. */
export interface InstallResult {
  readonly contender: InstallProject
  /** What was installed: `@lomi/checkout` (packed), `stripe@23.1.0`, ... */
  readonly installed: string
  /** Disk usage of node_modules, as `du` counts it (allocated blocks). */
  readonly diskBytes: number
  /** The sum of the files' sizes in node_modules. */
  readonly bytes: number
  readonly files: number
  /** Every package in node_modules, with its version. */
  readonly packages: ReadonlyArray<string>
  /** The version of `effect` that got installed, if one did. */
  readonly effect: string | null
  readonly seconds: number
}

/** The installed projects: one directory per contender, and how to remove them. */
export interface Installs {
  readonly dirs: Record<Contender, string>
  readonly results: ReadonlyArray<InstallResult>
  remove(): void
}

interface Manifest {
  readonly name: string
  readonly version: string
  readonly dependencies?: Record<string, string>
}

const readJson = <A>(path: string): A => JSON.parse(readFileSync(path, "utf8")) as A

/** The workspace's published packages by name (packages/*), with their directories. */
const workspacePackages = (): Map<string, string> => {
  const found = new Map<string, string>()
  for (const entry of readdirSync(join(workspaceRoot, "packages"), { withFileTypes: true })) {
    const manifest = join(workspaceRoot, "packages", entry.name, "package.json")
    if (entry.isDirectory() && existsSync(manifest))
      found.set(readJson<Manifest>(manifest).name, join(workspaceRoot, "packages", entry.name))
  }
  return found
}

/** pnpm itself: the one running `pnpm bench` when it is, else the workspace's pinned version through npx. */
const pnpm = (): [string, Array<string>] => {
  const execPath = process.env.npm_execpath
  if (execPath !== undefined && /pnpm/.test(execPath)) return [process.execPath, [execPath]]
  const pinned = readJson<{ packageManager: string }>(join(workspaceRoot, "package.json")).packageManager
  return ["npx", ["-y", pinned]]
}

/**
 * Packs `name`; resolves with the tarball. A workspace package it depends on (not a peer) would be fetched
 * from the registry, so that is refused: the measure must hold only what this workspace builds.
 */
const pack = async (name: string, into: string, packages = workspacePackages()): Promise<string> => {
  const dir = packages.get(name)
  if (dir === undefined) throw new Error(`${name} is not a package of this workspace`)
  const ours = Object.keys(readJson<Manifest>(join(dir, "package.json")).dependencies ?? {}).filter((dep) =>
    packages.has(dep),
  )
  if (ours.length > 0) throw new Error(`${name} depends on ${ours.join(", ")}: pack them too`)
  const [command, prefix] = pnpm()
  const { stdout } = await run(command, [...prefix, "pack", "--pack-destination", into, "--json"], {
    cwd: dir,
    env: cleanEnv(),
  })
  return (JSON.parse(stdout.slice(stdout.indexOf("{"))) as { filename: string }).filename
}

/** This process's environment without what `pnpm run` exports for the workspace (registry, catalog, ...). */
const cleanEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env))
    if (!/^(npm|pnpm)_(config|package|lifecycle)_/i.test(key) && key !== "INIT_CWD") env[key] = value
  return { ...env, NO_COLOR: "1" }
}

/** Sizes of everything under `dir`, without following links (npm makes none for these projects). */
const measure = (dir: string) => {
  let diskBytes = 0
  let bytes = 0
  let files = 0
  const walk = (path: string) => {
    const stat = lstatSync(path)
    diskBytes += stat.blocks * 512
    if (stat.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry))
    else if (stat.isFile()) {
      bytes += stat.size
      files++
    }
  }
  walk(dir)
  return { diskBytes, bytes, files }
}

/** `name@version` of each package directly under node_modules (and under its scopes). */
const listPackages = (modules: string): Array<string> => {
  const names: Array<string> = []
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith(".")) continue
    const scoped = entry.startsWith("@")
      ? readdirSync(join(modules, entry)).map((n) => `${entry}/${n}`)
      : [entry]
    for (const name of scoped) {
      const manifest = join(modules, name, "package.json")
      if (existsSync(manifest)) names.push(`${name}@${readJson<Manifest>(manifest).version}`)
    }
  }
  return names.sort()
}

/**
 * The version of a package this one has (an anchor, effect), so the fresh projects install the one the
 * benchmark and the workspace use.
 */
export const anchorVersion = (name: "stripe" | "openai" | "effect"): string =>
  // Through the directory: stripe's `exports` do not include its package.json.
  readJson<Manifest>(join(benchDir, "node_modules", name, "package.json")).version

const npmInstall = async (
  contender: InstallProject,
  specs: Array<string>,
  installed: string,
  made: Array<string>,
) => {
  const dir = mkdtempSync(join(tmpdir(), `lomi-bench-${contender}-`))
  made.push(dir)
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: `bench-${contender}`, private: true, type: "module" }, null, 2)}\n`,
  )
  const started = performance.now()
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...specs], {
    cwd: dir,
    env: cleanEnv(),
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: Error & { stderr?: string }) => {
    throw new Error(`npm install ${specs.join(" ")} failed in ${dir}: ${error.stderr ?? error.message}`)
  })
  const seconds = (performance.now() - started) / 1000
  const modules = join(dir, "node_modules")
  const effectManifest = join(modules, "effect", "package.json")
  const result: InstallResult = {
    contender,
    installed,
    ...measure(modules),
    packages: listPackages(modules),
    effect: existsSync(effectManifest) ? readJson<Manifest>(effectManifest).version : null,
    seconds: Math.round(seconds * 10) / 10,
  }
  return { dir, result }
}

/** Packs @lomi/checkout and @lomi/core, then installs the four projects side by side. */
export const runInstalls = async (options: { readonly log: (line: string) => void }): Promise<Installs> => {
  const tarballs = mkdtempSync(join(tmpdir(), "lomi-bench-tarballs-"))
  const made: Array<string> = [tarballs]
  const remove = () => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true })
  }
  try {
    const [checkout, core] = await Promise.all([
      pack("@lomi/checkout", tarballs),
      pack("@lomi/core", tarballs),
    ])
    const anchor = (name: "stripe" | "openai" | "effect") => `${name}@${anchorVersion(name)}`
    // Side by side: npm mostly waits on its cache and the file system.
    const settled = await Promise.allSettled([
      npmInstall("lomi", [checkout], "@lomi/checkout (packed)", made),
      npmInstall(
        "lomi-effect",
        [checkout, core, anchor("effect")],
        `@lomi/checkout, @lomi/core (packed), ${anchor("effect")}`,
        made,
      ),
      npmInstall("stripe", [anchor("stripe")], anchor("stripe"), made),
      npmInstall("openai", [anchor("openai")], anchor("openai"), made),
    ])
    const failed = settled.find((s) => s.status === "rejected")
    if (failed !== undefined) throw failed.reason
    const projects = settled.map(
      (s) => (s as PromiseFulfilledResult<{ dir: string; result: InstallResult }>).value,
    )
    for (const { result: r } of projects)
      options.log(
        `  ${r.contender}: ${(r.diskBytes / 1024 / 1024).toFixed(2)} MB on disk (${(r.bytes / 1024).toFixed(0)} KB of files), ${r.packages.length} packages, effect ${r.effect ?? "not installed"} (${r.seconds} s)`,
      )
    const dir = (contender: Contender) => projects.find((p) => p.result.contender === contender)!.dir
    return {
      dirs: { lomi: dir("lomi"), stripe: dir("stripe"), openai: dir("openai") },
      results: projects.map((p) => p.result),
      remove,
    }
  } catch (error) {
    remove()
    throw error
  }
}
