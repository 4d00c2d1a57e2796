import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/main.js";
import type { Attempt } from "../../src/progress/types.js";
import { ROOT, tempDir } from "../helpers/cli.js";
import { fakeContext, run } from "../helpers/run.js";
import { answered, writeAttempts } from "../helpers/store.js";

const PACK = join(ROOT, "test/fixtures/quiz");
const DAY = 24 * 60;
let data: { dir: string; cleanup: () => void };
beforeEach(() => {
  data = tempDir();
});
afterEach(() => data.cleanup());

const kp = (args: string[], input = "") => run([...args, "--no-builtin", "--questions", PACK], { dataDir: data.dir, input });
const beginner: Partial<Attempt> = { level: "beginner", topics: ["producers"] };
const intermediate: Partial<Attempt> = { level: "intermediate", topics: ["producers"] };

describe("corrections that repeat or misstate what they correct", () => {
  it("never count an attempt right twice or below zero: stats agrees with history", async () => {
    const a1 = answered("fx-mcq", false, 60, { id: "a1" });
    const fix = (id: string, correct: boolean, graded: boolean) => ({
      ...a1,
      id,
      amends: "a1",
      correct,
      graded,
      rating: correct ? ("good" as const) : ("again" as const),
    });
    for (const [name, lines, right] of [
      ["the same correction twice", [a1, fix("m1", true, false), fix("m2", true, false)], 1],
      ["a correction that misstates the grader's verdict", [a1, fix("m1", false, true)], 0],
    ] as const) {
      writeAttempts(data.dir, [...lines]);
      const stats = JSON.parse((await kp(["stats", "--json"])).stdout);
      const history = JSON.parse((await kp(["history", "fx-mcq", "--json"])).stdout);
      expect({ name, accuracy: stats.accuracy }).toEqual({ name, accuracy: right });
      expect({ name, correct: history.attempts[0].correct }).toEqual({ name, correct: right === 1 });
    }
  });
});

describe("a history with times before 1970", () => {
  it("is damage that doctor sets aside, not a crash of the review schedule (a year 0001 then a 1900 answer)", async () => {
    writeAttempts(data.dir, [
      answered("fx-mcq", true, 0, { at: "0001-01-01T00:00:00Z" }),
      answered("fx-mcq", false, 0, { at: "1900-03-01T00:00:00Z" }),
      answered("fx-mcq", true, 5),
    ]);
    for (const command of [["stats", "--json"], ["weak"], ["check"], ["history", "fx-mcq"]]) {
      const r = await kp(command);
      expect({ command, code: r.code }).toEqual({ command, code: 2 });
      expect(r.stderr).toMatch(/attempts\.jsonl:1: "at" must be a UTC date and time from 1970 on/);
    }
    const doctor = await kp(["doctor"]);
    expect(doctor.code, doctor.stderr).toBe(0);
    expect(JSON.parse((await kp(["stats", "--json"])).stdout).attempts).toBe(1);
  });
});

describe("stats", () => {
  it("flags a topic weak by the same filter as the numbers beside it", async () => {
    writeAttempts(data.dir, [
      ...[3, 2, 1].map((d) => answered("fx-mcq", true, d * DAY, beginner)),
      ...[3, 2, 1].map((d) => answered("fx-recall", false, d * DAY, { ...intermediate, type: "recall" })),
    ]);
    const all = await kp(["stats"]);
    expect(all.stdout).toMatch(/^ {2}producers .*weak$/m);
    const only = await kp(["stats", "--level", "beginner"]);
    expect(only.code).toBe(0);
    expect(only.stdout).toMatch(/^ {2}producers .*100% +1\/1/m);
    expect(only.stdout).not.toMatch(/weak/);
    const json = JSON.parse((await kp(["stats", "--level", "beginner", "--json"])).stdout);
    expect(json.topics.find((t: { topic: string }) => t.topic === "producers")).toMatchObject({ accuracy: 1, weak: false });
  });

  it("leaves answers to a pack that is not loaded out of the totals, and says so", async () => {
    writeAttempts(data.dir, [
      answered("fx-mcq", true, 60, beginner),
      ...[3, 2, 1].map((m) => answered("my-pack-question", false, m, beginner)),
    ]);
    const r = await kp(["stats"]);
    expect(r.stdout).toMatch(/^Progress: 1 answer, 100% correct, 1 question answered/m);
    expect(r.stdout).toMatch(/Not counted: 3 answers to 1 question not in the questions loaded now/);
    expect(r.stdout).not.toMatch(/weak/);
  });

  it("counts a confident mistake due now, as quiz --due serves it, and says when the next review is", async () => {
    writeAttempts(data.dir, [answered("fx-mcq", false, 2, { ...beginner, confidence: "sure" }), answered("fx-tf", true, 2, beginner)]);
    const stats = JSON.parse((await kp(["stats", "--json"])).stdout);
    expect(stats.due.now).toBe(1);
    const text = await kp(["stats"]);
    expect(text.stdout).toMatch(/^Reviews due: 1 now \(kafka-prep quiz --due\)/m);
    const round = await kp(["quiz", "--due", "--json"], "\n");
    expect(round.code).toBe(0);
    expect(JSON.parse(round.stdout).results.map((r: { id: string }) => r.id)).toEqual(["fx-mcq"]);
  });

  it("says when the next review is due when none is due now", async () => {
    writeAttempts(data.dir, [answered("fx-tf", true, 2, beginner)]);
    const r = await kp(["stats"]);
    expect(r.stdout).toMatch(/^Reviews due: none now; the next (tomorrow at|on \d{4}-\d\d-\d\d at) \d\d:\d\d/m);
  });
});

describe("quiz --due with nothing due", () => {
  it("is not an error: it says when the next review is due and what to do until then, exit 0", async () => {
    writeAttempts(data.dir, [answered("fx-tf", true, 2, beginner)]);
    const r = await kp(["quiz", "--due"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Nothing is due for review right now; the next review is due (tomorrow at|on \d{4}-\d\d-\d\d at) \d\d:\d\d.*\. Until then: kafka-prep quiz --new$/m,
    );
    expect(r.stdout).not.toMatch(/error/);
  });

  it("says so with the filters, and keeps stdout for the JSON of a round", async () => {
    const r = await kp(["quiz", "--due", "--level", "beginner", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^Nothing is due for review among --level beginner: none of these questions has been answered yet\. Start with: kafka-prep quiz --new --level beginner$/m,
    );
  });
});

describe("weak", () => {
  it("does not read a topic missed a minute ago as recalled", async () => {
    writeAttempts(
      data.dir,
      [3, 2, 1].map((m) => answered("fx-tf", false, m, { level: "beginner", topics: ["architecture"] })),
    );
    const r = await kp(["weak"]);
    expect(r.stdout).toMatch(/architecture {2}3 attempts, accuracy 0%, recall 0%/);
    expect(r.stdout).not.toMatch(/recall 100%/);
  });
});

describe("a long read of the history", () => {
  it("is shown on a terminal's stderr while it lasts and erased after, and never in a pipe", async () => {
    // Four 1 MB chunks of history, on a clock that moves half a second each time it is asked.
    writeAttempts(
      data.dir,
      Array.from({ length: 16_000 }, (_, i) => answered("fx-mcq", i % 2 === 0, 60 + i, { ...beginner, answer: "x".repeat(120) })),
    );
    const stats = async (isTTY: boolean) => {
      let t = Date.UTC(2026, 11, 3);
      const now = () => {
        t += 500;
        return new Date(t);
      };
      const ctx = fakeContext({ dataDir: data.dir, now });
      ctx.stderr.isTTY = isTTY;
      const code = await main(["node", "kafka-prep", "stats", "--json", "--no-builtin", "--questions", PACK], ctx);
      return { code, stdout: ctx.out.text, stderr: ctx.err.text };
    };
    const tty = await stats(true);
    expect(tty.code).toBe(0);
    const ERASE = "\r\u001b[K";
    const lines = tty.stderr.split(ERASE);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines[0]).toBe("");
    expect(lines.at(-1)).toBe("");
    for (const l of lines.slice(1, -1)) expect(l).toMatch(/^(Reading attempts\.jsonl… \d+% of \d MB)?$/);
    expect(JSON.parse(tty.stdout).attempts).toBe(16_000);
    // The cache now answers without reading the history: nothing to show; and a pipe never shows it.
    writeFileSync(join(data.dir, "derived.json"), "{}");
    const piped = await stats(false);
    expect(piped.stderr).toBe("");
    expect(JSON.parse(piped.stdout).attempts).toBe(16_000);
  });
});
