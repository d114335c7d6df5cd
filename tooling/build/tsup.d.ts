import type { Options } from "tsup"
export declare function libraryConfig(options?: { entry?: string[]; external?: string[] }): Options
