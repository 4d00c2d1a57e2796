// What a mock exam says before its clock starts: how many questions, how long, the pass mark and the keys.
import chalk from "chalk";
import { count } from "../text/count.js";
import { durationText } from "../time/duration.js";
import { wrap } from "./wrap.js";

export interface ExamIntro {
  count: number;
  seconds: number;
  passPercent: number;
  /** The filters the questions come from, as typed: "--type mcq,multi". */
  filters: string[];
  /** What the preset is and is not. */
  preset?: string;
  interactive: boolean;
}

/** The keys of an exam question, as the intro and each question's help line name them. */
export const EXAM_KEYS = "Enter answers and goes on · Tab next · Shift-Tab back · Ctrl-F flag for review · Ctrl-R review screen";

export function examIntroText(i: ExamIntro, width: number): string {
  const time = i.seconds % 60 === 0 ? count(i.seconds / 60, "minute") : durationText(i.seconds * 1000);
  const out = ["", chalk.bold(`Mock exam: ${count(i.count, "question")} · ${time} · pass mark ${i.passPercent}%`)];
  if (i.preset) out.push(wrap(i.preset, width));
  if (i.filters.length) out.push(`Questions from: ${i.filters.join(" ")}`);
  out.push(wrap("One clock for the whole exam; no feedback until you submit. Unanswered questions score 0.", width));
  if (i.interactive) {
    out.push(wrap(`Keys: ${EXAM_KEYS}. Ctrl-C stops the exam and keeps the answers given.`, width));
  } else {
    out.push(wrap("One answer a line, in order, as in a quiz; an empty line leaves a question unanswered. The clock starts now.", width));
  }
  return `${out.join("\n")}\n`;
}
