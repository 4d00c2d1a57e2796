// The one definition of "due", shared by `quiz` (which serves due reviews first, and only them with --due) and by
// `stats` and `check` (which count them), so that the count always matches what a round would ask.
import type { Card } from "../quiz/schedule.js";
import type { Summary } from "./summary.js";

export interface DueTimes {
  /** When each answered question is due for review. */
  dueAt: Map<string, Date>;
  /** Questions whose latest answer was marked "sure" and was wrong: due at once, and first among the due. */
  confidentMistakes: Set<string>;
}

/** Due at once, whatever its card says: a confident mistake comes back in the next round. */
const AT_ONCE = new Date(0);

/**
 * When each answered question is due: its FSRS card's due time, or at once for a confident mistake. With `ids`, only
 * those questions (the bank that is loaded): answers to a pack that is not loaded are never due, as no round can
 * ask them.
 */
export function dueTimes(input: { cards: Map<string, Card>; summary: Summary; ids?: Iterable<string> }): DueTimes {
  const only = input.ids ? new Set(input.ids) : undefined;
  const dueAt = new Map<string, Date>();
  for (const [id, card] of input.cards) if (!only || only.has(id)) dueAt.set(id, new Date(card.due));
  const confidentMistakes = new Set<string>();
  for (const q of Object.values(input.summary.questions)) {
    if (only && !only.has(q.questionId)) continue;
    const last = q.recent.at(-1);
    if (last?.confidence === "sure" && !last.correct) confidentMistakes.add(q.questionId);
  }
  for (const id of confidentMistakes) dueAt.set(id, AT_ONCE);
  return { dueAt, confidentMistakes };
}

/** Due now: what `quiz --due` asks. */
export function isDueAt(dueAt: Map<string, Date>, id: string, now: Date): boolean {
  const t = dueAt.get(id);
  return t !== undefined && t.getTime() <= now.getTime();
}

/** The next time one of `ids` falls due after `now`; undefined when none is scheduled. */
export function nextDue(dueAt: Map<string, Date>, ids: Iterable<string>, now: Date): Date | undefined {
  let next: Date | undefined;
  for (const id of ids) {
    const t = dueAt.get(id);
    if (t && t.getTime() > now.getTime() && (!next || t < next)) next = t;
  }
  return next;
}
