/**
 * The third transport: an Effect program's own `HttpClient` (its middleware, tracing, proxies), for
 * `layerHttpClient`. Its own module, so that only programs that use it load Effect's HTTP client.
 */
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import type * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import type { HttpMethod } from "effect/http/HttpMethod"
import * as Option from "effect/Option"
import type { EffectSend } from "./attempt.js"
import { headersRecord } from "./headers.js"
import type { Incoming } from "./http.js"

/**
 * Sends through `client`, reading the whole body as text. A `fetch`-based client is told not to follow
 * redirects (on top of the program's own `RequestInit`), as the SDK's other transports: following one
 * would resend the key to wherever `Location` points. Interruption aborts the request, as the client does.
 */
export const httpClientSend =
  (client: HttpClient.HttpClient): EffectSend =>
  (request) => {
    const base = HttpClientRequest.make(request.method as HttpMethod)(request.url, {
      headers: request.headers,
    })
    const outgoing =
      request.body === undefined ? base : HttpClientRequest.bodyText(base, request.body, "application/json")
    return Effect.flatMap(Effect.serviceOption(FetchHttpClient.RequestInit), (init) =>
      client.execute(outgoing).pipe(
        Effect.flatMap((response) =>
          Effect.map(
            response.text,
            (text): Incoming => ({ status: response.status, headers: headersRecord(response.headers), text }),
          ),
        ),
        Effect.provideService(FetchHttpClient.RequestInit, {
          ...Option.getOrUndefined(init),
          redirect: "manual",
        }),
      ),
    )
  }
