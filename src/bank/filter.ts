import type { Level, Question, QuestionType, Topic } from "./schema.js";

export interface QuestionFilter {
  level?: Level[];
  topic?: Topic[];
  type?: QuestionType[];
}

export function matches(q: Pick<Question, "level" | "topics" | "type">, f: QuestionFilter): boolean {
  return (
    (!f.level?.length || f.level.includes(q.level)) &&
    (!f.topic?.length || q.topics.some((t) => f.topic?.includes(t))) &&
    (!f.type?.length || f.type.includes(q.type))
  );
}
