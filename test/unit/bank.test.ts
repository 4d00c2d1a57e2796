import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildStamp, fingerprint, readCompiledCatalog } from "../../src/bank/compiled.js";
import { formatProblem, loadManifest, readManifestFile } from "../../src/bank/load.js";
import { LEVELS } from "../../src/bank/schema.js";
import { isDocSource } from "../../src/bank/sources.js";
import { builtinFromYaml } from "../helpers/bank.js";
import { tempDir } from "../helpers/cli.js";

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

describe("the compiled bank's fingerprint", () => {
  const copy = (name: string) => {
    const root = join(work.dir, name);
    mkdirSync(dirname(root), { recursive: true });
    mkdirSync(join(root, "questions"), { recursive: true });
    mkdirSync(join(root, "sources"));
    mkdirSync(join(root, "dist"));
    writeFileSync(join(root, "questions", "a.yaml"), "questions: []\n");
    writeFileSync(join(root, "sources", "MANIFEST.yaml"), "items: []\n");
    writeFileSync(join(root, "dist", "build-stamp.json"), JSON.stringify(buildStamp(join(root, "questions"))));
    return root;
  };
  const work = tempDir("kafka-prep-fingerprint-");
  afterAll(() => work.cleanup());

  it("holds while the question files and the manifest are as built, and not once either changes", () => {
    expect(fingerprint(copy("same"))).toMatch(/^[0-9a-f]{64}$/);
    const question = copy("question");
    writeFileSync(join(question, "questions", "a.yaml"), "questions: [] # edited\n");
    expect(fingerprint(question)).toBeUndefined();
    // The compiled catalog carries the manifest, which packs are checked against: a changed one is read again.
    const manifest = copy("manifest");
    writeFileSync(join(manifest, "sources", "MANIFEST.yaml"), "items: [] # edited\n");
    expect(fingerprint(manifest)).toBeUndefined();
  });

  it("serves from dist/ exactly the questions the YAML files hold now (a build that kept its files kept the right ones)", () => {
    const compiled = readCompiledCatalog();
    expect(compiled).toBeDefined();
    expect(compiled?.all()).toEqual(bank.questions);
  });

  it("trusts names and sizes in an installed copy, whose files the install gave new times", () => {
    const later = new Date(Date.now() + 3_600_000);
    const touch = (root: string) => {
      // The same size, other bytes, another time: only the content tells it from the build.
      writeFileSync(join(root, "questions", "a.yaml"), "questions: {}\n");
      utimesSync(join(root, "questions", "a.yaml"), later, later);
    };
    const clone = copy("clone");
    touch(clone);
    expect(fingerprint(clone)).toBeUndefined();
    const installed = copy("node_modules/kafka-prep");
    const touched = copy("other/node_modules/kafka-prep");
    utimesSync(join(installed, "questions", "a.yaml"), later, later);
    touch(touched);
    expect(fingerprint(installed)).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint(touched)).toBe(fingerprint(installed));
    // A file added or resized is noticed there too.
    const grown = copy("third/node_modules/kafka-prep");
    writeFileSync(join(grown, "questions", "a.yaml"), "questions: [] # grown\n");
    expect(fingerprint(grown)).toBeUndefined();
  });

  it("gives the manifest of the compiled catalog, the same as the YAML file", () => {
    expect(readCompiledCatalog()?.manifest).toEqual(readManifestFile());
    expect(loadManifest()).toEqual(readManifestFile());
  });
});
