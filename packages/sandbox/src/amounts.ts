/** Digits after the decimal point of each currency's major unit: XOF has no minor unit, USD and EUR cents. */
const MINOR_DIGITS: Readonly<Record<string, number>> = { XOF: 0, USD: 2, EUR: 2 }

const group = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, " ")

/**
 * An amount in the smallest unit of its currency, as people read it: `25.00 EUR` for 2500 EUR,
 * `15 000 XOF` for 15000 XOF, thousands grouped with a space. Written without `Intl` so every runtime
 * prints the same bytes. Values that are not a safe integer, and unknown currencies, are shown as given.
 */
export const formatAmount = (amount: unknown, currency: unknown): string => {
  const code = typeof currency === "string" ? currency : ""
  const digits = MINOR_DIGITS[code]
  if (typeof amount !== "number" || !Number.isSafeInteger(amount) || digits === undefined) {
    return `${String(amount)} ${code}`.trim()
  }
  const sign = amount < 0 ? "-" : ""
  const text = String(Math.abs(amount)).padStart(digits + 1, "0")
  const major = group(text.slice(0, text.length - digits))
  const minor = digits === 0 ? "" : `.${text.slice(text.length - digits)}`
  return `${sign}${major}${minor} ${code}`
}
