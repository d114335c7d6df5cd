import type { Options } from "tsup"
export declare function libraryConfig(options?: { entry?: string[]; external?: string[] }): Options
export declare function bundledEntryConfig(options: {
  entry: string
  bundle: Array<string | RegExp>
  inline?: string[]
  clean?: boolean
  refuse?: string
}): Options
