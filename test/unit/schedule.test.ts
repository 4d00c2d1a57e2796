import { describe, expect, it } from "vitest";
import {
  dueForecast,
  isDue,
  isMastered,
  predictedRecall,
  ratingFor,
  recallOn,
  retrievability,
  review,
  reviewPlan,
} from "../../src/quiz/schedule.js";

const now = new Date("2026-03-02T12:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe("ratingFor", () => {
  it.each([
    [{ correct: false, ms: 1000, limitMs: 45_000 }, "again"],
    [{ correct: true, ms: 44_000, limitMs: 45_000, timedOut: true }, "again"],
    [{ correct: true, ms: 40_000, limitMs: 45_000 }, "hard"],
    [{ correct: true, ms: 5_000, limitMs: 45_000 }, "easy"],
    [{ correct: true, ms: 20_000, limitMs: 45_000 }, "good"],
    [{ correct: true, ms: 5_000, limitMs: 45_000, score: 0.7 }, "good"],
    [{ correct: true, ms: 61_000 }, "hard"],
    [{ correct: true, ms: 9_000, limitMs: 0 }, "easy"],
    [{ correct: true, ms: 30_000 }, "good"],
    // A right guess is luck: at most "hard"; a right answer marked unsure at most "good".
    [{ correct: true, ms: 5_000, limitMs: 45_000, confidence: "guess" }, "hard"],
    [{ correct: true, ms: 20_000, limitMs: 45_000, confidence: "guess" }, "hard"],
    [{ correct: true, ms: 5_000, limitMs: 45_000, confidence: "unsure" }, "good"],
    [{ correct: true, ms: 40_000, limitMs: 45_000, confidence: "unsure" }, "hard"],
    [{ correct: true, ms: 5_000, limitMs: 45_000, confidence: "sure" }, "easy"],
    [{ correct: false, ms: 5_000, limitMs: 45_000, confidence: "guess" }, "again"],
  ] as const)("%o -> %s", (input, expected) => {
    expect(ratingFor(input)).toBe(expected);
  });
});

describe("review", () => {
  it("is deterministic and pushes a good answer days ahead", () => {
    const a = review(undefined, "good", now);
    const b = review(undefined, "good", now);
    expect(a).toEqual(b);
    expect(a.due.getTime()).toBeGreaterThan(days(1).getTime());
    expect(isDue(a, now)).toBe(false);
    expect(isDue(a, days(60))).toBe(true);
  });

  it("schedules a miss sooner than a success", () => {
    const good = review(undefined, "good", now);
    const again = review(undefined, "again", now);
    expect(again.due.getTime()).toBeLessThan(good.due.getTime());
  });

  it("never moves time backwards for an out-of-order review", () => {
    const card = review(undefined, "good", now);
    const earlier = review(card, "good", days(-3));
    expect(earlier.last_review?.getTime()).toBe(now.getTime());
  });
});

describe("predicted recall", () => {
  it("is 0 right after a wrong answer, where FSRS says 100%, and the FSRS value after a right one", () => {
    const missed = review(undefined, "again", now);
    expect(retrievability(missed, now)).toBe(1);
    expect(predictedRecall(missed, now, false)).toBe(0);
    expect(predictedRecall(missed, days(1), false)).toBe(0);
    const right = review(undefined, "good", now);
    expect(predictedRecall(right, days(1), true)).toBe(retrievability(right, days(1)));
    expect(predictedRecall(undefined, now, undefined)).toBe(0);
  });
});

describe("retrievability and forecasts", () => {
  it("is 0 for unseen questions and decays with time", () => {
    expect(retrievability(undefined, now)).toBe(0);
    const card = review(undefined, "good", now);
    const soon = retrievability(card, days(1));
    const later = retrievability(card, days(30));
    expect(soon).toBeGreaterThan(later);
    expect(soon).toBeLessThanOrEqual(1);
  });

  it("predicts better recall when reviews are done", () => {
    const card = review(undefined, "good", now);
    expect(recallOn(card, now, days(60))).toBeGreaterThan(retrievability(card, days(60)));
  });

  it("counts reviews due per day", () => {
    const cards = [review(undefined, "again", days(-2)), review(undefined, "good", now)];
    const f = dueForecast(cards, now, 7);
    expect(f).toHaveLength(7);
    expect(f[0].due).toBe(1);
    expect(f.reduce((n, d) => n + d.due, 0)).toBeGreaterThanOrEqual(1);
  });

  it("plans reviews until a date", () => {
    const plan = reviewPlan([review(undefined, "good", now)], now, days(30));
    expect(plan.length).toBe(31);
    expect(plan.reduce((n, d) => n + d.reviews, 0)).toBeGreaterThan(0);
  });

  it("calls a card mastered only after repeated success", () => {
    let card = review(undefined, "good", now);
    expect(isMastered(card, now)).toBe(false);
    let t = now;
    for (let i = 0; i < 4; i++) {
      t = card.due;
      card = review(card, "good", t);
    }
    expect(isMastered(card, t)).toBe(true);
  });
});

describe("the long-term step", () => {
  it("gives the card ts-fsrs's next() gives, for any sequence of grades, gaps and retention", async () => {
    const fc = (await import("fast-check")).default;
    const { createEmptyCard } = await import("ts-fsrs");
    const { longTermStep, scheduler } = await import("../../src/quiz/schedule.js");
    fc.assert(
      fc.property(
        fc.constantFrom(0.7, 0.85, 0.9, 0.97),
        fc.array(fc.tuple(fc.constantFrom(1, 2, 3, 4), fc.integer({ min: 0, max: 400 * 86_400_000 })), { minLength: 1, maxLength: 30 }),
        (retention, steps) => {
          const f = scheduler(retention);
          let mine = createEmptyCard(new Date(Date.UTC(2025, 0, 1)));
          let theirs = mine;
          let t = Date.UTC(2025, 0, 1);
          for (const [grade, gap] of steps) {
            t += gap;
            mine = longTermStep(f, mine, new Date(t), grade as 1 | 2 | 3 | 4);
            theirs = f.next(theirs, new Date(t), grade as 1 | 2 | 3 | 4).card;
            expect(mine).toEqual(theirs);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
