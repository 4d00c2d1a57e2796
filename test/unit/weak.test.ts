import { describe, expect, it } from "vitest";
import type { Question } from "../../src/bank/schema.js";
import { replay } from "../../src/progress/store.js";
import type { Attempt } from "../../src/progress/types.js";
import {
  topicHealth,
  WEAK_RULES,
  weakQuestionIds,
  weakQuestions,
  weakSelection,
  weakTopics,
  weightedAccuracy,
} from "../../src/progress/weak.js";
import { makeAttempt } from "../helpers/history.js";

const T0 = Date.parse("2026-02-01T12:00:00Z");
const HOUR = 3_600_000;

function attempt(
  questionId: string,
  topics: Attempt["topics"],
  correct: boolean,
  hoursAfter: number,
  over: Partial<Attempt> = {},
): Attempt {
  return makeAttempt(questionId, correct, new Date(T0 + hoursAfter * HOUR), { topics, ...over });
}

function input(attempts: Attempt[], hoursAfter: number) {
  return { attempts, cards: replay(attempts).cards, now: new Date(T0 + hoursAfter * HOUR) };
}

describe("weightedAccuracy", () => {
  it("counts recent answers most", () => {
    const o = (correct: boolean) => ({ at: "2026-01-01T00:00:00Z", correct, score: correct ? 1 : 0, timedOut: false });
    expect(weightedAccuracy([o(false), o(false), o(true), o(true)])).toBeGreaterThan(0.5);
    expect(weightedAccuracy([o(true), o(true), o(false), o(false)])).toBeLessThan(0.5);
    expect(weightedAccuracy([])).toBe(0);
  });
});

describe("weak topics", () => {
  it("needs at least 3 attempts", () => {
    const a = [attempt("p1", ["producers"], false, 0), attempt("p2", ["producers"], false, 1)];
    expect(weakTopics(input(a, 2))).toEqual([]);
    const b = [...a, attempt("p3", ["producers"], false, 2)];
    const weak = weakTopics(input(b, 3));
    expect(weak.map((t) => t.topic)).toEqual(["producers"]);
    expect(weak[0].attempts).toBe(3);
    expect(weak[0].reasons.join(" ")).toMatch(/accuracy 0%/);
    expect(weak[0].reasons.join(" ")).toMatch(/3 of the last 3 answers missed/);
  });

  it("is not weak once recent answers are right, even after early mistakes", () => {
    const a = [
      attempt("c1", ["consumers"], false, 0),
      attempt("c1", ["consumers"], false, 1),
      ...Array.from({ length: 8 }, (_, i) => attempt(`c${i % 3}`, ["consumers"], true, 2 + i)),
    ];
    const t = topicHealth(input(a, 11)).find((x) => x.topic === "consumers");
    expect(t?.accuracy).toBeGreaterThan(WEAK_RULES.minAccuracy);
    expect(t?.weak).toBe(false);
  });

  it("flags fading recall when nothing was practised for months", () => {
    const a = Array.from({ length: 4 }, (_, i) => attempt(`s${i}`, ["storage"], true, i));
    expect(weakTopics(input(a, 5))).toEqual([]);
    const later = weakTopics(input(a, 24 * 400));
    expect(later.map((t) => t.topic)).toEqual(["storage"]);
    expect(later[0].reasons.join(" ")).toMatch(/fading recall/);
    expect(later[0].retrievability).toBeLessThan(WEAK_RULES.minRecall);
  });

  it("says a just-missed topic's recall is low because misses count as 0, not that it fades", () => {
    const a = Array.from({ length: 4 }, (_, i) => attempt(`m${i}`, ["storage"], false, i));
    const [t] = weakTopics(input(a, 5));
    expect(t?.reasons.join(" ")).toContain("each question missed last time counts as 0");
    expect(t?.reasons.join(" ")).not.toMatch(/fading/);
  });

  it("names confident mistakes and sorts the weakest first", () => {
    const a = [
      attempt("t1", ["transactions"], false, 0, { confidence: "sure" }),
      attempt("t2", ["transactions"], false, 1),
      attempt("t3", ["transactions"], false, 2),
      attempt("o1", ["offsets"], true, 0),
      attempt("o2", ["offsets"], false, 1),
      attempt("o3", ["offsets"], false, 2),
    ];
    const weak = weakTopics(input(a, 3));
    expect(weak.map((t) => t.topic)).toEqual(["transactions", "offsets"]);
    expect(weak[0].reasons.join(" ")).toMatch(/1 confident mistake/);
  });

  it("uses the bank's topics for a question when known", () => {
    const a = [1, 2, 3].map((i) => attempt(`q${i}`, ["producers"], false, i));
    const questions = [1, 2, 3].map((i) => ({ id: `q${i}`, topics: ["replication"], level: "beginner" }) as unknown as Question);
    expect(weakTopics({ ...input(a, 4), questions }).map((t) => t.topic)).toEqual(["replication"]);
  });
});

describe("weak questions", () => {
  it("lists wrong, confidently wrong and fading questions with reasons, weakest first", () => {
    const a = [
      attempt("right", ["producers"], true, 0),
      attempt("wrong", ["producers"], false, 1),
      attempt("sure-wrong", ["producers"], false, 2, { confidence: "sure" }),
      attempt("late", ["producers"], false, 3, { timedOut: true, correct: false }),
    ];
    const qs = weakQuestions(input(a, 4));
    expect(qs.map((q) => q.id)).not.toContain("right");
    expect(qs[0].id).toBe("sure-wrong");
    expect(qs.find((q) => q.id === "late")?.reasons.join(" ")).toMatch(/ran out of time/);
    expect(weakQuestionIds(input(a, 4))).toEqual(qs.map((q) => q.id));
  });

  it("is empty with no history", () => {
    expect(weakQuestionIds({ attempts: [], cards: new Map(), now: new Date(T0) })).toEqual([]);
  });
});

describe("weakSelection", () => {
  it("takes every bank question of a weak topic and every weak one", () => {
    const a = [1, 2, 3].map((i) => attempt(`t${i}`, ["transactions"], false, i));
    const questions = [
      { id: "t1", topics: ["transactions"] },
      { id: "t2", topics: ["transactions"] },
      { id: "t3", topics: ["transactions"] },
      { id: "t9", topics: ["transactions"] },
      { id: "p1", topics: ["producers"] },
    ] as unknown as Question[];
    expect([...weakSelection({ ...input(a, 4), questions })].sort()).toEqual(["t1", "t2", "t3", "t9"]);
  });

  it("counts only the questions of the bank that is loaded", () => {
    // Three misses in a pack that is not loaded now make no topic weak.
    const a = [1, 2, 3].map((i) => attempt(`pack-${i}`, ["transactions"], false, i));
    const questions = [{ id: "t9", topics: ["transactions"] }] as unknown as Question[];
    expect(weakTopics({ ...input(a, 4), questions })).toEqual([]);
    expect(weakQuestions({ ...input(a, 4), questions })).toEqual([]);
    expect(weakTopics(input(a, 4)).map((t) => t.topic)).toEqual(["transactions"]);
  });

  it("reads predicted recall as 0 right after a wrong answer, not the 100% FSRS gives the moment after", () => {
    const a = [1, 2, 3].map((i) => attempt(`t${i}`, ["transactions"], false, i));
    const [topic] = weakTopics(input(a, 3.001));
    expect(topic.accuracy).toBe(0);
    expect(topic.retrievability).toBe(0);
    const [question] = weakQuestions(input(a, 3.001));
    expect(question.retrievability).toBe(0);
    expect(question.reasons).toEqual(["last answer was wrong"]);
  });
});
