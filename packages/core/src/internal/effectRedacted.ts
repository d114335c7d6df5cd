/**
 * The Effect API's side of secrets: reading an Effect program's `Redacted` values, which core's own
 * `Secret` handling (`secret.ts`, effect-free) cannot do by itself.
 */
import * as Redacted from "effect/Redacted"
import type { ResolvedConfig } from "../Config.js"
import { installRedactedReader, isEffectRedacted, revealSecret } from "./secret.js"

/**
 * Lets core read an Effect program's `Redacted` values (a key, a webhook secret) through effect's own
 * `Redacted.value`, which the Promise client, loading no effect, cannot. Every Effect API that takes one
 * calls it first: installed when used rather than on import, so a bundle of the Promise client alone
 * keeps none of it.
 *
 * @since 0.3.0
 */
export const useEffectRedacted = (): void => installRedactedReader(Redacted.value)

// The Effect API's configuration holds the key as a real `Redacted` (core resolves it into its own holder).
export const asRedacted = (config: ResolvedConfig): ResolvedConfig =>
  isEffectRedacted(config.apiKey)
    ? config
    : { ...config, apiKey: Redacted.make(revealSecret(config.apiKey) ?? "", { label: "LOMI_API_KEY" }) }
