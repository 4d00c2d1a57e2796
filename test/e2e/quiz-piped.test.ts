import { spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BIN, ROOT, runCli, tempDir } from "../helpers/cli.js";

const PACK = join(ROOT, "test/fixtures/quiz");
let data: { dir: string; cleanup: () => void };
beforeEach(() => {
  data = tempDir();
});
afterEach(() => data.cleanup());

describe("quiz as a process, scripted through a pipe", () => {
  it("reads one answer per line, prints the round as JSON and records every answer", () => {
    const r = runCli(["quiz", "--no-builtin", "--questions", PACK, "--seed", "3", "--id", "fx-tf,fx-cloze", "--json"], {
      input: "false\nmin.insync.replicas\n",
      dataDir: data.dir,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/1\/2 · beginner/);
    const round = JSON.parse(r.stdout);
    expect(round).toMatchObject({ total: 2, correct: 2, seed: 3 });
    const saved = readFileSync(join(data.dir, "attempts.jsonl"), "utf8").trim().split("\n");
    expect(saved.map((l) => JSON.parse(l).questionId)).toEqual(["fx-tf", "fx-cloze"]);
  });

  it("says a letter with no choice is not one and reads the next line, without grading it", () => {
    const r = runCli(["quiz", "--no-builtin", "--questions", PACK, "--id", "fx-mcq", "--no-shuffle", "--json"], {
      input: "e\nacks=ALL\n",
      dataDir: data.dir,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^"e" is not a choice: answer a-c, or a choice's text\.$/m);
    expect(JSON.parse(r.stdout)).toMatchObject({ total: 1, correct: 1, results: [{ id: "fx-mcq", answer: "acks=all" }] });
    const saved = readFileSync(join(data.dir, "attempts.jsonl"), "utf8").trim().split("\n");
    expect(saved).toHaveLength(1);
  });

  it.runIf(process.platform === "linux")(
    "reads endless input without a line end (/dev/zero) in bounded memory: the line is cut and the round ends",
    () => {
      const zero = openSync("/dev/zero", "r");
      try {
        const r = spawnSync(
          process.execPath,
          ["--max-old-space-size=64", BIN, "quiz", "--no-builtin", "--questions", PACK, "--id", "fx-cloze", "--time", "1", "--json"],
          {
            stdio: [zero, "pipe", "pipe"],
            encoding: "utf8",
            timeout: 30_000,
            env: { ...process.env, NO_COLOR: "1", KAFKA_PREP_HOME: data.dir },
          },
        );
        expect(r.status, r.stderr).toBe(0);
        expect(r.stderr).toMatch(/That line is longer than 10,000 characters: only its first 10,000 are read\./);
        // NUL characters are no answer: the question counts as skipped, and is recorded so.
        expect(JSON.parse(r.stdout)).toMatchObject({ total: 1, correct: 0, results: [{ id: "fx-cloze", skipped: true, answer: null }] });
        const saved = readFileSync(join(data.dir, "attempts.jsonl"), "utf8").trim().split("\n");
        expect(JSON.parse(saved[0])).toMatchObject({ questionId: "fx-cloze", skipped: true });
      } finally {
        closeSync(zero);
      }
    },
  );
});
