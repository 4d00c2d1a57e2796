import { describe, expect, it } from "vitest";
import type { Question } from "../../src/bank/schema.js";
import { computeStats, streaks } from "../../src/progress/stats.js";
import { replay } from "../../src/progress/store.js";
import { summarize } from "../../src/progress/summary.js";
import type { Attempt, Round } from "../../src/progress/types.js";
import { dayKey } from "../../src/time/calendar.js";
import { makeAttempt } from "../helpers/history.js";

const T0 = Date.parse("2026-02-01T12:00:00Z");
const DAY = 86_400_000;

const bank = [
  { id: "p1", level: "beginner", topics: ["producers"] },
  { id: "p2", level: "beginner", topics: ["producers", "delivery-semantics"] },
  { id: "c1", level: "advanced", topics: ["consumers"] },
  { id: "c2", level: "advanced", topics: ["consumers"] },
] as unknown as Question[];

function attempt(questionId: string, correct: boolean, day: number): Attempt {
  const q = bank.find((b) => b.id === questionId) as Question;
  return makeAttempt(questionId, correct, new Date(T0 + day * DAY), { level: q.level, topics: q.topics });
}

function round(day: number, score: number): Round {
  const at = new Date(T0 + day * DAY).toISOString();
  return {
    id: `r${day}`,
    kind: "quiz",
    startedAt: at,
    endedAt: at,
    total: 10,
    answered: 10,
    correct: score * 10,
    score,
    interrupted: false,
  };
}

const history = [attempt("p1", true, 0), attempt("p1", true, 1), attempt("p2", false, 1), attempt("c1", true, 2)];
const base = { attempts: history, cards: replay(history).cards, questions: bank, now: new Date(T0 + 2 * DAY) };

describe("computeStats", () => {
  it("counts answers, accuracy and coverage per level and topic", () => {
    const s = computeStats({ ...base, rounds: [round(0, 0.5), round(2, 0.9)] });
    expect(s.attempts).toBe(4);
    expect(s.accuracy).toBe(0.75);
    expect(s.answered).toBe(3);
    const beginner = s.levels.find((l) => l.level === "beginner");
    expect(beginner).toMatchObject({ questions: 2, answered: 2, attempts: 3 });
    expect(beginner?.accuracy).toBeCloseTo(2 / 3);
    expect(s.levels.find((l) => l.level === "expert")).toMatchObject({ questions: 0, answered: 0, accuracy: null });
    const producers = s.topics.find((t) => t.topic === "producers");
    // The newest of its three answers was wrong, so recent accuracy is 63%.
    expect(producers).toMatchObject({ questions: 2, answered: 2, attempts: 3, weak: true });
    expect(s.topics.find((t) => t.topic === "consumers")).toMatchObject({ questions: 2, answered: 1, accuracy: 1 });
    expect(s.rounds.recent.map((r) => r.score)).toEqual([0.5, 0.9]);
    expect(s.rounds.count).toBe(2);
    expect(s.rounds.mean).toBeCloseTo(0.7);
  });

  it("filters by level and topic", () => {
    const s = computeStats({ ...base, levels: ["advanced"] });
    expect(s.attempts).toBe(1);
    expect(s.levels.map((l) => l.level)).toEqual(["advanced"]);
    const t = computeStats({ ...base, topics: ["delivery-semantics"] });
    expect(t.attempts).toBe(1);
    expect(t.accuracy).toBe(0);
    expect(t.topics.map((x) => x.topic)).toEqual(["delivery-semantics"]);
  });

  it("flags a topic weak only from the answers the filters keep", () => {
    // producers: three right beginner answers, three wrong advanced ones.
    const mixed = [
      ...[0, 1, 2].map((d) => attempt("p1", true, d)),
      ...[0, 1, 2].map((d) => makeAttempt("c2", false, new Date(T0 + d * DAY), { level: "advanced", topics: ["producers"] })),
    ];
    const questions = [...bank.slice(0, 3), { id: "c2", level: "advanced", topics: ["producers"] }] as unknown as Question[];
    const input = { attempts: mixed, cards: replay(mixed).cards, questions, now: new Date(T0 + 2 * DAY) };
    expect(computeStats(input).topics.find((t) => t.topic === "producers")?.weak).toBe(true);
    const beginner = computeStats({ ...input, levels: ["beginner"] }).topics.find((t) => t.topic === "producers");
    expect(beginner).toMatchObject({ accuracy: 1, weak: false });
    const advanced = computeStats({ ...input, levels: ["advanced"] }).topics.find((t) => t.topic === "producers");
    expect(advanced).toMatchObject({ accuracy: 0, weak: true });
  });

  it("leaves out answers to questions that are not in the bank, and says how many", () => {
    const pack = [0, 1, 2].map((d) => makeAttempt("pack-only", false, new Date(T0 + d * DAY), { topics: ["producers"] }));
    const all = [...history, ...pack];
    const s = computeStats({ ...base, attempts: all, cards: replay(all).cards, now: new Date(T0 + 60 * DAY) });
    expect(s.attempts).toBe(4);
    expect(s.answered).toBe(3);
    expect(s.topics.find((t) => t.topic === "producers")).toMatchObject({ questions: 2, answered: 2, attempts: 3 });
    expect(s.outside).toEqual({ questions: 1, attempts: 3 });
    // Nor is it due: no round could ask it.
    expect(s.due.today).toBe(3);
    expect(s.due.now).toBe(3);
  });

  it("counts a confident mistake as due at once, as quiz --due serves it", () => {
    const sure = [
      ...history,
      makeAttempt("c2", false, new Date(T0 + 2 * DAY), { level: "advanced", topics: ["consumers"], confidence: "sure" }),
    ];
    const now = new Date(T0 + 2 * DAY + 60_000);
    const before = computeStats({ ...base, now });
    const s = computeStats({ ...base, attempts: sure, cards: replay(sure).cards, now });
    expect(s.due.now).toBe(before.due.now + 1);
    expect(s.due.next).not.toBeNull();
  });

  it("gives the same numbers from a summary as from the attempts", () => {
    const fromSummary = computeStats({ ...base, attempts: undefined, summary: summarize(history) });
    expect(fromSummary).toEqual(computeStats(base));
  });

  it("handles an empty history", () => {
    const s = computeStats({ attempts: [], cards: new Map(), questions: bank, now: new Date(T0) });
    expect(s.attempts).toBe(0);
    expect(s.accuracy).toBeNull();
    expect(s.due.today).toBe(0);
    expect(s.streak.current).toBe(0);
  });

  it("counts reviews due today and in the next 7 days", () => {
    const s = computeStats({ ...base, now: new Date(T0 + 60 * DAY) });
    expect(s.due.today).toBe(3);
    expect(s.due.forecast[0].date).toBe(dayKey(new Date(T0 + 60 * DAY)));
  });
});

describe("streaks", () => {
  const now = new Date(T0);
  const days = (...offsets: number[]) => Object.fromEntries(offsets.map((o) => [dayKey(new Date(T0 - o * DAY)), 1]));
  it("counts consecutive days up to today", () => {
    expect(streaks(days(0, 1, 2, 4), now)).toEqual({ current: 3, longest: 3, activeToday: true });
  });
  it("keeps yesterday's streak alive until today ends", () => {
    expect(streaks(days(1, 2), now)).toEqual({ current: 2, longest: 2, activeToday: false });
  });
  it("is broken by a missed day", () => {
    expect(streaks(days(2, 3, 4, 5, 6), now)).toMatchObject({ current: 0, longest: 5 });
  });
});
