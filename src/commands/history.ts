import chalk from "chalk";
import type { LoadedBank } from "../bank/bank.js";
import type { Context } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import { type GradedAttempt, withCorrections } from "../progress/amend.js";
import { dueTimes } from "../progress/due.js";
import type { Attempt } from "../progress/types.js";
import { predictedRecall } from "../quiz/schedule.js";
import { familyOf } from "../scenarios/ids.js";
import { withoutControl } from "../text/control.js";
import { dateTime, whenText } from "../time/calendar.js";
import { durationText } from "../time/duration.js";
import { drillCommand } from "../ui/drill.js";
import { count, percent } from "../ui/format.js";
import { table } from "../ui/table.js";
import { truncate, wrap } from "../ui/wrap.js";
import type { OptionsOf } from "./options.js";
import { bankFor } from "./shared.js";
import type { history } from "./specs.js";
import { storeFor } from "./store.js";

/** An answer as recorded, as one line of text: choices joined, steps in the order given, never a control character. */
export function answerText(a: Pick<Attempt, "answer" | "type" | "timedOut" | "skipped">): string {
  if (a.answer === null) return a.timedOut ? "(no answer in time)" : "(skipped)";
  if (typeof a.answer === "boolean") return a.answer ? "True" : "False";
  const text = Array.isArray(a.answer) ? a.answer.join(a.type === "order" ? " → " : "; ") : a.answer;
  return withoutControl(text).replace(/\s+/g, " ").trim();
}

export function verdictText(
  a: Pick<GradedAttempt, "correct" | "score" | "timedOut" | "skipped" | "graded" | "flag" | "selfGraded">,
): string {
  if (a.timedOut) return "timed out";
  if (a.skipped) return "skipped";
  const own = a.graded !== undefined && a.graded !== a.correct ? " by you (grader: wrong)" : "";
  const flag = `${a.flag ? `, flagged: ${a.flag === "grader" ? "grader wrong" : "question wrong"}` : ""}${a.selfGraded ? ", self-graded" : ""}`;
  if (a.correct) return `${a.score < 1 && !own ? `right (${percent(a.score)})` : "right"}${own}${flag}`;
  const overruled = own ? " by you (grader: right)" : "";
  return `${a.score > 0 && !overruled ? `partly (${percent(a.score)})` : "wrong"}${overruled}${flag}`;
}

async function suggestions(bank: LoadedBank, id: string): Promise<string[]> {
  const { searchQuestions } = await import("../bank/find.js");
  // A mistyped id shares words with the right one: search the ids and prompts of the catalogue.
  return searchQuestions(bank.entries, id.replace(/[-_]+/g, " "))
    .slice(0, 5)
    .map((h) => h.id);
}

/** The answers listed on screen: the latest, as the rest is in --json. */
const SHOWN_ROWS = 200;
/** On screen an answer is one line of at most this, so a history of long answers is never held whole. */
const SHOWN_CHARS = 500;

export async function run(opts: OptionsOf<typeof history>, ctx: Context): Promise<number> {
  const asked = opts.id.trim();
  const bank = await bankFor(opts, ctx);
  // A scenario instance, as a round names it (lag#371400694), is answered and scheduled as its family.
  const family = familyOf(asked);
  const id = family !== asked && bank.entries.some((q) => q.id === family && q.type === "scenario") ? family : asked;
  const store = storeFor(opts, ctx);
  const question = bank.entries.find((q) => q.id === id);
  const mine: Attempt[] = [];
  store.eachAttempt((a) => {
    if (a.questionId !== id) return;
    mine.push(
      !opts.json && typeof a.answer === "string" && a.answer.length > SHOWN_CHARS ? { ...a, answer: a.answer.slice(0, SHOWN_CHARS) } : a,
    );
  });
  const attempts = withCorrections(mine).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  if (!question && !attempts.length) {
    const near = await suggestions(bank, id);
    throw new CliError(
      `no question has id "${id}".${near.length ? ` Did you mean: ${near.join(", ")}?` : ""} Find one with: kafka-prep list --search <words>`,
    );
  }
  const { cards, summary } = store.derived();
  const card = cards.get(id);
  const now = ctx.now();
  const latest = attempts.at(-1);
  const recall = card ? predictedRecall(card, now, latest?.correct) : null;
  const { dueAt, confidentMistakes } = dueTimes({ cards, summary, ids: [id] });
  // A confident mistake is due at once: now, not at the marker time it is sorted first by.
  const due = confidentMistakes.has(id) ? now : dueAt.get(id);

  if (opts.json) {
    const doc = {
      id,
      question: question ? { level: question.level, topics: question.topics, type: question.type, prompt: question.prompt } : null,
      attempts: attempts.map((a) => ({
        at: a.at,
        answer: typeof a.answer === "string" ? withoutControl(a.answer) : Array.isArray(a.answer) ? a.answer.map(withoutControl) : a.answer,
        verdict: verdictText(a),
        correct: a.correct,
        score: a.score,
        ms: a.ms,
        timedOut: a.timedOut,
        skipped: a.skipped,
        rating: a.rating,
        confidence: a.confidence ?? null,
        ...(a.graded !== undefined ? { graded: a.graded } : {}),
        ...(a.flag ? { flag: a.flag } : {}),
        ...(a.selfGraded ? { selfGraded: true } : {}),
        ...(a.instance ? { instance: a.instance } : {}),
      })),
      schedule: card
        ? {
            due: (due ?? card.due).toISOString(),
            stability: card.stability,
            difficulty: card.difficulty,
            reviews: card.reps,
            lapses: card.lapses,
            lastReview: card.last_review?.toISOString() ?? null,
            recall,
          }
        : null,
    };
    ctx.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return EXIT.ok;
  }

  const width = ctx.width;
  const out: string[] = [];
  if (question) {
    out.push(`${chalk.bold(id)}  ${chalk.dim(`${question.level} · ${question.type} · ${question.topics.join(", ")}`)}`);
    out.push(`  ${wrap(question.prompt.replace(/\s+/g, " ").trim(), width, 2)}`);
  } else {
    out.push(`${chalk.bold(id)}  ${chalk.dim("not in the questions loaded now (a pack left out? add it with --questions <dir>)")}`);
  }
  out.push("");
  if (!attempts.length) {
    out.push(`Not answered yet. Try it: ${drillCommand({ ids: [id] })}`);
    ctx.stdout.write(`${out.join("\n")}\n`);
    return EXIT.ok;
  }
  const right = attempts.filter((a) => a.correct).length;
  out.push(chalk.bold(`${count(attempts.length, "answer")}, ${right} right (${percent(right / attempts.length)})`));
  const shown = attempts.slice(-SHOWN_ROWS);
  const sure = shown.some((a) => a.confidence);
  // The answer takes what the other columns leave of the line.
  const verdicts = shown.map(verdictText);
  const times = shown.map((a) => durationText(a.ms));
  const verdictWidth = verdicts.reduce((w, v) => Math.max(w, v.length), 6);
  const timeWidth = times.reduce((w, t) => Math.max(w, t.length), 4);
  const fixed = 2 + 16 + 2 + 2 + verdictWidth + 2 + timeWidth + 2 + 6 + (sure ? 2 + 6 : 0);
  const room = Math.max(12, width - fixed);
  if (shown.length < attempts.length) out.push(chalk.dim(`The latest ${shown.length} of them; every one: kafka-prep history ${id} --json`));
  const rows = shown.map((a, i) => {
    const colour = a.correct ? chalk.green : a.timedOut || a.skipped ? chalk.yellow : chalk.red;
    const cells = [dateTime(new Date(a.at)), truncate(answerText(a), room), colour(verdicts[i]), times[i], a.rating];
    if (sure) cells.push(a.confidence ?? "");
    return cells;
  });
  const columns = [
    { header: "when" },
    { header: "answer" },
    { header: "result" },
    { header: "time", align: "right" as const },
    { header: "rating" },
    ...(sure ? [{ header: "sure?" }] : []),
  ];
  for (const line of table(columns, rows, 2, chalk.dim)) out.push(line);
  out.push("");
  if (card && due) {
    const dueWhen = whenText(due, now);
    const missed = latest?.correct === false ? " (0 after a wrong answer, until it is answered right)" : "";
    out.push(
      wrap(
        `Review schedule (FSRS): due ${dueWhen === "now" ? "now" : dueWhen}; stability ${card.stability.toFixed(1)} days, difficulty ${card.difficulty.toFixed(1)} of 10; predicted recall now ${percent(recall)}${missed}.`,
        width,
      ),
    );
  }
  out.push(`Drill it: ${drillCommand({ ids: [id] })}`);
  // A generated scenario: the last instance asked can be asked again, the same numbers.
  if (latest?.instance) out.push(`The last one again: ${drillCommand({ ids: [latest.instance] })}`);
  ctx.stdout.write(`${out.join("\n")}\n`);
  return EXIT.ok;
}
