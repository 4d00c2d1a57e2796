// One definition of a valid record: the hand check the store reads with (records.ts) must give the zod schema's
// verdict (types.ts) on every shape. fast-check builds shapes around valid records, field by field, and at random.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LEVELS, TOPICS } from "../../src/bank/constants.js";
import {
  capAnswer,
  checkAttempt,
  checkRound,
  MAX_ANSWER_CHARS,
  MAX_ANSWER_ITEM_CHARS,
  MAX_ANSWER_ITEMS,
  MAX_ID_CHARS,
} from "../../src/progress/records.js";
import { attemptSchema, roundSchema } from "../../src/progress/types.js";

const RUNS = 3000;

/** Values that sit on and around every boundary the schemas draw. */
const edgy = fc.oneof(
  fc.constantFrom(
    "",
    "x",
    "x".repeat(MAX_ID_CHARS),
    "x".repeat(MAX_ID_CHARS + 1),
    "2026-03-02T12:00:00.000Z",
    "2026-03-02T12:00:00Z",
    "2026-03-02T12:00:00.123456Z",
    "2026-03-02",
    "2026-03-02T12:00Z",
    "2026-03-02T12:00:00+01:00",
    "2026-02-29T12:00:00Z",
    "2024-02-29T12:00:00Z",
    "2026-13-01T00:00:00Z",
    "2026-03-02T24:00:00Z",
    "２026-03-02T12:00:00Z",
    ...LEVELS,
    ...TOPICS,
    "Beginner",
    "again",
    "hard",
    "good",
    "easy",
    "sure",
    "unsure",
    "guess",
    "quiz",
    "exam",
    "x".repeat(MAX_ANSWER_CHARS),
    "x".repeat(MAX_ANSWER_CHARS + 1),
    "x".repeat(MAX_ANSWER_ITEM_CHARS + 1),
  ),
  fc.constantFrom(0, -0, 1, 0.5, -1, 1.0000001, 2, 3.5, 1e21, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, -0.5),
  fc.constantFrom(true, false, null),
  fc.constant(Array.from({ length: MAX_ANSWER_ITEMS }, () => "a")),
  fc.constant(Array.from({ length: MAX_ANSWER_ITEMS + 1 }, () => "a")),
  fc.constant(["x".repeat(MAX_ANSWER_ITEM_CHARS + 1)]),
  fc.array(fc.constantFrom(...TOPICS, "nope", 1 as unknown as string), { maxLength: 3 }),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);

const validAttempt = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 40 }),
    roundId: fc.string({ minLength: 1, maxLength: 40 }),
    questionId: fc.string({ minLength: 1, maxLength: 40 }),
    at: fc.date({ min: new Date("1970-01-01"), max: new Date("2999-12-31"), noInvalidDate: true }).map((d) => d.toISOString()),
    level: fc.constantFrom(...LEVELS),
    topics: fc.array(fc.constantFrom(...TOPICS), { maxLength: 3 }),
    type: fc.string({ maxLength: 10 }),
    answer: fc.oneof(fc.string(), fc.array(fc.string()), fc.boolean(), fc.constant(null)),
    score: fc.double({ min: 0, max: 1, noNaN: true }),
    correct: fc.boolean(),
    rating: fc.constantFrom("again", "hard", "good", "easy"),
    ms: fc.nat(),
    timedOut: fc.boolean(),
    skipped: fc.boolean(),
    confidence: fc.constantFrom("sure", "unsure", "guess"),
    instance: fc.string({ minLength: 1, maxLength: 40 }),
    amends: fc.string({ minLength: 1, maxLength: 40 }),
    graded: fc.boolean(),
    flag: fc.constantFrom("grader", "question"),
    selfGraded: fc.boolean(),
  },
  {
    requiredKeys: [
      "id",
      "roundId",
      "questionId",
      "at",
      "level",
      "topics",
      "type",
      "answer",
      "score",
      "correct",
      "rating",
      "ms",
      "timedOut",
      "skipped",
      "confidence",
    ],
  },
);

const validRound = fc.record({
  id: fc.string({ minLength: 1, maxLength: 40 }),
  kind: fc.constantFrom("quiz", "exam"),
  startedAt: fc.date({ noInvalidDate: true, min: new Date("1970-01-01"), max: new Date("2999-12-31") }).map((d) => d.toISOString()),
  endedAt: fc.date({ noInvalidDate: true, min: new Date("1970-01-01"), max: new Date("2999-12-31") }).map((d) => d.toISOString()),
  total: fc.nat(),
  answered: fc.nat(),
  correct: fc.nat(),
  score: fc.double({ min: 0, max: 1, noNaN: true }),
  interrupted: fc.boolean(),
});

/** A valid record with some fields replaced by edge values and some removed; then through JSON, as a line is. */
function mutated<T extends Record<string, unknown>>(base: fc.Arbitrary<T>, keys: string[]) {
  return fc
    .tuple(base, fc.array(fc.tuple(fc.constantFrom(...keys, "extra"), fc.option(edgy, { nil: undefined })), { maxLength: 4 }))
    .map(([record, changes]) => {
      const out: Record<string, unknown> = { ...record };
      for (const [key, value] of changes) {
        if (value === undefined) delete out[key];
        else out[key] = value;
      }
      return JSON.parse(JSON.stringify(out)) as unknown;
    });
}

const attemptKeys = Object.keys(attemptSchema.shape);
const roundKeys = Object.keys(roundSchema.shape);

describe("the one definition of a valid record", () => {
  it("the attempt check agrees with attemptSchema on every generated shape", () => {
    fc.assert(
      fc.property(fc.oneof(mutated(validAttempt, attemptKeys), fc.jsonValue({ maxDepth: 3 })), (value) => {
        expect(checkAttempt(value) === undefined).toBe(attemptSchema.safeParse(value).success);
      }),
      { numRuns: RUNS },
    );
  });

  it("the round check agrees with roundSchema on every generated shape", () => {
    fc.assert(
      fc.property(fc.oneof(mutated(validRound, roundKeys), fc.jsonValue({ maxDepth: 3 })), (value) => {
        expect(checkRound(value) === undefined).toBe(roundSchema.safeParse(value).success);
      }),
      { numRuns: RUNS },
    );
  });

  it("refuses the lines the old quick check let through", () => {
    const good = fc.sample(validAttempt, { numRuns: 1, seed: 1 })[0];
    for (const bad of [
      { at: "2026-12-01" },
      { at: "0001-01-01T00:00:00Z" },
      { at: "1969-12-31T23:59:59.999Z" },
      { level: "guru" },
      { topics: ["kafka"] },
      { ms: 1.5 },
      { roundId: undefined },
    ]) {
      const line = JSON.parse(JSON.stringify({ ...good, ...bad }));
      expect(checkAttempt(line)).toBeTypeOf("string");
      expect(attemptSchema.safeParse(line).success).toBe(false);
    }
  });

  it("takes times from 1970 on", () => {
    const good = fc.sample(validAttempt, { numRuns: 1, seed: 3 })[0];
    // As written by toISOString, with milliseconds, and without.
    for (const at of ["1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000Z"]) {
      const first = { ...good, at };
      expect(checkAttempt(first)).toBeUndefined();
      expect(attemptSchema.safeParse(first).success).toBe(true);
    }
  });

  it("cuts an answer to the limit, so a recorded attempt is always valid", () => {
    const good = fc.sample(validAttempt, { numRuns: 1, seed: 2 })[0];
    for (const answer of ["x".repeat(MAX_ANSWER_CHARS * 3), Array.from({ length: 80 }, () => "y".repeat(5000))]) {
      const capped = { ...good, answer: capAnswer(answer) };
      expect(checkAttempt(capped)).toBeUndefined();
      expect(attemptSchema.safeParse(capped).success).toBe(true);
    }
  });
});
