import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, runCli, tempDir } from "../helpers/cli.js";

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

  it("builds itself on the first run of a clone, with the notice and the build's output on stderr", () => {
    const { dir, cleanup } = tempDir();
    try {
      for (const d of ["bin", "scripts", "node_modules/esbuild"]) mkdirSync(join(dir, d), { recursive: true });
      copyFileSync(BIN, join(dir, "bin", "kafka-prep.js"));
      // A stand-in for the build: it writes a dist/cli.js that shows it ran, with its arguments.
      writeFileSync(
        join(dir, "scripts", "build.mjs"),
        `import { mkdirSync, writeFileSync } from "node:fs";
console.log("building");
mkdirSync("dist");
writeFileSync("dist/cli.js", 'process.stdout.write("ran " + process.argv.slice(2).join(" ") + "\\\\n");');`,
      );
      const first = spawnSync(process.execPath, [join(dir, "bin", "kafka-prep.js"), "list"], { encoding: "utf8" });
      expect(first.status).toBe(0);
      expect(first.stdout).toBe("ran list\n");
      expect(first.stderr).toMatch(/^Building kafka-prep \(the first run after a fresh clone takes a few seconds\)\.\.\.\nbuilding\n$/);
      const second = spawnSync(process.execPath, [join(dir, "bin", "kafka-prep.js"), "topics"], { encoding: "utf8" });
      expect({ out: second.stdout, err: second.stderr }).toEqual({ out: "ran topics\n", err: "" });
    } finally {
      cleanup();
    }
  });

  it("ends quietly when the reader of its output goes away, with the exit code the command comes to", () => {
    const r = spawnSync("bash", ["-c", `"${process.execPath}" "${BIN}" list | head -1; echo "exit \${PIPESTATUS[0]}" >&2`], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(r.stdout.split("\n").filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toBe("exit 0\n");
    // Quietly, but with the code the command comes to: a validation that fails still fails under pipefail.
    const failing = spawnSync(
      "bash",
      [
        "-c",
        `"${process.execPath}" "${BIN}" validate --no-builtin "${join(ROOT, "test/fixtures/broken")}" | head -1 >/dev/null; echo "exit \${PIPESTATUS[0]}" >&2`,
      ],
      { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
    );
    expect(failing.stderr).toBe("exit 1\n");
  });
});
