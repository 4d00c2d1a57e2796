import { describe, expect, it } from "vitest";
import type { Question } from "../../src/bank/schema.js";
import { examCounts, give, go, graded, nextOpen, pickedOf, spent, startExam, toggleFlag } from "../../src/quiz/exam.js";
import { present } from "../../src/quiz/present.js";
import { EXAM_PRESETS } from "../../src/quiz/presets.js";
import { summarize } from "../../src/quiz/round.js";

const tf = (id: string): Question =>
  ({
    id,
    level: "beginner",
    topics: ["producers"],
    type: "truefalse",
    prompt: id,
    answer: true,
    explanation: "e",
    sources: [],
  }) as unknown as Question;
const mcq = (id: string): Question =>
  ({
    id,
    level: "beginner",
    topics: ["producers"],
    type: "mcq",
    prompt: id,
    choices: [{ text: "right", correct: true }, { text: "wrong" }, { text: "other" }],
    explanation: "e",
    sources: [],
  }) as unknown as Question;

describe("mock exam state", () => {
  it("goes on after an answer and reaches the review screen after the last question", () => {
    let s = startExam([tf("a"), tf("b")]);
    expect(s.at).toBe(0);
    s = give(s, 0, true);
    expect(s.at).toBe(1);
    s = give(s, 1, false);
    expect(s.at).toBe("review");
    expect(examCounts(s)).toEqual({ total: 2, answered: 2, unanswered: 0, flagged: 0 });
  });

  it("changes an answer on a second visit, and clears it with an empty one", () => {
    let s = startExam([tf("a"), tf("b")]);
    s = give(s, 0, true);
    s = go(s, 0);
    s = give(s, 0, false);
    expect(s.slots[0].answer).toBe(false);
    s = go(s, 0);
    s = give(s, 0, null);
    expect(s.slots[0].answer).toBeUndefined();
    expect(examCounts(s).unanswered).toBe(2);
  });

  it("flags and unflags, and finds the next unanswered or flagged question going round", () => {
    let s = startExam([tf("a"), tf("b"), tf("c")]);
    s = give(s, 0, true);
    s = give(s, 1, true);
    s = toggleFlag(s, 0);
    expect(examCounts(s).flagged).toBe(1);
    expect(nextOpen(s, 0)).toBe(2);
    expect(nextOpen(s, 2)).toBe(0);
    s = give(s, 2, true);
    s = toggleFlag(s, 0);
    expect(nextOpen(s, 1)).toBeUndefined();
  });

  it("goes to the review screen past either end", () => {
    const s = startExam([tf("a"), tf("b")]);
    expect(go(s, 2).at).toBe("review");
    expect(go(s, -1).at).toBe("review");
    expect(go(s, 1).at).toBe(1);
  });

  it("adds up the time of every visit and marks a question seen", () => {
    let s = startExam([tf("a")]);
    expect(s.slots[0].seen).toBe(false);
    s = spent(s, 0, 1500);
    s = spent(s, 0, 500);
    expect(s.slots[0]).toMatchObject({ ms: 2000, seen: true });
  });

  it("shows a choice given before as the choice picked again", () => {
    const q = mcq("m");
    const p = present(q, 7);
    expect(pickedOf(p, "wrong")).toEqual([p.choices.indexOf("wrong")]);
    expect(pickedOf(present(tf("t"), 1), false)).toEqual([1]);
    expect(pickedOf(p, undefined)).toBeUndefined();
  });
});

describe("grading a mock exam", () => {
  it("grades the answers given, counts the rest unanswered, and records a seen question left unanswered as skipped", () => {
    let s = startExam([tf("a"), tf("b"), tf("c")]);
    s = spent(s, 0, 10);
    s = give(s, 0, true);
    s = spent(s, 1, 10); // seen, left unanswered; c never reached
    const { round, results } = graded(s, "out-of-time", 0, 0.6);
    expect(round.status).toBe("out-of-time");
    expect(summarize(round)).toMatchObject({ total: 3, answered: 1, correct: 1, unanswered: 2 });
    expect(results.map((r) => [r.question.id, r.skipped])).toEqual([
      ["a", false],
      ["b", true],
    ]);
  });

  it("keeps only the answers given when the exam is stopped", () => {
    let s = startExam([tf("a"), tf("b")]);
    s = spent(s, 0, 10);
    s = give(s, 0, false);
    s = spent(s, 1, 10);
    const { round, results } = graded(s, "interrupted", 0, 0.6);
    expect(round.status).toBe("interrupted");
    expect(results.map((r) => r.question.id)).toEqual(["a"]);
    expect(results[0].grade.correct).toBe(false);
  });

  it("has a CCDAK-style preset of 60 choice questions in 90 minutes with a 70% pass mark", () => {
    expect(EXAM_PRESETS.ccdak).toMatchObject({ count: 60, seconds: 5400, passPercent: 70, types: ["mcq", "multi"] });
    expect(EXAM_PRESETS.ccdak.about).toMatch(/approximation/);
  });
});
