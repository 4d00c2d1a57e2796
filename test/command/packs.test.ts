import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers/cli.js";
import { run } from "../helpers/run.js";

const OWN = join(ROOT, "test/fixtures/own-sources");
const CLASH = join(ROOT, "test/fixtures/clash");
let data: { dir: string; cleanup: () => void };
beforeEach(() => {
  data = tempDir();
});
afterEach(() => data.cleanup());

describe("a pack whose id clashes with the built-in bank", () => {
  it("fails validate <pack>, naming the built-in file and line", async () => {
    const r = await run(["validate", CLASH]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /clash\.yaml:2:9 questions\[0\]\.id: duplicate id "acks-all-meaning": the built-in bank already has a question with this id \(questions\/producers\.yaml:\d+:9\)/,
    );
    expect(r.stdout).toMatch(/✗ 1 problem in 1 of 1 file$/m);
  });

  it("fails validate and quiz when a question takes the id of a generated scenario family, which it would shadow", async () => {
    const pack = join(data.dir, "pack");
    mkdirSync(pack);
    writeFileSync(
      join(pack, "lag.yaml"),
      `questions:
  - id: lag
    type: truefalse
    level: beginner
    topics: [consumers]
    prompt: Lag is the log end offset minus the committed offset.
    answer: true
    explanation: Consumer lag per partition is the log end offset minus the group's committed offset.
    sources:
      - { doc: 000_1390a3d7602e6b05.txt, ref: Q1 }
`,
    );
    const message = 'lag.yaml:2:9 questions[0].id: id "lag" is taken by the generated scenario family "lag"; give this question another id';
    for (const args of [
      ["validate", pack],
      ["validate", "--all", pack],
    ]) {
      const validate = await run(args);
      expect(validate.code, args.join(" ")).toBe(1);
      expect(validate.stdout).toContain(message);
    }
    const quiz = await run(["quiz", "--questions", pack, "--id", "lag"], { dataDir: data.dir });
    expect(quiz.code).toBe(2);
    expect(quiz.stderr).toContain(message);
    expect((await run(["validate", "--no-builtin", pack])).code).toBe(0);
  });

  it("is refused by quiz with the same place, and the command that checks the pack", async () => {
    const r = await run(["quiz", "--questions", CLASH, "--count", "1"], { dataDir: data.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: 1 problem in the question packs:$/m);
    expect(r.stderr).toMatch(/already has a question with this id \(questions\/producers\.yaml:\d+:9\)/);
    expect(r.stderr).not.toMatch(/built-in bank:0:0/);
    expect(r.stderr).toMatch(/"kafka-prep validate test\/fixtures\/clash" checks the files/);
  });
});

describe("a pack with its own sources", () => {
  it("validates, counting only the pack's own questions", async () => {
    const r = await run(["validate", OWN]);
    expect(r.stdout).toBe("✓ 1 file checked: 1 question, 1 glossary entry, no problems\n");
    expect(r.code).toBe(0);
  });

  it("shows its documents after an answer as the built-in ones are shown", async () => {
    const r = await run(["quiz", "--questions", OWN, "--id", "own-acks-policy"], { dataDir: data.dir, input: "a\n" });
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\n/g, " ")).toMatch(
      /Sources: doc team-notes\.md ch1: Chapter 1: how our producers are configured; Runbook: producers <https:\/\/example\.com\/runbooks\/producers>/,
    );
  });

  it("counts one glossary entry as one entry", async () => {
    const r = await run(["explain", "--no-builtin", "--questions", OWN]);
    expect(r.stdout).toMatch(/^1 entry\. Look one up:/);
  });

  it("shows them in explain too", async () => {
    const r = await run(["explain", "incident review", "--questions", OWN]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Sources\s+doc team-notes\.md ch2: Chapter 2: incident reviews/);
  });
});

describe("a pack that holds no questions", () => {
  it("says so instead of naming an empty filter, exit 2", async () => {
    const pack = join(data.dir, "pack");
    mkdirSync(pack);
    writeFileSync(join(pack, "terms.yaml"), "glossary: []\n");
    const r = await run(["quiz", "--no-builtin", "--questions", pack, "--count", "1"], { dataDir: data.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: the question files given hold no questions. Add some (docs/writing-questions.md shows how), or drop --no-builtin.\n",
    );
  });
});

describe("a pack file that is not UTF-8", () => {
  it("is refused where its bytes stop being UTF-8, by validate and quiz, instead of grading a right answer wrong", async () => {
    const pack = join(data.dir, "pack");
    mkdirSync(pack);
    const latin1 = Buffer.concat([
      Buffer.from("questions:\n  - id: l-1\n    level: beginner\n    topics: [producers]\n    type: cloze\n    prompt: The team caf"),
      Buffer.from([0xe9]),
      Buffer.from(" is named ___ .\n"),
    ]);
    writeFileSync(join(pack, "q.yaml"), latin1);
    const v = await run(["validate", "--no-builtin", pack], { dataDir: data.dir });
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/q\.yaml:6:25 bytes that are not UTF-8 \(0xe9 here\); save the file as UTF-8/);
    const q = await run(["quiz", "--no-builtin", "--questions", pack, "--time", "0"], { dataDir: data.dir, input: "café\n" });
    expect(q.code).toBe(2);
    expect(q.stderr).toContain("bytes that are not UTF-8");
    writeFileSync(join(pack, "q.yaml"), Buffer.from("\ufeffquestions: []\n", "utf16le"));
    expect((await run(["validate", "--no-builtin", pack], { dataDir: data.dir })).stdout).toContain(
      "q.yaml:1:1 the file is UTF-16; save it as UTF-8",
    );
  });
});

describe("validate of a folder with no question file", () => {
  it("fails with a message, as a wrong path rather than a pack that passes", async () => {
    const empty = join(data.dir, "empty");
    mkdirSync(empty);
    const r = await run(["validate", empty], { dataDir: data.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("no question files (*.yaml) in this folder; point validate at the folder that holds them");
  });
});
