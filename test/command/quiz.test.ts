import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/main.js";
import { ROOT, tempDir } from "../helpers/cli.js";
import { fakeContext, run } from "../helpers/run.js";

const PACK = join(ROOT, "test/fixtures/quiz");
let data: { dir: string; cleanup: () => void };
beforeEach(() => {
  data = tempDir();
});
afterEach(() => data.cleanup());

const quiz = (args: string[], input: string) =>
  run(["quiz", "--no-builtin", "--questions", PACK, "--seed", "3", ...args], { input, dataDir: data.dir });
const history = () =>
  readFileSync(join(data.dir, "attempts.jsonl"), "utf8")
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));

/** A quiz whose stdin stays open, for answers that come late or never; time is faked. */
function live(args: string[]) {
  const stdin = new PassThrough();
  const ctx = fakeContext({ input: stdin, dataDir: data.dir });
  const closed = main(["node", "kafka-prep", "quiz", "--no-builtin", "--questions", PACK, ...args], ctx);
  return { stdin, closed, stdout: () => ctx.out.text, stderr: () => ctx.err.text };
}

/** The letter of a choice in the printed question, so tests do not depend on the shuffle. */
function letterOf(stdout: string, text: string): string {
  const m = new RegExp(`^ {2}([a-h])\\) ${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m").exec(stdout);
  if (!m) throw new Error(`no choice "${text}" in:\n${stdout}`);
  return m[1];
}

describe("quiz, scripted through stdin", () => {
  it("prints each question as plain text and grades one answer per line", async () => {
    const dry = await quiz(["--id", "fx-mcq"], "\n");
    const letter = letterOf(dry.stdout, "acks=all");
    const r = await quiz(["--id", "fx-mcq,fx-tf,fx-cloze"], `${letter}\nfalse\nMIN_INSYNC_REPLICAS\n`);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1\/3 · beginner · producers · mcq/);
    expect(r.stdout).toMatch(/Fixture: which value makes the producer wait/);
    expect(r.stdout).toMatch(/Note: Some guides still describe ZooKeeper as current\./);
    expect(r.stdout).toMatch(/Sources: doc 000 Q14: What is the purpose of ZooKeeper in Kafka\?/);
    expect(r.stdout).toMatch(/Round complete: 3 of 3 right \(100%\)/);
    expect(r.stdout).not.toContain("\u001b[");
    // The first line of the history is the dry run's skip.
    expect(history().map((a) => [a.questionId, a.correct])).toEqual([
      ["fx-mcq", false],
      ["fx-mcq", true],
      ["fx-tf", true],
      ["fx-cloze", true],
    ]);
  });

  it("prints the round as JSON with --json and records it like a terminal round", async () => {
    const r = await quiz(
      ["--id", "fx-tf,fx-multi,fx-recall", "--json"],
      "true\n\nOrdering is only kept within a partition, not across partitions; the same key always goes to the same partition.\n",
    );
    expect(r.code).toBe(0);
    const round = JSON.parse(r.stdout);
    expect(round).toMatchObject({ total: 3, correct: 1, seed: 3 });
    expect(round.results.map((x: { id: string }) => x.id)).toEqual(["fx-tf", "fx-multi", "fx-recall"]);
    expect(round.results[0]).toMatchObject({
      id: "fx-tf",
      type: "truefalse",
      level: "beginner",
      topics: ["architecture"],
      answer: true,
      correct: false,
      credit: 0,
      timedOut: false,
    });
    expect(round.results[0].missed).toEqual(["False"]);
    expect(round.results[1]).toMatchObject({ answer: null, correct: false });
    expect(round.results[2].correct).toBe(true);
    expect(typeof round.results[2].ms).toBe("number");
    expect(r.stderr).toMatch(/Fixture: Kafka 4\.0 still supports ZooKeeper mode\./);
    const saved = history();
    expect(saved).toHaveLength(3);
    expect(saved[1]).toMatchObject({ questionId: "fx-multi", skipped: true, answer: null });
  });

  it("asks follow-ups after their parent, unless --no-follow-ups", async () => {
    const withFollow = await quiz(["--id", "fx-parent", "--json"], "false\na,b,c,d\n");
    expect(JSON.parse(withFollow.stdout).results.map((x: { id: string }) => x.id)).toEqual(["fx-parent", "fx-child"]);
    const without = await quiz(["--id", "fx-parent", "--json", "--no-follow-ups"], "false\n");
    expect(JSON.parse(without.stdout).results.map((x: { id: string }) => x.id)).toEqual(["fx-parent"]);
  });

  it("ends the round when input ends, counting the rest as unanswered", async () => {
    const r = await quiz(["--id", "fx-tf,fx-mcq", "--json"], "false\n");
    expect(JSON.parse(r.stdout)).toMatchObject({ total: 2, correct: 1, unanswered: ["fx-mcq"] });
    expect(history()).toHaveLength(1);
  });

  it("counts a question as timed out when no answer comes in time, and moves on", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      const q = live(["--id", "fx-tf,fx-mcq", "--time", "1", "--json"]);
      await vi.waitFor(() => expect(q.stderr()).toContain("1/2"));
      await vi.advanceTimersByTimeAsync(1000);
      // The second question is shown once the first ran out of time; then it is answered.
      await vi.waitFor(() => expect(q.stderr()).toContain("2/2"));
      q.stdin.end("acks=all\n");
      expect(await q.closed).toBe(0);
      const round = JSON.parse(q.stdout());
      expect(round.results[0]).toMatchObject({ id: "fx-tf", timedOut: true, correct: false, answer: null });
      expect(round.results[1]).toMatchObject({ id: "fx-mcq", correct: true });
      expect(history().map((a) => [a.questionId, a.timedOut, a.rating])).toEqual([
        ["fx-tf", true, "again"],
        ["fx-mcq", false, expect.any(String)],
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("ends the round when --round-time runs out, counting the rest as unanswered", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      const q = live(["--id", "fx-tf,fx-mcq,fx-cloze", "--round-time", "2", "--json"]);
      q.stdin.write("false\n");
      await vi.waitFor(() => expect(q.stderr()).toContain("2/3"));
      await vi.advanceTimersByTimeAsync(2000);
      expect(await q.closed).toBe(0);
      q.stdin.destroy();
      expect(JSON.parse(q.stdout())).toMatchObject({ total: 3, correct: 1, unanswered: ["fx-mcq", "fx-cloze"] });
      expect(history()).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("rejects unknown ids, levels and counts with exit 2 and the valid choices", async () => {
    const unknown = await quiz(["--id", "no-such-question"], "");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no question has id "no-such-question"/);
    const level = await run(["quiz", "--level", "wizard"], { dataDir: data.dir });
    expect(level.code).toBe(2);
    expect(level.stderr).toMatch(/Allowed choices are beginner, intermediate, advanced, expert/);
    const count = await run(["quiz", "--count", "-1"], { dataDir: data.dir });
    expect(count.code).toBe(2);
    expect(count.stderr).toMatch(/expected a whole number from 1/);
  });

  it("refuses clocks of more than a day or of nothing, which Node's timers would fire at once (a question timed out unseen)", async () => {
    for (const [args, message] of [
      [["quiz", "--time", "99999999999"], "expected a whole number from 0 to 86400"],
      [["quiz", "--round-time", "86401"], "expected a whole number from 1 to 86400"],
      [["check", "--exam", "--time-limit", "9999h"], 'too long: expected at most a day ("24h")'],
      [["check", "--exam", "--time-limit", "0s"], "too short: expected at least 1 second"],
    ] as const) {
      const r = await run([...args], { dataDir: data.dir });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });

  it("says so when a filter matches nothing, and suggests what exists", async () => {
    const r = await run(["quiz", "--no-builtin", "--questions", PACK, "--topic", "security", "--level", "beginner", "--type", "order"], {
      dataDir: data.dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no questions match --level beginner --topic security --type order/);
    expect(r.stderr).toMatch(/kafka-prep topics/);
  });
});
