// Where things are: the workspace, the published packages, and the tools this package installs from npm.
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

/** tooling/consumers */
export const packageDir = fileURLToPath(new URL("../..", import.meta.url))
export const workspaceRoot = join(packageDir, "..", "..")

/** The packages a release publishes, in dependency order. */
export const published = ["core", "checkout", "sandbox"] as const
export type Published = (typeof published)[number]
export const publishedDir = (name: Published): string => join(workspaceRoot, "packages", name)

const require = createRequire(join(packageDir, "package.json"))
const verdaccioRequire = createRequire(require.resolve("@lomi/verdaccio/package.json"))

export const readJson = <A = any>(path: string): A => JSON.parse(readFileSync(path, "utf8")) as A

/** The version of a dependency of this package, as installed (so consumers get what the workspace tests). */
export const installedVersion = (name: string): string =>
  readJson<{ version: string }>(require.resolve(`${name}/package.json`)).version

/** The executable a package ships (its postinstall put the platform's binary there). */
const shipped = (name: string, file: string): string =>
  join(dirname(require.resolve(`${name}/package.json`)), file)

export const tools = {
  /** Node 24 from the npm `node` package, installed by tooling/verdaccio. */
  node24: join(dirname(verdaccioRequire.resolve("node/package.json")), "bin", "node"),
  verdaccio: join(dirname(verdaccioRequire.resolve("verdaccio/package.json")), "bin", "verdaccio"),
  bun: shipped("bun", "bin/bun.exe"),
  deno: shipped("deno", "deno"),
  workerd: shipped("workerd", "bin/workerd"),
  changeset: shipped("@changesets/cli", "bin.js"),
}
