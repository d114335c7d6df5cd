/// <reference types="node" />
// What an editor shows: the hover text (quick info) of the SDK's methods and fields, rendered by the
// TypeScript language service over a small in-memory file that uses the SDK's source, as a user would.

import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"
import { beforeAll, describe, expect, it } from "vitest"

const here = dirname(fileURLToPath(import.meta.url))
const packageDir = resolve(here, "..")
const file = join(here, "__editor__.ts")

// Each `/*@name*/` follows the identifier whose hover is `name`.
const source = `import { CheckoutSessions, Lomi } from "../src/effect.js"
import * as Effect from "effect/Effect"

const lomi = new Lomi({ apiKey: "lomi_sk_test_0123456789abcdef" })

export async function checkout() {
  lomi.checkoutSessions.create/*@create*/
  lomi.checkoutSessions.retrieve/*@retrieve*/
  lomi.checkoutSessions.list/*@list*/
  lomi.paymentLinks.create/*@linkCreate*/
  const session = await lomi.checkoutSessions.retrieve("cs_1")
  session.amount/*@amount*/
  session.status/*@status*/
  session.expires_at/*@expires*/
  const link = await lomi.paymentLinks.retrieve("pl_1")
  link.amount/*@linkAmount*/
  await lomi.checkoutSessions.create({ amount: 2500, currency_code: "EUR", success_url/*@successUrl*/: "https://shop.example/paid" })
}

export const effect = Effect.gen(function* () {
  const sessions = yield* CheckoutSessions
  return yield* sessions.create/*@effectCreate*/({ amount: 15000, currency_code: "XOF" })
})
`

interface Hover {
  readonly display: string
  readonly documentation: string
}

let hovers: Map<string, Hover>
let program: ts.Program

beforeAll(() => {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(packageDir, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"))
      },
    },
  )
  if (config === undefined) throw new Error("cannot read tsconfig.json")
  // The package's own compiler options; @lomi/core from source, as the tests read it, so no build is needed.
  const options: ts.CompilerOptions = {
    ...config.options,
    noEmit: true,
    paths: { "@lomi/core": [resolve(packageDir, "../core/src/index.ts")] },
  }
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [file],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => {
      const text = name === file ? source : ts.sys.readFile(name)
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text)
    },
    getCurrentDirectory: () => packageDir,
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (name) => name === file || ts.sys.fileExists(name),
    readFile: (name) => (name === file ? source : ts.sys.readFile(name)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  }
  const service = ts.createLanguageService(host)
  program = service.getProgram()!
  hovers = new Map()
  for (const match of source.matchAll(/\/\*@(\w+)\*\//g)) {
    const info = service.getQuickInfoAtPosition(file, match.index - 1)
    if (info === undefined) throw new Error(`no quick info at ${match[1]}`)
    hovers.set(match[1]!, {
      display: ts.displayPartsToString(info.displayParts),
      documentation: ts.displayPartsToString(info.documentation),
    })
  }
}, 60_000)

const hover = (name: string): Hover => hovers.get(name)!

describe("the hover of a Promise method reads like a signature", () => {
  it("the file compiles", () => {
    const errors = ts.getPreEmitDiagnostics(program, program.getSourceFile(file))
    expect(errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([])
  })

  it("create: named parameter types and the return type, short", () => {
    const { display, documentation } = hover("create")
    expect(display).toBe(
      "(property) create: (params: CheckoutSessionCreateParams, options?: PromiseRequestOptions | undefined) => ApiPromise<CheckoutSession>",
    )
    expect(display.length).toBeLessThan(200)
    expect(documentation).toContain("idempotency key")
  })

  it("retrieve and list", () => {
    expect(hover("retrieve").display).toBe(
      "(property) retrieve: (id: string, options?: PromiseRequestOptions | undefined) => ApiPromise<CheckoutSession>",
    )
    expect(hover("list").display).toBe(
      "(property) list: (query?: CheckoutSessionListParams | undefined, options?: PromiseRequestOptions | undefined) => PagePromise<CheckoutSession>",
    )
    expect(hover("list").documentation).toContain("for await")
    for (const name of ["retrieve", "list", "linkCreate"])
      expect(hover(name).display.length).toBeLessThan(200)
    expect(hover("linkCreate").display).toContain("ApiPromise<PaymentLink>")
  })

  it("the Effect service's method names its types and every error it can fail with", () => {
    const { display } = hover("effectCreate")
    expect(display).toContain("(params: CheckoutSessionCreateParams, options?: RequestOptions | undefined)")
    expect(display).toContain("Effect<CheckoutSession,")
    expect(display).toContain("LomiConflictError")
    expect(display).not.toContain("LomiNotFoundError")
  })
})

describe("the hover of a field teaches the API", () => {
  it("amount: an integer in the smallest unit, with examples", () => {
    expect(hover("amount").display).toBe("(property) CheckoutSession.amount: number")
    expect(hover("amount").documentation).toContain("smallest unit")
    expect(hover("amount").documentation).toContain("15000")
  })

  it("status: what each value means", () => {
    const { display, documentation } = hover("status")
    expect(display).toContain('"open" | "completed" | "expired"')
    for (const meaning of [
      "`open`: the customer can pay",
      "`completed`: paid",
      "`expired`: past `expires_at`",
    ])
      expect(documentation).toContain(meaning)
  })

  it("dates and URLs say their format; optional fields stay nullable", () => {
    expect(hover("expires").display).toBe("(property) CheckoutSession.expires_at?: string | null | undefined")
    expect(hover("expires").documentation).toContain("ISO 8601")
    expect(hover("successUrl").documentation).toContain("absolute http(s) URL")
    expect(hover("linkAmount").documentation).toContain("product")
  })
})

describe("every field of every input and output type is documented", () => {
  const documentedTypes = [
    "CheckoutSession",
    "CheckoutSessionCreateParams",
    "CheckoutSessionUpdateParams",
    "CheckoutSessionListParams",
    "CheckoutSessionsResource",
    "CheckoutSessionsResourceWithMeta",
    "CheckoutSessionsService",
    "CheckoutSessionsServiceWithMeta",
    "PaymentLink",
    "PaymentLinkCreateParams",
    "PaymentLinkUpdateParams",
    "PaymentLinkListParams",
    "PaymentLinksResource",
    "PaymentLinksResourceWithMeta",
    "PaymentLinksService",
    "PaymentLinksServiceWithMeta",
    "PromiseRequestOptions",
    "RequestOptions",
    "ResponseMeta",
    "WithMeta",
    "Page",
    "PageInfo",
    "LomiOptions",
    "LomiErrorFields",
    "WebhookTransaction",
    "WebhookEventEnvelope",
    "LomiWebhooksOptions",
    "WebhookVerifyOptions",
  ]

  it.each(documentedTypes)("%s", (name) => {
    const checker = program.getTypeChecker()
    const index = program.getSourceFile(resolve(packageDir, "src/effect.ts"))!
    const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(index)!)
    const symbol = exported.find((s) => s.name === name)
    expect(symbol, `${name} is exported`).toBeDefined()
    const target = symbol!.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol!) : symbol!
    expect(ts.displayPartsToString(target.getDocumentationComment(checker)), `${name} itself`).not.toBe("")
    const properties = checker.getDeclaredTypeOfSymbol(target).getProperties()
    expect(properties.length).toBeGreaterThan(0)
    const undocumented = properties
      .filter((p) => ts.displayPartsToString(p.getDocumentationComment(checker)).trim() === "")
      .map((p) => p.name)
    expect(undocumented).toEqual([])
  })
})
