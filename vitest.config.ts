import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // End-to-end tests start real processes and terminals; two cores are enough for two at a time.
    maxWorkers: 2,
  },
});
