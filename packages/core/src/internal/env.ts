/**
 * Reads an environment variable the way Effect's default `ConfigProvider` (`ConfigProvider.fromEnv()`) does,
 * without pulling `Config` into the Promise clients: `process.env` where the runtime has one, overridden by
 * a bundler's `import.meta.env`, and an empty string counts as unset. Exported for resource packages that
 * read their own variables (e.g. `LOMI_WEBHOOK_SECRET`) in Promise clients.
 *
 * @since 0.2.0
 */
export const readEnv = (name: string): string | undefined => {
  const env: Record<string, unknown> = {
    ...(globalThis as { process?: { env?: Record<string, unknown> } }).process?.env,
    ...(import.meta as { env?: Record<string, unknown> }).env,
  }
  const value = Object.hasOwn(env, name) ? env[name] : undefined
  return typeof value === "string" && value !== "" ? value : undefined
}
