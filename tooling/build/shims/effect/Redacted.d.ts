/**
 * Not accepted by this entry: pass the secret as a string, which the SDK keeps out of errors and logs. (An
 * effect `Redacted` is refused with a LomiConfigError when the client is built; `@lomi/checkout/effect`
 * takes one.)
 */
export type Redacted<_A = string> = never
