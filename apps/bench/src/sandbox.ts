// Starts the sandbox in a child process and hands back how to reach it.
import { firstJsonLine, nodeChild } from "./stats.js"

/** A sandbox running in a child process. */
export interface RemoteSandbox {
  readonly url: string
  readonly apiKey: string
  /** The first seeded checkout session, if any were seeded. */
  readonly sessionId: string | undefined
  close(): Promise<void>
}

/** Starts a sandbox child, seeded with `seed` checkout sessions. */
export const startRemoteSandbox = async (seed = 0): Promise<RemoteSandbox> => {
  const child = nodeChild("sandbox-child", [String(seed)])
  const info = await firstJsonLine<{ url: string; apiKey: string; ids: Array<string> }>(child)
  return {
    url: info.url,
    apiKey: info.apiKey,
    sessionId: info.ids[0],
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once("exit", () => resolve())
        child.stdin?.end()
        setTimeout(() => child.kill("SIGKILL"), 5000).unref()
      }),
  }
}
