// The registry of scenario families and the one way to turn an id into a question instance.
//
// Seed rule: an instance id is `${family}#${seed}` with seed a non-negative integer below 2^32. The seed alone fixes the
// whole instance: its level is LEVELS[seed % 4] (0 beginner, 1 intermediate, 2 advanced, 3 expert), and the family
// draws its parameters from the seed. seedFor(level, random) draws a seed of the wanted level.
import { LEVELS, type Level } from "../bank/constants.js";
import { hashSeed, rng, shuffle } from "../quiz/random.js";
import { consumerAssignment } from "./assignment.js";
import { capacity } from "./capacity.js";
import { compaction } from "./compaction.js";
import { delivery } from "./delivery.js";
import { durability } from "./durability.js";
import { INSTANCE_ID, SEEDS } from "./ids.js";
import { keyedPartitioning } from "./keyed.js";
import { lag } from "./lag.js";
import { liveness } from "./liveness.js";
import { offsetReset } from "./offsets.js";
import { ordering } from "./ordering.js";
import { partitionsNeeded } from "./partitions.js";
import { transactions } from "./transactions.js";
import type { Answer, Family, Instance } from "./types.js";

export { correctGiven, formatAnswer, formatGiven, gradeAnswer, type Parsed, parseAnswer } from "./answers.js";
export type * from "./types.js";

// biome-ignore lint/suspicious/noExplicitAny: each family has its own parameter type
type AnyFamily = Family<any>;

const ALL: AnyFamily[] = [
  durability,
  consumerAssignment,
  ordering,
  delivery,
  lag,
  capacity,
  partitionsNeeded,
  compaction,
  transactions,
  liveness,
  keyedPartitioning,
  offsetReset,
];

const BY_ID = new Map(ALL.map((f) => [f.id, f]));

export interface FamilyInfo {
  id: string;
  title: string;
  topics: AnyFamily["topics"];
  levels: Level[];
  glossary: string[];
}

export const families: readonly FamilyInfo[] = ALL.map(({ id, title, topics, levels, glossary }) => ({
  id,
  title,
  topics,
  levels,
  glossary,
}));

export type ScenarioErrorCode = "bad-id" | "unknown-family" | "bad-seed" | "level-not-offered";

export class ScenarioError extends Error {
  constructor(
    readonly code: ScenarioErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ScenarioError";
  }
}

export const levelOf = (seed: number): Level => LEVELS[seed % LEVELS.length];

/** A seed whose level is `level`: level index plus a multiple of 4. */
export function seedFor(level: Level, random: () => number): number {
  return Math.floor(random() * (SEEDS / LEVELS.length)) * LEVELS.length + LEVELS.indexOf(level);
}

/** The options of a choice answer, shuffled by the id so one id always shows them in one order. */
function arrange(id: string, answer: Answer): Answer {
  if (answer.kind !== "choice") return answer;
  const order = shuffle(
    answer.options.map((_, i) => i),
    rng(hashSeed(id, "options")),
  );
  return { kind: "choice", options: order.map((i) => answer.options[i]), correct: order.indexOf(answer.correct) };
}

function build(family: AnyFamily, seed: number): Instance {
  const level = levelOf(seed);
  if (!family.levels.includes(level)) {
    throw new ScenarioError(
      "level-not-offered",
      `${family.id} has no ${level} questions (seed ${seed}); it offers ${family.levels.join(", ")}`,
    );
  }
  const params = family.generate(seed, level);
  const { answer, steps } = family.solve(params);
  const id = `${family.id}#${seed}`;
  return {
    id,
    family: family.id,
    seed,
    level,
    topics: [...family.topics],
    title: family.title,
    prompt: family.prompt(params),
    answer: arrange(id, answer),
    steps,
    glossary: [...family.glossary],
    sources: family.sources.map((s) => ({ ...s })),
  };
}

/** Parses `family#seed` and builds that instance; throws ScenarioError on an unknown family or a bad seed. */
export function instance(id: string): Instance {
  const m = INSTANCE_ID.exec(id.trim());
  if (!m) throw new ScenarioError("bad-id", `"${id}" is not a scenario id; expected family#seed, for example partitions-needed#8141`);
  const family = BY_ID.get(m[1]);
  if (!family) throw new ScenarioError("unknown-family", `no scenario family "${m[1]}"; known: ${ALL.map((f) => f.id).join(", ")}`);
  const seed = Number(m[2]);
  if (!Number.isSafeInteger(seed) || seed >= SEEDS || (m[2].length > 1 && m[2].startsWith("0"))) {
    throw new ScenarioError("bad-seed", `seed "${m[2]}" must be an integer from 0 to ${SEEDS - 1} without leading zeros`);
  }
  return build(family, seed);
}

/** A fresh instance of a family at a level, drawn with the caller's seeded random. */
export function draw(familyId: string, level: Level, random: () => number): Instance {
  const family = BY_ID.get(familyId);
  if (!family) throw new ScenarioError("unknown-family", `no scenario family "${familyId}"`);
  if (!family.levels.includes(level)) throw new ScenarioError("level-not-offered", `${family.id} has no ${level} questions`);
  return build(family, seedFor(level, random));
}

/** The families themselves, for tests and tools that need generate and solve. */
export const registry: ReadonlyMap<string, AnyFamily> = BY_ID;
