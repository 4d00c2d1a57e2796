// A round of flashcards: the prompt, a pause while the person answers aloud, the model answer and its key points to
// tick, a grade proposed from the ticks and confirmed by the person. Each card is recorded, self-graded, the moment
// it is graded, and scheduled like any answer. In a terminal with prompts; piped, one line of ticks a card.
import { randomUUID } from "node:crypto";
import type { LoadedBank } from "../bank/bank.js";
import type { Context } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import { MAX_ANSWER_CHARS } from "../progress/records.js";
import type { Store } from "../progress/store.js";
import { flashPoints, parseTicks, proposedRating, selfGrade } from "../quiz/flash.js";
import { present } from "../quiz/present.js";
import { answer, current, type RoundState, startRound, stop, summarize } from "../quiz/round.js";
import type { RatingName } from "../quiz/schedule.js";
import { questionHeader } from "../ui/feedback.js";
import { askTicks, askTurn, cardBack, cardFront, tickedText } from "../ui/flash.js";
import { pipedLines } from "../ui/lines.js";
import { roundJson, summaryText } from "../ui/report.js";
import { attemptFor, chooseQuestions, noMatch, type RoundOptions, roundRecord, selectionInput } from "./round.js";

const isPromptExit = (err: unknown) => (err as Error).name === "ExitPromptError" || (err as Error).name === "AbortPromptError";

/** Lines from a pipe, one at a time; undefined at the end of the input or on Ctrl-C. */
function lineReader(ctx: Context) {
  const lines = pipedLines(ctx.stdin, MAX_ANSWER_CHARS);
  let pending: (() => void) | undefined;
  const onAbort = () => pending?.();
  ctx.signal.addEventListener("abort", onAbort);
  return {
    next: async (): Promise<string | undefined> => {
      if (ctx.signal.aborted) return undefined;
      const read = lines.next();
      const aborted = new Promise<undefined>((resolve) => {
        pending = () => {
          read.cancel();
          resolve(undefined);
        };
      });
      const line = await Promise.race([read.line, aborted]);
      pending = undefined;
      return line?.text;
    },
    close: () => {
      ctx.signal.removeEventListener("abort", onAbort);
      lines.close();
    },
  };
}

export async function runFlash(ctx: Context, input: { bank: LoadedBank; store: Store; options: RoundOptions }): Promise<number> {
  const { bank, store } = input;
  // Open questions are what flashcards are for; other types come only when asked for.
  const opts: RoundOptions = { ...input.options, type: input.options.type?.length ? input.options.type : ["recall"], followUps: false };
  const seed = opts.seed ?? Math.floor(Math.random() * 1_000_000);
  const selection = selectionInput(store, bank, opts, seed, ctx.now());
  const { questions } = chooseQuestions(selection);
  if (!questions.length) throw noMatch(bank, opts, selection.only);
  store.checkWritable();

  const interactive = !opts.json && ctx.isTTY;
  const out = opts.json ? ctx.stderr : ctx.stdout;
  const rater = interactive ? (await import("../ui/drivers.js")).interactiveDriver(ctx, {}) : undefined;
  const lines = interactive ? undefined : lineReader(ctx);
  const recallPass = opts.recallPass ?? store.settings.recallPass;
  const roundId = randomUUID();
  const now = () => ctx.now().getTime();
  let state: RoundState = startRound(questions, now());
  let ended: string | undefined;
  let bad: CliError | undefined;

  const record = (q: (typeof questions)[number], ticked: string[], g: ReturnType<typeof selfGrade>, rating: RatingName, ms: number) =>
    store.recordAttempt(
      attemptFor(ctx, roundId, q, {
        answer: ticked,
        score: g.score,
        correct: g.correct,
        rating,
        ms: Math.round(ms),
        timedOut: false,
        skipped: false,
        selfGraded: true,
      }),
    );

  try {
    for (let slot = current(state); slot; slot = current(state)) {
      const q = slot.question;
      const p = present(q, seed);
      const points = flashPoints(q);
      const position = state.results.length + 1;
      out.write(cardFront(q, questionHeader(q, position, state.results.length + state.queue.length), ctx.width));
      const shown = now();
      let ticks: number[];
      let chosen: RatingName | undefined;
      let ms: number;
      if (interactive) {
        if ((await askTurn(ctx)) === "quit") {
          state = stop(state, "quit");
          ended = "ended by you";
          break;
        }
        ms = now() - shown;
        out.write(cardBack(q, p, points, ctx.width, false));
        ticks = points.length === 1 ? ((await confirmOne(ctx)) ? [0] : []) : await askTicks(ctx, points);
      } else {
        out.write(cardBack(q, p, points, ctx.width, true));
        const line = await lines?.next();
        ms = now() - shown;
        if (line === undefined) {
          state = stop(state, ctx.signal.aborted ? "interrupted" : "quit");
          ended = ctx.signal.aborted ? "interrupted" : "input ended";
          break;
        }
        const parsed = parseTicks(line, points.length);
        if ("error" in parsed) {
          bad = new CliError(`card ${position} (${q.id}): ${parsed.error}`);
          state = stop(state, "quit");
          ended = "the input could not be read";
          break;
        }
        ticks = parsed.ticked;
        chosen = parsed.rating;
      }
      const g = selfGrade(points, ticks, recallPass);
      const suggested = proposedRating(g);
      out.write(tickedText(points, g, suggested));
      if (chosen && chosen !== suggested) out.write(`Your grade: ${chosen}.\n`);
      const said = ticks.map((i) => points[i].text);
      let rating = chosen ?? suggested;
      if (rater) {
        try {
          rating = (await rater.rate(suggested)).rating;
        } catch (err) {
          // Ctrl-C at the grade: the card was graded by its ticks, so it is kept with the proposed grade.
          if (!isPromptExit(err)) throw err;
          record(q, said, g, suggested, ms);
          state = answer(state, { answer: said, grade: g, correct: g.correct, ms, timedOut: false, skipped: false }, now());
          state = stop(state, "interrupted");
          ended = "interrupted";
          break;
        }
      }
      record(q, said, g, rating, ms);
      state = answer(state, { answer: said, grade: g, correct: g.correct, ms, timedOut: false, skipped: false }, now());
    }
  } catch (err) {
    if (!isPromptExit(err)) throw err;
    state = stop(state, "interrupted");
    ended = "interrupted";
  } finally {
    lines?.close();
  }
  const summary = summarize(state);
  store.recordRound(roundRecord(ctx, roundId, "quiz", state.startedAt, summary, summary.score, state.status === "interrupted"));
  if (opts.json) ctx.stdout.write(`${JSON.stringify({ ...roundJson(state, summary, seed), selfGraded: true }, null, 2)}\n`);
  else out.write(summaryText(summary, seed, ended));
  if (bad) throw bad;
  if (state.status === "interrupted") return EXIT.interrupted;
  return EXIT.ok;
}

/** A card with one point (a question that is not open): did you have the answer? */
async function confirmOne(ctx: Context): Promise<boolean> {
  const { confirm } = await import("@inquirer/prompts");
  return confirm(
    { message: "Did you have the right answer?", default: false },
    { input: ctx.stdin, output: ctx.stdout, signal: ctx.signal },
  );
}
