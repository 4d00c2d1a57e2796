// A mock exam from start to end: the intro, then one clock for every question; in a terminal the person moves
// between questions, flags some for review and submits from the review screen; piped, answers come one a line.
// Nothing is graded or shown until the exam ends; then every answer given is recorded, even when it was stopped.
import { randomUUID } from "node:crypto";
import type { LoadedBank } from "../bank/bank.js";
import type { Context } from "../context.js";
import { EXIT } from "../errors.js";
import { dropDraft, type ExamDraft, saveDraft } from "../progress/drafts.js";
import type { Store } from "../progress/store.js";
import { type ExamEnd, type ExamState, examCounts, give, go, graded, pickedOf, spent, startExam, toggleFlag } from "../quiz/exam.js";
import { present, toAnswer } from "../quiz/present.js";
import { examScore, summarize } from "../quiz/round.js";
import { type Driver, scriptedDriver } from "../ui/drivers.js";
import type { Response } from "../ui/prompts.js";
import { examReport, roundJson } from "../ui/report.js";
import { chooseQuestions, noMatch, type RoundOptions, recordExamResult, roundRecord, selectionInput } from "./round.js";

export interface ExamSettings {
  passPercent: number;
  /** The clock for the whole exam. */
  seconds: number;
  /** What the preset is, said on the intro screen. */
  preset?: string;
}

export interface ExamInput {
  bank: LoadedBank;
  store: Store;
  options: Pick<RoundOptions, "level" | "topic" | "type" | "count" | "seed" | "json" | "recallPass">;
  exam: ExamSettings;
  /** A driver to use instead of stdin (tests). */
  driver?: Driver;
}

function responseOf(picked: number[] | string | undefined, kind: string): Response | undefined {
  if (picked === undefined) return undefined;
  if (typeof picked === "string") return { kind: "text", text: picked };
  if (kind === "one") return { kind: "one", index: picked[0] };
  return kind === "order" ? { kind: "order", indexes: picked } : { kind: "many", indexes: picked };
}

export async function runExam(ctx: Context, input: ExamInput): Promise<number> {
  const { bank, store, options: opts, exam } = input;
  const seed = opts.seed ?? Math.floor(Math.random() * 1_000_000);
  const roundOptions: RoundOptions = { ...opts, followUps: false };
  const selection = selectionInput(store, bank, roundOptions, seed, ctx.now(), true);
  const { questions } = chooseQuestions(selection);
  if (!questions.length) throw noMatch(bank, roundOptions, undefined);
  store.checkWritable();

  const interactive = !opts.json && ctx.isTTY && !input.driver;
  const out = opts.json ? ctx.stderr : ctx.stdout;
  const ui = interactive ? await import("../ui/exam.js") : undefined;
  const { examIntroText } = await import("../ui/exam-intro.js");
  const filters = [
    opts.level?.length ? `--level ${opts.level.join(",")}` : "",
    opts.topic?.length ? `--topic ${opts.topic.join(",")}` : "",
    opts.type?.length ? `--type ${opts.type.join(",")}` : "",
  ].filter(Boolean);
  const short = questions.length < opts.count ? `Only ${questions.length} questions match, so the exam has ${questions.length}.\n` : "";
  out.write(
    examIntroText(
      { count: questions.length, seconds: exam.seconds, passPercent: exam.passPercent, filters, preset: exam.preset, interactive },
      ctx.width,
    ) + short,
  );
  const start = ui ? await ui.askToStart(ctx) : "start";
  if (start !== "start") {
    out.write("The exam was not started; nothing was recorded.\n");
    return start === "interrupted" ? EXIT.interrupted : EXIT.ok;
  }

  const now = () => ctx.now().getTime();
  const startedAt = now();
  const deadline = startedAt + exam.seconds * 1000;
  const shown = questions.map((q) => present(q, seed));
  let state: ExamState = startExam(questions);
  let end: ExamEnd = "submitted";
  const roundId = randomUUID();
  const recallPass = opts.recallPass ?? store.settings.recallPass;
  // The answers live in `state` until the end; the draft keeps them on disk after every change.
  let saved: ExamState | undefined;
  let drafting = true;
  const save = () => {
    if (!drafting || saved === state) return;
    saved = state;
    const draft: ExamDraft = {
      version: 1,
      roundId,
      pid: process.pid,
      startedAt,
      savedAt: now(),
      recallPass,
      slots: state.slots.map((s) => ({ id: s.question.id, answer: s.answer, seen: s.seen, flagged: s.flagged, ms: Math.round(s.ms) })),
    };
    try {
      saveDraft(store.dir, draft);
    } catch {
      // A folder that stopped taking writes: the answers stay in memory and are recorded, or reported, at the end.
      drafting = false;
    }
  };

  if (ui) {
    for (;;) {
      save();
      if (ctx.signal.aborted) {
        end = "interrupted";
        break;
      }
      if (now() >= deadline) {
        end = "out-of-time";
        break;
      }
      const at = state.at;
      if (at === "review") {
        const choice = await ui.reviewScreen(ctx, {
          slots: state.slots,
          counts: examCounts(state),
          deadline,
          totalMs: exam.seconds * 1000,
        });
        if (choice.kind === "submit") break;
        if (choice.kind === "open") state = go(state, choice.index);
        else {
          end = choice.kind;
          break;
        }
        continue;
      }
      const p = shown[at];
      const slot = state.slots[at];
      const began = now();
      const move = await ui.askExamQuestion(ctx, p, slot, responseOf(pickedOf(p, slot.answer), p.kind), {
        position: at + 1,
        total: questions.length,
        deadline,
        totalMs: exam.seconds * 1000,
      });
      state = spent(state, at, now() - began);
      if (move.kind === "interrupted" || move.kind === "out-of-time") {
        end = move.kind;
        break;
      }
      if (move.kind === "answer") {
        const r = move.response;
        const answer =
          r.kind === "skip" || r.kind === "key" || r.kind === "timeout"
            ? null
            : r.kind === "text"
              ? r.text
              : toAnswer(p, r.kind === "one" ? [r.index] : r.indexes);
        state = give(state, at, answer);
      } else if (move.kind === "next") state = go(state, at + 1);
      else if (move.kind === "back") state = go(state, at === 0 ? "review" : at - 1);
      else if (move.kind === "flag") state = toggleFlag(state, at);
      else state = go(state, "review");
    }
  } else {
    const driver = input.driver ?? scriptedDriver(ctx, out);
    try {
      for (let i = 0; i < questions.length; i++) {
        save();
        const left = deadline - now();
        if (left <= 0) {
          end = "out-of-time";
          break;
        }
        const asked = await driver.ask(
          shown[i],
          `Question ${i + 1} of ${questions.length} · ${questions[i].type}`,
          left,
          () => now() >= deadline,
        );
        state = spent(state, i, asked.ms);
        if (asked.interrupted) {
          end = "interrupted";
          break;
        }
        if (asked.timedOut) {
          end = "out-of-time";
          break;
        }
        // The end of the input submits what was answered.
        if (asked.quit) break;
        state = give(state, i, asked.answer);
      }
    } finally {
      driver.close();
    }
  }

  const { round, results } = graded(state, end, startedAt, recallPass);
  for (const r of results) recordExamResult(ctx, store, roundId, r);
  const summary = summarize(round);
  // Every question of the exam counts, the unreached as wrong.
  const passed = end === "interrupted" ? null : examScore(summary) * 100 >= exam.passPercent;
  store.recordRound(roundRecord(ctx, roundId, "exam", startedAt, summary, examScore(summary), end === "interrupted"));
  dropDraft(store.dir, roundId);
  const flagged = state.slots.filter((s) => s.flagged).map((s) => s.question.id);
  if (opts.json) {
    const json = roundJson(round, summary, seed, { passPercent: exam.passPercent, passed, ended: end, flagged });
    ctx.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else out.write(examReport(round, summary, { passPercent: exam.passPercent, ended: end, flagged }));
  if (end === "interrupted") return EXIT.interrupted;
  return passed ? EXIT.ok : EXIT.failed;
}
