import { describe, expect, it } from "vitest";
import { formatProblem, loadManifest } from "../../src/bank/load.js";
import { LEVELS } from "../../src/bank/schema.js";
import { isDocSource } from "../../src/bank/sources.js";
import { builtinFromYaml } from "../helpers/bank.js";

const bank = builtinFromYaml();
const manifest = loadManifest();

describe("the built-in bank", () => {
  it("has no problems", () => {
    expect(bank.problems.map(formatProblem)).toEqual([]);
  });

  it("covers every item of the five source documents", () => {
    const cited = new Set(bank.questions.flatMap((q) => q.sources.filter(isDocSource).map((s) => `${s.doc} ${s.ref}`)));
    const missing = manifest.filter((m) => !cited.has(`${m.doc} ${m.ref}`)).map((m) => `${m.doc} ${m.ref}: ${m.title}`);
    console.log(`manifest coverage: ${manifest.length - missing.length} of ${manifest.length} items`);
    expect(missing).toEqual([]);
    expect(manifest.length).toBe(141);
  });

  it("has at least 300 questions, 40% machine-gradable, 40 per level", () => {
    const gradable = bank.questions.filter((q) => q.type !== "recall").length;
    const perLevel = Object.fromEntries(LEVELS.map((l) => [l, bank.questions.filter((q) => q.level === l).length]));
    console.log(`questions: ${bank.questions.length}, machine-gradable ${gradable}, per level ${JSON.stringify(perLevel)}`);
    expect(bank.questions.length).toBeGreaterThanOrEqual(300);
    expect(gradable / bank.questions.length).toBeGreaterThanOrEqual(0.4);
    for (const level of LEVELS) expect(perLevel[level], level).toBeGreaterThanOrEqual(40);
  });

  it("has at least 100 glossary entries, every config with its default", () => {
    expect(bank.glossary.length).toBeGreaterThanOrEqual(100);
    const configs = bank.glossary.filter((g) => g.kind === "config");
    expect(configs.filter((g) => g.default === undefined).map((g) => g.id)).toEqual([]);
  });

  it("gives every mcq exactly one correct choice and every question a unique prompt", () => {
    for (const q of bank.questions) if (q.type === "mcq") expect(q.choices.filter((c) => c.correct).length, q.id).toBe(1);
    const prompts = bank.questions.map((q) => q.prompt.trim().toLowerCase());
    expect(new Set(prompts).size).toBe(prompts.length);
  });

  it("names the Kafka version in every note about something that changed", () => {
    const notes = bank.questions.filter((q) => q.note);
    expect(notes.length).toBeGreaterThan(10);
    const changes = notes.filter((q) => /\b(changed|removed|since|was the default|used to|deprecated|no longer)\b/i.test(q.note ?? ""));
    expect(changes.filter((q) => !/\b\d\.\d+\b|KIP-\d+/.test(q.note ?? "")).map((q) => [q.id, q.note])).toEqual([]);
  });
});
