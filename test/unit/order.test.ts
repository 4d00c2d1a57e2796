import { describe, expect, it } from "vitest";
import { gradeOrdering } from "../../src/quiz/grading/order.js";

const six = ["init", "poll", "begin", "send", "offsets", "commit"];

describe("grading an ordering", () => {
  it("gives full credit for the right order", () => {
    expect(gradeOrdering(six, [...six])).toEqual({ score: 1, correct: true, misplaced: [] });
  });

  it("scores one adjacent swap of six steps high, and names one step of the two as out of place", () => {
    const g = gradeOrdering(six, ["init", "poll", "send", "begin", "offsets", "commit"]);
    expect(g.correct).toBe(false);
    expect(g.score).toBe(0.8);
    expect(g.misplaced).toEqual(["begin"]);
  });

  it("names only the step that moved when one step is far from its place", () => {
    const g = gradeOrdering(six, ["poll", "begin", "send", "offsets", "commit", "init"]);
    expect(g.misplaced).toEqual(["init"]);
    expect(g.score).toBe(0.8);
  });

  it("gives nothing for the reverse order, and less for each further step out of place", () => {
    expect(gradeOrdering(six, [...six].reverse()).score).toBe(0);
    const one = gradeOrdering(six, ["poll", "init", "begin", "send", "offsets", "commit"]).score;
    const two = gradeOrdering(six, ["poll", "init", "send", "begin", "offsets", "commit"]).score;
    expect(one).toBeGreaterThan(two);
    expect(two).toBe(0.6);
  });

  it("counts a missing step as out of place, and names it", () => {
    const g = gradeOrdering(six, ["init", "poll", "begin", "send", "offsets"]);
    expect(g.correct).toBe(false);
    expect(g.score).toBe(0.8);
    expect(g.misplaced).toEqual(["commit"]);
  });

  it("ignores unknown and repeated steps", () => {
    const g = gradeOrdering(["a", "b", "c"], ["a", "x", "a", "b", "c"]);
    expect(g).toEqual({ score: 1, correct: true, misplaced: [] });
  });
});
