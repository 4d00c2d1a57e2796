import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { schemaPath, schemaText } from "../../src/bank/compile.js";
import { questionSchema } from "../../src/bank/schema.js";
import { builtinFromYaml } from "../helpers/bank.js";

const base = {
  id: "a-question",
  level: "beginner",
  topics: ["producers"],
  prompt: "Which?",
  explanation: "Because.",
  sources: [{ doc: "000_1390a3d7602e6b05.txt", ref: "Q1" }],
};

describe("question schema", () => {
  it("accepts one valid question of every type", () => {
    const questions = [
      { ...base, type: "mcq", choices: [{ text: "a", correct: true }, { text: "b" }] },
      {
        ...base,
        type: "multi",
        prompt: "Choose two.",
        choices: [{ text: "a", correct: true }, { text: "b", correct: true }, { text: "c" }],
      },
      { ...base, type: "truefalse", answer: false },
      { ...base, type: "cloze", prompt: "acks=___", answers: ["all"] },
      { ...base, type: "order", steps: ["one", "two", "three"] },
      {
        ...base,
        type: "recall",
        answer: "model",
        keyPoints: [
          { point: "a", phrases: ["a"] },
          { point: "b", phrases: ["b"] },
          { point: "c", phrases: ["c"], not: ["not c"] },
        ],
      },
    ];
    for (const q of questions) expect(questionSchema.safeParse(q).error).toBeUndefined();
  });

  it("rejects a multi question where every choice is correct", () => {
    const r = questionSchema.safeParse({
      ...base,
      type: "multi",
      prompt: "Select all that apply.",
      choices: [
        { text: "a", correct: true },
        { text: "b", correct: true },
        { text: "c", correct: true },
      ],
    });
    expect(r.error?.issues[0].message).toMatch(/at least 2 correct and 1 wrong/);
  });

  it("rejects a cloze with two blanks", () => {
    const r = questionSchema.safeParse({ ...base, type: "cloze", prompt: "___ and ___", answers: ["x"] });
    expect(r.error?.issues[0].message).toMatch(/exactly one blank/);
  });

  it("is named on the first line of every bank file, so editors validate and complete it", () => {
    const { files } = builtinFromYaml();
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const first = readFileSync(file, "utf8").split("\n")[0];
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(m, file).not.toBeNull();
      expect(resolve(dirname(file), m?.[1] ?? ""), file).toBe(schemaPath());
    }
  });

  it("matches the committed JSON Schema (run `npm run schema` after changing the zod schema)", () => {
    expect(readFileSync(schemaPath(), "utf8")).toBe(schemaText());
  });
});
