// What a self-contained entry's declarations say for effect's `Redacted`, without effect: nothing can be
// one. The Promise API reads API keys and webhook secrets as strings (an effect `Redacted` is refused with a
// LomiConfigError when the client is built), so `string | Redacted<string>` is `string` to its users.

/** Not accepted by the Promise API: pass the secret as a string. */
export type Redacted<_A = string> = never
