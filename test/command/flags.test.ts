import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/progress/store.js";
import { tempDir } from "../helpers/cli.js";
import { makeAttempt } from "../helpers/history.js";
import { run } from "../helpers/run.js";

let data: { dir: string; cleanup: () => void };
beforeEach(() => {
  data = tempDir();
});
afterEach(() => data.cleanup());

describe("kafka-prep flags", () => {
  it("says how to flag when nothing is", async () => {
    const r = await run(["flags"], { dataDir: data.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Nothing is flagged/);
  });

  it("lists each flagged answer with both verdicts, and history shows the person's grade", async () => {
    const store = openStore(data.dir);
    const a = makeAttempt("kstream-vs-ktable", false, new Date("2026-11-30T10:00:00.000Z"), {
      type: "recall",
      answer: "a stream of inserts; a table of upserts",
    });
    store.recordAttempt(a);
    store.amendAttempt(a, { id: "fix-1", rating: "good", correct: true, flag: "grader" });
    const r = await run(["flags"], { dataDir: data.dir });
    expect(r.stdout).toMatch(/1 flagged answer/);
    expect(r.stdout).toMatch(/kstream-vs-ktable .* the grader was wrong {2}grader: wrong, you: right/);
    expect(r.stdout).toContain("a stream of inserts; a table of upserts");
    const json = JSON.parse((await run(["flags", "--json"], { dataDir: data.dir })).stdout);
    expect(json.flags).toEqual([
      expect.objectContaining({ questionId: "kstream-vs-ktable", flag: "grader", graded: false, correct: true }),
    ]);
    const history = await run(["history", "kstream-vs-ktable"], { dataDir: data.dir });
    expect(history.stdout).toMatch(/1 answer, 1 right/);
    expect(history.stdout).toMatch(/right by you \(grader: wrong\), flagged: grader wrong/);
    const stats = JSON.parse((await run(["stats", "--json"], { dataDir: data.dir })).stdout);
    expect(stats).toMatchObject({ attempts: 1, accuracy: 1 });
  });
});
