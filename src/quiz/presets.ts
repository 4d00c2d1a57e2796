// Mock exam shapes, by name; light enough for the command table to list them.
import type { QuestionType } from "../bank/constants.js";

/** Exam shapes people know. The CCDAK one follows what is publicly said of Confluent's exam; it is an approximation. */
export const EXAM_PRESETS = {
  ccdak: {
    count: 60,
    seconds: 90 * 60,
    passPercent: 70,
    types: ["mcq", "multi"] as QuestionType[],
    about:
      "CCDAK-style: 60 multiple-choice and multiple-select questions in 90 minutes, pass mark 70%. An approximation of Confluent's Certified Developer for Apache Kafka exam as publicly described; Confluent does not publish its pass mark or its questions.",
  },
} as const;
export type PresetName = keyof typeof EXAM_PRESETS;
export const PRESET_NAMES = Object.keys(EXAM_PRESETS) as PresetName[];
