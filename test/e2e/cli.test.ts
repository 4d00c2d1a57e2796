import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runCli, tempDir } from "../helpers/cli.js";

describe("kafka-prep as a process", () => {
  it("prints help with examples and exit codes", () => {
    const r = runCli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:\n {2}\$ kafka-prep quiz/);
    expect(r.stdout).toMatch(/Exit codes: 0 ok, 1 .*, 2 usage or data error/);
  });

  it("says how to build when the bundle is missing, exit 2", () => {
    const { dir, cleanup } = tempDir();
    try {
      mkdirSync(join(dir, "bin"));
      copyFileSync(BIN, join(dir, "bin", "kafka-prep.js"));
      const r = spawnSync(process.execPath, [join(dir, "bin", "kafka-prep.js"), "--help"], { encoding: "utf8" });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/kafka-prep is not built yet: run "npm install"/);
    } finally {
      cleanup();
    }
  });

  it("ends quietly with exit 0 when the reader of its output goes away", () => {
    const r = spawnSync("bash", ["-c", `"${process.execPath}" "${BIN}" list | head -1; echo "exit \${PIPESTATUS[0]}" >&2`], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(r.stdout.split("\n").filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toBe("exit 0\n");
  });
});
