// A throwaway npm registry: Verdaccio 6 on Node 24 (both from npm, installed by tooling/verdaccio), on
// 127.0.0.1 and a free port, storing into a temporary directory. It has no uplink: it serves only what the
// rehearsal publishes to it, so a publish can never reach the real registry and nothing else is proxied.
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { cleanEnv, defer, freePort, start, tempDir, waitForHttp } from "./lib/processes.js"
import { tools } from "./lib/workspace.js"

export interface Registry {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string
  /** A publish token of a user created for this run. */
  readonly token: string
  /** `.npmrc` lines that route the `@lomi` scope (only) to this registry, with the token. */
  npmrc(): string
  /** Versions of `name` the registry holds. */
  versions(name: string): Promise<string[]>
}

const config = (dir: string): string => `
storage: ${join(dir, "storage")}
auth:
  htpasswd:
    file: ${join(dir, "htpasswd")}
    max_users: 1
uplinks: {}
packages:
  "@lomi/*":
    access: $all
    publish: $authenticated
    unpublish: $authenticated
  "**":
    access: $all
    publish: $authenticated
web:
  enable: false
log: { type: stdout, format: pretty, level: warn }
`

export const startRegistry = async (): Promise<Registry> => {
  const dir = tempDir("verdaccio")
  writeFileSync(join(dir, "config.yaml"), config(dir))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}/`
  const verdaccio = start(
    tools.node24,
    [tools.verdaccio, "--config", join(dir, "config.yaml"), "--listen", `127.0.0.1:${port}`],
    { cwd: dir, env: cleanEnv({ VERDACCIO_HOME: dir }) },
  )
  defer(verdaccio.stop)
  await waitForHttp(`${url}-/ping`, 30_000, verdaccio)

  const user = await fetch(`${url}-/user/org.couchdb.user:rehearsal`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "rehearsal", password: "rehearsal-password" }),
  })
  const { token } = (await user.json()) as { token?: string }
  if (!user.ok || token === undefined) throw new Error(`cannot create a Verdaccio user: ${user.status}`)
  const host = url.replace(/^http:/, "")

  return {
    url,
    token,
    npmrc: () => `@lomi:registry=${url}\n${host}:_authToken=${token}\n`,
    versions: async (name) => {
      const response = await fetch(`${url}${name.replace("/", "%2f")}`, {
        headers: { authorization: `Bearer ${token}` },
      })
      if (response.status === 404) return []
      const body = (await response.json()) as { versions?: Record<string, unknown> }
      return Object.keys(body.versions ?? {})
    },
  }
}
