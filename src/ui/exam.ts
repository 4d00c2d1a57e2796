// A mock exam's screens in a terminal: the intro before the clock starts, each question with the keys to move,
// flag and review, and the review screen before submitting.
import { createPrompt, isDownKey, isEnterKey, isUpKey, type KeypressEvent, useKeypress, usePagination, useState } from "@inquirer/core";
import chalk from "chalk";
import type { Context } from "../context.js";
import type { ExamCounts, ExamSlot } from "../quiz/exam.js";
import type { Presented } from "../quiz/present.js";
import { askContinue, askQuestion, countdown, type PromptKey, type Response, useNow } from "./prompts.js";
import { truncate } from "./wrap.js";

export type ExamMove =
  | { kind: "answer"; response: Response }
  | { kind: "next" }
  | { kind: "back" }
  | { kind: "flag" }
  | { kind: "review" }
  | { kind: "interrupted" }
  | { kind: "out-of-time" };

const choiceKind = (p: Presented) => p.kind === "one" || p.kind === "many" || p.kind === "order";

function keysFor(p: Presented): PromptKey[] {
  const arrows = choiceKind(p);
  return [
    {
      name: "next",
      help: arrows ? "→ or Tab next" : "Tab next",
      matches: (k) => (k.name === "tab" && !k.shift) || (arrows && k.name === "right"),
    },
    {
      name: "back",
      help: arrows ? "← or Shift-Tab back" : "Shift-Tab back",
      matches: (k) => (k.name === "tab" && k.shift) || (arrows && k.name === "left"),
    },
    { name: "flag", help: "Ctrl-F flag", matches: (k) => k.ctrl && k.name === "f" },
    { name: "review", help: "Ctrl-R review", matches: (k) => k.ctrl && k.name === "r" },
  ];
}

/** An aborter for Ctrl-C and the exam's deadline, and which of the two fired. */
function stopper(ctx: Context, deadline: number) {
  const stop = new AbortController();
  const onInterrupt = () => stop.abort(ctx.signal.reason);
  ctx.signal.addEventListener("abort", onInterrupt, { once: true });
  if (ctx.signal.aborted) stop.abort(ctx.signal.reason);
  const timer = setTimeout(() => stop.abort(new Error("time is up")), Math.max(0, deadline - ctx.now().getTime()));
  return {
    signal: stop.signal,
    why: (): ExamMove => (ctx.signal.aborted ? { kind: "interrupted" } : { kind: "out-of-time" }),
    done: () => {
      clearTimeout(timer);
      ctx.signal.removeEventListener("abort", onInterrupt);
    },
  };
}

const clearScreen = "\u001b[2J\u001b[H";

export async function askExamQuestion(
  ctx: Context,
  p: Presented,
  slot: ExamSlot,
  initial: Response | undefined,
  where: { position: number; total: number; deadline: number; totalMs: number },
): Promise<ExamMove> {
  const stop = stopper(ctx, where.deadline);
  const flag = slot.flagged ? ` ${chalk.yellow("⚑ flagged")}` : "";
  const header = `${chalk.bold(`Question ${where.position} of ${where.total}`)} ${chalk.dim(`· ${p.question.type}`)}${flag}`;
  ctx.stdout.write(clearScreen);
  try {
    const response = await askQuestion(
      {
        header,
        prompt: p.question.prompt,
        kind: p.kind,
        choices: p.choices,
        deadline: where.deadline,
        totalMs: where.totalMs,
        initial,
        keys: keysFor(p),
        picks: p.picks,
        width: ctx.width,
        hint:
          p.question.type === "scenario" && p.question.instance.answer.kind === "number"
            ? `a number, in ${p.question.instance.answer.unit}`
            : undefined,
      },
      { input: ctx.stdin, output: ctx.stdout, signal: stop.signal },
    );
    if (response.kind === "key") return { kind: response.name } as ExamMove;
    return { kind: "answer", response };
  } catch (err) {
    if ((err as Error).name === "AbortPromptError") return stop.why();
    // Ctrl-C in the prompt's raw mode arrives as a key, not a signal.
    if ((err as Error).name === "ExitPromptError") return { kind: "interrupted" };
    throw err;
  } finally {
    stop.done();
  }
}

export type ReviewChoice = { kind: "submit" } | { kind: "open"; index: number } | { kind: "interrupted" } | { kind: "out-of-time" };

interface ReviewConfig {
  slots: ExamSlot[];
  counts: ExamCounts;
  deadline: number;
  totalMs: number;
  width: number;
}

type Pick = { kind: "submit" } | { kind: "open"; index: number };

const reviewPrompt = createPrompt<Pick, ReviewConfig>((config, done) => {
  const items: Pick[] = [{ kind: "submit" }, ...config.slots.map((_, index) => ({ kind: "open" as const, index }))];
  const [active, setActive] = useState(0);
  const [status, setStatus] = useState<"idle" | "done">("idle");
  const now = useNow(status === "idle" ? config.deadline : undefined);
  useKeypress((key: KeypressEvent) => {
    if (status !== "idle") return;
    if (isEnterKey(key)) {
      setStatus("done");
      done(items[active]);
    } else if (isUpKey(key)) setActive((active - 1 + items.length) % items.length);
    else if (isDownKey(key)) setActive((active + 1) % items.length);
    else if (key.name === "u" || key.name === "f") {
      // The next unanswered (u) or flagged (f) question after the cursor.
      for (let k = 1; k <= config.slots.length; k++) {
        const i = (active - 1 + k + config.slots.length) % config.slots.length;
        const s = config.slots[i];
        if (key.name === "u" ? s.answer === undefined : s.flagged) {
          setActive(i + 1);
          break;
        }
      }
    }
  });
  const c = config.counts;
  const counts = `${c.answered} answered ${chalk.dim("·")} ${c.unanswered} unanswered ${chalk.dim("·")} ${c.flagged} flagged`;
  if (status === "done") return `${chalk.bold("Review before submitting")}\n${counts}`;
  const room = Math.max(20, config.width - 24);
  const page = usePagination({
    items,
    active,
    loop: false,
    pageSize: 12,
    renderItem: ({ item, isActive }) => {
      const cursor = isActive ? chalk.cyan("❯") : " ";
      if (item.kind === "submit")
        return `${cursor} ${chalk.bold(c.unanswered ? `Submit the exam (${c.unanswered} unanswered)` : "Submit the exam")}`;
      const s = config.slots[item.index];
      const state = s.answer === undefined ? chalk.yellow("unanswered") : chalk.green("answered  ");
      const flag = s.flagged ? chalk.yellow("⚑") : " ";
      return `${cursor} ${String(item.index + 1).padStart(3)}. ${state} ${flag} ${chalk.dim(truncate(s.question.prompt, room))}`;
    },
  });
  const timer = countdown(config.deadline - now, config.totalMs);
  return [
    `${chalk.bold("Review before submitting")}  ${timer}\n${counts}\n${page}`,
    chalk.dim("↑↓ move · Enter open the question or submit · u next unanswered · f next flagged"),
  ];
});

export async function reviewScreen(ctx: Context, config: Omit<ReviewConfig, "width">): Promise<ReviewChoice> {
  const stop = stopper(ctx, config.deadline);
  ctx.stdout.write(clearScreen);
  try {
    return await reviewPrompt({ ...config, width: ctx.width }, { input: ctx.stdin, output: ctx.stdout, signal: stop.signal });
  } catch (err) {
    if ((err as Error).name === "AbortPromptError") return stop.why() as ReviewChoice;
    if ((err as Error).name === "ExitPromptError") return { kind: "interrupted" };
    throw err;
  } finally {
    stop.done();
  }
}

/** Before the clock starts: Enter begins, q leaves, Ctrl-C interrupts. */
export async function askToStart(ctx: Context): Promise<"start" | "leave" | "interrupted"> {
  try {
    const io = { input: ctx.stdin, output: ctx.stdout, signal: ctx.signal };
    return (await askContinue({ message: "Enter to start the clock · q to leave" }, io)) === "next" ? "start" : "leave";
  } catch (err) {
    if ((err as Error).name === "AbortPromptError" || (err as Error).name === "ExitPromptError") return "interrupted";
    throw err;
  }
}
