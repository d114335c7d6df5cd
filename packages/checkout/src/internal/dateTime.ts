// The date-times the SDK sends (`expires_at`): RFC 3339 with an explicit offset, as the sandbox reads them.
// `Date.parse` alone takes 30 February and hour 24, and rolls them over into another instant; the
// calendar is checked here instead. `T` and `Z` may be lower case (RFC 3339, section 5.6). The instant,
// once the offset is applied, must fall in years 0000 to 9999: the range a four-digit UTC year can write.
import { Spec } from "@lomi/core"

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/

// 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z.
const MIN_INSTANT = -62_167_219_200_000
const MAX_INSTANT = 253_402_300_799_999

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

const daysInMonth = (year: number, month: number) =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31

const FORMAT = "Expected an ISO 8601 date-time such as 2026-12-01T12:00:00Z"

/** Why `value` is no date-time lomi. takes, or `undefined` when it is one. */
const dateTimeProblem = (value: string): string | undefined => {
  const m = DATE_TIME.exec(value)
  if (m === null) return FORMAT
  const [, y, mo, d, h, mi, s = "0", fraction = "", sign, oh = "0", om = "0"] = m
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const [offsetHours, offsetMinutes] = [Number(oh), Number(om)]
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return `${FORMAT} (no day ${d} in ${y}-${mo})`
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59)
    return `${FORMAT} (hours up to 23, minutes and seconds up to 59, in the time and in the offset)`
  if (fraction.length > 9) return `${FORMAT} (at most 9 digits of fraction of a second)`
  // `Date.UTC` reads years 0 to 99 as 1900 to 1999, so the year is set on its own.
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, second, Number(`${fraction}00`.slice(0, 3)))
  const time = date.getTime() - (sign === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000
  return time >= MIN_INSTANT && time <= MAX_INSTANT
    ? undefined
    : "Expected an instant from 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z once the offset is applied"
}

/** Input: an ISO 8601 date-time with a time zone, e.g. `2026-12-01T12:00:00Z`, of a real calendar day. */
export const DateTimeInput: Spec.Spec<string> = /*#__PURE__*/ Spec.string(dateTimeProblem)
