import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withCorrections } from "../../src/progress/amend.js";
import { openStore } from "../../src/progress/store.js";
import type { Attempt } from "../../src/progress/types.js";
import { review } from "../../src/quiz/schedule.js";
import { tempDir } from "../helpers/cli.js";
import { makeAttempt } from "../helpers/history.js";

let data: { dir: string; cleanup: () => void };
beforeEach(() => {
  data = tempDir();
});
afterEach(() => data.cleanup());

const at = new Date("2026-11-20T10:00:00.000Z");

describe("the person's own grade", () => {
  it("overrides the grader's verdict and rating of an attempt, with nothing rewritten", () => {
    const store = openStore(data.dir);
    const first = makeAttempt("q1", false, at, { type: "recall" });
    store.recordAttempt(first);
    store.amendAttempt(first, { id: "fix-1", rating: "good", correct: true });
    const d = store.derived();
    expect(d.summary.attempts).toBe(1);
    expect(d.summary.correct).toBe(1);
    expect(d.summary.questions.q1.recent.map((o) => o.correct)).toEqual([true]);
    expect(d.cards.get("q1")?.due).toEqual(review(undefined, "good", at).due);
    const lines = store.attempts();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ amends: first.id, graded: false, correct: true, rating: "good", questionId: "q1", at: first.at });
  });

  it("reads the same from a cold start, a rebuild and another process's store", () => {
    const store = openStore(data.dir);
    const a = makeAttempt("q2", true, at);
    const b = makeAttempt("q2", true, new Date(at.getTime() + 86_400_000));
    store.recordAttempt(a);
    store.recordAttempt(b);
    // A correction of an attempt that is no longer the latest: a replay in time order.
    store.amendAttempt(a, { id: "fix-a", rating: "again", correct: false, flag: "question" });
    const warm = store.derived();
    const cold = openStore(data.dir).rebuild();
    for (const d of [warm, cold]) {
      expect(d.summary.attempts).toBe(2);
      expect(d.summary.correct).toBe(1);
      expect(d.cards.get("q2")?.due).toEqual(review(review(undefined, "again", at), b.rating, new Date(b.at)).due);
    }
  });

  it("leaves out a correction that names no earlier answer to its question, in the counts, the schedule and the history", () => {
    const store = openStore(data.dir);
    const a = makeAttempt("q3", false, at, { type: "recall" });
    const other = makeAttempt("q4", false, at, { type: "recall" });
    store.recordAttempt(a);
    store.recordAttempt(other);
    let n = 0;
    const fix = (over: Partial<Attempt>) => ({ ...a, id: `fix-${n++}`, graded: false, correct: true, rating: "easy" as const, ...over });
    // A hand-made history: corrections of an answer that is not there, of another question's answer, and of an
    // answer that comes after them, each with the question and time of a real one.
    store.recordAttempt(fix({ amends: "no-such-answer" }));
    store.recordAttempt(fix({ amends: other.id }));
    const later = makeAttempt("q3", false, new Date(at.getTime() + 60_000), { type: "recall" });
    store.recordAttempt(fix({ amends: later.id, at: later.at }));
    store.recordAttempt(later);
    const due = review(review(undefined, a.rating, at), later.rating, new Date(later.at)).due;
    for (const d of [store.derived(), openStore(data.dir).rebuild()]) {
      expect(d.summary.correct).toBe(0);
      expect(d.summary.questions.q3).toMatchObject({ attempts: 2, correct: 0 });
      expect(d.summary.questions.q3.recent.map((o) => o.correct)).toEqual([false, false]);
      expect(d.cards.get("q3")?.due).toEqual(due);
    }
    expect(withCorrections(store.attempts()).map((x) => [x.id, x.correct])).toEqual([
      [a.id, false],
      [other.id, false],
      [later.id, false],
    ]);
  });
});
