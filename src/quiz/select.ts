import type { CatalogEntry } from "../bank/compiled.js";
import { matches, type QuestionFilter } from "../bank/filter.js";
import type { AnyQuestion } from "./question.js";
import { rng, shuffle } from "./random.js";

export type Pick = "due" | "weak" | "new" | "review" | "asked" | "follow-up";

/** The most follow-ups one question brings into a round, so that one scenario does not fill it. */
export const FOLLOW_UPS_PER_QUESTION = 2;

/** What selection reads of a question: a bank question, a drawn scenario (which can be asked by its instance id too),
 * or the catalogue entry of either. */
export type Selectable = CatalogEntry & { instance?: { id: string } };

export interface SelectInput<Q extends Selectable = AnyQuestion> {
  questions: Q[];
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
  /** Whether follow-up questions are asked after their parent (inside the count); if so, new ones are not picked on
   * their own. With ids, `questions` also holds the follow-ups and parents the ids may bring. */
  followUps: boolean;
  /** The share of a mixed round that goes to scenarios (from intermediate up); none when absent. */
  scenarioShare?: number;
}

export interface Selection<Q extends Selectable = AnyQuestion> {
  questions: Q[];
  why: Map<string, Pick>;
  /** For each follow-up in the round: the question it follows, which comes right before it. */
  followUpOf: Map<string, string>;
  /** Further questions, best first, to take the place of a follow-up left out when its parent gets no answer. */
  reserve: Q[];
}

/** A question that continues its parent's scenario ("Follow-up: the consumer then crashes…") makes no sense alone. */
export function continuesParent(q: { prompt: string }): boolean {
  return /^\s*follow-up\b/i.test(q.prompt);
}

/** Which questions a round asks, in order. Pure and seeded. */
export function select<Q extends Selectable>(input: SelectInput<Q>): Selection<Q> {
  const why = new Map<string, Pick>();
  const followUpOf = new Map<string, string>();
  const now = input.now.getTime();
  const newOrDue = (q: Q) => (input.dueAt.get(q.id)?.getTime() ?? Number.NEGATIVE_INFINITY) <= now;
  const parentsOf = new Map<string, Q[]>();
  const known = new Set(input.questions.map((q) => q.id));
  for (const q of input.questions) for (const c of q.followUps ?? []) if (known.has(c)) parentsOf.set(c, [...(parentsOf.get(c) ?? []), q]);
  const byId = new Map<string, Q>(input.questions.map((q) => [q.id, q]));
  /** A question's follow-ups for this round: in the round's filters, new or due, not yet in it, a few at most. */
  const followUpsOf = (q: Q, out: Q[], skip: Set<string> = new Set()): Q[] =>
    input.followUps
      ? (q.followUps ?? [])
          .map((id) => byId.get(id))
          .filter(
            (c): c is Q => c !== undefined && matches(c, input.filter) && newOrDue(c) && !skip.has(c.id) && !out.some((x) => x.id === c.id),
          )
          .slice(0, FOLLOW_UPS_PER_QUESTION)
      : [];
  if (input.ids?.length) {
    // A scenario is asked by its family or by its instance (family#seed).
    const asked = new Map<string, Q>(
      input.questions.flatMap((q): [string, Q][] =>
        q.instance
          ? [
              [q.instance.id, q],
              [q.id, q],
            ]
          : [[q.id, q]],
      ),
    );
    const wanted = input.ids.map((id) => asked.get(id)).filter((q): q is Q => q !== undefined);
    const listed = new Set(wanted.map((q) => q.id));
    const questions: Q[] = [];
    for (const q of wanted) {
      if (questions.some((x) => x.id === q.id)) continue;
      // A follow-up that continues a scenario is asked after it, even when asked for alone.
      const parent = continuesParent(q) ? parentsOf.get(q.id)?.[0] : undefined;
      if (parent && questions.at(-1)?.id !== parent.id && !questions.some((x) => x.id === parent.id)) {
        questions.push(parent);
        why.set(parent.id, "follow-up");
        followUpOf.set(q.id, parent.id);
      }
      questions.push(q);
      why.set(q.id, "asked");
      for (const c of followUpsOf(q, questions, listed)) {
        questions.push(c);
        why.set(c.id, "follow-up");
        followUpOf.set(c.id, q.id);
      }
    }
    return { questions, why, followUpOf, reserve: [] };
  }
  const random = rng(input.seed);
  const pool = input.questions.filter((q) => matches(q, input.filter));
  const isDue = (q: Q) => (input.dueAt.get(q.id)?.getTime() ?? Number.POSITIVE_INFINITY) <= now;
  const answered = (q: Q) => input.dueAt.has(q.id);

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

  const groups: [Pick, Q[]][] =
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

  // A new follow-up is first met right after its parent, not on its own; once answered it is reviewed like any other,
  // except one that continues its parent's scenario, which always comes right after it.
  const inPool = new Set(pool.map((q) => q.id));
  const childOf = new Set(pool.flatMap((q) => q.followUps ?? []));
  const parentIn = (q: Q) => (parentsOf.get(q.id) ?? []).find((p) => inPool.has(p.id));
  const take = (keep: (q: Q) => boolean, count: number): Q[] => {
    const out: Q[] = [];
    const add = (q: Q, kind: Pick, parent?: Q) => {
      why.set(q.id, kind);
      if (parent) followUpOf.set(q.id, parent.id);
      out.push(q);
    };
    // A second pass, when the first leaves the round short, lets new follow-ups stand on their own.
    for (const [pass, kind, group] of [...groups.map((g) => [1, ...g] as const), ...groups.map((g) => [2, ...g] as const)]) {
      for (const q of group) {
        if (out.length >= count) break;
        if (!keep(q) || why.has(q.id) || (pass === 1 && input.followUps && kind === "new" && childOf.has(q.id))) continue;
        if (continuesParent(q) && parentsOf.has(q.id)) {
          const parent = input.followUps ? parentIn(q) : undefined;
          if (!parent || why.has(parent.id) || !keep(parent) || out.length + 2 > count) continue;
          add(parent, kind);
          add(q, "follow-up", parent);
        } else add(q, kind);
        const parent = out.at(-1) as Q;
        for (const c of followUpsOf(parent, out)) {
          if (out.length >= count || why.has(c.id) || !inPool.has(c.id)) continue;
          add(c, "follow-up", parent);
        }
      }
    }
    return out;
  };
  const spare = (n: number): Q[] =>
    groups
      .flatMap(([kind, group]) => group.filter((q) => !(input.followUps && kind === "new" && childOf.has(q.id))))
      .filter((q, i, all) => !why.has(q.id) && !(continuesParent(q) && parentsOf.has(q.id)) && all.indexOf(q) === i)
      .slice(0, n);
  const done = (questions: Q[]): Selection<Q> => ({ questions, why, followUpOf, reserve: spare(input.count) });
  const isScenario = (q: Q) => q.type === "scenario";
  const hasBoth = pool.some(isScenario) && pool.some((q) => !isScenario(q));
  if (!hasBoth || !input.scenarioShare) return done(take(() => true, input.count));
  // Scenarios start at intermediate rounds; a beginner round keeps to the bank unless it asks for scenarios by type.
  if (!reachesIntermediate(input.filter)) return done(take((q) => !isScenario(q), input.count));
  // Scenarios take their share, the bank the rest; either fills what the other cannot.
  const wanted = Math.round(input.count * input.scenarioShare);
  let scenarios = take(isScenario, wanted);
  const others = take((q) => !isScenario(q), input.count - scenarios.length);
  if (scenarios.length + others.length < input.count)
    scenarios = [...scenarios, ...take(isScenario, input.count - others.length - scenarios.length)];
  return done(interleave(others, scenarios, followUpOf));
}

/** Whether a round's levels reach intermediate or above (no level filter does). */
function reachesIntermediate(filter: QuestionFilter): boolean {
  return !filter.level?.length || filter.level.some((l) => l !== "beginner");
}

/** The scenarios spread through the round: one after every few bank questions (never between a question and its
 * follow-up), the rest at the end. */
function interleave<Q extends Selectable>(others: Q[], scenarios: Q[], followUpOf: Map<string, string>): Q[] {
  if (!scenarios.length) return others;
  const every = Math.max(1, Math.floor((others.length + scenarios.length) / scenarios.length));
  const out: Q[] = [];
  let s = 0;
  let owed = 0;
  others.forEach((q, i) => {
    out.push(q);
    if ((i + 1) % (every - 1 || 1) === 0) owed++;
    const next = others[i + 1];
    while (owed > 0 && s < scenarios.length && !(next && followUpOf.has(next.id))) {
      out.push(scenarios[s++]);
      owed--;
    }
  });
  return [...out, ...scenarios.slice(s)];
}
