/** The version of `@lomi/core`, sent in the user agent. Kept in sync with package.json by a test. */
export const VERSION = "0.1.0"
