/** Placeholder until the sandbox lands (issue 4). */
export const SANDBOX_DEFAULT_KEY = "lomi_sk_test_0000000000000000000000000000000000000000"
