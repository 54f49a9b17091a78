import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores on CI: keep forks modest so loopback servers in tests are not starved.
    pool: "forks",
    maxWorkers: 2,
  },
});
