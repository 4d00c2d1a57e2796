// Kept apart from the zod schema so that start-up does not load zod.
export const LEVELS = ["beginner", "intermediate", "advanced", "expert"] as const;

/** The one closed list of topics. Questions, glossary entries, filters and reports all use it. */
export const TOPICS = [
  "architecture",
  "producers",
  "consumers",
  "consumer-groups",
  "offsets",
  "replication",
  "delivery-semantics",
  "transactions",
  "storage",
  "streams",
  "connect",
  "schema-registry",
  "performance",
  "operations",
  "security",
  "system-design",
  "troubleshooting",
  "comparisons",
  "coding",
  "behavioral",
] as const;

/** The types a question file may use, and "scenario" for generated questions. */
export const QUESTION_TYPES = ["mcq", "multi", "truefalse", "cloze", "order", "recall", "scenario"] as const;

export type Level = (typeof LEVELS)[number];
export type Topic = (typeof TOPICS)[number];
export type QuestionType = (typeof QUESTION_TYPES)[number];
