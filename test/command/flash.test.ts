import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/cli.js";
import { run } from "../helpers/run.js";

let data: { dir: string; cleanup: () => void };
beforeEach(() => {
  data = tempDir();
});
afterEach(() => data.cleanup());

const attempts = () =>
  readFileSync(join(data.dir, "attempts.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
const flash = (args: string[], input: string | PassThrough, signal?: AbortSignal) =>
  run(["quiz", "--flash", ...args], { dataDir: data.dir, input, signal });

describe("kafka-prep quiz --flash, piped", () => {
  it("shows the prompt, the model answer and the numbered key points, and records the ticks as a self-grade", async () => {
    const r = await flash(["--id", "kstream-vs-ktable"], "1 2\n");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/KStream/);
    expect(r.stdout).toMatch(/Model answer: /);
    expect(r.stdout).toMatch(/ {2}1\. KStream records are independent events \(inserts\) \(core\)/);
    expect(r.stdout).toMatch(/ {2}3\. A null value in a KTable is a delete \(tombstone\)\n/);
    expect(r.stdout).toMatch(/Tick the points you said: their numbers/);
    expect(r.stdout).toMatch(/✓ Right \(\d+%\): you said 2 of \d points, 2 of 2 core\. Proposed grade: hard\./);
    const [a] = attempts();
    expect(a).toMatchObject({
      questionId: "kstream-vs-ktable",
      selfGraded: true,
      correct: true,
      rating: "hard",
      answer: ["KStream records are independent events (inserts)", "KTable holds the latest value per key (upserts, changelog)"],
    });
    // Scheduled like any answer: history shows the attempt and its next review.
    const h = await run(["history", "kstream-vs-ktable", "--json"], { dataDir: data.dir });
    expect(h.code).toBe(0);
    const history = JSON.parse(h.stdout);
    expect(history.attempts).toEqual([
      expect.objectContaining({ selfGraded: true, verdict: expect.stringMatching(/^right \(\d+%\), self-graded$/) }),
    ]);
    expect(history.schedule).toMatchObject({ reviews: 1 });
  });

  it("fails an answer that missed a core point, and takes the grade typed after the ticks", async () => {
    const r = await flash(["--id", "kstream-vs-ktable", "--json"], "1 3 4 good\n");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ selfGraded: true, total: 1, correct: 0 });
    expect(json.results[0].keyPoints.filter((k: { covered: boolean }) => k.covered)).toHaveLength(3);
    expect(attempts()[0]).toMatchObject({ correct: false, rating: "good", selfGraded: true });
  });

  it("serves recall questions unless --type says otherwise", async () => {
    const r = await flash(["--count", "3", "--seed", "4", "--json"], "all\nnone\n\n");
    const json = JSON.parse(r.stdout);
    expect(json.results.map((x: { type: string }) => x.type)).toEqual(["recall", "recall", "recall"]);
    const other = await flash(["--type", "truefalse", "--count", "1", "--json"], "1\n");
    expect(JSON.parse(other.stdout).results[0]).toMatchObject({ type: "truefalse", correct: true });
    expect(other.stderr).toMatch(/1\. I had the right answer \(core\)/);
  });

  it("refuses a line it cannot read, after keeping the cards graded before it", async () => {
    const r = await flash(["--count", "2", "--seed", "1"], "1\n9\n");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/card 2 \([a-z0-9-]+\): "9" is not a point number from 1 to \d/);
    expect(attempts()).toHaveLength(1);
  });

  it("keeps what was graded when Ctrl-C arrives", async () => {
    const stop = new AbortController();
    const input = new PassThrough();
    const running = flash(["--count", "3", "--seed", "2"], input, stop.signal);
    input.write("1\n");
    await new Promise((r) => setTimeout(r, 200));
    stop.abort();
    const r = await running;
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/Round interrupted after 1 of 3 questions/);
    expect(attempts()).toHaveLength(1);
    expect(attempts()[0].selfGraded).toBe(true);
  });
});
