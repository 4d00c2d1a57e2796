// How a round flows: follow-ups inside the count and the filters, one score rule, missed questions asked again,
// and the person's own grade of a recall answer.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bankFor } from "../../src/commands/shared.js";
import { main } from "../../src/main.js";
import { openStore } from "../../src/progress/store.js";
import { runRound } from "../../src/session/round.js";
import type { Driver } from "../../src/ui/drivers.js";
import { ROOT, tempDir } from "../helpers/cli.js";
import { readHistory } from "../helpers/history.js";
import { fakeContext, run } from "../helpers/run.js";

const PACK = join(ROOT, "test/fixtures/round-flow");
let data: { dir: string; cleanup: () => void };
beforeEach(() => {
  data = tempDir();
});
afterEach(() => data.cleanup());

const quiz = (args: string[], input: string) =>
  run(["quiz", "--no-builtin", "--questions", PACK, "--seed", "3", ...args], { input, dataDir: data.dir });
const history = () => readHistory(data.dir);
const ids = (results: { id: string }[]) => results.map((r) => r.id);
const lines = (n: number, line = "true") => `${line}\n`.repeat(n);

/** A piped round answered question by question as each is printed: `answerFor` gets the question's text. */
async function answered(args: string[], answerFor: (question: string) => string | undefined, signal?: AbortSignal) {
  const stdin = new PassThrough();
  const ctx = fakeContext({ input: stdin, dataDir: data.dir, signal });
  const closed = main(["node", "kafka-prep", "quiz", "--no-builtin", "--questions", PACK, ...args], ctx);
  let done = false;
  void closed.finally(() => {
    done = true;
  });
  let seen = 0;
  while (!done) {
    const text = ctx.err.text + ctx.out.text;
    const blocks = text.split("An empty line skips.");
    if (blocks.length - 1 > seen) {
      const question = blocks[seen].split(/\n\d+\/\d+ · |\nagain \(missed earlier\) · /).at(-1) ?? "";
      seen++;
      const line = answerFor(question);
      if (line !== undefined) stdin.write(`${line}\n`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  stdin.end();
  return { code: await closed, stdout: ctx.out.text, stderr: ctx.err.text };
}

describe("follow-ups keep to the round", () => {
  it("take slots inside the count: --level beginner with 10 questions is 10, none above beginner", async () => {
    let withFollowUp = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const r = await quiz(["--level", "beginner", "--count", "10", "--seed", String(seed), "--json"], lines(30));
      const round = JSON.parse(r.stdout);
      expect(round).toMatchObject({ total: 10, asked: 10, correct: 10, score: 1 });
      expect(round.results).toHaveLength(10);
      expect(round.results.every((x: { level: string }) => x.level === "beginner")).toBe(true);
      // The total shown never changes while the round runs.
      expect([...r.stderr.matchAll(/\n(\d+)\/(\d+) · /g)].map((m) => `${m[1]}/${m[2]}`)).toEqual(
        Array.from({ length: 10 }, (_, i) => `${i + 1}/10`),
      );
      const order = ids(round.results);
      if (order.includes("rf-a-next")) {
        expect(order[order.indexOf("rf-a-next") - 1]).toMatch(/^rf-a/);
        withFollowUp++;
      }
      data.cleanup();
      data = tempDir();
    }
    expect(withFollowUp).toBeGreaterThan(0);
  });

  it("with --type recall serve no mcq follow-up, and the recall one right after its parent", async () => {
    const r = await quiz(["--type", "recall", "--json", "--no-repeat"], lines(5, "no idea"));
    const round = JSON.parse(r.stdout);
    expect(ids(round.results)).toEqual(["rf-recall", "rf-recall-deeper"]);
    expect(r.stderr).toMatch(/2\/2 · follow-up · intermediate/);
  });

  it("are left out after a skipped parent, another question taking the place so the total holds", async () => {
    const r = await answered(["--level", "beginner", "--count", "10", "--seed", "2", "--json"], (q) => (q.includes("rf-a:") ? "" : "true"));
    const round = JSON.parse(r.stdout);
    expect(ids(round.results)).toContain("rf-a");
    expect(ids(round.results)).not.toContain("rf-a-next");
    expect(ids(round.results)).not.toContain("rf-a-plain");
    expect(round).toMatchObject({ total: 10, asked: 10, correct: 9 });
    expect([...r.stderr.matchAll(/\n\d+\/(\d+) · /g)].map((m) => m[1])).toEqual(Array(10).fill("10"));
  });

  it("that continue a scenario come after it even when asked for alone", async () => {
    const r = await quiz(["--id", "rf-a-next", "--json"], lines(2));
    expect(ids(JSON.parse(r.stdout).results)).toEqual(["rf-a", "rf-a-next"]);
    expect(r.stderr).toMatch(/2\/2 · follow-up · beginner/);
  });
});

describe("one score rule: right answers over the questions asked", () => {
  it("says how many of the asked were right, and the share", async () => {
    const r = await quiz(["--id", "rf-c,rf-d,rf-e", "--no-repeat"], "true\nfalse\n\n");
    expect(r.stdout).toMatch(/Round complete: 1 of 3 right \(33%\)/);
    expect(r.stdout).toMatch(/1 skipped/);
  });

  it("when input ends early, divides by the questions asked and says the round ended early", async () => {
    const r = await quiz(["--id", "rf-c,rf-d,rf-e"], "true\n");
    expect(r.stdout).toMatch(/Round ended early \(input ended\) after 1 of 3 questions: 1 of 1 right \(100%\)/);
    expect(r.stdout).toMatch(/2 not asked, not counted/);
    const json = JSON.parse((await quiz(["--id", "rf-c,rf-d,rf-e", "--json"], "true\n")).stdout);
    expect(json).toMatchObject({ score: 1, correct: 1, asked: 1, total: 3, interrupted: false, ended: "input ended" });
  });

  it("with no input at all, says no question was answered instead of a score of nothing", async () => {
    const r = await quiz(["--id", "rf-c,rf-d"], "");
    expect(r.stdout).toMatch(/Round ended early \(input ended\) after 0 of 2 questions: no question answered/);
    expect(r.stdout).not.toMatch(/0 of 0 right/);
  });

  it("interrupted, says so and keeps the score of what was answered", async () => {
    const controller = new AbortController();
    let n = 0;
    const r = await answered(
      ["--id", "rf-c,rf-d,rf-e", "--seed", "1"],
      () => {
        if (n++ === 0) return "true";
        controller.abort();
        return undefined;
      },
      controller.signal,
    );
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/Round interrupted after 1 of 3 questions: 1 of 1 right \(100%\)/);
    const rounds = readFileSync(join(data.dir, "rounds.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rounds.at(-1)).toMatchObject({ total: 3, answered: 1, correct: 1, score: 1, interrupted: true });
  });
});

describe("a missed question comes back once", () => {
  it("after the planned questions, outside the score and the history", async () => {
    const r = await quiz(["--id", "rf-c,rf-d", "--json"], "false\ntrue\ntrue\n");
    const round = JSON.parse(r.stdout);
    expect(ids(round.results)).toEqual(["rf-c", "rf-d"]);
    expect(ids(round.again)).toEqual(["rf-c"]);
    expect(round.again[0].correct).toBe(true);
    expect(round).toMatchObject({ score: 0.5, correct: 1, asked: 2, total: 2 });
    expect(r.stderr).toMatch(/\nagain \(missed earlier\) · beginner/);
    expect(history().map((a) => [a.questionId, a.correct])).toEqual([
      ["rf-c", false],
      ["rf-d", true],
    ]);
    const text = await quiz(["--id", "rf-c,rf-d"], "false\ntrue\nfalse\n");
    expect(text.stdout).toMatch(/Round complete: 1 of 2 right \(50%\)/);
    expect(text.stdout).toMatch(/Missed and asked again: 0 of 1 right the second time/);
  });

  it("not with --no-repeat", async () => {
    const r = await quiz(["--id", "rf-c,rf-d", "--json", "--no-repeat"], "false\ntrue\ntrue\n");
    expect(JSON.parse(r.stdout).again).toEqual([]);
    expect(r.stderr).not.toMatch(/again \(missed earlier\)/);
  });
});

describe("the person has the last word on a recall answer", () => {
  /** A round through a driver that answers every question with `text` and grades recall answers as told. */
  async function graded(text: string, own: Awaited<ReturnType<Driver["rate"]>>, atRating: () => void = () => {}) {
    const ctx = fakeContext({ dataDir: data.dir });
    const bank = await bankFor({ questions: [PACK], builtin: false, color: false } as Parameters<typeof bankFor>[0], ctx);
    const store = openStore(data.dir);
    let said = "";
    const driver: Driver = {
      ask: async () => ({ answer: text, ms: 1000, timedOut: false }),
      confidence: async () => undefined,
      rate: async () => {
        atRating();
        return own;
      },
      next: async () => true,
      say: (t) => {
        said += t;
      },
      close: () => {},
    };
    const code = await runRound(ctx, {
      bank,
      store,
      options: { id: ["rf-recall"], count: 10, followUps: false, repeat: true, seed: 1 },
      driver,
    });
    return { code, said };
  }

  it("keeps the answer as graded before the rating is asked", async () => {
    let before: unknown[] = [];
    await graded("Kafka orders nothing at all.", { rating: "again" }, () => {
      before = history();
    });
    expect(before).toMatchObject([{ questionId: "rf-recall", correct: false, rating: "again" }]);
    // Nothing to correct: the same grade, no flag.
    expect(history()).toHaveLength(1);
  });

  it("Good after a failed grade makes the answer right everywhere, with the grader's verdict beside it", async () => {
    const r = await graded("Kafka orders nothing at all.", { rating: "good", flag: "grader" });
    expect(r.said).toMatch(/Round complete: 1 of 1 right \(100%\)/);
    expect(r.said).toMatch(/Your own grade counts for 1 answer: 1 the grader failed/);
    // No second try: by the person's verdict it was not missed.
    expect(r.said).not.toMatch(/asked again/);
    const [first, fix] = history();
    expect(fix).toMatchObject({ amends: first.id, graded: false, correct: true, rating: "good", flag: "grader" });
    expect(JSON.parse((await run(["stats", "--json", "--no-builtin", "--questions", PACK], { dataDir: data.dir })).stdout)).toMatchObject({
      attempts: 1,
      accuracy: 1,
    });
    const h = await run(["history", "rf-recall", "--no-builtin", "--questions", PACK], { dataDir: data.dir });
    expect(h.stdout).toMatch(/right by you \(grader: wrong\), flagged: grader wrong/);
    const flags = await run(["flags", "--json"], { dataDir: data.dir });
    expect(JSON.parse(flags.stdout).flags).toEqual([expect.objectContaining({ questionId: "rf-recall", graded: false, correct: true })]);
  });

  it("Again after a pass makes it wrong, and it comes back once", async () => {
    const r = await graded("Ordering holds within a partition only.", { rating: "again" });
    expect(r.said).toMatch(/Round complete: 0 of 1 right \(0%\)/);
    expect(r.said).toMatch(/1 the grader passed/);
    expect(r.said).toMatch(/Missed and asked again: 1 of 1 right the second time/);
    expect(history().at(-1)).toMatchObject({ graded: true, correct: false, rating: "again" });
  });
});

describe("an answer the store cannot keep", () => {
  it("ends the round with the report of the answers kept before it, then the error (exit 2)", async () => {
    let asked = 0;
    const r = await answered(["--level", "beginner", "--count", "3", "--seed", "3", "--json", "--no-follow-ups"], () => {
      asked++;
      // The data folder goes away between the first answer and the second.
      if (asked === 2) rmSync(data.dir, { recursive: true, force: true });
      return "true";
    });
    expect(r.code).toBe(2);
    const round = JSON.parse(r.stdout);
    expect(round).toMatchObject({ asked: 1, total: 3, interrupted: true, ended: "an answer could not be saved" });
    expect(round.results).toHaveLength(1);
    expect(r.stderr).toMatch(/error: .*progress folder.*\n$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
