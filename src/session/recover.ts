// Exams whose process died before it could record them (a crash, kill -9, a lost machine): their drafts are graded
// and recorded as interrupted exams, dated when the draft was last saved.
import type { LoadedBank } from "../bank/bank.js";
import type { Context } from "../context.js";
import { dropDraft, type ExamDraft, orphanedDrafts } from "../progress/drafts.js";
import type { Store } from "../progress/store.js";
import { type ExamState, graded } from "../quiz/exam.js";
import type { AnyQuestion } from "../quiz/question.js";
import { examScore, summarize } from "../quiz/round.js";
import { isInstanceId, scenarioFor } from "../quiz/scenario-question.js";
import { count } from "../ui/format.js";
import { recordExamResult, roundRecord } from "./round.js";

function questionOf(bank: LoadedBank, id: string): AnyQuestion | undefined {
  if (!isInstanceId(id)) return bank.question(id);
  try {
    return scenarioFor(id, undefined, Math.random);
  } catch {
    return undefined;
  }
}

/** The number of answers recorded; undefined when an answered question is not in this bank (a pack's). */
function recover(ctx: Context, store: Store, bank: LoadedBank, draft: ExamDraft): number | undefined {
  let recorded = false;
  store.eachRound((r) => {
    if (r.id === draft.roundId) recorded = true;
  });
  if (recorded) return 0;
  // Answers recorded by an earlier recovery that could not record the round after them are not recorded again.
  let answered = false;
  store.eachAttempt((a) => {
    if (a.roundId === draft.roundId) answered = true;
  });
  const at = { ...ctx, now: () => new Date(draft.savedAt) };
  const state: ExamState = { slots: [], at: "review" };
  for (const s of draft.slots) {
    const question = questionOf(bank, s.id);
    if (question) state.slots.push({ question, answer: s.answer, flagged: s.flagged, seen: s.seen, ms: s.ms });
    else if (s.answer !== undefined) return undefined;
  }
  const { round, results } = graded(state, "interrupted", draft.startedAt, draft.recallPass);
  if (!answered) for (const r of results) recordExamResult(at, store, draft.roundId, r);
  const summary = summarize(round);
  store.recordRound(roundRecord(at, draft.roundId, "exam", draft.startedAt, summary, examScore(summary), true));
  return results.length;
}

/** Records every orphaned exam draft; says so on stderr. */
export function recoverExams(ctx: Context, store: Store, bank: LoadedBank): void {
  for (const draft of orphanedDrafts(store.dir)) {
    const n = recover(ctx, store, bank, draft);
    if (n === undefined) {
      ctx.stderr.write(
        "An exam that stopped before it was submitted answered questions this bank does not have; run kafka-prep check with the --questions folders it used to record its answers.\n",
      );
      continue;
    }
    dropDraft(store.dir, draft.roundId);
    if (n) {
      const when = new Date(draft.savedAt).toISOString().slice(0, 16).replace("T", " ");
      ctx.stderr.write(`Recorded ${count(n, "answer")} of an exam that stopped at ${when} UTC before it was submitted.\n`);
    }
  }
}
