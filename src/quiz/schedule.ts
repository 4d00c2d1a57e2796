import { type Card, createEmptyCard, dateDiffInDays, type FSRS, fsrs, type Grade, Rating, State } from "ts-fsrs";
import type { Confidence, RatingName } from "./ratings.js";

export type { RatingName };

import { addDays, dayKey, endOfDay } from "../time/calendar.js";

export type { Card };

const GRADES: Record<RatingName, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

export const DEFAULT_RETENTION = 0.9;

const schedulers = new Map<number, FSRS>();

/** One scheduler per target retention. No fuzz, so a history always replays to the same cards; no
 * minute-long learning steps, because a quiz round asks each question once rather than drilling it. */
export function scheduler(desiredRetention = DEFAULT_RETENTION): FSRS {
  let f = schedulers.get(desiredRetention);
  if (!f) {
    f = fsrs({ request_retention: desiredRetention, enable_fuzz: false, enable_short_term: false });
    schedulers.set(desiredRetention, f);
  }
  return f;
}

export interface RatingInput {
  correct: boolean;
  /** 0..1 */
  score?: number;
  ms: number;
  /** The time limit for the question; 0 or undefined when untimed. */
  limitMs?: number;
  timedOut?: boolean;
  /** How sure the person said they were, before the answer was revealed (--confidence). */
  confidence?: Confidence;
}

const ORDER: RatingName[] = ["again", "hard", "good", "easy"];
/** The best rating an answer given with this confidence can earn: a right guess is luck, not recall. */
const CAP: Record<Confidence, RatingName> = { sure: "easy", unsure: "good", guess: "hard" };

/** Wrong or out of time is "again"; right but slow is "hard"; right and quick is "easy"; otherwise "good".
 * A partly right answer (score below 1 but passing) is never better than "good"; a right answer marked "unsure" is
 * never better than "good", and one marked "guess" never better than "hard". */
export function ratingFor({ correct, score = correct ? 1 : 0, ms, limitMs, timedOut, confidence }: RatingInput): RatingName {
  if (!correct || timedOut) return "again";
  const timed = typeof limitMs === "number" && limitMs > 0;
  const slow = timed ? ms > limitMs * 0.75 : ms > 60_000;
  const fast = timed ? ms < limitMs * 0.25 : ms < 10_000;
  const rating: RatingName = slow ? "hard" : fast && score >= 1 ? "easy" : "good";
  const cap = confidence ? CAP[confidence] : "easy";
  return ORDER.indexOf(rating) > ORDER.indexOf(cap) ? cap : rating;
}

/** The card after one review; a question seen for the first time starts from an empty card. */
export function review(card: Card | undefined, rating: RatingName, now: Date, desiredRetention = DEFAULT_RETENTION): Card {
  const current: Card = card ?? createEmptyCard<Card>(now);
  // A review recorded out of order (another terminal, an import) must not move time backwards.
  const at = current.last_review && current.last_review.getTime() > now.getTime() ? current.last_review : now;
  return longTermStep(scheduler(desiredRetention), current, at, GRADES[rating]);
}

/** One scheduler's formulas with their constant parts worked out once: the same arithmetic, in the same order, as
 * ts-fsrs's FSRSAlgorithm (next_state, next_interval, forgetting_curve) for the long-term scheduler without fuzz,
 * which reads its parameters through a Proxy and recomputes its constants at every call. */
interface Formulas {
  w: number[];
  decay: number;
  factor: number;
  expW8: number;
  easyDifficulty: number;
  intervalModifier: number;
  maximumInterval: number;
}

const formulasOf = new WeakMap<FSRS, Formulas>();
const S_MIN = 1e-3;
const round8 = (x: number) => Math.round(x * 1e8) / 1e8;
const clamp = (x: number, min: number, max: number) => Math.min(Math.max(x, min), max);

function formulas(f: FSRS): Formulas {
  let k = formulasOf.get(f);
  if (!k) {
    const p = f.parameters;
    const w = [...p.w];
    const decay = -w[20];
    k = {
      w,
      decay,
      factor: round8(Math.exp(decay ** -1 * Math.log(0.9)) - 1),
      expW8: Math.exp(w[8]),
      easyDifficulty: round8(w[4] - Math.exp((Rating.Easy - 1) * w[5]) + 1),
      intervalModifier: f.interval_modifier,
      maximumInterval: p.maximum_interval,
    };
    formulasOf.set(f, k);
  }
  return k;
}

/** The stability after a review with each grade up to `upTo` (index grade - 1), ts-fsrs's next_state for a plain
 * card: the parts every grade shares are worked out once, each product keeping ts-fsrs's order of operations. */
function nextStabilities(k: Formulas, d: number, s: number, upTo: Grade, r: number): number[] {
  const w = k.w;
  const afterFail = round8(clamp(w[11] * d ** -w[12] * ((s + 1) ** w[13] - 1) * Math.exp((1 - r) * w[14]), S_MIN, 36500));
  const out = [clamp(round8(s / Math.exp(0 * 0)), S_MIN, afterFail)];
  const growth = k.expW8 * (11 - d) * s ** -w[9] * (Math.exp((1 - r) * w[10]) - 1);
  for (let g = Rating.Hard; g <= upTo; g++) {
    const hardPenalty = g === Rating.Hard ? w[15] : 1;
    const easyBound = g === Rating.Easy ? w[16] : 1;
    out.push(round8(clamp(s * (1 + growth * hardPenalty * easyBound), S_MIN, 36500)));
  }
  return out;
}

/** ts-fsrs's next difficulty after a review with grade `g`. */
function nextDifficulty(k: Formulas, d: number, g: Grade): number {
  const w = k.w;
  const deltaD = -w[6] * (g - 3);
  const nextD = d + round8((deltaD * (10 - d)) / 9);
  return clamp(round8(w[7] * k.easyDifficulty + (1 - w[7]) * nextD), 1, 10);
}

const DAY_MS = 24 * 60 * 60 * 1e3;
/** Before the year 100 Date.UTC reads a year as 19xx; ts-fsrs's day count is kept as it is there. */
const YEAR_100 = -59_011_459_200_000;

/** The card ts-fsrs's long-term scheduler gives for one grade (no fuzz, no short-term steps), computed for that grade
 * alone from the scheduler's own formulas instead of building all four outcomes: about ten times faster, so a history
 * of 100,000 answers replays in a fraction of a second. test/unit/schedule.test.ts proves it equals `next`. */
export function longTermStep(f: FSRS, card: Card, at: Date, grade: Grade): Card {
  const fresh = card.state === State.New;
  const k = formulas(f);
  const atMs = at.getTime();
  const lastMs = card.last_review ? card.last_review.getTime() : Number.NaN;
  const t =
    !fresh && card.last_review
      ? lastMs >= YEAR_100 && atMs >= YEAR_100
        ? Math.floor(atMs / DAY_MS) - Math.floor(lastMs / DAY_MS)
        : dateDiffInDays(card.last_review, at)
      : 0;
  const d = card.difficulty;
  const s = card.stability;
  // Anything ts-fsrs would refuse or treat specially (a first review, odd values) goes to ts-fsrs itself.
  const plain = !fresh && t >= 0 && d >= 1 && s >= S_MIN;
  const r = fresh ? undefined : plain ? round8((1 + (k.factor * t) / s) ** k.decay) : f.forgetting_curve(t, s);
  // The intervals are kept in grade order (again ≤ hard < good < easy), so a grade's depends only on the grades
  // below it and on hard: those are all that is computed.
  const upTo = Math.max(grade, Rating.Hard) as Grade;
  let stabilities: number[];
  let difficulty: number;
  if (plain && r !== undefined) {
    stabilities = nextStabilities(k, d, s, upTo, r);
    difficulty = nextDifficulty(k, d, grade);
  } else {
    const memory = { difficulty: d, stability: s };
    const next = [];
    for (let g = Rating.Again; g <= upTo; g++) next.push(f.next_state(memory, t, g as Grade, r));
    stabilities = next.map((n) => n.stability);
    difficulty = next[grade - 1].difficulty;
  }
  const intervals: number[] = [];
  for (const st of stabilities) intervals.push(Math.round(Math.min(Math.max(1, Math.round(st * k.intervalModifier)), k.maximumInterval)));
  const again = Math.min(intervals[0], intervals[1]);
  let days = Math.max(intervals[1], again + 1);
  if (grade === Rating.Again) days = again;
  for (let g = Rating.Good; g <= grade; g++) days = Math.max(intervals[g - 1], days + 1);
  return {
    due: new Date(atMs + days * DAY_MS),
    stability: stabilities[grade - 1],
    difficulty,
    elapsed_days: t,
    scheduled_days: days,
    learning_steps: 0,
    reps: card.reps + 1,
    lapses: card.lapses + (grade === Rating.Again && !fresh ? 1 : 0),
    state: State.Review,
    last_review: at,
  };
}

/** The FSRS model's probability of recalling the answer at `at`; 0 for a question never answered. */
export function retrievability(card: Card | undefined, at: Date): number {
  if (!card || card.state === State.New || !card.last_review) return 0;
  if (at <= card.last_review) return 1;
  return scheduler().get_retrievability(card, at, false);
}

/**
 * Predicted recall as every screen shows it: the FSRS retrievability, except that a question whose latest answer was
 * wrong (or ran out of time) counts 0 until it is answered right again. FSRS puts recall at 100% the moment a card is
 * reviewed, whatever the answer, because the answer was just shown; having read the answer is not recalling it.
 */
export function predictedRecall(card: Card | undefined, at: Date, latestCorrect: boolean | undefined): number {
  if (latestCorrect === false) return 0;
  return retrievability(card, at);
}

export function isDue(card: Card | undefined, now: Date): boolean {
  return !!card && card.state !== State.New && card.due.getTime() <= now.getTime();
}

/** Mastered: answered at least twice and the scheduler already trusts it for three weeks or more. */
export function isMastered(card: Card | undefined, now: Date): boolean {
  return !!card && card.reps >= 2 && card.stability >= 21 && retrievability(card, now) >= 0.8;
}

/** How many answered questions fall due on each of the next `days` days (day 0 is today and includes overdue ones). */
export function dueForecast(cards: Iterable<Card>, now: Date, days: number): { date: string; due: number }[] {
  const times: Date[] = [];
  for (const card of cards) if (card.state !== State.New) times.push(card.due);
  return forecastOf(times, now, days);
}

/** How many of these due times fall on each of the next `days` local days (day 0 includes overdue ones). */
export function forecastOf(times: Iterable<Date>, now: Date, days: number): { date: string; due: number }[] {
  const out = Array.from({ length: days }, (_, i) => ({ date: dayKey(addDays(now, i)), due: 0 }));
  const ends = out.map((_, i) => endOfDay(addDays(now, i)).getTime());
  for (const due of times) {
    const t = due.getTime();
    const i = ends.findIndex((end) => t <= end);
    if (i >= 0) out[i].due++;
  }
  return out;
}

/** The farthest ahead a review plan looks: ten years. */
export const MAX_PLAN_DAYS = 3653;

/** Each review a card gets from `now` until `until` if it is done on its day and answered "good". The cost depends
 * on the cards, not on the span: a card reviewed "good" at least doubles its interval, so few steps reach any date. */
function eachPlannedReview(cards: Iterable<Card>, now: Date, until: Date, desiredRetention: number, fn: (at: Date) => void): void {
  const last = Math.min(endOfDay(until).getTime(), addDays(now, MAX_PLAN_DAYS).getTime());
  for (const start of cards) {
    if (start.state === State.New) continue;
    let card = start;
    for (let i = 0; i < 200; i++) {
      const at = card.due.getTime() < now.getTime() ? now : card.due;
      if (at.getTime() > last) break;
      fn(at);
      card = review(card, "good", at, desiredRetention);
    }
  }
}

/** How many reviews the plan until `until` holds (at most MAX_PLAN_DAYS ahead). */
export function plannedReviews(cards: Iterable<Card>, now: Date, until: Date, desiredRetention = DEFAULT_RETENTION): number {
  let n = 0;
  eachPlannedReview(cards, now, until, desiredRetention, () => n++);
  return n;
}

/** Reviews per day from `now` until `until` (inclusive, at most MAX_PLAN_DAYS ahead) if every due review is done on
 * its day and answered "good": the plan `check --interview-date` shows. */
export function reviewPlan(
  cards: Iterable<Card>,
  now: Date,
  until: Date,
  desiredRetention = DEFAULT_RETENTION,
): { date: string; reviews: number }[] {
  const perDay = new Map<string, number>();
  const last = Math.min(endOfDay(until).getTime(), addDays(now, MAX_PLAN_DAYS).getTime());
  for (let day = new Date(now); day.getTime() <= last; day = addDays(day, 1)) perDay.set(dayKey(day), 0);
  eachPlannedReview(cards, now, until, desiredRetention, (at) => {
    const key = dayKey(at);
    perDay.set(key, (perDay.get(key) ?? 0) + 1);
  });
  return [...perDay].map(([date, reviews]) => ({ date, reviews }));
}

/** Predicted recall of a card on a future date, assuming it is reviewed ("good") whenever due before then. */
export function recallOn(card: Card | undefined, now: Date, on: Date, desiredRetention = DEFAULT_RETENTION): number {
  if (!card || card.state === State.New) return 0;
  let c = card;
  for (let i = 0; i < 200 && c.due.getTime() < on.getTime(); i++) {
    c = review(c, "good", c.due.getTime() < now.getTime() ? now : c.due, desiredRetention);
  }
  return retrievability(c, on);
}

/** Cards as stored in JSON: dates as ISO strings. */
export interface StoredCard extends Omit<Card, "due" | "last_review"> {
  due: string;
  last_review?: string;
}

export function toStoredCard(card: Card): StoredCard {
  return { ...card, due: card.due.toISOString(), last_review: card.last_review?.toISOString() };
}

export function fromStoredCard(c: StoredCard): Card {
  return { ...c, due: new Date(c.due), last_review: c.last_review ? new Date(c.last_review) : undefined };
}
