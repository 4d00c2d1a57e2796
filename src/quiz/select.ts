import { matches, type QuestionFilter } from "../bank/filter.js";
import type { AnyQuestion } from "./question.js";
import { rng, shuffle } from "./random.js";

export type Pick = "due" | "weak" | "new" | "review" | "asked";

export interface SelectInput {
  questions: AnyQuestion[];
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
  /** The share of a mixed round that goes to scenarios (from intermediate up); none when absent. */
  scenarioShare?: number;
}

export interface Selection {
  questions: AnyQuestion[];
  why: Map<string, Pick>;
}

/** Which questions a round asks, in order. Pure and seeded. */
export function select(input: SelectInput): Selection {
  const why = new Map<string, Pick>();
  if (input.ids?.length) {
    // A scenario is asked by its family or by its instance (family#seed).
    const byId = new Map<string, AnyQuestion>(
      input.questions.flatMap((q): [string, AnyQuestion][] =>
        q.type === "scenario"
          ? [
              [q.instance.id, q],
              [q.id, q],
            ]
          : [[q.id, q]],
      ),
    );
    const questions = input.ids.map((id) => byId.get(id)).filter((q): q is AnyQuestion => q !== undefined);
    for (const q of questions) why.set(q.id, "asked");
    return { questions, why };
  }
  const random = rng(input.seed);
  const pool = input.questions.filter((q) => matches(q, input.filter));
  const now = input.now.getTime();
  const isDue = (q: AnyQuestion) => (input.dueAt.get(q.id)?.getTime() ?? Number.POSITIVE_INFINITY) <= now;
  const answered = (q: AnyQuestion) => input.dueAt.has(q.id);

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

  const groups: [Pick, AnyQuestion[]][] =
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
  const take = (keep: (q: AnyQuestion) => boolean, count: number): AnyQuestion[] => {
    const out: AnyQuestion[] = [];
    for (const [kind, group] of groups) {
      for (const q of group) {
        if (out.length >= count) break;
        if (!keep(q) || why.has(q.id) || (kind === "new" && childOf.has(q.id))) continue;
        why.set(q.id, kind);
        out.push(q);
      }
    }
    return out;
  };
  const isScenario = (q: AnyQuestion) => q.type === "scenario";
  const hasBoth = pool.some(isScenario) && pool.some((q) => !isScenario(q));
  if (!hasBoth || !input.scenarioShare) return { questions: take(() => true, input.count), why };
  // Scenarios start at intermediate rounds; a beginner round keeps to the bank unless it asks for scenarios by type.
  if (!reachesIntermediate(input.filter)) return { questions: take((q) => !isScenario(q), input.count), why };
  // Scenarios take their share, the bank the rest; either fills what the other cannot.
  const wanted = Math.round(input.count * input.scenarioShare);
  let scenarios = take(isScenario, wanted);
  const others = take((q) => !isScenario(q), input.count - scenarios.length);
  if (scenarios.length + others.length < input.count)
    scenarios = [...scenarios, ...take(isScenario, input.count - others.length - scenarios.length)];
  return { questions: interleave(others, scenarios), why };
}

/** Whether a round's levels reach intermediate or above (no level filter does). */
function reachesIntermediate(filter: QuestionFilter): boolean {
  return !filter.level?.length || filter.level.some((l) => l !== "beginner");
}

/** The scenarios spread through the round: one after every few bank questions, the rest at the end. */
function interleave(others: AnyQuestion[], scenarios: AnyQuestion[]): AnyQuestion[] {
  if (!scenarios.length) return others;
  const every = Math.max(1, Math.floor((others.length + scenarios.length) / scenarios.length));
  const out: AnyQuestion[] = [];
  let s = 0;
  others.forEach((q, i) => {
    out.push(q);
    if ((i + 1) % (every - 1 || 1) === 0 && s < scenarios.length) out.push(scenarios[s++]);
  });
  return [...out, ...scenarios.slice(s)];
}
