/**
 * Rules for strings the SDK sends: well-formed UTF-16 everywhere, and no control characters where a
 * control character can only be a mistake (ids, names, URLs, e-mail addresses).
 *
 * @since 0.1.0
 */
// With the `u` flag a surrogate pair is one code point, so only a lone surrogate is in category Cs.
const LONE_SURROGATE = /\p{Cs}/u
// C0 controls (U+0000 to U+001F) and DEL (U+007F).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f]/

/**
 * Whether `s` is well-formed UTF-16: no lone surrogate, which has no UTF-8 encoding (`encodeURIComponent`
 * throws on it, and `JSON.stringify` or `TextEncoder` would send U+FFFD or an escape the server cannot
 * decode).
 *
 * @since 0.1.0
 */
export const isWellFormed = (s: string): boolean => !LONE_SURROGATE.test(s)

/**
 * Whether `s` holds a C0 control character (U+0000 to U+001F) or DEL (U+007F).
 *
 * @since 0.1.0
 */
export const hasControlCharacter = (s: string): boolean => CONTROL.test(s)

/**
 * Why a lone surrogate is refused, in the words every such issue uses.
 *
 * @since 0.1.0
 */
export const LONE_SURROGATE_MESSAGE = "Must be well-formed text (it contains a lone UTF-16 surrogate)"

/**
 * Why a control character is refused, in the words every such issue uses.
 *
 * @since 0.1.0
 */
export const CONTROL_CHARACTER_MESSAGE = "Must not contain control characters (U+0000 to U+001F, U+007F)"

/**
 * A spec check refusing strings with a lone surrogate: `Spec.string(wellFormedCheck)`.
 *
 * @since 0.2.0
 */
export const wellFormedCheck = (s: string): string | undefined =>
  isWellFormed(s) ? undefined : LONE_SURROGATE_MESSAGE

/**
 * A spec check refusing strings with control characters: `Spec.string(noControlCharactersCheck)`.
 *
 * @since 0.2.0
 */
export const noControlCharactersCheck = (s: string): string | undefined =>
  hasControlCharacter(s) ? CONTROL_CHARACTER_MESSAGE : undefined
