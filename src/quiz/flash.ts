// Flashcards graded by the person, as Anki grades open cards: they answer aloud, then tick the key points they said.
// Pure: the checklist of a card, the line a script types, and the grade and rating that the ticks give.
import { quoted } from "../text/control.js";
import type { Grade } from "./grade.js";
import type { AnyQuestion } from "./question.js";
import { RATINGS, type RatingName } from "./ratings.js";

export interface FlashPoint {
  text: string;
  /** A passing answer must say it. */
  core: boolean;
}

/** What to tick: a recall question's key points; any other question has one point, its answer. */
export function flashPoints(q: AnyQuestion): FlashPoint[] {
  if (q.type === "recall") return q.keyPoints.map((k) => ({ text: k.point, core: k.core === true }));
  return [{ text: "I had the right answer", core: true }];
}

export type Ticks = { ticked: number[]; rating?: RatingName } | { error: string };

/**
 * One scripted line: the numbers of the points said (1-based, "1 3" or "1,3"), "all", or "none" (or an empty line),
 * optionally followed by a grade that overrides the proposed one ("1 3 good").
 */
export function parseTicks(line: string, count: number): Ticks {
  const words = line
    .trim()
    .toLowerCase()
    .split(/[\s,;]+/)
    .filter(Boolean);
  let rating: RatingName | undefined;
  if (words.length && (RATINGS as readonly string[]).includes(words.at(-1) ?? "")) rating = words.pop() as RatingName;
  if (words.length === 1 && words[0] === "all") return { ticked: Array.from({ length: count }, (_, i) => i), rating };
  if (!words.length || (words.length === 1 && (words[0] === "none" || words[0] === "-"))) return { ticked: [], rating };
  const ticked = new Set<number>();
  for (const w of words) {
    const n = Number(w);
    if (!/^\d+$/.test(w) || n < 1 || n > count) {
      return {
        error: `${quoted(w)} is not a point number from 1 to ${count}. Type the numbers of the points you said (such as 1 3), all or none, and a grade if you want one (again, hard, good, easy).`,
      };
    }
    ticked.add(n - 1);
  }
  return { ticked: [...ticked].sort((a, b) => a - b), rating };
}

/**
 * The grade the ticks give, by the grader's rule: every core point said passes (without core points, the share of
 * points against `pass`); the score is the share of every point said, depth included.
 */
export function selfGrade(points: FlashPoint[], ticked: number[], pass: number): Grade {
  const said = new Set(ticked);
  const keyPoints = points.map((p, i) => ({ point: p.text, covered: said.has(i), core: p.core }));
  const score = points.length ? keyPoints.filter((k) => k.covered).length / points.length : 0;
  const cores = keyPoints.filter((k) => k.core);
  const correct = cores.length ? cores.every((k) => k.covered) : score >= pass - 1e-9;
  return { score, correct, keyPoints };
}

/** The grade proposed from the ticks: a miss is again, every point said is good, a pass short of depth is hard. */
export function proposedRating(g: Grade): RatingName {
  if (!g.correct) return "again";
  return g.score >= 1 ? "good" : "hard";
}
