// Every recall question, answered with each core point stated but one, and that one denied in plain words: the
// answer must fail. Generated from the key points, so it covers the whole bank; the floors are today's counts of
// denials the grader still misses (mostly a phrase that is itself a fragment such as "since 4.1").
import { describe, expect, it } from "vitest";
import type { QuestionOf } from "../../src/bank/schema.js";
import { gradeRecall } from "../../src/quiz/grading/recall.js";
import { builtinFromYaml } from "../helpers/bank.js";

const recall = builtinFromYaml().questions.filter((q): q is QuestionOf<"recall"> => q.type === "recall");
const first = (phrases: unknown[]): string => {
  const p = phrases[0] as string | { phrase?: string; all?: string[]; any?: string[] };
  return typeof p === "string" ? p : (p.phrase ?? (p.all ?? p.any ?? []).join(" "));
};

const DENIALS: [string, (claim: string) => string, number][] = [
  ["It is not true that …", (c) => `It is not true that ${c}.`, 6],
  ["It is false that …", (c) => `It is false that ${c}.`, 6],
  ["… is a myth", (c) => `${c[0].toUpperCase()}${c.slice(1)} is a myth.`, 21],
];

describe("a denied core point fails the answer", () => {
  it.each(DENIALS)("%s", (_name, deny, floor) => {
    const passed: string[] = [];
    let asked = 0;
    for (const q of recall) {
      const core = q.keyPoints.filter((k) => k.core);
      for (const k of core) {
        const others = core.filter((o) => o !== k).map((o) => `${first(o.phrases)}.`);
        const answer = [...others, deny(first(k.phrases))].join(" ");
        asked++;
        if (gradeRecall(q, answer, 0.6).correct) passed.push(`${q.id}: ${answer}`);
      }
    }
    console.log(`${_name}: ${passed.length} of ${asked} denials passed`);
    expect(asked).toBeGreaterThan(300);
    expect(passed.length, passed.slice(0, 10).join("\n")).toBeLessThanOrEqual(floor);
  });
});
