import type { UserWorkspaceConfig } from "vitest/config"
export declare function projectConfig(name: string): UserWorkspaceConfig
