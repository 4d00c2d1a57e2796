import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import chalk from "chalk";
import { type LoadedBank, loadBank } from "../bank/bank.js";
import { matches, type QuestionFilter } from "../bank/filter.js";
import type { Question } from "../bank/schema.js";
import type { GlobalOptions } from "../cli.js";
import { CliError, EXIT } from "../errors.js";
import { openStore, resolveDataDir, type Store } from "../progress/store.js";
import type { Confidence, RatingName } from "../progress/types.js";
import { weakSelection } from "../progress/weak.js";
import { type Answer, grade } from "../quiz/grade.js";
import { letter, type Presented, parseScripted, present } from "../quiz/present.js";
import { answer, current, type Result, type RoundState, secondsFor, startRound, stop, summarize, timeLimit } from "../quiz/round.js";
import { ratingFor } from "../quiz/schedule.js";
import { type SelectInput, select } from "../quiz/select.js";
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

/** One asked question's outcome, before grading. */
interface Asked {
  answer: Answer;
  ms: number;
  timedOut: boolean;
  /** The round's own time ran out during this question: it is not recorded. */
  roundOver?: boolean;
  quit?: boolean;
}

/** How a round talks to the person: a terminal with prompts, or lines on stdin. */
interface Driver {
  ask(p: Presented, header: string, limitMs: number | undefined, roundOver: () => boolean): Promise<Asked>;
  confidence(): Promise<Confidence | undefined>;
  /** For recall: confirm or override the computed rating. */
  rate(suggested: RatingName): Promise<RatingName>;
  /** After feedback; false ends the round. */
  next(): Promise<boolean>;
  say(text: string): void;
  close(): void;
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

function plainQuestion(p: Presented, head: string, limitMs: number | undefined): string {
  const lines = ["", head + (limitMs ? `  (${Math.round(limitMs / 1000)} s)` : ""), p.question.prompt];
  for (const [i, c] of p.choices.entries()) lines.push(`  ${letter(i)}) ${c}`);
  const how = {
    one: "Answer with a letter.",
    many: "Answer with letters, such as a,c.",
    order: "Answer with the letters in order, such as c,a,b.",
    text: "Answer with the missing word or value.",
    lines: "Answer in one line.",
  }[p.kind];
  lines.push(chalk.dim(`${how} An empty line skips.`));
  return `${lines.join("\n")}\n`;
}

/** Reads one answer per line from a pipe. A line that arrives after its question timed out answers the next one. */
function scriptedDriver(out: NodeJS.WritableStream): Driver {
  const rl = createInterface({ input: process.stdin, terminal: false });
  const queue: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let ended = false;
  rl.on("line", (line) => {
    const w = waiting.shift();
    if (w) w(line);
    else queue.push(line);
  });
  rl.on("close", () => {
    ended = true;
    for (const w of waiting.splice(0)) w(undefined);
  });
  /** The next line, or undefined at the end of input; `cancel` stops waiting so a late line goes to the next question. */
  const nextLine = () => {
    if (queue.length) return { line: Promise.resolve(queue.shift()), cancel: () => {} };
    if (ended) return { line: Promise.resolve(undefined), cancel: () => {} };
    let waiter: (line: string | undefined) => void = () => {};
    const line = new Promise<string | undefined>((resolve) => {
      waiter = resolve;
      waiting.push(resolve);
    });
    return { line, cancel: () => waiting.splice(waiting.indexOf(waiter), 1) };
  };
  return {
    async ask(p, head, limitMs) {
      out.write(plainQuestion(p, head, limitMs));
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"timeout">((resolve) => {
        if (limitMs !== undefined) timer = setTimeout(() => resolve("timeout"), limitMs);
      });
      const read = nextLine();
      const line = await Promise.race([read.line, timeout]);
      clearTimeout(timer);
      const ms = Date.now() - started;
      if (line === "timeout") {
        read.cancel();
        return { answer: null, ms, timedOut: true };
      }
      if (line === undefined) return { answer: null, ms, timedOut: false, quit: true };
      return { answer: parseScripted(p, line), ms, timedOut: false };
    },
    confidence: async () => undefined,
    rate: async (suggested) => suggested,
    next: async () => true,
    say: (text) => out.write(text),
    close: () => rl.close(),
  };
}

function interactiveDriver(opts: QuizOptions): Driver {
  return {
    async ask(p, head, limitMs, roundOver) {
      const { askQuestion } = await import("../ui/prompts.js");
      const started = Date.now();
      const signal = limitMs !== undefined ? AbortSignal.timeout(limitMs) : undefined;
      try {
        let answerValue: Answer;
        if (p.kind === "lines" && opts.editor) {
          const { editor } = await import("@inquirer/prompts");
          process.stdout.write(`${head}\n`);
          answerValue = (await editor({ message: p.question.prompt, waitForUserInput: false }, { signal })).trim() || null;
        } else {
          const response = await askQuestion(
            {
              header: head,
              prompt: p.question.prompt,
              kind: p.kind,
              choices: p.choices,
              deadline: limitMs !== undefined ? started + limitMs : undefined,
              totalMs: limitMs,
            },
            { signal },
          );
          const { toAnswer } = await import("../quiz/present.js");
          answerValue =
            response.kind === "skip"
              ? null
              : response.kind === "text"
                ? response.text
                : toAnswer(p, response.kind === "one" ? [response.index] : response.indexes);
        }
        return { answer: answerValue, ms: Date.now() - started, timedOut: false };
      } catch (err) {
        if ((err as Error).name !== "AbortPromptError") throw err;
        return { answer: null, ms: Date.now() - started, timedOut: true, roundOver: roundOver() };
      }
    },
    async confidence() {
      if (!opts.confidence) return undefined;
      const { select: choose } = await import("@inquirer/prompts");
      return choose<Confidence>({
        message: "How sure are you?",
        choices: [
          { name: "Sure", value: "sure" },
          { name: "Unsure", value: "unsure" },
          { name: "Guessing", value: "guess" },
        ],
      });
    },
    async rate(suggested) {
      const { select: choose } = await import("@inquirer/prompts");
      return choose<RatingName>({
        message: "Your grade (it schedules the next review):",
        default: suggested,
        choices: [
          { name: "Again: I did not know it", value: "again" },
          { name: "Hard: partly, with effort", value: "hard" },
          { name: "Good: I knew it", value: "good" },
          { name: "Easy: I knew it cold", value: "easy" },
        ],
      });
    },
    async next() {
      const { askContinue } = await import("../ui/prompts.js");
      return (await askContinue({ message: "Enter for the next question · q to end the round" })) === "next";
    },
    say: (text) => process.stdout.write(text),
    close: () => {},
  };
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
  const bank = loadBank(opts);
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
