// Flashcards on screen: the front (the prompt), the back (the model answer and the points to tick), and what the
// ticks give. The prompts are loaded only in a terminal.
import chalk from "chalk";
import type { Context } from "../context.js";
import type { FlashPoint } from "../quiz/flash.js";
import type { Grade } from "../quiz/grade.js";
import type { Presented } from "../quiz/present.js";
import type { AnyQuestion } from "../quiz/question.js";
import type { RatingName } from "../quiz/schedule.js";
import { correctAnswer } from "./feedback.js";
import { wrap } from "./wrap.js";

/** The line format a script answers a card with. */
export const FLASH_LINE =
  "Tick the points you said: their numbers (such as 1 3), all, or none (an empty line); a grade may follow (1 3 good).";

export function cardFront(q: AnyQuestion, header: string, width: number): string {
  return `\n${header}\n${wrap(chalk.bold(q.prompt.trim()), width)}\n`;
}

/** The back of the card: the model answer, and with `numbered` the points to tick (a script types their numbers). */
export function cardBack(q: AnyQuestion, p: Presented, points: FlashPoint[], width: number, numbered: boolean): string {
  const answer = q.type === "recall" ? q.answer.trim() : correctAnswer(q, p).trim();
  const out = [wrap(`${chalk.bold("Model answer:")} ${answer}`, width)];
  if (numbered) {
    out.push(chalk.bold("Key points:"));
    for (const [i, k] of points.entries()) out.push(wrap(`  ${i + 1}. ${k.text}${k.core ? chalk.dim(" (core)") : ""}`, width, 5));
    out.push(chalk.dim(wrap(FLASH_LINE, width)));
  }
  return `${out.join("\n")}\n`;
}

/** What the ticks give, before the person confirms or changes the grade. */
export function tickedText(points: FlashPoint[], g: Grade, rating: RatingName): string {
  const said = (g.keyPoints ?? []).filter((k) => k.covered).length;
  const cores = points.filter((k) => k.core).length;
  const coreSaid = (g.keyPoints ?? []).filter((k) => k.core && k.covered).length;
  const core = cores ? `, ${coreSaid} of ${cores} core` : "";
  const verdict = g.correct
    ? chalk.green(`✓ Right (${Math.round(g.score * 100)}%)`)
    : chalk.red(`✗ Not yet (${Math.round(g.score * 100)}%)`);
  return `${verdict}: you said ${said} of ${points.length} point${points.length === 1 ? "" : "s"}${core}. Proposed grade: ${rating}.\n`;
}

/** Waits while the person answers aloud: Enter turns the card, q ends. */
export async function askTurn(ctx: Context): Promise<"next" | "quit"> {
  const { askContinue } = await import("./prompts.js");
  return askContinue(
    { message: "Say your answer aloud, then Enter to see the model answer · q to end" },
    { input: ctx.stdin, output: ctx.stdout, signal: ctx.signal },
  );
}

/** The checklist: the person ticks the points they said, core points marked. */
export async function askTicks(ctx: Context, points: FlashPoint[]): Promise<number[]> {
  const { checkbox } = await import("@inquirer/prompts");
  return checkbox<number>(
    {
      message: "Tick the points you said (Space ticks, Enter when done):",
      choices: points.map((k, i) => ({ value: i, name: `${k.text}${k.core ? chalk.dim(" (core)") : ""}` })),
      loop: false,
      pageSize: 10,
    },
    { input: ctx.stdin, output: ctx.stdout, signal: ctx.signal },
  );
}
