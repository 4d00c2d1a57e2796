// Reading the store stays light: stats and weak read the history without loading zod (the record check is the
// hand-written one proven equal to the schema) or any settings library, and the everyday read-only commands do not
// load node:crypto, which costs a few milliseconds of every start.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, ROOT, tempDir } from "../helpers/cli.js";
import { makeAttempt } from "../helpers/history.js";

const work = tempDir("kafka-prep-light-");
afterAll(() => work.cleanup());

const HOOK = `data:text/javascript,${encodeURIComponent(
  `import { register } from "node:module";
register("data:text/javascript," + encodeURIComponent("export async function load(url, ctx, next) { if (/^(file|node):/.test(url)) process.stderr.write('LOADED ' + url + '\\\\n'); return next(url, ctx); }"));`,
)}`;

describe("reading the store", () => {
  it("stats and weak load neither zod nor conf", () => {
    writeFileSync(
      join(work.dir, "attempts.jsonl"),
      `${[0, 1, 2].map((i) => JSON.stringify(makeAttempt("acks-all-meaning", i > 0, new Date(Date.UTC(2026, 0, 1 + i))))).join("\n")}\n`,
    );
    for (const command of ["stats", "weak"]) {
      const r = spawnSync(process.execPath, ["--import", HOOK, BIN, command], {
        cwd: ROOT,
        env: { ...process.env, KAFKA_PREP_HOME: work.dir, NO_COLOR: "1" },
        encoding: "utf8",
      });
      expect(r.status).toBe(0);
      const loaded = [...r.stderr.matchAll(/^LOADED file:\/\/(.*)$/gm)].map((m) => m[1]);
      expect(loaded.length).toBeGreaterThan(1);
      const heavy = loaded.filter(
        (file) => /node_modules\/(zod|conf)\//.test(file) || /\bZodType\b|class Conf\b/.test(readFileSync(file, "utf8")),
      );
      expect({ command, heavy }).toEqual({ command, heavy: [] });
    }
  });

  it("explain, list, topics, weak and check leave node:crypto unloaded", () => {
    const home = join(work.dir, "empty");
    for (const args of [["explain", "acks"], ["explain", "idempotance"], ["list"], ["topics"], ["weak"], ["check"]]) {
      const r = spawnSync(process.execPath, ["--import", HOOK, BIN, ...args], {
        cwd: ROOT,
        env: { ...process.env, KAFKA_PREP_HOME: home, NO_COLOR: "1" },
        encoding: "utf8",
      });
      expect(r.status, r.stderr).toBe(args[0] === "check" ? 1 : 0);
      const builtins = [...r.stderr.matchAll(/^LOADED (node:.*)$/gm)].map((m) => m[1]);
      expect(builtins).toContain("node:fs");
      expect({ args, crypto: builtins.includes("node:crypto") }).toEqual({ args, crypto: false });
    }
  });
});
