/**
 * Configuration messages that depend on how the client was built: each names the call the user wrote
 * (`new Lomi(...)`, `Checkout.layer(...)`, `Checkout.layerConfig()`), once, and never echoes a key beyond
 * its documented prefix.
 */
import type { ClientApi, Environment } from "../Config.js"

const PREFIXES: Readonly<Record<Environment, string>> = { sandbox: "lomi_sk_test_", live: "lomi_sk_live_" }

/** The environment a key belongs to by its prefix, or `undefined` for an unrecognised prefix. */
export const keyEnvironment = (key: string): Environment | undefined =>
  key.startsWith(PREFIXES.sandbox) ? "sandbox" : key.startsWith(PREFIXES.live) ? "live" : undefined

/** No key in the options nor in the environment. */
export const missingKey = (api: ClientApi): string =>
  api.configCall === undefined
    ? `Missing lomi. API key: pass it as \`${api.call}({ apiKey })\` or set the LOMI_API_KEY environment variable.`
    : `Missing lomi. API key: set LOMI_API_KEY, which \`${api.configCall}()\` reads through Effect's Config, or pass the key in code with \`${api.call}({ apiKey })\`.`

/** A client built in a web page without `dangerouslyAllowBrowser: true`. */
export const browserRefused = (api: ClientApi): string =>
  `\`${api.configCall ?? api.call}(...)\` refuses to run in a web browser: the secret API key would be visible to anyone who opens the page. Call lomi. from your server; if this page really is trusted (an internal tool, a test under jsdom), pass \`dangerouslyAllowBrowser: true\`.`

/** A key whose prefix names the other environment than the one given (`name` says where it was given). */
export const environmentContradicts = (keyEnv: Environment, given: Environment, name: string): string => {
  const kind = keyEnv === "sandbox" ? "test" : "live"
  const where = keyEnv === "sandbox" ? "in the sandbox" : "in the live environment"
  return `The API key is a ${kind} key (${PREFIXES[keyEnv]}...), but \`${name}\` is ${JSON.stringify(given)}: a ${kind} key only works ${where}. Use a ${given === "live" ? "live" : "test"} key (${PREFIXES[given]}...), or set \`${name}\` to ${JSON.stringify(keyEnv)}.`
}
