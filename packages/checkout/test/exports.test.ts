// `@lomi/checkout` is the only package users install: every error class of `@lomi/core` is re-exported.
import { LomiConfigError, LomiErrorClasses, LomiErrorTags } from "@lomi/core"
import { describe, expect, it } from "vitest"
import * as Checkout from "../src/index.js"

describe("re-exports", () => {
  it("every error class of @lomi/core, under its tag", () => {
    const exported = Checkout as Record<string, unknown>
    expect(LomiErrorTags.map((tag) => exported[tag])).toEqual(LomiErrorClasses)
    expect(exported.LomiConfigError).toBe(LomiConfigError)
  })
})
