// Source map `mappings`, decoded, thinned and encoded again (https://sourcemaps.info/spec.html: base64 VLQ).
// esbuild writes a segment per token; a stack frame needs only the file and line, so one segment per run of
// the same (source, original line) within a generated line keeps every frame on its TypeScript line.

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
const DIGIT = new Map([...BASE64].map((char, value) => [char, value]))

/**
 * A segment: `[generatedColumn]` (unmapped) or `[generatedColumn, source, originalLine, originalColumn]`,
 * plus a name index; every field absolute (the encoding's deltas undone). One array per generated line.
 * @typedef {ReadonlyArray<number>} Segment
 */

/** @param {string} text @returns {Array<number>} */
const decodeValues = (text) => {
  const values = []
  let value = 0
  let shift = 0
  for (const char of text) {
    const digit = DIGIT.get(char)
    if (digit === undefined) throw new Error(`not base64 VLQ: ${JSON.stringify(char)} in ${text}`)
    value += (digit & 31) << shift
    if (digit & 32) {
      shift += 5
      continue
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1)
    value = 0
    shift = 0
  }
  if (shift !== 0) throw new Error(`truncated VLQ: ${text}`)
  return values
}

/** @param {number} value */
const encodeValue = (value) => {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1
  let out = ""
  do {
    const digit = rest & 31
    rest >>>= 5
    out += BASE64[rest > 0 ? digit | 32 : digit]
  } while (rest > 0)
  return out
}

/**
 * `mappings` as absolute segments, one array per generated line.
 * @param {string} mappings @returns {Array<Array<Segment>>}
 */
export const decodeMappings = (mappings) => {
  const last = [0, 0, 0, 0] // source, original line, original column, name: relative across lines
  return mappings.split(";").map((line) => {
    let column = 0 // the generated column restarts on every line
    const segments = []
    for (const text of line.split(",")) {
      if (text === "") continue
      const [generated = 0, ...fields] = decodeValues(text)
      if (![0, 3, 4].includes(fields.length)) throw new Error(`a segment of ${fields.length + 1} fields`)
      column += generated
      for (const [i, delta] of fields.entries()) last[i] = (last[i] ?? 0) + delta
      segments.push([column, ...last.slice(0, fields.length)])
    }
    return segments
  })
}

/**
 * The inverse of {@link decodeMappings}.
 * @param {ReadonlyArray<ReadonlyArray<Segment>>} lines @returns {string}
 */
export const encodeMappings = (lines) => {
  const last = [0, 0, 0, 0]
  return lines
    .map((segments) => {
      let column = 0
      const texts = []
      for (const [generated = 0, ...fields] of segments) {
        let text = encodeValue(generated - column)
        column = generated
        for (const [i, value] of fields.entries()) {
          text += encodeValue(value - (last[i] ?? 0))
          last[i] = value
        }
        texts.push(text)
      }
      return texts.join(",")
    })
    .join(";")
}

/**
 * Keeps the first segment of each run of segments with the same source and original line (an unmapped
 * segment is a run of its own kind), so a generated position still maps to the same file and line.
 * @param {ReadonlyArray<ReadonlyArray<Segment>>} lines @returns {Array<Array<Segment>>}
 */
export const thinToLines = (lines) =>
  lines.map((segments) =>
    segments.filter((segment, i) => {
      const before = segments[i - 1]
      return before === undefined || before[1] !== segment[1] || before[2] !== segment[2]
    }),
  )

/** @param {string} mappings @returns {string} the mappings with one segment per (source, line) run */
export const thinMappings = (mappings) => encodeMappings(thinToLines(decodeMappings(mappings)))
