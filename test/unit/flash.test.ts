import { describe, expect, it } from "vitest";
import type { Question } from "../../src/bank/schema.js";
import { flashPoints, parseTicks, proposedRating, selfGrade } from "../../src/quiz/flash.js";

const points = [
  { text: "core one", core: true },
  { text: "core two", core: true },
  { text: "depth", core: false },
  { text: "more depth", core: false },
];

describe("flashcard checklist", () => {
  it("lists a recall question's key points with their core marks, and one point for any other question", () => {
    const recall = {
      type: "recall",
      keyPoints: [
        { point: "a", core: true, phrases: ["a"] },
        { point: "b", phrases: ["b"] },
      ],
    } as unknown as Question;
    expect(flashPoints(recall)).toEqual([
      { text: "a", core: true },
      { text: "b", core: false },
    ]);
    expect(flashPoints({ type: "mcq" } as unknown as Question)).toHaveLength(1);
  });

  it("reads the ticked point numbers, all, none, and a grade after them", () => {
    expect(parseTicks("1 3", 4)).toEqual({ ticked: [0, 2], rating: undefined });
    expect(parseTicks("3,1,1", 4)).toEqual({ ticked: [0, 2], rating: undefined });
    expect(parseTicks("", 4)).toEqual({ ticked: [], rating: undefined });
    expect(parseTicks("none", 4)).toEqual({ ticked: [], rating: undefined });
    expect(parseTicks("all", 3)).toEqual({ ticked: [0, 1, 2], rating: undefined });
    expect(parseTicks("1 2 Easy", 4)).toEqual({ ticked: [0, 1], rating: "easy" });
    expect(parseTicks("again", 4)).toEqual({ ticked: [], rating: "again" });
  });

  it("says what is wrong with a number out of range or a word it does not know", () => {
    expect(parseTicks("5", 4)).toMatchObject({ error: expect.stringMatching(/"5" is not a point number from 1 to 4/) });
    expect(parseTicks("1 maybe", 4)).toMatchObject({ error: expect.stringMatching(/"maybe" is not a point number/) });
    // What was typed is quoted with control characters escaped and cut short, never echoed raw.
    const nul = parseTicks("\u0000".repeat(10_000), 4) as { error: string };
    expect(nul.error).toMatch(/^"(\\u0000){40}…" is not a point number/);
    expect(nul.error.includes("\u0000")).toBe(false);
    expect(parseTicks("0", 4)).toHaveProperty("error");
  });
});

describe("self-grading", () => {
  it("passes when every core point was said, and scores every point", () => {
    const g = selfGrade(points, [0, 1], 0.6);
    expect(g).toMatchObject({ correct: true, score: 0.5 });
    expect(g.keyPoints?.map((k) => k.covered)).toEqual([true, true, false, false]);
    expect(proposedRating(g)).toBe("hard");
  });

  it("fails when a core point is missing, whatever the depth", () => {
    const g = selfGrade(points, [0, 2, 3], 0.6);
    expect(g).toMatchObject({ correct: false, score: 0.75 });
    expect(proposedRating(g)).toBe("again");
  });

  it("proposes good when every point was said", () => {
    expect(proposedRating(selfGrade(points, [0, 1, 2, 3], 0.6))).toBe("good");
  });

  it("uses the share of points without core points", () => {
    const plain = points.map((p) => ({ ...p, core: false }));
    expect(selfGrade(plain, [0, 1], 0.6).correct).toBe(false);
    expect(selfGrade(plain, [0, 1, 2], 0.6).correct).toBe(true);
    expect(selfGrade(plain, [], 0.6)).toMatchObject({ correct: false, score: 0 });
  });
});
