// Scenario families as questions: a family is one question for the schedule and the statistics, and each time it is
// asked a fresh instance is drawn (or the one an id such as partitions-needed#8141 names).

import type { CatalogEntry } from "../bank/compiled.js";
import { LEVELS, type Level } from "../bank/constants.js";
import { familyOf, isInstanceId, SEEDS } from "../scenarios/ids.js";
import { draw, families, instance, ScenarioError } from "../scenarios/index.js";
import type { Instance } from "../scenarios/types.js";
import type { ScenarioQuestion } from "./question.js";

/** Rounds without a --type give scenarios this share of their questions, when they reach intermediate or above. */
export const SCENARIO_SHARE = 0.25;

/** Levels a round draws scenarios at when it names none: from intermediate up. */
const DEFAULT_LEVELS: Level[] = ["intermediate", "advanced", "expert"];

/** One catalogue entry per family, listed by the build with the bank. */
export function scenarioEntries(): CatalogEntry[] {
  return families.map((f) => ({
    id: f.id,
    level: LEVELS.find((l) => f.levels.includes(l)) ?? "intermediate",
    levels: [...f.levels],
    topics: [...f.topics],
    type: "scenario",
    prompt: `${f.title} (generated: new numbers every time)`,
  }));
}

/** Each family with the glossary entries it drills, for explain. */
export function scenarioLinks(): { id: string; title: string; glossary: string[] }[] {
  return families.map((f) => ({ id: f.id, title: f.title, glossary: [...f.glossary] }));
}

export function asQuestion(inst: Instance): ScenarioQuestion {
  return {
    id: inst.family,
    type: "scenario",
    level: inst.level,
    topics: inst.topics,
    prompt: inst.prompt,
    explanation: inst.steps.join(" "),
    sources: inst.sources,
    instance: inst,
  };
}

export { familyOf, isInstanceId, SEEDS };
export const isFamily = (id: string): boolean => families.some((f) => f.id === id);

/**
 * The scenario an id asks for: `family#seed` exactly, or a fresh instance of `family` at one of `levels` (those the
 * round allows that the family offers). Undefined for an id that is neither; a ScenarioError for a bad seed.
 */
export function scenarioFor(id: string, levels: readonly Level[] | undefined, random: () => number): ScenarioQuestion | undefined {
  if (isInstanceId(id)) return asQuestion(instance(id));
  const family = families.find((f) => f.id === id);
  if (!family) return undefined;
  const wanted = levels?.length ? levels : DEFAULT_LEVELS;
  const allowed = family.levels.filter((l) => wanted.includes(l));
  const choice = allowed.length ? allowed : family.levels;
  const level = choice[Math.floor(random() * choice.length)] as Level;
  return asQuestion(draw(family.id, level, random));
}

export { ScenarioError };
