import { describe, expect, it } from "vitest";
import type { Question } from "../../src/bank/schema.js";
import { answer, current, secondsFor, startRound, stop, summarize, timeLimit } from "../../src/quiz/round.js";

const q = (id: string, type: Question["type"] = "truefalse"): Question =>
  ({ id, level: "beginner", topics: ["producers"], type, prompt: id, answer: true, explanation: "e", sources: [] }) as unknown as Question;

const right = { answer: true, grade: { score: 1, correct: true }, ms: 1000, timedOut: false, skipped: false };
const wrong = { answer: false, grade: { score: 0, correct: false }, ms: 1000, timedOut: false, skipped: false };

describe("round", () => {
  it("asks each question in turn and finishes", () => {
    let s = startRound([q("a"), q("b")], 0);
    expect(current(s)?.question.id).toBe("a");
    s = answer(s, right, 1000);
    expect(current(s)?.question.id).toBe("b");
    s = answer(s, wrong, 2000);
    expect(s.status).toBe("finished");
    expect(current(s)).toBeUndefined();
    expect(summarize(s)).toMatchObject({ total: 2, answered: 2, correct: 1, unanswered: 0, score: 0.5 });
  });

  it("inserts follow-ups right after their parent, once", () => {
    let s = startRound([q("a"), q("b")], 0);
    s = answer(s, right, 1, [q("f1"), q("b")]);
    expect(s.queue.map((x) => x.question.id)).toEqual(["f1", "b"]);
    expect(current(s)?.followUpOf).toBe("a");
    s = answer(s, right, 2, [q("a")]);
    expect(s.queue.map((x) => x.question.id)).toEqual(["b"]);
    expect(s.results[1].followUpOf).toBe("a");
  });

  it("counts timed-out answers as misses", () => {
    let s = startRound([q("a")], 0);
    s = answer(s, { ...wrong, answer: null, timedOut: true }, 30_000);
    expect(summarize(s)).toMatchObject({ timedOut: 1, correct: 0, answered: 0, total: 1 });
  });

  it("ends at the round's deadline and counts the rest as unanswered", () => {
    let s = startRound([q("a"), q("b"), q("c")], 0, 60);
    expect(timeLimit(s, 45, 0)).toBe(45_000);
    expect(timeLimit(s, 45, 50_000)).toBe(10_000);
    expect(timeLimit(s, 0, 50_000)).toBe(10_000);
    s = answer(s, right, 61_000);
    expect(s.status).toBe("out-of-time");
    expect(current(s)).toBeUndefined();
    expect(summarize(s)).toMatchObject({ total: 3, answered: 1, unanswered: 2 });
    expect(summarize(s).score).toBeCloseTo(1 / 3);
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
