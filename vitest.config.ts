import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // End-to-end tests start real processes and terminals; two cores are enough for two at a time.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // Pure and in-process tests share one module graph per worker instead of importing the sources again for
        // every file: about half the suite's CPU time. Tests that change the time zone, timers or environment put
        // them back.
        test: { name: "in-process", include: ["test/unit/**/*.test.ts", "test/command/**/*.test.ts"], isolate: false },
      },
      { extends: true, test: { name: "e2e", include: ["test/e2e/**/*.test.ts"] } },
    ],
  },
});
