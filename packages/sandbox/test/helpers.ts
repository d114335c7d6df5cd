import { afterEach } from "vitest"
import { REFERENCE_EXAMPLES, type Sandbox, type SandboxOptions, startSandbox } from "../src/index.js"

/** The four example bodies of CheckoutApi.md, verbatim. */
export const EXAMPLES = {
  createSession: REFERENCE_EXAMPLES.createCheckoutSession,
  createLink: REFERENCE_EXAMPLES.createPaymentLink,
  updateSession: REFERENCE_EXAMPLES.updateCheckoutSession,
  updateLink: REFERENCE_EXAMPLES.updatePaymentLink,
} as const

const running: Sandbox[] = []

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()))
})

/** Starts a sandbox that is closed after the current test. */
export const start = async (options: SandboxOptions = {}): Promise<Sandbox> => {
  const sandbox = await startSandbox(options)
  running.push(sandbox)
  return sandbox
}

/** A fetch against the sandbox API with the key and JSON body set. */
export const api = (
  sandbox: Sandbox,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> =>
  fetch(`${sandbox.url}${path}`, {
    method,
    headers: {
      "x-api-key": sandbox.apiKey,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  })

/** Reads a JSON body. */
export const read = async (response: Response): Promise<any> => JSON.parse(await response.text())

/** Reads an error envelope and checks its shape. */
export const readError = async (
  response: Response,
): Promise<{ code: string; message: string; details: any }> => {
  const body = await read(response)
  if (
    typeof body?.error?.code !== "string" ||
    typeof body.error.message !== "string" ||
    typeof body.error.details !== "object"
  ) {
    throw new Error(`not an error envelope: ${JSON.stringify(body)}`)
  }
  return body.error
}

/** A small seeded generator, independent of the sandbox's own, so tests do not trust the code they test. */
export const seeded = (seed: number) => {
  let state = seed >>> 0
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    let x = state
    x ^= x >>> 16
    x = Math.imul(x, 0x7feb352d) >>> 0
    x ^= x >>> 15
    return (x >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: ReadonlyArray<T>): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number): boolean => next() < p,
  }
}
