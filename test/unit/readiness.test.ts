import { describe, expect, it } from "vitest";
import type { Question } from "../../src/bank/schema.js";
import { fixCommand } from "../../src/commands/check.js";
import { readiness } from "../../src/progress/readiness.js";
import { summarize } from "../../src/progress/summary.js";
import type { Attempt } from "../../src/progress/types.js";
import { type Card, review } from "../../src/quiz/schedule.js";
import { makeAttempt } from "../helpers/history.js";

const q = (id: string, topic: Question["topics"][number], level: Question["level"] = "beginner"): Question =>
  ({ id, level, topics: [topic], type: "truefalse", prompt: id, answer: true, explanation: "e", sources: [] }) as unknown as Question;

const questions = [q("p1", "producers"), q("p2", "producers"), q("p3", "producers"), q("c1", "consumers"), q("c2", "consumers")];
const now = new Date("2026-11-22T12:00:00Z");
const day = 86_400_000;
const thresholds = { minScore: 80, minCoverage: 60, minRecall: 70 };

const attempt = (questionId: string, at: Date, correct: boolean) =>
  makeAttempt(questionId, correct, at, { type: "truefalse", answer: correct });

/** Each question answered right on the given days back (by default three times, spaced out, the last yesterday). */
function practised(ids: string[], daysBack = [20, 8, 1]) {
  const attempts: Attempt[] = [];
  const cards = new Map<string, Card>();
  for (const id of ids) {
    let card: Card | undefined;
    for (const back of daysBack) {
      const at = new Date(now.getTime() - back * day);
      attempts.push(attempt(id, at, true));
      card = review(card, "good", at);
    }
    cards.set(id, card as Card);
  }
  return { attempts, cards };
}

/** What readiness reads: the store's summary of a history, and the cards. */
const input = (h: { attempts: Attempt[]; cards: Map<string, Card> }) => ({
  summary: summarize(h.attempts),
  cards: h.cards,
});

const base = { questions, levels: ["beginner" as const], topics: ["producers" as const, "consumers" as const], thresholds, now };

describe("readiness", () => {
  it("fails every topic with no history", () => {
    const r = readiness({ ...base, ...input({ attempts: [], cards: new Map() }) });
    expect(r.failed).toBe(2);
    expect(r.topics.every((t) => t.reasons[0] === "not practised yet")).toBe(true);
    expect(fixCommand(r.topics[0])).toBe("kafka-prep quiz --topic producers --level beginner");
  });

  it("passes a topic practised well and recently", () => {
    const r = readiness({ ...base, ...input(practised(["p1", "p2", "p3"])) });
    const producers = r.topics.find((t) => t.topic === "producers");
    expect(producers).toMatchObject({ pass: true, coverage: 100, accuracy: 100 });
    expect(producers?.recall).toBeGreaterThan(70);
    expect(r.topics.find((t) => t.topic === "consumers")?.pass).toBe(false);
  });

  it("fails on low coverage and on low accuracy, naming each", () => {
    const one = practised(["p1"]);
    expect(readiness({ ...base, ...input(one) }).topics[0].reasons).toEqual(["coverage 33.3% < 60%"]);
    const wrong = practised(["p1", "p2", "p3"]);
    wrong.attempts.push(attempt("p2", new Date(now.getTime() - 1000), false));
    wrong.attempts.push(attempt("p3", new Date(now.getTime() - 1000), false));
    // The two questions just missed count as not recalled, so recall is low too.
    expect(readiness({ ...base, ...input(wrong) }).topics[0].reasons).toEqual(["accuracy 33.3% < 80%", "predicted recall 33.2% < 70%"]);
  });

  it("prints the interview date as the local calendar day, whatever the time zone", () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"]) {
        process.env.TZ = tz;
        const on = new Date(2026, 11, 3, 9);
        expect(readiness({ ...base, ...input(practised(["p1"])), now: new Date(2026, 10, 1, 12), on }).on, tz).toBe("2026-12-03");
      }
    } finally {
      process.env.TZ = zone;
    }
  });

  it("predicts lower recall for a date far ahead, which can turn a pass into a fail", () => {
    const history = practised(["p1", "p2", "p3"], [1]);
    const soon = readiness({ ...base, ...input(history), on: new Date(now.getTime() + day) }).topics[0];
    const far = readiness({ ...base, ...input(history), on: new Date(now.getTime() + 60 * day) }).topics[0];
    expect(soon.pass).toBe(true);
    expect(far.recall ?? 100).toBeLessThan(soon.recall ?? 0);
    expect(far.pass).toBe(false);
    expect(far.reasons[0]).toMatch(/^predicted recall/);
    expect(fixCommand(far)).toMatch(/--due$/);
  });

  it("plans reviews a day until the date for failing topics only", () => {
    const r = readiness({ ...base, ...input(practised(["p1", "p2", "p3"])), on: new Date(now.getTime() + 10 * day) });
    expect(r.plan?.days).toBe(10);
    const consumers = r.topics.find((t) => t.topic === "consumers");
    expect(consumers?.needed.new).toBe(2);
    expect(r.plan?.total).toBe(2);
    expect(r.plan?.perDay).toBe(1);
  });
});
