import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT, runCli, tempDir } from "../helpers/cli.js";

/** The README's scripted rounds: `printf '…' | kafka-prep quiz … --json`, as input lines and arguments. */
function readmeExamples(): { command: string; input: string; args: string[] }[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  return [...readme.matchAll(/^printf '([^']*)' \| kafka-prep (quiz [^#\n]*--json[^#\n]*?)\s*(?:#.*)?$/gm)].map((m) => ({
    command: m[0],
    input: m[1].replace(/\\n/g, "\n"),
    args: m[2].split(/\s+/),
  }));
}

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

  it("runs the README's scripted examples as shown: the same answers are right on every run", () => {
    const examples = readmeExamples();
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const { command, input, args } of examples) {
      // Without --seed each run shuffles differently: letters that pick the right choice once pick it every time.
      for (let run = 0; run < 3; run++) {
        const r = runCli(args, { input, dataDir: data.dir });
        expect(r.code, `${command}\n${r.stderr}`).toBe(0);
        const round = JSON.parse(r.stdout);
        expect(round.correct, `${command}\n${r.stderr}`).toBe(round.total);
        expect(round.total).toBe(input.split("\n").filter(Boolean).length);
      }
    }
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
