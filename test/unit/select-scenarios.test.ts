import { describe, expect, it } from "vitest";
import type { Question } from "../../src/bank/schema.js";
import type { AnyQuestion } from "../../src/quiz/question.js";
import { asQuestion } from "../../src/quiz/scenario-question.js";
import { type SelectInput, select } from "../../src/quiz/select.js";
import { instance } from "../../src/scenarios/index.js";

const q = (id: string, level: Question["level"] = "intermediate"): Question =>
  ({ id, level, topics: ["producers"], type: "truefalse", prompt: `${id}?`, answer: true, explanation: "e", sources: [] }) as Question;

const bankQuestions = Array.from({ length: 20 }, (_, i) => q(`b${i}`, i % 2 ? "beginner" : "advanced"));
// Levels follow the seed: seed % 4 is the level's index (1 intermediate, 2 advanced).
const scenarios = ["lag#1", "capacity#2", "ordering#5", "compaction#6", "transactions#9"].map((id) => asQuestion(instance(id)));

function input(questions: AnyQuestion[], over: Partial<SelectInput> = {}): SelectInput {
  return {
    questions,
    filter: {},
    count: 8,
    seed: 1,
    now: new Date("2026-12-01T12:00:00Z"),
    dueAt: new Map(),
    confidentMistakes: new Set(),
    weak: new Set(),
    followUps: true,
    scenarioShare: 0.25,
    ...over,
  };
}

const kinds = (qs: AnyQuestion[]) => qs.map((x) => (x.type === "scenario" ? "S" : "b")).join("");

describe("scenarios in a round", () => {
  it("take a quarter of a mixed round, spread through it", () => {
    const { questions } = select(input([...bankQuestions, ...scenarios]));
    expect(questions).toHaveLength(8);
    expect(kinds(questions)).toBe("bbbSbbbS");
  });

  it("take none of a beginner round, and all of a round of scenarios only", () => {
    const beginner = select(input([...bankQuestions, ...scenarios], { filter: { level: ["beginner"] } })).questions;
    expect(kinds(beginner)).not.toContain("S");
    const only = select(input(scenarios, { count: 4 })).questions;
    expect(kinds(only)).toBe("SSSS");
  });

  it("leave the rest to the bank when there are too few scenarios, and the other way round", () => {
    const few = select(input([...bankQuestions, scenarios[0]], { count: 12 })).questions;
    expect(kinds(few).split("S")).toHaveLength(2);
    expect(few).toHaveLength(12);
    const short = select(input([q("x1"), q("x2"), ...scenarios], { count: 6 })).questions;
    expect(kinds(short).replace(/S/g, "")).toBe("bb");
    expect(short).toHaveLength(6);
  });

  it("asks a due family first among the scenarios", () => {
    const dueAt = new Map([["transactions", new Date("2026-11-30T00:00:00Z")]]);
    const { questions, why } = select(input([...bankQuestions, ...scenarios], { dueAt }));
    expect(questions.some((x) => x.id === "transactions")).toBe(true);
    expect(why.get("transactions")).toBe("due");
  });
});
