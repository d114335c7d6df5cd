/** The version of `@lomi/core`, sent in the user agent. `pnpm version-packages` keeps it equal to package.json; a test checks. */
export const VERSION = "0.1.0"
