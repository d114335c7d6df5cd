// Starts the servers the benchmarks talk to in child processes (so that on a 2-core machine they do not
// share the measured process's event loop) and hands back how to reach them.
import { firstJsonLine, nodeChild, stopChild } from "./stats.js"

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
  return { url: info.url, apiKey: info.apiKey, sessionId: info.ids[0], close: () => stopChild(child) }
}

/** A server child: its base URL and how to stop it. */
export interface RemoteServer {
  readonly url: string
  close(): Promise<void>
}

/** Starts the stub of the anchors' APIs (anchor-stub.ts) in a child. */
export const startRemoteAnchorStub = async (): Promise<RemoteServer> => {
  const child = nodeChild("anchor-stub-child")
  const info = await firstJsonLine<{ url: string }>(child)
  return { url: info.url, close: () => stopChild(child) }
}
