// A question as a round asks it: one from the bank's files, or a scenario drawn from a family. Both have an id (for a
// scenario, its family's: the family is scheduled and counted as one question), a level, topics and a prompt.
import type { Question, UrlSource } from "../bank/schema.js";
import type { Instance } from "../scenarios/types.js";

export interface ScenarioQuestion {
  /** The family: what the schedule, statistics and weak topics count. */
  id: string;
  type: "scenario";
  level: Question["level"];
  topics: Question["topics"];
  prompt: string;
  /** The reasoning steps, computed with the answer. */
  explanation: string;
  sources: UrlSource[];
  note?: undefined;
  followUps?: undefined;
  /** The drawn instance: `family#seed` repeats it. */
  instance: Instance;
}

export type AnyQuestion = Question | ScenarioQuestion;

export const isScenario = (q: AnyQuestion): q is ScenarioQuestion => q.type === "scenario";
