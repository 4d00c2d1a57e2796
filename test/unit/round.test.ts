import { describe, expect, it } from "vitest";
import type { Question } from "../../src/bank/schema.js";
import { answer, current, examScore, position, secondsFor, startRound, stop, summarize, timeLimit } from "../../src/quiz/round.js";

const q = (id: string, type: Question["type"] = "truefalse"): Question =>
  ({ id, level: "beginner", topics: ["producers"], type, prompt: id, answer: true, explanation: "e", sources: [] }) as unknown as Question;

const right = { answer: true, grade: { score: 1, correct: true }, correct: true, ms: 1000, timedOut: false, skipped: false };
const wrong = { answer: false, grade: { score: 0, correct: false }, correct: false, ms: 1000, timedOut: false, skipped: false };
const skip = { ...wrong, answer: null, skipped: true };
const ids = (xs: { question: { id: string } }[]) => xs.map((x) => x.question.id);

describe("round", () => {
  it("asks each question in turn and finishes", () => {
    let s = startRound([q("a"), q("b")], 0);
    expect(current(s)?.question.id).toBe("a");
    s = answer(s, right, 1000);
    expect(current(s)?.question.id).toBe("b");
    s = answer(s, wrong, 2000);
    expect(s.status).toBe("finished");
    expect(current(s)).toBeUndefined();
    expect(summarize(s)).toMatchObject({ total: 2, asked: 2, answered: 2, correct: 1, unanswered: 0, score: 0.5 });
  });

  it("keeps a planned follow-up after its parent when the parent is answered, wrong or right", () => {
    let s = startRound([{ question: q("a") }, { question: q("f1"), followUpOf: "a" }, { question: q("b") }], 0);
    s = answer(s, wrong, 1);
    expect(current(s)).toMatchObject({ question: { id: "f1" }, followUpOf: "a" });
    s = answer(s, right, 2);
    expect(s.results[1].followUpOf).toBe("a");
  });

  it("leaves out a follow-up whose parent got no answer, and fills its place from the reserve so the total holds", () => {
    const plan = [
      { question: q("a") },
      { question: q("f1"), followUpOf: "a" },
      { question: q("f2"), followUpOf: "f1" },
      { question: q("b") },
    ];
    let s = startRound(plan, 0, { reserve: [q("b"), q("r1"), q("r2")] });
    expect(position(s)).toEqual({ at: 1, total: 4 });
    s = answer(s, skip, 1);
    expect(ids(s.queue)).toEqual(["r1", "r2", "b"]);
    expect(position(s)).toEqual({ at: 2, total: 4 });
    s = answer(s, { ...wrong, answer: null, timedOut: true }, 2);
    expect(position(s)).toEqual({ at: 3, total: 4 });
  });

  it("shrinks the round only when no reserve question is left to take a follow-up's place", () => {
    let s = startRound([{ question: q("a") }, { question: q("f1"), followUpOf: "a" }], 0);
    s = answer(s, skip, 1);
    expect(s.status).toBe("finished");
    expect(summarize(s)).toMatchObject({ total: 1, asked: 1, skipped: 1 });
  });

  it("brings a missed question back once after the planned ones, outside the count and the score", () => {
    let s = startRound([q("a"), q("b"), q("c")], 0, { again: true });
    s = answer(s, wrong, 1);
    expect(ids(s.queue)).toEqual(["b", "c", "a"]);
    s = answer(s, right, 2);
    s = answer(s, skip, 3);
    expect(ids(s.queue)).toEqual(["a", "c"]);
    expect(position(s)).toEqual({ at: 4, total: 3 });
    expect(current(s)).toMatchObject({ question: { id: "a" }, again: true });
    s = answer(s, wrong, 4);
    // Missed again: not a third time.
    expect(ids(s.queue)).toEqual(["c"]);
    s = answer(s, right, 5);
    expect(s.status).toBe("finished");
    expect(summarize(s)).toMatchObject({ total: 3, asked: 3, correct: 1, score: 1 / 3, again: { asked: 2, correct: 1 } });
    expect(summarize(s).missed.map((r) => r.question.id)).toEqual(["a", "c"]);
  });

  it("asks nothing again without the learning step", () => {
    let s = startRound([q("a")], 0);
    s = answer(s, wrong, 1);
    expect(s.status).toBe("finished");
  });

  it("ends complete when input ends with only second tries left", () => {
    let s = startRound([q("a"), q("b")], 0, { again: true });
    s = answer(s, wrong, 1);
    s = answer(s, right, 2);
    expect(stop(s, "quit").status).toBe("finished");
    expect(stop(s, "interrupted").status).toBe("interrupted");
    expect(summarize(stop(s, "quit"))).toMatchObject({ total: 2, unanswered: 0 });
  });

  it("scores right answers over questions asked, the person's own grade counting, partial credit not", () => {
    let s = startRound([q("a"), q("b"), q("c"), q("d")], 0);
    s = answer(s, { ...wrong, grade: { score: 0.6, correct: false }, correct: true, rating: "good" }, 1);
    s = answer(s, { ...right, grade: { score: 0.9, correct: true }, correct: false, rating: "again" }, 2);
    s = answer(s, { ...right, grade: { score: 0.5, correct: true } }, 3);
    s = stop(s, "interrupted");
    const sum = summarize(s);
    expect(sum).toMatchObject({ asked: 3, total: 4, correct: 2, unanswered: 1 });
    expect(sum.score).toBeCloseTo(2 / 3);
    expect(sum.overruled.map((r) => r.question.id)).toEqual(["a", "b"]);
    expect(sum.missed.map((r) => r.question.id)).toEqual(["b"]);
    // An exam counts every question, the unreached as wrong.
    expect(examScore(sum)).toBeCloseTo(2 / 4);
  });

  it("counts timed-out answers as misses", () => {
    let s = startRound([q("a")], 0);
    s = answer(s, { ...wrong, answer: null, timedOut: true }, 30_000);
    expect(summarize(s)).toMatchObject({ timedOut: 1, correct: 0, answered: 0, total: 1 });
  });

  it("ends at the round's deadline and counts the rest as unanswered", () => {
    let s = startRound([q("a"), q("b"), q("c")], 0, { roundSeconds: 60 });
    expect(timeLimit(s, 45, 0)).toBe(45_000);
    expect(timeLimit(s, 45, 50_000)).toBe(10_000);
    expect(timeLimit(s, 0, 50_000)).toBe(10_000);
    s = answer(s, right, 61_000);
    expect(s.status).toBe("out-of-time");
    expect(current(s)).toBeUndefined();
    expect(summarize(s)).toMatchObject({ total: 3, asked: 1, answered: 1, unanswered: 2 });
    // Divided by the questions asked, not by those never shown.
    expect(summarize(s).score).toBe(1);
  });

  it("stops early on interrupt, keeping what was answered", () => {
    let s = startRound([q("a"), q("b")], 0);
    s = answer(s, right, 1);
    s = stop(s, "interrupted");
    expect(s.status).toBe("interrupted");
    expect(answer(s, right, 2)).toBe(s);
    expect(summarize(s)).toMatchObject({ answered: 1, unanswered: 1 });
  });

  it("untimed questions have no limit; recall gets longer than mcq", () => {
    expect(timeLimit(startRound([q("a")], 0), 0, 0)).toBeUndefined();
    expect(secondsFor(q("r", "recall"), undefined)).toBeGreaterThan(secondsFor(q("m", "mcq"), undefined));
    expect(secondsFor(q("r", "recall"), 20)).toBe(20);
  });

  it("flags answers that were sure and wrong", () => {
    let s = startRound([q("a"), q("b")], 0);
    s = answer(s, { ...wrong, confidence: "sure" }, 1);
    s = answer(s, { ...right, confidence: "sure" }, 2);
    expect(summarize(s).confidentMistakes.map((r) => r.question.id)).toEqual(["a"]);
  });
});
