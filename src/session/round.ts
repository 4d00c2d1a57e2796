// One quiz round from start to end: choose the questions, ask each through a driver (a terminal or
// lines on stdin), grade, show feedback, record every answer the moment it is graded, and report.
import { randomUUID } from "node:crypto";
import type { LoadedBank } from "../bank/bank.js";
import type { CatalogEntry } from "../bank/compiled.js";
import { matches, type QuestionFilter } from "../bank/filter.js";
import type { Level, Question, QuestionType, Topic } from "../bank/schema.js";
import type { Context } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import { dueTimes, nextDue } from "../progress/due.js";
import { StoreError } from "../progress/errors.js";
import type { Store } from "../progress/store.js";
import type { Attempt, Round } from "../progress/types.js";
import { weakSelection } from "../progress/weak.js";
import { grade } from "../quiz/grade.js";
import { present } from "../quiz/present.js";
import type { AnyQuestion } from "../quiz/question.js";
import { hashSeed, rng } from "../quiz/random.js";
import { verdictAfterRating } from "../quiz/ratings.js";
import {
  answer,
  current,
  position,
  type Result,
  type RoundState,
  type Summary,
  secondsFor,
  startRound,
  stop,
  summarize,
  timeLimit,
} from "../quiz/round.js";
import { familyOf, isInstanceId, SCENARIO_SHARE, ScenarioError, SEEDS, scenarioFor } from "../quiz/scenario-question.js";
import { type RatingName, ratingFor } from "../quiz/schedule.js";
import { type Selectable, type SelectInput, type Selection, select } from "../quiz/select.js";
import { whenText } from "../time/calendar.js";
import { type Driver, interactiveDriver, scriptedDriver } from "../ui/drivers.js";
import { editorProblem } from "../ui/editor.js";
import { feedback, questionHeader } from "../ui/feedback.js";
import { count } from "../ui/format.js";
import { roundJson, summaryText } from "../ui/report.js";

export interface RoundOptions extends QuestionFilter {
  level?: Level[];
  topic?: Topic[];
  type?: QuestionType[];
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
  /** A missed question comes back once later in the round. */
  repeat?: boolean;
  /** False: choices in the question file's order. */
  shuffle?: boolean;
  editor?: boolean;
  recallPass?: number;
  json?: boolean;
}

function only(opts: RoundOptions): SelectInput["only"] {
  const kinds = (["weak", "new", "due"] as const).filter((k) => opts[k]);
  if (kinds.length > 1) throw new CliError(`choose one of --weak, --new and --due, not ${kinds.map((k) => `--${k}`).join(" and ")}.`);
  return kinds[0];
}

function filterWords(opts: RoundOptions): string[] {
  return [
    opts.level?.length ? `--level ${opts.level.join(",")}` : "",
    opts.topic?.length ? `--topic ${opts.topic.join(",")}` : "",
    opts.type?.length ? `--type ${opts.type.join(",")}` : "",
  ].filter(Boolean);
}

/** With --due and nothing due, there is nothing to do: when the next review is, and what to do until then. */
function nothingDue(bank: LoadedBank, opts: RoundOptions, dueAt: Map<string, Date>, now: Date): string | undefined {
  const filtered = bank.entries.filter((q) => matches(q, opts));
  if (!filtered.length) return undefined;
  const words = filterWords(opts);
  const among = words.length ? ` among ${words.join(" ")}` : "";
  const next = nextDue(
    dueAt,
    filtered.map((q) => q.id),
    now,
  );
  const unseen = filtered.some((q) => !dueAt.has(q.id));
  const then = ["kafka-prep quiz", unseen ? "--new" : "", ...words].filter(Boolean).join(" ");
  if (!next) return `Nothing is due for review${among}: none of these questions has been answered yet. Start with: ${then}\n`;
  return `Nothing is due for review${among} right now; the next review is due ${whenText(next, now)}. Until then: ${then}\n`;
}

export function noMatch(bank: LoadedBank, opts: RoundOptions, kind: SelectInput["only"]): CliError {
  if (!bank.entries.length)
    return new CliError(
      "the question files given hold no questions. Add some (docs/writing-questions.md shows how), or drop --no-builtin.",
      EXIT.usage,
    );
  const filtered = bank.entries.filter((q) => matches(q, opts));
  const words = filterWords(opts);
  if (kind && filtered.length) {
    const why = { due: "nothing is due for review", new: "you have answered every one already", weak: "none of them is in a weak topic" }[
      kind
    ];
    return new CliError(
      `${count(filtered.length, "question")} ${filtered.length === 1 ? "matches" : "match"}${words.length ? ` ${words.join(" ")}` : ""}, but ${why}. Try without --${kind}, or another filter.`,
      EXIT.failed,
    );
  }
  const total = (f: QuestionFilter) => count(bank.entries.filter((q) => matches(q, f)).length, "question");
  const hints: string[] = [];
  if (opts.topic?.length) hints.push(`--topic ${opts.topic.join(",")} alone: ${total({ topic: opts.topic })}`);
  if (opts.level?.length) hints.push(`--level ${opts.level.join(",")} alone: ${total({ level: opts.level })}`);
  if (opts.type?.length) hints.push(`--type ${opts.type.join(",")} alone: ${total({ type: opts.type })}`);
  return new CliError(
    `no questions match ${words.join(" ")}.\n${hints.map((h) => `  ${h}\n`).join("")}See what exists: kafka-prep topics`,
    EXIT.usage,
  );
}

/** A question by id: from the bank, or a scenario (a family drawn fresh, or an instance as `family#seed`). */
function resolver(bank: LoadedBank, opts: RoundOptions, seed: number): (id: string) => AnyQuestion | undefined {
  const random = rng(hashSeed(seed, "scenarios"));
  return (id) => {
    try {
      return bank.question(id) ?? scenarioFor(id, opts.level, random);
    } catch (err) {
      if (err instanceof ScenarioError) throw new CliError(`${err.message}.`);
      throw err;
    }
  };
}

/** The round's pool as catalogue entries: the bank's questions and its scenario families that fit the filters. Only
 * the ones a round chooses are then decoded or drawn. */
function pool(bank: LoadedBank, opts: RoundOptions): CatalogEntry[] {
  const filter = { level: opts.level, topic: opts.topic, type: opts.type };
  const wantsBank = !opts.type?.length || opts.type.some((t) => t !== "scenario");
  return bank.entries.filter((e) => (e.type === "scenario" ? matches(e, filter) : wantsBank));
}

/** What a round selects from, and how a chosen entry becomes the question it asks. */
export interface RoundSelection extends SelectInput<Selectable> {
  question: (chosen: Selectable) => AnyQuestion | undefined;
}

export function selectionInput(
  store: Store,
  bank: LoadedBank,
  opts: RoundOptions,
  seed: number,
  now: Date,
  fair?: boolean,
): RoundSelection {
  const resolve = resolver(bank, opts, seed);
  const { cards, summary } = store.derived();
  // The same definition of due as stats counts with.
  const { dueAt, confidentMistakes } = dueTimes({ cards, summary });
  const base: RoundSelection = {
    // Asked by id, only those questions are decoded, with the follow-ups and parents they may bring.
    questions: opts.id?.length ? withRelatives(bank, opts.id.map(resolve), opts.followUps) : pool(bank, opts),
    // A catalogue entry has no explanation; a question always has one.
    question: (chosen) => ("explanation" in chosen ? (chosen as AnyQuestion) : resolve(chosen.id)),
    filter: { level: opts.level, topic: opts.topic, type: opts.type },
    count: opts.count,
    seed,
    now,
    only: only(opts),
    ids: opts.id,
    dueAt,
    confidentMistakes,
    weak: weakSelection({ summary, cards, questions: bank.entries, now }),
    followUps: opts.followUps,
    scenarioShare: SCENARIO_SHARE,
  };
  // A fair sample (a mock exam): no reviews, no weak topics first.
  return fair ? { ...base, dueAt: new Map(), confidentMistakes: new Set(), weak: new Set(), only: undefined } : base;
}

/** The questions a round asks, and its reserve, as questions. */
export function chooseQuestions(selection: RoundSelection): Selection {
  const chosen = select(selection);
  const asQuestions = (list: Selectable[]) => list.map(selection.question).filter((q): q is AnyQuestion => q !== undefined);
  return { ...chosen, questions: asQuestions(chosen.questions), reserve: asQuestions(chosen.reserve) };
}

/** The questions asked by id, and with follow-ups on, their follow-ups and the questions they follow. */
function withRelatives(bank: LoadedBank, asked: (AnyQuestion | undefined)[], followUps: boolean): AnyQuestion[] {
  const direct = asked.filter((q): q is AnyQuestion => q !== undefined);
  if (!followUps) return direct;
  const ids = new Set(direct.map((q) => q.id));
  const related = bank.entries
    .filter((e) => !ids.has(e.id) && (e.followUps?.some((c) => ids.has(c)) || direct.some((q) => q.followUps?.includes(e.id))))
    .map((e) => bank.question(e.id))
    .filter((q): q is Question => q !== undefined);
  return [...direct, ...related];
}

export interface RoundInput {
  bank: LoadedBank;
  store: Store;
  options: RoundOptions;
  /** A driver to use instead of the terminal or stdin one (tests). */
  driver?: Driver;
}

/** The ids a round asks, one per scenario family (lag and lag#1 are the same family), and the rest. */
function oneInstanceEach(ids: readonly string[]): { kept: string[]; left: string[] } {
  const families = new Set<string>();
  const kept: string[] = [];
  const left: string[] = [];
  for (const id of ids) {
    const family = familyOf(id);
    if (families.has(family)) left.push(id);
    else {
      families.add(family);
      kept.push(id);
    }
  }
  return { kept, left };
}

/** A quiz round; returns the exit code. */
export async function runRound(ctx: Context, input: RoundInput): Promise<number> {
  const { bank, store } = input;
  const known = new Set(bank.entries.map((q) => q.id));
  const unknown = (input.options.id ?? []).filter((id) => !known.has(id) && !isInstanceId(id));
  // A family with something after # that is no seed (lag#-1, lag#abc).
  const beforeHash = (id: string) => id.slice(0, id.indexOf("#"));
  const badSeed = unknown.find((id) => id.includes("#") && known.has(beforeHash(id)));
  if (badSeed)
    throw new CliError(
      `"${badSeed}": the seed after # must be a whole number from 0 to ${SEEDS - 1}, as a round names an instance (for example ${beforeHash(badSeed)}#8141).`,
    );
  const { kept, left } = oneInstanceEach(input.options.id ?? []);
  if (left.length)
    ctx.stderr.write(
      `Left out ${left.join(", ")}: a round asks one instance of each scenario family. Ask ${left.length === 1 ? "it" : "them"} in another round, for example: kafka-prep quiz --id ${left[0]}\n`,
    );
  const opts = left.length ? { ...input.options, id: kept } : input.options;
  const filters = (["level", "topic", "type"] as const).filter((k) => opts.id?.length && opts[k]?.length);
  if (filters.length)
    ctx.stderr.write(
      `Note: ${filters.map((k) => `--${k}`).join(", ")} ${filters.length > 1 ? "do" : "does"} not narrow --id: the questions named are asked as they are.\n`,
    );
  if (unknown.length)
    throw new CliError(`no question has id ${unknown.map((id) => `"${id}"`).join(", ")}. List them with: kafka-prep list`);
  const seed = opts.seed ?? Math.floor(Math.random() * 1_000_000);
  const selection = selectionInput(store, bank, opts, seed, ctx.now());
  const { questions, followUpOf, reserve } = chooseQuestions(selection);
  if (!questions.length) {
    const idle = selection.only === "due" ? nothingDue(bank, opts, selection.dueAt, ctx.now()) : undefined;
    if (idle === undefined) throw noMatch(bank, opts, selection.only);
    (opts.json ? ctx.stderr : ctx.stdout).write(idle);
    return EXIT.ok;
  }

  // A folder that cannot take an answer is said before the first question, not after the first answer.
  store.checkWritable();
  const interactive = !opts.json && ctx.isTTY;
  if (interactive && opts.editor && !input.driver) {
    const problem = editorProblem(ctx.env, ctx.cwd);
    if (problem) throw new CliError(problem);
  }
  const driver = input.driver ?? (interactive ? interactiveDriver(ctx, opts) : scriptedDriver(ctx, opts.json ? ctx.stderr : ctx.stdout));
  const recallPass = opts.recallPass ?? store.settings.recallPass;
  const roundId = randomUUID();
  const now = () => ctx.now().getTime();
  let state: RoundState = startRound(
    questions.map((question) => ({ question, followUpOf: followUpOf.get(question.id) })),
    now(),
    { roundSeconds: opts.roundTime, reserve, again: opts.repeat ?? true },
  );
  let ended: string | undefined;

  const finish = (status: "interrupted" | "out-of-time" | "quit", why: string) => {
    state = stop(state, status);
    if (state.status !== "finished") ended ??= why;
  };
  type Answered = Omit<Result, "question" | "followUpOf" | "again">;
  const record = (q: AnyQuestion, result: Answered, rating: RatingName): Attempt => {
    const attempt = attemptFor(ctx, roundId, q, {
      answer: result.answer,
      score: result.grade.score,
      correct: result.grade.correct,
      rating,
      ms: result.ms,
      timedOut: result.timedOut,
      skipped: result.skipped,
      confidence: result.confidence,
    });
    store.recordAttempt(attempt);
    return attempt;
  };

  let lost: StoreError | undefined;
  try {
    for (let slot = current(state); slot; slot = current(state)) {
      if (ctx.signal.aborted) {
        finish("interrupted", "interrupted");
        break;
      }
      const q = slot.question;
      const p = present(q, seed, opts.shuffle !== false);
      const place = position(state);
      const limit = timeLimit(state, secondsFor(q, opts.time), now());
      const roundOver = () => state.deadline !== undefined && now() >= state.deadline;
      if (limit === 0) {
        finish("out-of-time", "the round's time ran out");
        break;
      }
      if (interactive) driver.say("\n");
      const asked = await driver.ask(p, questionHeader(q, place.at, place.total, slot.followUpOf, slot.again), limit, roundOver);
      if (asked.interrupted) {
        finish("interrupted", "interrupted");
        break;
      }
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
      const suggested = ratingFor({
        correct: g.correct,
        score: g.score,
        ms: asked.ms,
        limitMs: limit,
        timedOut: asked.timedOut,
        confidence,
      });
      let result: Answered = {
        answer: asked.answer,
        grade: g,
        ms: asked.ms,
        timedOut: asked.timedOut,
        skipped,
        confidence,
        correct: g.correct,
        rating: suggested,
      };
      // An answer is kept as soon as it is graded, before its feedback shows: whatever the person saw graded is in
      // the store, even if the process dies at the rating prompt. A second try is practice and is not recorded.
      const attempt = slot.again ? undefined : record(q, result, suggested);
      if (!opts.json) driver.say(feedback({ ...result, question: q }, p, bank.manifest, ctx.width));
      if (attempt && q.type === "recall" && !asked.timedOut && !skipped) {
        let own: Awaited<ReturnType<Driver["rate"]>>;
        try {
          own = await driver.rate(suggested);
        } catch (err) {
          // Ctrl-C at the grade: the answer is already kept with the grade the grader gave.
          if ((err as Error).name === "ExitPromptError" || (err as Error).name === "AbortPromptError") {
            state = answer(state, result, now());
            finish("interrupted", "interrupted");
            break;
          }
          throw err;
        }
        // The person has the last word: their grade (and any flag) is a correction line after the attempt.
        const correct = verdictAfterRating(g.correct, own.rating);
        if (own.rating !== suggested || correct !== g.correct || own.flag)
          store.amendAttempt(attempt, { id: randomUUID(), rating: own.rating, correct, flag: own.flag });
        result = { ...result, correct, rating: own.rating, ...(own.flag ? { flag: own.flag } : {}) };
      }
      state = answer(state, result, now());
      if (state.status === "out-of-time") ended = "the round's time ran out";
      // The next question, and its clock, wait until the person has read the feedback and goes on.
      if (state.status === "running" && !(await driver.next())) finish("quit", "ended by you");
    }
  } catch (err) {
    // An answer the store could not keep ends the round: the report still covers every answer kept before it, and
    // the error says what went wrong.
    if (err instanceof StoreError) lost = err;
    else if ((err as Error).name !== "ExitPromptError") throw err;
    finish("interrupted", lost ? "an answer could not be saved" : "interrupted");
  } finally {
    driver.close();
  }
  const summary = summarize(state);
  const round = roundRecord(ctx, roundId, "quiz", state.startedAt, summary, summary.score, state.status === "interrupted");
  if (lost) {
    try {
      store.recordRound(round);
    } catch {
      // The answers' error is the one to report.
    }
  } else store.recordRound(round);
  if (opts.json) ctx.stdout.write(`${JSON.stringify(roundJson(state, summary, seed, undefined, ended), null, 2)}\n`);
  else driver.say(summaryText(summary, seed, ended, ctx.width));
  if (lost) throw lost;
  if (state.status === "interrupted") return EXIT.interrupted;
  return EXIT.ok;
}

/** What the store keeps of one answer: the question's id, level, topics and type with the answer's own fields. */
export function attemptFor(
  ctx: Context,
  roundId: string,
  q: AnyQuestion,
  fields: Omit<Attempt, "id" | "roundId" | "questionId" | "at" | "level" | "topics" | "type" | "instance">,
): Attempt {
  const attempt: Attempt = {
    id: randomUUID(),
    roundId,
    questionId: q.id,
    at: ctx.now().toISOString(),
    level: q.level,
    topics: q.topics,
    type: q.type,
    ...fields,
  };
  // A scenario is counted by family; the instance says which one was asked, so it can be asked again.
  if (q.type === "scenario") attempt.instance = q.instance.id;
  return attempt;
}

/** The line a round or an exam leaves in the rounds history when it ends, finished or not. */
export function roundRecord(
  ctx: Context,
  id: string,
  kind: Round["kind"],
  startedAt: number,
  summary: Summary,
  score: number,
  interrupted: boolean,
): Round {
  const { total, answered, correct } = summary;
  return {
    id,
    kind,
    startedAt: new Date(startedAt).toISOString(),
    endedAt: ctx.now().toISOString(),
    total,
    answered,
    correct,
    score,
    interrupted,
  };
}

/** One answer of an exam, graded at its end, as an attempt. */
export function recordExamResult(ctx: Context, store: Store, roundId: string, r: Result): void {
  const q = r.question;
  store.recordAttempt(
    attemptFor(ctx, roundId, q, {
      answer: r.answer,
      score: r.grade.score,
      correct: r.grade.correct,
      rating: ratingFor({ correct: r.grade.correct, score: r.grade.score, ms: r.ms, limitMs: undefined, timedOut: false }),
      ms: Math.round(r.ms),
      timedOut: false,
      skipped: r.skipped,
    }),
  );
}
