// Consumer projects, as users make them: fresh directories outside the workspace that install the
// published packages from the local registry (only the `@lomi` scope goes there; `effect`, `typescript`
// and `@types/node` come from the usual npm registry) and run the smoke in fixtures/. What every consumer
// uses: making one, installing into it, timing its steps, weighing and searching its node_modules.
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import type { Registry } from "../registry.js"
import type { Release } from "../release.js"
import { cleanEnv, defer, run, start, tempDir } from "./processes.js"
import { packageDir } from "./workspace.js"

const fixtures = join(packageDir, "fixtures")

export interface Step {
  readonly consumer: string
  readonly step: string
  readonly seconds: number
}

export const project = (
  label: string,
  registry: Registry,
  dependencies: Record<string, string>,
  fixture: string = label,
) => {
  const dir = tempDir(label)
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: `lomi-${label}`, private: true, type: "module", dependencies }, null, 2)}\n`,
  )
  writeFileSync(join(dir, ".npmrc"), registry.npmrc())
  cpSync(join(fixtures, "flow.cjs"), join(dir, "flow.cjs"))
  cpSync(join(fixtures, fixture), dir, { recursive: true })
  // the project's .npmrc, and no user-level one (it could route @lomi elsewhere)
  const env = cleanEnv({ NPM_CONFIG_USERCONFIG: join(dir, ".npmrc") })
  return { dir, env }
}

export const timed = async (
  steps: Step[],
  consumer: string,
  step: string,
  action: () => Promise<unknown>,
): Promise<void> => {
  const from = performance.now()
  await action()
  steps.push({ consumer, step, seconds: (performance.now() - from) / 1000 })
  console.log(`  ${consumer}: ${step} ok (${((performance.now() - from) / 1000).toFixed(1)} s)`)
}

export type Manager = "npm" | "pnpm"

export const install = (
  manager: Manager,
  dir: string,
  env: NodeJS.ProcessEnv,
  packages: Array<string> = [],
): Promise<string> =>
  manager === "npm"
    ? run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...packages], {
        cwd: dir,
        env,
        timeoutMs: 180_000,
      })
    : run(
        "npx",
        [
          "-y",
          "pnpm@10.34.9",
          ...(packages.length > 0 ? ["add", ...packages] : ["install", "--no-frozen-lockfile"]),
          "--reporter=append-only",
          "--config.confirmModulesPurge=false",
        ],
        { cwd: dir, env, timeoutMs: 180_000 },
      )

/**
 * Every copy of package `name` installed under `dir` (real directories, so pnpm's links count once), by
 * version.
 */
export const installedCopies = (dir: string, name: string): Array<string> => {
  const copies: Array<string> = []
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue
      const path = join(at, entry.name)
      const manifest = join(path, "package.json")
      if (path.endsWith(join("node_modules", name)) && existsSync(manifest)) {
        copies.push(JSON.parse(readFileSync(manifest, "utf8")).version as string)
        continue
      }
      if (entry.name === "node_modules" || entry.name === ".pnpm" || at.includes("node_modules")) walk(path)
    }
  }
  walk(join(dir, "node_modules"))
  return copies.sort()
}

/** Fails unless `dir` holds exactly one copy of each of `names`, of the version each expects. */
export const checkOneCopy = (consumer: string, dir: string, expected: Record<string, RegExp>): void => {
  for (const [name, version] of Object.entries(expected)) {
    const copies = installedCopies(dir, name)
    if (copies.length !== 1 || !version.test(copies[0]!))
      throw new Error(`${consumer}: expected one ${name} ${version}, found ${copies.join(", ") || "none"}`)
  }
}

/** Fails if any of `names` is installed under `dir`. */
export const checkNone = (consumer: string, dir: string, names: ReadonlyArray<string>): void => {
  for (const name of names) {
    const copies = installedCopies(dir, name)
    if (copies.length > 0) throw new Error(`${consumer}: ${name} was installed (${copies.join(", ")})`)
  }
}

/** The bytes of every file under `dir`, symbolic links not followed (pnpm's links point into its store). */
export const bytesUnder = (dir: string): number =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0)

/** Runs `app.mjs` in `dir` against a sandbox started with the published CLI from the npm consumer. */
export const runAgainstSandboxCli = async (
  dir: string,
  env: NodeJS.ProcessEnv,
  release: Release,
  npmDir: string,
): Promise<void> => {
  const cli = join(npmDir, "node_modules", ...release.sandbox.name.split("/"), "dist", "cli.js")
  const fault = JSON.stringify([
    { operation: "create_checkout_session", kind: "error", status: 503, retryAfter: 0, next: 1 },
  ])
  const sandbox = start(process.execPath, [cli, "--port", "0", "--faults", fault], { cwd: dir, env })
  defer(sandbox.stop)
  try {
    const [, url] = await sandbox.waitFor(/base URL\s+(\S+)/, 15_000)
    const [, apiKey] = await sandbox.waitFor(/API key\s+(\S+)/, 15_000)
    await run(process.execPath, ["app.mjs"], {
      cwd: dir,
      env: { ...env, LOMI_BASE_URL: url!, LOMI_API_KEY: apiKey! },
      timeoutMs: 60_000,
    })
  } finally {
    await sandbox.stop()
  }
}
