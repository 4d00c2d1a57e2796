import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT, runCli, tempDir } from "../helpers/cli.js";

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
});
