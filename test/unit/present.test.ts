import { describe, expect, it } from "vitest";
import type { Question } from "../../src/bank/schema.js";
import { editorText, fromEditor, parseScripted, present } from "../../src/quiz/present.js";

const base = { level: "beginner", topics: ["producers"], prompt: "p", explanation: "e", sources: [] };
const mcq = {
  ...base,
  id: "m",
  type: "mcq",
  choices: [{ text: "one", correct: true }, { text: "two" }, { text: "three" }, { text: "four" }],
} as unknown as Question;
const order = { ...base, id: "o", type: "order", steps: ["s1", "s2", "s3", "s4"] } as unknown as Question;
const multi = {
  ...base,
  id: "mu",
  type: "multi",
  choices: [{ text: "x", correct: true }, { text: "y", correct: true }, { text: "z" }],
} as unknown as Question;
const tf = { ...base, id: "t", type: "truefalse", answer: false } as unknown as Question;

describe("present", () => {
  it("shuffles choices reproducibly per seed, and differently across seeds", () => {
    expect(present(mcq, 1).choices).toEqual(present(mcq, 1).choices);
    const firsts = new Set(Array.from({ length: 40 }, (_, s) => present(mcq, s).choices[0]));
    expect(firsts.size).toBeGreaterThan(2);
  });

  it("never shows order steps already in the right order", () => {
    for (let s = 0; s < 200; s++) expect(present(order, s).choices).not.toEqual(["s1", "s2", "s3", "s4"]);
  });
});

describe("parseScripted", () => {
  const answer = (p: ReturnType<typeof present>, line: string) => {
    const r = parseScripted(p, line);
    if (!("answer" in r)) throw new Error(r.invalid);
    return r.answer;
  };
  const invalid = (p: ReturnType<typeof present>, line: string) => {
    const r = parseScripted(p, line);
    return "invalid" in r ? r.invalid : undefined;
  };

  it("reads an mcq answer by letter or by text", () => {
    const p = present(mcq, 3);
    const i = p.choices.indexOf("two");
    expect(answer(p, String.fromCharCode(97 + i))).toBe("two");
    expect(answer(p, "  TWO ")).toBe("two");
    expect(answer(p, "")).toBeNull();
  });

  it("says a letter or text that is no choice is not one, with the letters there are", () => {
    const p = present(mcq, 3);
    expect(invalid(p, "e")).toBe('"e" is not a choice: answer a-d, or a choice\'s text.');
    expect(invalid(p, "five")).toMatch(/^"five" is not a choice: answer a-d/);
    expect(invalid(present(tf, 1), "maybe")).toBe('"maybe" is not a choice: answer a (True) or b (False).');
  });

  it("reads multi as letters and order as a sequence of letters", () => {
    const pm = present(multi, 5);
    const letters = ["x", "y"].map((t) => String.fromCharCode(97 + pm.choices.indexOf(t)));
    expect((answer(pm, letters.join(",")) as string[]).sort()).toEqual(["x", "y"]);
    const po = present(order, 2);
    const seq = ["s1", "s2", "s3", "s4"].map((t) => String.fromCharCode(97 + po.choices.indexOf(t)));
    expect(answer(po, seq.join(","))).toEqual(["s1", "s2", "s3", "s4"]);
    expect(answer(po, seq.join(""))).toEqual(["s1", "s2", "s3", "s4"]);
  });

  it("refuses more picks than the prompt asks for, unknown letters, and an ordering without every step once", () => {
    const two = present({ ...multi, prompt: "Which? Choose two." } as Question, 5);
    expect(two.picks).toBe(2);
    expect(invalid(two, "a,b,c")).toBe("3 picked, but the question says choose 2: answer with 2 letters a-c.");
    expect(invalid(two, "a,q")).toBe('"q" is not a choice: answer with letters a-c, such as a,c.');
    const po = present(order, 2);
    expect(invalid(po, "a,b")).toBe("put all 4 steps in order, each once: 4 letters a-d, such as c,a,b,d.");
    expect(invalid(po, "a,a,b,c")).toMatch(/^put all 4 steps in order, each once/);
  });

  it("reads true/false in several spellings", () => {
    const p = present(tf, 1);
    for (const s of ["a", "t", "true", "True", "yes"]) expect(answer(p, s)).toBe(true);
    for (const s of ["b", "f", "false", "no"]) expect(answer(p, s)).toBe(false);
  });
});

describe("an open answer in an editor", () => {
  it("opens with the question as comment lines, which are left out of the answer", () => {
    const text = editorText("Explain acks.\nWhy does it matter?");
    expect(text).toMatch(/^\n\n# Explain acks\.\n# Why does it matter\?\n#\n# Write your answer above/);
    expect(fromEditor(text)).toBe("");
    expect(fromEditor(`acks=all waits for the ISR.\nMore.\n${text}`)).toBe("acks=all waits for the ISR.\nMore.");
  });
});
