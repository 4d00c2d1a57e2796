import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LEVELS, TOPICS } from "../../src/bank/constants.js";
import { rng } from "../../src/quiz/random.js";
import {
  correctGiven,
  draw,
  families,
  formatGiven,
  type Given,
  gradeAnswer,
  type Instance,
  instance,
  levelOf,
  parseAnswer,
  ScenarioError,
  seedFor,
} from "../../src/scenarios/index.js";

const GLOSSARY_IDS = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const OFFICIAL = [
  /^https:\/\/kafka\.apache\.org\/[\w./#%?=&+-]*$/,
  /^https:\/\/cwiki\.apache\.org\/confluence\/display\/KAFKA\/KIP-\d+[\w.%+:()-]*$/,
  /^https:\/\/issues\.apache\.org\/jira\/browse\/KAFKA-\d+$/,
];

/** Seeds of every offered level of a family, as fast-check values. */
const seedOf = (levels: readonly string[]) =>
  fc
    .tuple(fc.integer({ min: 0, max: 2 ** 30 - 1 }), fc.constantFrom(...levels))
    .map(([n, level]) => n * 4 + LEVELS.indexOf(level as (typeof LEVELS)[number]));

const wrongGivens = (x: Instance): Given[] => {
  const a = x.answer;
  if (a.kind === "choice")
    return a.options.map((_, i) => ({ kind: "choice", index: i }) as Given).filter((g) => g.kind === "choice" && g.index !== a.correct);
  if (a.kind === "yesno") return [{ kind: "yesno", value: !a.value }];
  return a.mistakes.map((m) => ({ kind: "number", value: m.value }));
};

describe("scenario registry", () => {
  it("offers at least twelve families with known topics, levels and glossary ids", () => {
    expect(families.length).toBeGreaterThanOrEqual(12);
    for (const f of families) {
      expect(f.levels.length).toBeGreaterThan(0);
      for (const t of f.topics) expect(TOPICS).toContain(t);
      for (const l of f.levels) expect(LEVELS).toContain(l);
      for (const g of f.glossary) expect(g).toMatch(GLOSSARY_IDS);
    }
    expect(new Set(families.map((f) => f.id)).size).toBe(families.length);
  });

  it("names the level by seed % 4 and seedFor draws seeds of the asked level", () => {
    expect(levelOf(8140)).toBe("beginner");
    expect(levelOf(8141)).toBe("intermediate");
    expect(levelOf(8142)).toBe("advanced");
    expect(levelOf(8143)).toBe("expert");
    const random = rng(7);
    for (const level of LEVELS) for (let i = 0; i < 50; i++) expect(levelOf(seedFor(level, random))).toBe(level);
  });

  it("rejects bad ids with a typed error", () => {
    const code = (id: string) => {
      try {
        instance(id);
        return "none";
      } catch (e) {
        expect(e).toBeInstanceOf(ScenarioError);
        return (e as ScenarioError).code;
      }
    };
    expect(code("nope#4")).toBe("unknown-family");
    expect(code("lag")).toBe("bad-id");
    expect(code("lag#-1")).toBe("bad-id");
    expect(code("lag#1.5")).toBe("bad-id");
    expect(code("lag#4294967296")).toBe("bad-seed");
    expect(code("lag#007")).toBe("bad-seed");
    expect(code("lag#4294967295")).toBe("none");
  });

  it("draw gives an instance of the family and level asked", () => {
    const random = rng(42);
    for (const f of families)
      for (const level of f.levels) {
        const x = draw(f.id, level, random);
        expect(x.family).toBe(f.id);
        expect(x.level).toBe(level);
        expect(instance(x.id)).toEqual(x);
      }
  });
});

describe.each(families.map((f) => [f.id, f] as const))("family %s", (id, f) => {
  it("builds a complete instance from every seed, the same each time", () => {
    fc.assert(
      fc.property(seedOf(f.levels), (seed) => {
        const x = instance(`${id}#${seed}`);
        expect(x.id).toBe(`${id}#${seed}`);
        expect(x.level).toBe(LEVELS[seed % 4]);
        expect(x.prompt.length).toBeGreaterThan(40);
        expect(x.steps.length).toBeGreaterThan(0);
        for (const s of x.steps) expect(s).toMatch(/[.!?)]$/);
        expect(x.sources.length).toBeGreaterThan(0);
        for (const s of x.sources) expect(OFFICIAL.some((re) => re.test(s.url))).toBe(true);
        expect(instance(`${id}#${seed}`)).toEqual(x);
      }),
      { numRuns: 150 },
    );
  });

  it("grades the right answer correct and every distractor wrong with its mistake", () => {
    fc.assert(
      fc.property(seedOf(f.levels), (seed) => {
        const x = instance(`${id}#${seed}`);
        expect(gradeAnswer(x, correctGiven(x.answer))).toEqual({ correct: true, score: 1 });
        for (const g of wrongGivens(x)) {
          const r = gradeAnswer(x, g);
          expect(r.correct).toBe(false);
          expect(r.score).toBe(0);
          expect(r.mistake?.text.length).toBeGreaterThan(10);
        }
        if (x.answer.kind === "choice") {
          const texts = x.answer.options.map((o) => o.text.toLowerCase());
          expect(new Set(texts).size).toBe(texts.length);
          expect(x.answer.options.length).toBeGreaterThanOrEqual(3);
          expect(x.answer.options.filter((o) => !o.mistake)).toHaveLength(1);
          expect(x.answer.options[x.answer.correct].mistake).toBeUndefined();
        }
        if (x.answer.kind === "yesno") expect(x.answer.reason).toMatch(/\.$/);
      }),
      { numRuns: 150 },
    );
  });

  it("parses what it formats back to the same answer", () => {
    fc.assert(
      fc.property(seedOf(f.levels), (seed) => {
        const x = instance(`${id}#${seed}`);
        for (const g of [correctGiven(x.answer), ...wrongGivens(x)]) {
          const parsed = parseAnswer(x, formatGiven(x, g));
          expect(gradeAnswer(x, parsed as Given)).toEqual(gradeAnswer(x, g));
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("parseAnswer", () => {
  const number = (unit: "GB" | "partitions" | "minutes" | "offset") =>
    ({ answer: { kind: "number", value: 1.5, unit, tolerance: { rel: 0.02 }, mistakes: [] } }) as Pick<Instance, "answer">;
  const choice = {
    answer: { kind: "choice", correct: 1, options: [{ text: "12 partitions" }, { text: "13 partitions" }, { text: "24 partitions" }] },
  } as Pick<Instance, "answer">;
  const yesno = { answer: { kind: "yesno", value: true, reason: "x.", mistake: { id: "m", text: "t" } } } as Pick<Instance, "answer">;

  it("reads numbers with or without units, converting between units of one kind", () => {
    expect(parseAnswer(number("GB"), "1.5 GB")).toEqual({ kind: "number", value: 1.5 });
    expect(parseAnswer(number("GB"), "1.5GB")).toEqual({ kind: "number", value: 1.5 });
    expect(parseAnswer(number("GB"), "1,500 MB")).toEqual({ kind: "number", value: 1.5 });
    expect(parseAnswer(number("GB"), "2 TB")).toEqual({ kind: "number", value: 2000 });
    expect(parseAnswer(number("GB"), "1 GiB")).toEqual({ kind: "number", value: 1.073741824 });
    expect(parseAnswer(number("partitions"), "12 partitions")).toEqual({ kind: "number", value: 12 });
    expect(parseAnswer(number("partitions"), "1,500")).toEqual({ kind: "number", value: 1500 });
    expect(parseAnswer(number("minutes"), "90 s")).toEqual({ kind: "number", value: 1.5 });
    expect(parseAnswer(number("minutes"), "2 hours")).toEqual({ kind: "number", value: 120 });
    expect(parseAnswer(number("offset"), "offset 7,000")).toEqual({ kind: "number", value: 7000 });
  });

  it("refuses what it cannot read for sure", () => {
    expect(parseAnswer(number("GB"), "1,5 GB")).toHaveProperty("error");
    expect(parseAnswer(number("GB"), "12 partitions")).toHaveProperty("error");
    expect(parseAnswer(number("GB"), "12 parsecs")).toHaveProperty("error");
    expect(parseAnswer(number("GB"), "about 12")).toHaveProperty("error");
    expect(parseAnswer(number("GB"), "1 500")).toHaveProperty("error");
    expect(parseAnswer(number("GB"), "")).toHaveProperty("error");
  });

  it("reads a choice by letter or by its text", () => {
    expect(parseAnswer(choice, "b")).toEqual({ kind: "choice", index: 1 });
    expect(parseAnswer(choice, "B)")).toEqual({ kind: "choice", index: 1 });
    expect(parseAnswer(choice, "(c)")).toEqual({ kind: "choice", index: 2 });
    expect(parseAnswer(choice, "  24   Partitions ")).toEqual({ kind: "choice", index: 2 });
    expect(parseAnswer(choice, "d")).toHaveProperty("error");
    expect(parseAnswer(choice, "12")).toHaveProperty("error");
  });

  it("reads yes and no words only", () => {
    for (const w of ["y", "Yes", "TRUE", "yes."]) expect(parseAnswer(yesno, w)).toEqual({ kind: "yesno", value: true });
    for (const w of ["n", "no", "False"]) expect(parseAnswer(yesno, w)).toEqual({ kind: "yesno", value: false });
    expect(parseAnswer(yesno, "maybe")).toHaveProperty("error");
  });
});

describe("gradeAnswer", () => {
  const x = {
    answer: {
      kind: "number",
      value: 100,
      unit: "GB",
      tolerance: { rel: 0.02 },
      mistakes: [{ value: 300, mistake: { id: "forgot-replication", text: "Forgot replication" } }],
    },
  } as Pick<Instance, "answer">;
  it("accepts values within the tolerance and names the mistake behind a known wrong value", () => {
    expect(gradeAnswer(x, { kind: "number", value: 101.9 }).correct).toBe(true);
    expect(gradeAnswer(x, { kind: "number", value: 102.1 }).correct).toBe(false);
    expect(gradeAnswer(x, { kind: "number", value: 299 }).mistake?.id).toBe("forgot-replication");
    expect(gradeAnswer(x, { kind: "number", value: 250 })).toEqual({ correct: false, score: 0 });
    expect(gradeAnswer(x, { kind: "yesno", value: true })).toEqual({ correct: false, score: 0 });
  });
});
