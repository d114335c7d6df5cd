// Crafted inputs that once got a 5xx, corrupted the store or were stored unchecked: each must be
// refused with a 400 naming the field (or stored in a normalised form), leave the store unchanged and
// the lists healthy, in memory, with a data file, and after a restart from that file.
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import type { Sandbox } from "../src/index.js"
import { api, EXAMPLES, read, readError, seeded, start } from "./helpers.js"

const dirs: string[] = []
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

const SEED = 20_261_128
const UPPER_ID = "6F1C1F8E-9D2A-4C1B-8F5E-2A9C1D3E4F50"

const nested = (depth: number, leaf = "[]"): string =>
  `${"[".repeat(depth - 1)}${leaf}${"]".repeat(depth - 1)}`
// `metadata` itself is level 1: a value nested `levels` deep inside it has depth levels + 1.
const metadataAt = (levels: number): string => `{"x":${nested(levels)}}`

/** Every name on Object.prototype, `__proto__` and `constructor` included. */
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype)

type Refusal = {
  readonly label: string
  readonly body: string
  readonly path: ReadonlyArray<string | number>
}

const session = (extra: string): string => `{"amount":100,"currency_code":"XOF",${extra}}`
const link = (extra: string): string => `{"title":"T","amount":100,"currency_code":"XOF",${extra}}`

const SESSION_REFUSALS: ReadonlyArray<Refusal> = [
  {
    label: "5,000 nested arrays in metadata",
    body: session(`"metadata":${metadataAt(5000)}`),
    path: ["metadata", "x", ...Array(31).fill(0)],
  },
  {
    label: "33 levels in metadata",
    body: session(`"metadata":${metadataAt(32)}`),
    path: ["metadata", "x", ...Array(31).fill(0)],
  },
  {
    label: "deep qr_code_data",
    body: session(`"qr_code_data":{"a":${nested(100, "{}")}}`),
    path: ["qr_code_data", "a", ...Array(31).fill(0)],
  },
  { label: "Infinity in metadata", body: session(`"metadata":{"n":[1e400]}`), path: ["metadata", "n", 0] },
  ...PROTOTYPE_NAMES.map((name) => ({
    label: `top-level field ${name}`,
    body: session(`${JSON.stringify(name)}:{"checkout_session_id":42,"status":"completed"}`),
    path: [name],
  })),
  {
    label: "control character in e-mail",
    body: session(`"customer_email":"x\\u0001@example.com"`),
    path: ["customer_email"],
  },
  {
    label: "NUL in success_url",
    body: session(`"success_url":"https://example.com/ok\\u0000x"`),
    path: ["success_url"],
  },
  {
    label: "tab in cancel_url host",
    body: session(`"cancel_url":"https://exa\\tmple.com/"`),
    path: ["cancel_url"],
  },
  { label: "DEL in product_id", body: session(`"product_id":"prod_\\u007f"`), path: ["product_id"] },
  {
    label: "line break in customer_name",
    body: session(`"customer_name":"Awa\\nDiop"`),
    path: ["customer_name"],
  },
  { label: "ESC in title", body: session(`"title":"\\u001b[31mred"`), path: ["title"] },
  { label: "blank title", body: session(`"title":"  "`), path: ["title"] },
  { label: "lone surrogate in title", body: session(`"title":"a\\ud800b"`), path: ["title"] },
  {
    label: "lone surrogate in a metadata value",
    body: session(`"metadata":{"k":["\\udc00"]}`),
    path: ["metadata", "k", 0],
  },
  {
    label: "lone surrogate in a metadata key",
    body: session(`"metadata":{"\\ud800":1}`),
    path: ["metadata", "\ud800"],
  },
  {
    label: "NUL in public_description",
    body: session(`"public_description":"a\\u0000b"`),
    path: ["public_description"],
  },
  {
    label: "year 10000 after offset",
    body: session(`"expires_at":"9999-12-31T23:59:59-23:59"`),
    path: ["expires_at"],
  },
  {
    label: "year -1 after offset",
    body: session(`"expires_at":"0000-01-01T00:00:00+00:01"`),
    path: ["expires_at"],
  },
  {
    label: "29 February of a common year",
    body: session(`"expires_at":"2031-02-29T00:00:00Z"`),
    path: ["expires_at"],
  },
]

const LINK_REFUSALS: ReadonlyArray<Refusal> = [
  {
    label: "deep link metadata",
    body: link(`"metadata":${metadataAt(5000)}`),
    path: ["metadata", "x", ...Array(31).fill(0)],
  },
  ...["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"].map((name) => ({
    label: `link field ${name}`,
    body: link(`${JSON.stringify(name)}:{"link_id":42}`),
    path: [name],
  })),
  {
    label: "line break in link title",
    body: link(`"description":"ok"`).replace('"T"', '"T\\r\\nX"'),
    path: ["title"],
  },
  { label: "vertical tab in description", body: link(`"description":"a\\u000bb"`), path: ["description"] },
  { label: "NUL in link url", body: link(`"url":"https://example.com/\\u0000"`), path: ["url"] },
]

/** Everything the sandbox holds for the default key, read through the API, with list health checked. */
const everything = async (sandbox: Sandbox) => {
  const all: Record<string, unknown[]> = {}
  for (const collection of ["checkout_sessions", "payment_links"]) {
    all[collection] = []
    for (let offset = 0; ; offset += 100) {
      const response = await api(
        sandbox,
        "GET",
        `/${collection}?limit=100&offset=${offset}&sort=created_at:asc`,
      )
      expect(response.status).toBe(200)
      const page = await read(response)
      all[collection]?.push(...page.data)
      if (offset + 100 >= page.pagination.total) break
    }
    for (const sort of ["amount:desc", "title:asc", "expires_at:asc", "updated_at:desc"]) {
      expect((await api(sandbox, "GET", `/${collection}?sort=${sort}`)).status).toBe(200)
    }
  }
  // The port changes across a restart; everything else must not.
  return JSON.parse(JSON.stringify(all).replaceAll(sandbox.origin, "http://sandbox"))
}

const refuses = async (sandbox: Sandbox, method: string, path: string, refusal: Refusal) => {
  const response = await api(sandbox, method, path, refusal.body)
  const error = await readError(response)
  expect([refusal.label, response.status, error.code]).toEqual([refusal.label, 400, "INVALID_REQUEST"])
  expect(
    error.details.issues.map((issue: { path: unknown }) => issue.path),
    refusal.label,
  ).toContainEqual(refusal.path)
}

describe.each([
  { mode: "in memory", file: false },
  { mode: "with a data file", file: true },
])("crafted input ($mode)", ({ file }) => {
  const boot = async (): Promise<{ sandbox: Sandbox; restart: () => Promise<Sandbox> }> => {
    if (!file) {
      const sandbox = await start()
      return { sandbox, restart: async () => sandbox }
    }
    const dir = await mkdtemp(join(tmpdir(), "lomi-sandbox-crafted-"))
    dirs.push(dir)
    const dataFile = join(dir, "data.json")
    const sandbox = await start({ dataFile })
    return {
      sandbox,
      restart: async () => {
        await sandbox.close()
        return start({ dataFile })
      },
    }
  }

  it("refuses every crafted body with a 400 naming the field, and changes nothing", async () => {
    const { sandbox, restart } = await boot()
    const existing = await read(await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession))
    const existingLink = await read(await api(sandbox, "POST", "/payment_links", EXAMPLES.createLink))
    const before = await everything(sandbox)
    const sessionPath = `/checkout_sessions/${existing.checkout_session_id}`
    const linkPath = `/payment_links/${existingLink.link_id}`
    for (const refusal of SESSION_REFUSALS) {
      await refuses(sandbox, "POST", "/checkout_sessions", refusal)
      // The same field in an update: strip the required create fields.
      await refuses(sandbox, "PATCH", sessionPath, {
        ...refusal,
        body: refusal.body.replace('"amount":100,"currency_code":"XOF",', ""),
      })
    }
    for (const refusal of LINK_REFUSALS) {
      await refuses(sandbox, "POST", "/payment_links", refusal)
      await refuses(sandbox, "PATCH", linkPath, {
        ...refusal,
        body: refusal.body.replace('"amount":100,"currency_code":"XOF",', ""),
      })
    }
    // Seeded: control characters at random places in random fields of each kind.
    const random = seeded(SEED)
    const fields = ["customer_email", "success_url", "product_id", "customer_name", "title", "customer_phone"]
    const valid: Record<string, string> = {
      customer_email: "awa@example.com",
      success_url: "https://example.com/ok",
      product_id: "prod_123",
      customer_name: "Awa",
      title: "Order",
      customer_phone: "+221770000000",
    }
    for (let round = 0; round < 60; round++) {
      const field = random.pick(fields)
      const good = valid[field] as string
      const at = random.int(0, good.length)
      const control = String.fromCharCode(random.pick([0, 1, 7, 9, 10, 13, 27, 31, 127]))
      const body = {
        amount: 100,
        currency_code: "XOF",
        [field]: good.slice(0, at) + control + good.slice(at),
      }
      const response = await api(sandbox, "POST", "/checkout_sessions", body)
      const context = `seed ${SEED} round ${round}: ${JSON.stringify(body)}`
      expect(response.status, context).toBe(400)
      expect((await readError(response)).details.issues[0].path, context).toEqual([field])
    }
    expect(await everything(sandbox)).toEqual(before)
    // Nothing leaked into the server's own objects either (the sandbox runs in this process).
    expect(({} as Record<string, unknown>).checkout_session_id).toBeUndefined()
    expect(({} as Record<string, unknown>).link_id).toBeUndefined()
    const again = await restart()
    expect(await everything(again)).toEqual(before)
  })

  it("stores prototype names inside metadata as plain data", async () => {
    const { sandbox, restart } = await boot()
    const metadata =
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"toString":"x","hasOwnProperty":1,"valueOf":[null]}'
    const created = await api(sandbox, "POST", "/checkout_sessions", session(`"metadata":${metadata}`))
    expect(created.status).toBe(201)
    const body = await read(created)
    const expected = JSON.parse(metadata)
    expect(Object.hasOwn(body.metadata, "__proto__")).toBe(true)
    expect(body.metadata).toEqual(expected)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    // Updated through PATCH, listed, and read back after a restart: still the same data.
    const path = `/checkout_sessions/${body.checkout_session_id}`
    const patched = await read(await api(sandbox, "PATCH", path, `{"metadata":${metadata},"title":"t"}`))
    expect(patched.metadata).toEqual(expected)
    const again = await restart()
    const [listed] = (await everything(again)).checkout_sessions as Array<{ metadata: unknown }>
    expect(listed?.metadata).toEqual(expected)
    expect(Object.hasOwn(listed?.metadata as object, "__proto__")).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it("accepts 32 levels of metadata and free text with tabs and line breaks", async () => {
    const { sandbox, restart } = await boot()
    const deep = await api(sandbox, "POST", "/checkout_sessions", session(`"metadata":${metadataAt(31)}`))
    expect(deep.status).toBe(201)
    const text = "Line one\r\nLine two\tand a tab"
    const created = await read(
      await api(sandbox, "POST", "/payment_links", { ...EXAMPLES.createLink, description: text }),
    )
    expect(created).toMatchObject({ description: text, public_description: text })
    const again = await restart()
    expect((await read(await api(again, "GET", `/payment_links/${created.link_id}`))).description).toBe(text)
  })

  it("normalises date-times to UTC within years 0000-9999 and sorts them as text", async () => {
    const { sandbox, restart } = await boot()
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"],
      ["9999-12-31T23:59:59+23:59", "9999-12-31T00:00:59.000Z"],
      ["0000-01-01T00:00:00Z", "0000-01-01T00:00:00.000Z"],
      ["0001-01-01T00:00:00+01:00", "0000-12-31T23:00:00.000Z"],
      ["0000-02-29T12:00:00Z", "0000-02-29T12:00:00.000Z"],
      ["2030-06-01T12:00:00.123456789+02:00", "2030-06-01T10:00:00.123Z"],
      ["2030-06-01t12:00z", "2030-06-01T12:00:00.000Z"],
    ]
    for (const [given, stored] of cases) {
      const response = await api(sandbox, "POST", "/checkout_sessions", session(`"expires_at":"${given}"`))
      expect([given, response.status]).toEqual([given, 201])
      expect([given, (await read(response)).expires_at]).toEqual([given, stored])
    }
    const sorted = [...cases.map(([, stored]) => stored)].sort()
    const again = await restart()
    const listed = await read(await api(again, "GET", "/checkout_sessions?sort=expires_at:asc&limit=100"))
    expect(listed.data.map((s: { expires_at: string }) => s.expires_at)).toEqual(sorted)
  })

  it("treats UUIDs case-insensitively and answers them in lower case", async () => {
    const { sandbox, restart } = await boot()
    const lower = UPPER_ID.toLowerCase()
    const created = await api(sandbox, "POST", "/checkout_sessions", {
      ...EXAMPLES.createSession,
      checkout_session_id: UPPER_ID,
    })
    expect(created.status).toBe(201)
    expect((await read(created)).checkout_session_id).toBe(lower)
    const clash = await api(sandbox, "POST", "/checkout_sessions", {
      ...EXAMPLES.createSession,
      checkout_session_id: lower,
    })
    expect(clash.status).toBe(409)
    const upperPath = `/checkout_sessions/${UPPER_ID}`
    expect((await read(await api(sandbox, "GET", upperPath))).checkout_session_id).toBe(lower)
    const patched = await api(sandbox, "PATCH", upperPath, { title: "Case" })
    expect([patched.status, (await read(patched)).title]).toEqual([200, "Case"])
    // The id is the path's: an update body naming it again is refused, whatever its case.
    const renamed = await api(sandbox, "PATCH", upperPath, { title: "Case", checkout_session_id: UPPER_ID })
    expect([renamed.status, (await read(renamed)).error.details.issues[0].path]).toEqual([
      400,
      ["checkout_session_id"],
    ])
    expect((await fetch(`${sandbox.origin}/checkout/${UPPER_ID}`)).status).toBe(200)
    const linkId = "0E7B2C1A-3F4D-4E5F-8A9B-0C1D2E3F4A5B"
    const createdLink = await read(
      await api(sandbox, "POST", "/payment_links", { ...EXAMPLES.createLink, link_id: linkId }),
    )
    expect(createdLink.link_id).toBe(linkId.toLowerCase())
    expect(createdLink.url).toBe(`${sandbox.origin}/pay/${linkId.toLowerCase()}`)
    expect((await fetch(`${sandbox.origin}/pay/${linkId}`)).status).toBe(200)
    const paid = await fetch(`${sandbox.origin}/pay/${linkId}`, { method: "POST", redirect: "manual" })
    expect(paid.status).toBe(303)
    const again = await restart()
    expect((await api(again, "GET", `/payment_links/${linkId}`)).status).toBe(200)
    const opened = (await everything(again)).checkout_sessions as Array<{ payment_link_id?: string }>
    expect(opened.map((s) => s.payment_link_id)).toContain(linkId.toLowerCase())
    expect((await api(again, "DELETE", upperPath)).status).toBe(204)
    expect((await api(again, "GET", `/checkout_sessions/${lower}`)).status).toBe(404)
  })

  it("says what the offset and limit ranges are", async () => {
    const { sandbox } = await boot()
    await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession)
    const top = await api(sandbox, "GET", "/checkout_sessions?offset=9007199254740991")
    expect(top.status).toBe(200)
    expect((await read(top)).data).toEqual([])
    for (const offset of ["9007199254740992", "99999999999999999999999", "-1", "1e3", "1.5", ""]) {
      const error = await readError(await api(sandbox, "GET", `/checkout_sessions?offset=${offset}`))
      expect([offset, error.details.issues]).toEqual([
        offset,
        [{ path: ["offset"], message: "Must be an integer from 0 to 9007199254740991" }],
      ])
    }
    for (const limit of ["0", "101", "-5", "1e2", "99999999999999999999", ""]) {
      const error = await readError(await api(sandbox, "GET", `/payment_links?limit=${limit}`))
      expect([limit, error.details.issues]).toEqual([
        limit,
        [{ path: ["limit"], message: "Must be an integer from 1 to 100" }],
      ])
    }
  })
})
