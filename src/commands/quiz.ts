import { randomUUID } from "node:crypto";
import chalk from "chalk";
import { type LoadedBank, loadBank } from "../bank/bank.js";
import { matches, type QuestionFilter } from "../bank/filter.js";
import type { Question } from "../bank/schema.js";
import type { GlobalOptions } from "../cli.js";
import { CliError, EXIT } from "../errors.js";
import { openStore, resolveDataDir, type Store } from "../progress/store.js";
import { weakSelection } from "../progress/weak.js";
import { grade } from "../quiz/grade.js";
import { present } from "../quiz/present.js";
import { answer, current, type Result, type RoundState, secondsFor, startRound, stop, summarize, timeLimit } from "../quiz/round.js";
import { ratingFor } from "../quiz/schedule.js";
import { type SelectInput, select } from "../quiz/select.js";
import { interactiveDriver, scriptedDriver } from "../ui/drivers.js";
import { correctAnswer, feedback, missed, summaryText } from "../ui/feedback.js";
import { terminalWidth } from "../ui/wrap.js";

export interface QuizOptions extends GlobalOptions, QuestionFilter {
  count: number;
  time?: number;
  roundTime?: number;
  weak?: boolean;
  new?: boolean;
  due?: boolean;
  id?: string[];
  seed?: number;
  confidence?: boolean;
  followUps: boolean;
  editor?: boolean;
  recallPass?: number;
  json?: boolean;
}

/** A mock exam: a fair sample, one clock for the whole exam, no feedback until the end, a pass mark. */
export interface ExamOptions {
  passPercent: number;
}

function only(opts: QuizOptions): SelectInput["only"] {
  const kinds = (["weak", "new", "due"] as const).filter((k) => opts[k]);
  if (kinds.length > 1) throw new CliError(`choose one of --weak, --new and --due, not ${kinds.map((k) => `--${k}`).join(" and ")}.`);
  return kinds[0];
}

function noMatch(bank: LoadedBank, opts: QuizOptions, kind: SelectInput["only"]): CliError {
  const filtered = bank.questions.filter((q) => matches(q, opts));
  const words = [
    opts.level?.length ? `--level ${opts.level.join(" ")}` : "",
    opts.topic?.length ? `--topic ${opts.topic.join(" ")}` : "",
    opts.type?.length ? `--type ${opts.type.join(" ")}` : "",
  ].filter(Boolean);
  if (kind && filtered.length) {
    const why = { due: "nothing is due for review", new: "you have answered every one already", weak: "none of them is in a weak topic" }[
      kind
    ];
    return new CliError(
      `${filtered.length} questions match${words.length ? ` ${words.join(" ")}` : ""}, but ${why}. Try without --${kind}, or another filter.`,
      EXIT.failed,
    );
  }
  const count = (f: QuestionFilter) => bank.questions.filter((q) => matches(q, f)).length;
  const hints: string[] = [];
  if (opts.topic?.length) hints.push(`--topic ${opts.topic.join(" ")} alone: ${count({ topic: opts.topic })} questions`);
  if (opts.level?.length) hints.push(`--level ${opts.level.join(" ")} alone: ${count({ level: opts.level })} questions`);
  if (opts.type?.length) hints.push(`--type ${opts.type.join(" ")} alone: ${count({ type: opts.type })} questions`);
  return new CliError(
    `no questions match ${words.join(" ")}.\n${hints.map((h) => `  ${h}`).join("\n")}\nSee what exists: kafka-prep topics`,
    EXIT.usage,
  );
}

function header(q: Question, position: number, total: number, followUpOf?: string): string {
  const where = chalk.bold(`${position}/${total}`);
  const follow = followUpOf ? `${chalk.magenta("follow-up")} · ` : "";
  return `${where} ${chalk.dim("·")} ${follow}${chalk.cyan(q.level)} ${chalk.dim("·")} ${chalk.dim(q.topics.join(", "))} ${chalk.dim(`· ${q.type}`)}`;
}

function selectionInput(store: Store, bank: LoadedBank, opts: QuizOptions, seed: number, now: Date, exam?: ExamOptions): SelectInput {
  const { cards, summary } = store.derived();
  const dueAt = new Map([...cards].map(([id, card]) => [id, new Date(card.due)]));
  const confidentMistakes = new Set(
    Object.values(summary.questions)
      .filter((q) => {
        const last = q.recent.at(-1);
        return last?.confidence === "sure" && !last.correct;
      })
      .map((q) => q.questionId),
  );
  for (const id of confidentMistakes) dueAt.set(id, new Date(0));
  const base: SelectInput = {
    questions: bank.questions,
    filter: { level: opts.level, topic: opts.topic, type: opts.type },
    count: opts.count,
    seed,
    now,
    only: only(opts),
    ids: opts.id,
    dueAt,
    confidentMistakes,
    weak: weakSelection({ summary, cards, questions: bank.questions, now }),
    followUps: opts.followUps,
  };
  // A mock exam is a fair sample: no reviews, no weak topics first.
  return exam ? { ...base, dueAt: new Map(), confidentMistakes: new Set(), weak: new Set(), only: undefined } : base;
}

export function run(opts: QuizOptions): Promise<number> {
  return runRound(opts);
}

/** A quiz round, or with `exam` a mock exam; returns the exit code. */
export async function runRound(opts: QuizOptions, exam?: ExamOptions): Promise<number> {
  const bank = await loadBank(opts);
  const known = new Set(bank.questions.map((q) => q.id));
  const unknown = (opts.id ?? []).filter((id) => !known.has(id));
  if (unknown.length)
    throw new CliError(`no question has id ${unknown.map((id) => `"${id}"`).join(", ")}. List them with: kafka-prep list`);
  const store = openStore(resolveDataDir(opts));
  const seed = opts.seed ?? Math.floor(Math.random() * 1_000_000);
  const input = selectionInput(store, bank, opts, seed, new Date(), exam);
  const { questions } = select(input);
  if (!questions.length) throw noMatch(bank, opts, input.only);

  const interactive = !opts.json && process.stdin.isTTY === true && process.stdout.isTTY === true;
  const driver = interactive ? interactiveDriver(opts) : scriptedDriver(opts.json ? process.stderr : process.stdout);
  const recallPass = opts.recallPass ?? store.settings.recallPass;
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const roundId = randomUUID();
  let state: RoundState = startRound(questions, Date.now(), opts.roundTime);
  let ended: string | undefined;

  const finish = (status: "interrupted" | "out-of-time" | "quit", why: string) => {
    state = stop(state, status);
    ended ??= why;
  };
  const onSigint = () => {
    finish("interrupted", "interrupted");
    report();
    process.exit(EXIT.interrupted);
  };
  let reported = false;
  const report = () => {
    if (reported) return;
    reported = true;
    const summary = summarize(state);
    store.recordRound({
      id: roundId,
      kind: exam ? "exam" : "quiz",
      startedAt: new Date(state.startedAt).toISOString(),
      endedAt: new Date().toISOString(),
      total: summary.total,
      answered: summary.answered,
      correct: summary.correct,
      score: summary.score,
      interrupted: state.status === "interrupted",
    });
    if (opts.json) {
      process.stdout.write(
        `${JSON.stringify(
          {
            results: state.results.map((r) => ({
              id: r.question.id,
              type: r.question.type,
              level: r.question.level,
              topics: r.question.topics,
              answer: r.answer,
              correct: r.grade.correct,
              score: r.grade.score,
              timedOut: r.timedOut,
              ms: r.ms,
              missed: missed(r),
            })),
            score: summary.score,
            correct: summary.correct,
            total: summary.total,
            unanswered: state.queue.map((s) => s.question.id),
            seed,
            ...(exam ? { passPercent: exam.passPercent, passed: passed() } : {}),
          },
          null,
          2,
        )}\n`,
      );
    } else if (exam) {
      driver.say(examReport(state, summary, exam));
    } else driver.say(summaryText(summary, seed, ended));
  };
  const passed = () => summarize(state).score * 100 >= (exam?.passPercent ?? 0);
  process.on("SIGINT", onSigint);

  try {
    for (let slot = current(state); slot; slot = current(state)) {
      const q = slot.question;
      const p = present(q, seed);
      const position = state.results.length + 1;
      const total = state.results.length + state.queue.length;
      const limit = timeLimit(state, secondsFor(q, opts.time), Date.now());
      const roundOver = () => state.deadline !== undefined && Date.now() >= state.deadline;
      if (limit === 0) {
        finish("out-of-time", "the round's time ran out");
        break;
      }
      if (interactive) driver.say("\n");
      const asked = await driver.ask(p, header(q, position, total, slot.followUpOf), limit, roundOver);
      if (asked.roundOver || (asked.timedOut && roundOver())) {
        finish("out-of-time", "the round's time ran out");
        break;
      }
      if (asked.quit) {
        finish("quit", "input ended");
        break;
      }
      const skipped = asked.answer === null && !asked.timedOut;
      const confidence = asked.answer === null ? undefined : await driver.confidence();
      const g = grade(q, asked.answer, { recallPass });
      const suggested = ratingFor({ correct: g.correct, score: g.score, ms: asked.ms, limitMs: limit, timedOut: asked.timedOut });
      const result: Omit<Result, "question" | "followUpOf"> = {
        answer: asked.answer,
        grade: g,
        ms: asked.ms,
        timedOut: asked.timedOut,
        skipped,
        confidence,
      };
      if (!opts.json && !exam) driver.say(feedback({ ...result, question: q }, p, bank.manifest, terminalWidth()));
      const rating = q.type === "recall" && !asked.timedOut && !skipped && !exam ? await driver.rate(suggested) : suggested;
      store.recordAttempt({
        id: randomUUID(),
        roundId,
        questionId: q.id,
        at: new Date().toISOString(),
        level: q.level,
        topics: q.topics,
        type: q.type,
        answer: asked.answer,
        score: g.score,
        correct: g.correct,
        rating,
        ms: asked.ms,
        timedOut: asked.timedOut,
        skipped,
        confidence,
      });
      const followUps = opts.followUps ? (q.followUps ?? []).map((id) => byId.get(id)).filter((x): x is Question => x !== undefined) : [];
      state = answer(state, result, Date.now(), followUps);
      if (state.status === "out-of-time") ended = "the round's time ran out";
      if (state.status === "running" && q.type !== "recall" && !exam && !(await driver.next())) finish("quit", "ended by you");
    }
  } catch (err) {
    if ((err as Error).name !== "ExitPromptError") throw err;
    finish("interrupted", "interrupted");
  } finally {
    process.off("SIGINT", onSigint);
    driver.close();
  }
  report();
  if (state.status === "interrupted") return EXIT.interrupted;
  if (exam) return passed() ? EXIT.ok : EXIT.failed;
  return EXIT.ok;
}

/** The end of a mock exam: score against the pass mark, per topic, and every miss with its answer. */
function examReport(state: RoundState, summary: ReturnType<typeof summarize>, exam: ExamOptions): string {
  const pct = Math.round(summary.score * 100);
  const ok = pct >= exam.passPercent;
  const out = ["", chalk.bold(`Exam ${ok ? chalk.green("PASSED") : chalk.red("FAILED")}: ${pct}% (pass mark ${exam.passPercent}%)`)];
  out.push(
    `${summary.correct} of ${summary.total} right${summary.unanswered ? `, ${summary.unanswered} unanswered` : ""}${summary.timedOut ? `, ${summary.timedOut} timed out` : ""}`,
  );
  const byTopic = new Map<string, { n: number; sum: number }>();
  const asked = [
    ...state.results.map((r) => ({ q: r.question, score: r.grade.score })),
    ...state.queue.map((s) => ({ q: s.question, score: 0 })),
  ];
  for (const { q, score } of asked) {
    const t = byTopic.get(q.topics[0]) ?? { n: 0, sum: 0 };
    byTopic.set(q.topics[0], { n: t.n + 1, sum: t.sum + score });
  }
  out.push(chalk.bold("By topic:"));
  for (const [topic, t] of [...byTopic].sort((a, b) => a[1].sum / a[1].n - b[1].sum / b[1].n)) {
    out.push(`  ${topic.padEnd(20)} ${String(Math.round((t.sum / t.n) * 100)).padStart(3)}%  (${t.n} question${t.n === 1 ? "" : "s"})`);
  }
  const misses = [
    ...state.results.filter((r) => !r.grade.correct),
    ...state.queue.map((s) => ({ question: s.question, timedOut: false, skipped: true })),
  ];
  if (misses.length) {
    out.push(chalk.bold("Missed:"));
    for (const r of misses) {
      out.push(`  ${chalk.red("✗")} ${r.question.prompt.trim()}`);
      out.push(`    ${chalk.bold("Answer:")} ${correctAnswer(r.question).replace(/\n\s*/g, " ")}`);
    }
    out.push(`Drill them: kafka-prep quiz --id ${misses.map((r) => r.question.id).join(",")}`);
  }
  return `${out.join("\n")}\n`;
}
