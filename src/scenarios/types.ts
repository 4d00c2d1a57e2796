import type { Level, Topic } from "../bank/constants.js";
import type { Unit } from "./units.js";

export type { Unit };

/** A common wrong rule; a wrong answer that it produces is reported with it. */
export interface Mistake {
  id: string;
  text: string;
}

export interface ChoiceOption {
  text: string;
  /** Absent on the right option; on a distractor, the mistake that leads to it. */
  mistake?: Mistake;
}

export interface ChoiceAnswer {
  kind: "choice";
  options: ChoiceOption[];
  correct: number;
}

export type Tolerance = { abs: number } | { rel: number };

export interface NumberAnswer {
  kind: "number";
  value: number;
  unit: Unit;
  tolerance: Tolerance;
  /** Values that known mistakes produce, each outside the tolerance of the answer and of each other. */
  mistakes: { value: number; mistake: Mistake }[];
}

export interface YesNoAnswer {
  kind: "yesno";
  value: boolean;
  reason: string;
  /** The mistake that leads to the opposite answer. */
  mistake: Mistake;
}

export type Answer = ChoiceAnswer | NumberAnswer | YesNoAnswer;

/** What a learner gave, once parsed. */
export type Given = { kind: "choice"; index: number } | { kind: "number"; value: number } | { kind: "yesno"; value: boolean };

export interface Result {
  correct: boolean;
  score: number;
  mistake?: Mistake;
}

export interface Solution {
  answer: Answer;
  steps: string[];
}

export interface Source {
  url: string;
  title: string;
}

/** A family of generated questions: parameters are drawn from a seed, and the same code states and solves them. */
export interface Family<P> {
  id: string;
  title: string;
  topics: Topic[];
  levels: Level[];
  glossary: string[];
  sources: Source[];
  generate(seed: number, level: Level): P;
  prompt(params: P): string;
  solve(params: P): Solution;
}

export interface Instance {
  id: string;
  family: string;
  seed: number;
  level: Level;
  topics: Topic[];
  title: string;
  prompt: string;
  answer: Answer;
  steps: string[];
  glossary: string[];
  sources: Source[];
}
