import { matches, type QuestionFilter } from "../bank/filter.js";
import type { Question } from "../bank/schema.js";
import { rng, shuffle } from "./random.js";

export type Pick = "due" | "weak" | "new" | "review" | "asked";

export interface SelectInput {
  questions: Question[];
  filter: QuestionFilter;
  count: number;
  seed: number;
  now: Date;
  /** Restrict to one kind; by default due reviews come first, then weak topics, then new questions. */
  only?: "due" | "weak" | "new";
  /** Exactly these questions, in this order. */
  ids?: string[];
  /** When each answered question is next due (from its FSRS card). */
  dueAt: Map<string, Date>;
  /** Questions answered "sure" and wrong last time: first among the due. */
  confidentMistakes: Set<string>;
  /** Questions in weak topics, or weak themselves. */
  weak: Set<string>;
  /** Whether follow-up questions are asked after their parent; if so, they are not also picked on their own. */
  followUps: boolean;
}

export interface Selection {
  questions: Question[];
  why: Map<string, Pick>;
}

/** Which questions a round asks, in order. Pure and seeded. */
export function select(input: SelectInput): Selection {
  const why = new Map<string, Pick>();
  if (input.ids?.length) {
    const byId = new Map(input.questions.map((q) => [q.id, q]));
    const questions = input.ids.map((id) => byId.get(id)).filter((q): q is Question => q !== undefined);
    for (const q of questions) why.set(q.id, "asked");
    return { questions, why };
  }
  const random = rng(input.seed);
  const pool = input.questions.filter((q) => matches(q, input.filter));
  const now = input.now.getTime();
  const isDue = (q: Question) => (input.dueAt.get(q.id)?.getTime() ?? Number.POSITIVE_INFINITY) <= now;
  const answered = (q: Question) => input.dueAt.has(q.id);

  const due = shuffle(pool.filter(isDue), random).sort(
    (a, b) =>
      Number(input.confidentMistakes.has(b.id)) - Number(input.confidentMistakes.has(a.id)) ||
      (input.dueAt.get(a.id)?.getTime() ?? 0) - (input.dueAt.get(b.id)?.getTime() ?? 0),
  );
  const weak = shuffle(
    pool.filter((q) => input.weak.has(q.id) && !isDue(q)),
    random,
  );
  const fresh = shuffle(
    pool.filter((q) => !answered(q)),
    random,
  );
  const later = pool
    .filter((q) => answered(q) && !isDue(q))
    .sort((a, b) => (input.dueAt.get(a.id)?.getTime() ?? 0) - (input.dueAt.get(b.id)?.getTime() ?? 0));

  const groups: [Pick, Question[]][] =
    input.only === "due"
      ? [["due", due]]
      : input.only === "weak"
        ? [
            ["due", due.filter((q) => input.weak.has(q.id))],
            ["weak", weak],
          ]
        : input.only === "new"
          ? [["new", fresh]]
          : [
              ["due", due],
              ["weak", weak],
              ["new", fresh],
              ["review", later],
            ];

  // A new follow-up is first met right after its parent, not on its own; once answered it is reviewed like any other.
  const childOf = new Set(input.followUps ? pool.flatMap((q) => q.followUps ?? []) : []);
  const questions: Question[] = [];
  for (const [kind, group] of groups) {
    for (const q of group) {
      if (questions.length >= input.count) break;
      if (why.has(q.id) || (kind === "new" && childOf.has(q.id))) continue;
      why.set(q.id, kind);
      questions.push(q);
    }
  }
  return { questions, why };
}
