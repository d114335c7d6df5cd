// Date-times are stored as UTC `toISOString()` text, so that sorting on them is a string comparison.
// That only holds for four-digit years: `toISOString` writes `+010000-…` past 9999 and `-000001-…`
// before year 0, so instants outside that range are refused rather than stored.

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/

/** The earliest instant a date-time may denote: 0000-01-01T00:00:00.000Z. */
export const MIN_INSTANT = -62_167_219_200_000

/** The latest instant a date-time may denote: 9999-12-31T23:59:59.999Z. */
export const MAX_INSTANT = 253_402_300_799_999

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

// `Date.UTC` maps years 0..99 to 1900..1999, so month lengths are computed rather than asked of `Date`.
const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31

/** A date-time read from a request: its normalised UTC form, or why it is refused. */
export type DateTimeCheck =
  | { readonly ok: true; readonly value: string; readonly time: number }
  | { readonly ok: false; readonly message: string }

const FORMAT_MESSAGE = "Must be an ISO 8601 date-time with a time zone, e.g. 2030-01-01T00:00:00Z"

/**
 * Reads an RFC 3339 / ISO 8601 date-time with an explicit offset and normalises it to UTC
 * (`2030-01-01T00:00:00.000Z`). `Date.parse` alone accepts 30 February and offset-less strings (read as
 * local time, which would make stored instants depend on the machine). Digits past milliseconds are
 * dropped, as `toISOString` has no room for them.
 */
export const normaliseDateTime = (value: string): DateTimeCheck => {
  const match = DATE_TIME.exec(value)
  if (match === null) return { ok: false, message: FORMAT_MESSAGE }
  const [, y, mo, d, h, mi, s = "0", fraction = "", sign, oh = "0", om = "0"] = match
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const [hour, minute, second] = [Number(h), Number(mi), Number(s)]
  const [offsetHours, offsetMinutes] = [Number(oh), Number(om)]
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, message: FORMAT_MESSAGE }
  }
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) {
    return { ok: false, message: FORMAT_MESSAGE }
  }
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, second, Number(`${fraction}00`.slice(0, 3)))
  const offset = (sign === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000
  const time = date.getTime() - offset
  if (!(time >= MIN_INSTANT && time <= MAX_INSTANT)) {
    return {
      ok: false,
      message:
        "Must fall between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z once its offset is applied",
    }
  }
  return { ok: true, value: new Date(time).toISOString(), time }
}
