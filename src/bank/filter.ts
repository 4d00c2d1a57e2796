import type { Level, QuestionType, Topic } from "./schema.js";

export interface QuestionFilter {
  level?: Level[];
  topic?: Topic[];
  type?: QuestionType[];
}

export function matches(q: { level: Level; levels?: Level[]; topics: Topic[]; type: QuestionType }, f: QuestionFilter): boolean {
  return (
    (!f.level?.length || (q.levels ?? [q.level]).some((l) => f.level?.includes(l))) &&
    (!f.topic?.length || q.topics.some((t) => f.topic?.includes(t))) &&
    (!f.type?.length || f.type.includes(q.type))
  );
}
