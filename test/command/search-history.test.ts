import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/main.js";
import { firstControl } from "../../src/text/control.js";
import { ROOT, tempDir } from "../helpers/cli.js";
import { fakeContext, run } from "../helpers/run.js";
import { answered, writeAttempts } from "../helpers/store.js";

const PACK = join(ROOT, "test/fixtures/quiz");
let data: { dir: string; cleanup: () => void };
beforeEach(() => {
  data = tempDir();
});
afterEach(() => data.cleanup());

const kp = (args: string[]) => run([...args, "--no-builtin", "--questions", PACK], { dataDir: data.dir });
const ids = (stdout: string) => [...stdout.matchAll(/^(fx-[a-z]+) /gm)].map((m) => m[1]);

describe("list --search", () => {
  it("finds questions by the words of their prompt, answers, explanation and topics, best first", async () => {
    const r = await kp(["list", "--search", "in-sync replicas"]);
    expect(r.code).toBe(0);
    // Both prompts say "in-sync replica(s)"; the explanation of fx-mcq says ISR only.
    expect(ids(r.stdout).slice(0, 2).sort()).toEqual(["fx-cloze", "fx-mcq"]);
    expect(r.stdout).toMatch(/^\d+ questions? about "in-sync replicas", best match first$/m);
  });

  it("looks in the answers and says where it found them", async () => {
    const r = await kp(["list", "--search", "linger.ms"]);
    expect(ids(r.stdout)).toEqual(["fx-multi"]);
    expect(r.stdout).toMatch(/^fx-multi .*\(found in answer\)$/m);
  });

  it("stems and splits config names as explain does, and keeps the filters", async () => {
    const r = await kp(["list", "--search", "min insync", "--level", "intermediate", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((q: { id: string }) => q.id)).toEqual(["fx-cloze"]);
  });

  it("says when no question has every word, and shows the closest", async () => {
    const r = await kp(["list", "--search", "zookeeper quorumless"]);
    expect(r.code).toBe(0);
    expect(ids(r.stdout)).toEqual(["fx-tf"]);
    expect(r.stdout).toMatch(/\(none has all 2 words; these have 1\)$/m);
  });

  it("exits 1 with a hint when nothing matches, and 2 for a search of only filler words", async () => {
    const none = await kp(["list", "--search", "qwxz"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/No question mentions "qwxz"/);
    const filler = await kp(["list", "--search", "what is the"]);
    expect(filler.code).toBe(2);
    expect(filler.stderr).toMatch(/has no words to look for/);
  });
});

describe("history <id>", () => {
  it("lists the latest 200 answers on screen and says where the rest are; --json has them all", async () => {
    writeAttempts(
      data.dir,
      Array.from({ length: 250 }, (_, i) => answered("fx-mcq", i % 2 === 0, 250 - i, { answer: `answer ${i}` })),
    );
    const r = await kp(["history", "fx-mcq"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("250 answers, 125 right (50%)");
    expect(r.stdout).toContain("The latest 200 of them; every one: kafka-prep history fx-mcq --json");
    expect(r.stdout).toContain("answer 249");
    expect(r.stdout).toContain("answer 50");
    expect(r.stdout).not.toMatch(/answer 49\b/);
    const json = JSON.parse((await kp(["history", "fx-mcq", "--json"])).stdout);
    expect(json.attempts).toHaveLength(250);
  });

  it("shows every answer with its date, answer, result, time and rating, and the review schedule", async () => {
    writeAttempts(data.dir, [
      answered("fx-recall", false, 3 * 24 * 60, {
        type: "recall",
        level: "intermediate",
        answer: "Ordering \u001b[2Jis global\u0007",
        score: 0.3,
        ms: 65_000,
        rating: "again",
      }),
      answered("fx-recall", true, 60, {
        type: "recall",
        level: "intermediate",
        answer: "Within a partition only.",
        ms: 12_000,
        rating: "good",
      }),
    ]);
    const ctx = fakeContext({ dataDir: data.dir });
    expect(await main(["node", "kafka-prep", "history", "fx-recall", "--no-builtin", "--questions", PACK], ctx)).toBe(0);
    const r = { stdout: ctx.out.text };
    // Nothing the answer carried reaches the terminal as a command.
    expect(firstControl(r.stdout.replace(/\n/g, ""))).toBeUndefined();
    expect(r.stdout).toMatch(/^fx-recall {2}intermediate · recall · producers$/m);
    expect(r.stdout).toMatch(/^2 answers, 1 right \(50%\)$/m);
    expect(r.stdout).toMatch(/^ {2}\d{4}-\d\d-\d\d \d\d:\d\d {2}Ordering \[2Jis global +partly \(30%\) +1 min 5 s {2}again$/m);
    expect(r.stdout).toMatch(/^ {2}\d{4}-\d\d-\d\d \d\d:\d\d {2}Within a partition only\. +right +12 s {2}good$/m);
    expect(r.stdout.replace(/\n/g, " ")).toMatch(
      /Review schedule \(FSRS\): due (on|tomorrow|today).*; stability \d+\.\d days, difficulty \d+\.\d of 10; predicted recall now \d+%\./,
    );
    expect(r.stdout).toMatch(/^Drill it: kafka-prep quiz --id fx-recall$/m);
  });

  it("prints the same as JSON, with the FSRS card", async () => {
    writeAttempts(data.dir, [answered("fx-tf", false, 5, { type: "truefalse", answer: true, confidence: "sure" })]);
    const r = await kp(["history", "fx-tf", "--json"]);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ id: "fx-tf", question: { type: "truefalse", level: "beginner" } });
    expect(doc.attempts).toEqual([
      expect.objectContaining({ answer: true, verdict: "wrong", rating: "again", confidence: "sure", ms: 5000 }),
    ]);
    expect(doc.schedule).toMatchObject({ reviews: 1, recall: 0 });
    // A confident mistake is due at once: now, not at 1970.
    expect(Date.parse(doc.schedule.due)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(doc.schedule.due)).toBeGreaterThan(Date.now() - 60_000);
    expect(doc.schedule.stability).toBeGreaterThan(0);
    expect((await kp(["history", "fx-tf"])).stdout).toContain("Review schedule (FSRS): due now;");
  });

  it("says when a question was never answered", async () => {
    const r = await kp(["history", "fx-mcq"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Not answered yet\. Try it: kafka-prep quiz --id fx-mcq$/m);
  });

  it("keeps the answers to a question of a pack that is not loaded", async () => {
    writeAttempts(data.dir, [answered("my-gone-question", true, 5)]);
    const r = await kp(["history", "my-gone-question"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/not in the questions loaded now/);
    expect(r.stdout).toMatch(/^1 answer, 1 right \(100%\)$/m);
  });

  it("takes a scenario instance's id, as a round names it, for its family", async () => {
    writeAttempts(data.dir, [answered("durability", false, 5, { type: "scenario", instance: "durability#42", answer: "no" })]);
    const r = await run(["history", "durability#7"], { dataDir: data.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^durability {2}\w+ · scenario · /m);
    expect(r.stdout).toMatch(/^1 answer, 0 right \(0%\)$/m);
    const other = await run(["history", "acks-all-meaning#7"], { dataDir: data.dir });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/no question has id "acks-all-meaning#7"/);
  });

  it("offers the last instance of a generated scenario again", async () => {
    writeAttempts(data.dir, [answered("durability", false, 5, { type: "scenario", instance: "durability#42", answer: "no" })]);
    const r = await run(["history", "durability"], { dataDir: data.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^durability {2}\w+ · scenario · /m);
    expect(r.stdout).toMatch(/^The last one again: kafka-prep quiz --id durability#42$/m);
    const json = JSON.parse((await run(["history", "durability", "--json"], { dataDir: data.dir })).stdout);
    expect(json.attempts[0].instance).toBe("durability#42");
  });

  it("suggests ids for one that does not exist, exit 2", async () => {
    const r = await kp(["history", "fx-mcqq"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: no question has id "fx-mcqq"\. Did you mean: .*fx-mcq/);
  });
});
