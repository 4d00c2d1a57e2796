import chalk from "chalk";
import type { Context } from "../context.js";
import { MAX_ANSWER_CHARS } from "../progress/records.js";
import type { Answer } from "../quiz/grade.js";
import { editorText, fromEditor, letter, letterRange, type Presented, parseScripted, toAnswer } from "../quiz/present.js";
import type { Confidence, Flag } from "../quiz/ratings.js";
import type { RatingName } from "../quiz/schedule.js";
import { pipedLines } from "./lines.js";
import { wrap } from "./wrap.js";

/** Said when a piped line was longer than an answer may be. */
export function cutNotice(): string {
  return `That line is longer than ${MAX_ANSWER_CHARS.toLocaleString("en-US")} characters: only its first ${MAX_ANSWER_CHARS.toLocaleString("en-US")} are read.`;
}

/** One asked question's outcome, before grading. */
export interface Asked {
  answer: Answer;
  ms: number;
  timedOut: boolean;
  /** The round's own time ran out during this question: it is not recorded. */
  roundOver?: boolean;
  quit?: boolean;
  /** Ctrl-C while the question was shown. */
  interrupted?: boolean;
}

/** How a round talks to the person: a terminal with prompts, or lines on stdin. */
export interface Driver {
  ask(p: Presented, header: string, limitMs: number | undefined, roundOver: () => boolean): Promise<Asked>;
  confidence(): Promise<Confidence | undefined>;
  /** For recall: confirm or override the computed rating, and perhaps flag the grader or the question. */
  rate(suggested: RatingName): Promise<{ rating: RatingName; flag?: Flag }>;
  /** After feedback; false ends the round. */
  next(): Promise<boolean>;
  say(text: string): void;
  close(): void;
}

const FLAG_TEXT: Record<Flag, string> = { grader: "The grader was wrong", question: "This question is wrong" };

function plainQuestion(p: Presented, head: string, limitMs: number | undefined, width: number): string {
  const lines = ["", wrap(head + (limitMs ? `  (${Math.round(limitMs / 1000)} s)` : ""), width), wrap(p.question.prompt, width)];
  for (const [i, c] of p.choices.entries()) lines.push(wrap(`  ${letter(i)}) ${c}`, width, 5));
  const q = p.question;
  const number = q.type === "scenario" && q.instance.answer.kind === "number" ? q.instance.answer.unit : undefined;
  const how = {
    one: `Answer with a letter (${letterRange(p.choices.length)}).`,
    many: `Answer with ${p.picks ? `${p.picks} letters` : "letters"} (${letterRange(p.choices.length)}), such as a,c.`,
    order: "Answer with the letters in order, such as c,a,b.",
    text: number ? `Answer with a number, in ${number}.` : "Answer with the missing word or value.",
    lines: "Answer in one line.",
  }[p.kind];
  lines.push(chalk.dim(wrap(`${how} An empty line skips.`, width)));
  return `${lines.join("\n")}\n`;
}

/** Reads one answer per line from a pipe. A line that arrives after its question timed out answers the next one. */
export function scriptedDriver(ctx: Context, out: { write(text: string): unknown }): Driver {
  const lines = pipedLines(ctx.stdin, MAX_ANSWER_CHARS);
  const nextLine = () => lines.next();
  return {
    async ask(p, head, limitMs) {
      out.write(plainQuestion(p, head, limitMs, ctx.width));
      const started = ctx.now().getTime();
      let timer: NodeJS.Timeout | undefined;
      let onAbort = () => {};
      const timeout = new Promise<"timeout" | "interrupted">((resolve) => {
        if (limitMs !== undefined) timer = setTimeout(() => resolve("timeout"), limitMs);
        onAbort = () => resolve("interrupted");
        ctx.signal.addEventListener("abort", onAbort, { once: true });
      });
      try {
        // A line that is not an answer (a letter with no choice) is said to be so, and the next line is read.
        for (;;) {
          const read = nextLine();
          const line = ctx.signal.aborted ? "interrupted" : await Promise.race([read.line, timeout]);
          const ms = ctx.now().getTime() - started;
          if (line === "interrupted" || line === "timeout") read.cancel();
          if (line === "interrupted") return { answer: null, ms, timedOut: false, interrupted: true };
          if (line === "timeout") return { answer: null, ms, timedOut: true };
          if (line === undefined) return { answer: null, ms, timedOut: false, quit: true };
          if (line.cut) out.write(`${chalk.yellow(cutNotice())}\n`);
          const given = parseScripted(p, line.text);
          if ("answer" in given) return { answer: given.answer, ms, timedOut: false };
          out.write(`${chalk.yellow(given.invalid)}\n`);
        }
      } finally {
        clearTimeout(timer);
        ctx.signal.removeEventListener("abort", onAbort);
      }
    },
    confidence: async () => undefined,
    rate: async (suggested) => ({ rating: suggested }),
    next: async () => true,
    say: (text) => out.write(text),
    close: () => lines.close(),
  };
}

export function interactiveDriver(ctx: Context, opts: { editor?: boolean; confidence?: boolean }): Driver {
  const io = { input: ctx.stdin, output: ctx.stdout };
  return {
    async ask(p, head, limitMs, roundOver) {
      const { askQuestion } = await import("../ui/prompts.js");
      const started = ctx.now().getTime();
      // One controller for the deadline and Ctrl-C, held until the prompt settles: a signal made with
      // AbortSignal.any over AbortSignal.timeout can be collected before its timer fires, and the question never ends.
      const stop = new AbortController();
      const onInterrupt = () => stop.abort(ctx.signal.reason);
      ctx.signal.addEventListener("abort", onInterrupt, { once: true });
      if (ctx.signal.aborted) stop.abort(ctx.signal.reason);
      // The question prompt ends itself at its deadline and says so; this timer ends the editor, and any prompt that did not.
      const timer =
        limitMs !== undefined
          ? setTimeout(() => stop.abort(new Error("time is up")), limitMs + (p.kind === "lines" && opts.editor ? 0 : 500))
          : undefined;
      const signal = stop.signal;
      try {
        let answerValue: Answer;
        if (p.kind === "lines" && opts.editor) {
          const { editor } = await import("@inquirer/prompts");
          ctx.stdout.write(`${head}\n`);
          const written = await editor(
            { message: wrap(p.question.prompt, ctx.width), default: editorText(p.question.prompt), waitForUserInput: false },
            { ...io, signal },
          );
          answerValue = fromEditor(written) || null;
        } else {
          const response = await askQuestion(
            {
              header: head,
              prompt: p.question.prompt,
              kind: p.kind,
              choices: p.choices,
              deadline: limitMs !== undefined ? started + limitMs : undefined,
              hint:
                p.question.type === "scenario" && p.question.instance.answer.kind === "number"
                  ? `a number, in ${p.question.instance.answer.unit}`
                  : undefined,
              totalMs: limitMs,
              picks: p.picks,
              endAtDeadline: true,
              width: ctx.width,
            },
            { ...io, signal },
          );
          if (response.kind === "timeout")
            return { answer: null, ms: ctx.now().getTime() - started, timedOut: true, roundOver: roundOver() };
          answerValue =
            response.kind === "skip" || response.kind === "key"
              ? null
              : response.kind === "text"
                ? response.text
                : toAnswer(p, response.kind === "one" ? [response.index] : response.indexes);
        }
        return { answer: answerValue, ms: ctx.now().getTime() - started, timedOut: false };
      } catch (err) {
        if ((err as Error).name !== "AbortPromptError") throw err;
        const ms = ctx.now().getTime() - started;
        if (ctx.signal.aborted) return { answer: null, ms, timedOut: false, interrupted: true };
        return { answer: null, ms, timedOut: true, roundOver: roundOver() };
      } finally {
        clearTimeout(timer);
        ctx.signal.removeEventListener("abort", onInterrupt);
      }
    },
    async confidence() {
      if (!opts.confidence) return undefined;
      const { select: choose } = await import("@inquirer/prompts");
      return choose<Confidence>(
        {
          message: "How sure are you?",
          choices: [
            { name: "Sure", value: "sure" },
            { name: "Unsure", value: "unsure" },
            { name: "Guessing", value: "guess" },
          ],
        },
        { ...io, signal: ctx.signal },
      );
    },
    async rate(suggested) {
      const { select: choose, Separator } = await import("@inquirer/prompts");
      let flag: Flag | undefined;
      for (;;) {
        const picked = await choose<RatingName | Flag>(
          {
            message: flag
              ? `Flagged: ${FLAG_TEXT[flag].toLowerCase()}. Your grade:`
              : "Your grade (it schedules the next review; Good or Again overrules the grader):",
            default: suggested,
            choices: [
              { name: "Again: I did not know it", value: "again" },
              { name: "Hard: partly, with effort", value: "hard" },
              { name: "Good: I knew it", value: "good" },
              { name: "Easy: I knew it cold", value: "easy" },
              ...(flag
                ? []
                : [
                    new Separator(),
                    { name: `! Flag: ${FLAG_TEXT.grader}`, value: "grader" as const },
                    { name: `! Flag: ${FLAG_TEXT.question}`, value: "question" as const },
                  ]),
            ],
          },
          { ...io, signal: ctx.signal },
        );
        if (picked === "grader" || picked === "question") flag = picked;
        else return { rating: picked, ...(flag ? { flag } : {}) };
      }
    },
    async next() {
      const { askContinue } = await import("../ui/prompts.js");
      try {
        return (
          (await askContinue({ message: "Enter for the next question · q to end the round" }, { ...io, signal: ctx.signal })) === "next"
        );
      } catch (err) {
        if ((err as Error).name === "AbortPromptError") return false;
        throw err;
      }
    },
    say: (text) => ctx.stdout.write(text),
    close: () => {},
  };
}
