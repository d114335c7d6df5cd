// Entry point on workerd: a Worker whose every request runs the smoke against the sandbox named in its
// bindings and answers the result (JSON), or the error with a 500. Bundled by esbuild in runtimes.ts.
import { smoke } from "./smoke.ts"

interface Env {
  readonly LOMI_BASE_URL: string
  readonly LOMI_API_KEY: string
}

export default {
  async fetch(_request: Request, env: Env): Promise<Response> {
    try {
      return Response.json(await smoke(env.LOMI_BASE_URL, env.LOMI_API_KEY))
    } catch (error) {
      const message =
        error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error)
      return new Response(message, { status: 500 })
    }
  },
}
