import { describe, expect, it } from "vitest"
import { FRAGMENT_LENGTH, makeMasker } from "../src/internal/mask.js"

const KEY = "lomi_sk_live_9f3e1a7c5b2d4e6f8a0b1c3d5e7f9a2b"
const SECRET = KEY.slice("lomi_sk_live_".length)
const mask = makeMasker(KEY)

describe("the key masker", () => {
  it("masks whole copies in any letter case, and leaves other text alone", () => {
    expect(mask.text(`a ${KEY} b ${KEY.toUpperCase()} c`)).toBe("a <redacted> b <redacted> c")
    expect(mask.whole(`a ${KEY}`)).toBe("a <redacted>")
    expect(mask.text("lomi_sk_live_ and 9f3e1a7")).toBe("lomi_sk_live_ and 9f3e1a7")
  })

  it("masks every run of 8 or more characters of the secret, wherever it was cut", () => {
    for (let start = 0; start + FRAGMENT_LENGTH <= SECRET.length; start += 3) {
      for (let end = start + FRAGMENT_LENGTH; end <= SECRET.length; end += 5) {
        const piece = SECRET.slice(start, end)
        const masked = mask.text(`[${piece}]`)
        expect(masked).toBe("[<redacted>]")
      }
    }
    // Two pieces back to back, and a piece in upper case inside a word.
    expect(mask.text(`${SECRET.slice(0, 10)}${SECRET.slice(20, 30)}`)).toBe("<redacted><redacted>")
    expect(mask.text(`id=${SECRET.slice(4, 16).toUpperCase()}x`)).toBe("id=<redacted>x")
  })

  it("leaves a success body's data alone unless it holds the whole key", () => {
    const id = `cs_${SECRET.slice(0, 8)}`
    expect(mask.whole(id)).toBe(id)
    expect(mask.text(id)).toBe("cs_<redacted>")
  })

  it("masks every string of parsed JSON, keys included, without recursion", () => {
    const masked = mask.json({ [KEY]: [KEY, { k: SECRET.slice(2, 12) }], n: 1 }, mask.text)
    expect(JSON.stringify(masked)).toBe('{"<redacted>":["<redacted>",{"k":"<redacted>"}],"n":1}')
    // Deeper than any recursion could go (JSON.parse itself builds such values without complaint).
    let deep: unknown = KEY
    for (let i = 0; i < 100_000; i++) deep = [deep]
    let leaf = mask.json(deep, mask.text)
    while (Array.isArray(leaf)) leaf = leaf[0]
    expect(leaf).toBe("<redacted>")
  })

  it("masks a key without the documented prefix whole, and its pieces", () => {
    const other = makeMasker("custom-secret-0123456789")
    expect(other.text("x custom-secret-0123456789 y")).toBe("x <redacted> y")
    expect(other.text("secret-01234")).toBe("<redacted>")
  })
})
