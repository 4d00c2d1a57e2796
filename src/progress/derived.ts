// Derived state (FSRS cards, attempt and round summaries) and its cache, derived.json. The cache is trusted only
// when it passes its schema and the history it covers has the same size and hash as when it was written; any
// doubt means a rebuild from the history, never an error.
import type { Hash } from "node:crypto";
import { RATINGS } from "../quiz/ratings.js";
import { type Card, fromStoredCard, review, type StoredCard, toStoredCard } from "../quiz/schedule.js";
import { isoTime } from "../time/iso.js";
import { DEFAULT_SETTINGS } from "./defaults.js";
import type { Chunk } from "./files.js";
import { IdFilter, IdSet } from "./history.js";
import { isDateTime, isObject } from "./records.js";
import {
  addAttempt,
  addRound,
  dayKeys,
  emptyRoundSummary,
  emptySummary,
  RECENT_PER_QUESTION,
  RECENT_ROUNDS,
  type RoundSummary,
  type Summary,
} from "./summary.js";
import type { Attempt, Round } from "./types.js";

export const DERIVED_VERSION = 3;
/** The hashed blocks of the history are the files' 1 MiB read chunks. */
export const BLOCK = 1024 * 1024;

export interface Derived {
  cards: Map<string, Card>;
  summary: Summary;
  rounds: RoundSummary;
}

export function emptyDerived(): Derived {
  return { cards: new Map(), summary: emptySummary(), rounds: emptyRoundSummary() };
}

/** The part of a history file a cache has applied: its length, a hash of each 1 MiB block of it, and the number
 * of the line that starts after it (so a cache that checks out needs no count of the lines it covers). */
export interface Covered {
  bytes: number;
  blocks: string[];
  line: number;
}

export interface DerivedFile {
  version: number;
  retention: number;
  attempts: Covered;
  rounds: Covered;
  cards: Record<string, StoredCard>;
  summary: Summary;
  roundSummary: RoundSummary;
  /** Bloom filters of the attempt and round ids covered. */
  ids: { attempts: unknown; rounds: unknown };
}

export interface Filters {
  attempts: IdFilter;
  rounds: IdFilter;
}

// node:crypto takes a few milliseconds to load: an empty history never needs it.
const sha1 = (): Hash => process.getBuiltinModule("node:crypto").createHash("sha1");

/** Hashes [0, n) of a file block by block as its chunks go by. */
export class BlockHasher {
  readonly blocks: string[] = [];
  private hash: Hash | undefined;
  private inBlock = 0;
  constructor(private readonly limit = Number.POSITIVE_INFINITY) {}
  private seen = 0;
  /** Feeds a chunk at file offset `c.offset`; chunks must arrive in order from offset 0. */
  feed(c: Chunk): void {
    let buf = c.buf;
    if (this.seen + buf.length > this.limit) buf = buf.subarray(0, Math.max(0, this.limit - this.seen));
    let pos = 0;
    while (pos < buf.length) {
      const take = Math.min(BLOCK - this.inBlock, buf.length - pos);
      this.hash ??= sha1();
      this.hash.update(buf.subarray(pos, pos + take));
      this.inBlock += take;
      pos += take;
      if (this.inBlock === BLOCK) this.close();
    }
    this.seen += buf.length;
  }
  private close(): void {
    this.blocks.push((this.hash ?? sha1()).digest("hex"));
    this.hash = undefined;
    this.inBlock = 0;
  }
  /** The block hashes of everything fed. */
  done(): string[] {
    if (this.inBlock > 0) this.close();
    return this.blocks;
  }
}

const RATING_INDEX = new Map(RATINGS.map((r, i) => [r, i]));

/** Builds cards from attempts in file order; a question whose attempts are out of time order (an import of older
 * answers) is replayed again in time order at the end, from its attempts alone, so memory stays small. */
export class CardsBuilder {
  readonly cards = new Map<string, Card>();
  private readonly last = new Map<string, number>();
  private readonly unordered = new Set<string>();
  constructor(private readonly retention: number) {}
  add(a: Pick<Attempt, "questionId" | "at" | "rating" | "amends">, t = isoTime(a.at)): void {
    // A correction changes an earlier review: the question is replayed in time order without the line it corrects.
    if (a.amends !== undefined) {
      this.unordered.add(a.questionId);
      return;
    }
    const prev = this.last.get(a.questionId);
    if (prev !== undefined && t < prev) this.unordered.add(a.questionId);
    if (prev === undefined || t > prev) this.last.set(a.questionId, t);
    if (this.unordered.size && this.unordered.has(a.questionId)) return;
    this.cards.set(a.questionId, review(this.cards.get(a.questionId), a.rating, new Date(t), this.retention));
  }
  /** Questions that need a second pass in time order. */
  get needsReplay(): Set<string> {
    return this.unordered;
  }
  /** The second pass: every attempt of the unordered questions, in file order. */
  replayInOrder(attempts: { questionId: string; t: number; i: number; rating: number; id?: string; amends?: string }[]): void {
    // A correction replaces the review of the earlier answer to the same question it names; one naming no such
    // answer is left out. The list is in file order.
    const key = (questionId: string, id: string) => `${questionId}\n${id}`;
    const answers = new Set<string>();
    const amended = new Set<string>();
    const kept = attempts.filter((a) => {
      if (a.amends === undefined) {
        if (a.id !== undefined) answers.add(key(a.questionId, a.id));
        return true;
      }
      if (!answers.has(key(a.questionId, a.amends))) return false;
      amended.add(key(a.questionId, a.amends));
      return true;
    });
    attempts = kept.filter((a) => a.amends !== undefined || a.id === undefined || !amended.has(key(a.questionId, a.id)));
    attempts.sort((x, y) => x.t - y.t || x.i - y.i);
    for (const q of this.unordered) this.cards.delete(q);
    for (const a of attempts) {
      this.cards.set(a.questionId, review(this.cards.get(a.questionId), RATINGS[a.rating], new Date(a.t), this.retention));
    }
  }
  static ratingIndex(r: string): number {
    return RATING_INDEX.get(r as never) ?? 0;
  }
}

/** Cards and summaries from records fed in file order: one pass over the history. Questions whose attempts came out
 * of time order (needsReplay) are replayed from a second, slimmer pass (replayInOrder). */
export class DerivedBuilder {
  private readonly derived = emptyDerived();
  private readonly cards: CardsBuilder;
  private readonly dayOf = dayKeys();
  /** Each question id once: a record's copy of it is swapped for the first one seen, so the several lookups by id
   * that follow find the same string rather than comparing equal ones character by character. */
  private readonly questionIds = new Map<string, string>();
  constructor(retention: number) {
    this.cards = new CardsBuilder(retention);
  }
  /** The answers seen so far (not their corrections), by question and id: a correction counts only after the
   * answer to the same question it names, as in the history people see (withCorrections). */
  private readonly answered = new IdSet();
  attempt(a: Attempt): void {
    if (a.amends === undefined) this.answered.add(`${a.questionId}\n${a.id}`);
    else if (!this.answered.has(`${a.questionId}\n${a.amends}`)) return;
    const id = this.questionIds.get(a.questionId);
    if (id === undefined) this.questionIds.set(a.questionId, a.questionId);
    else a.questionId = id;
    const t = isoTime(a.at);
    this.cards.add(a, t);
    addAttempt(this.derived.summary, a, this.dayOf, t);
  }
  round(r: Round): void {
    addRound(this.derived.rounds, r);
  }
  get needsReplay(): Set<string> {
    return this.cards.needsReplay;
  }
  replayInOrder(attempts: Parameters<CardsBuilder["replayInOrder"]>[0]): void {
    this.cards.replayInOrder(attempts);
  }
  done(): Derived {
    this.derived.cards = this.cards.cards;
    return this.derived;
  }
}

/** Replays attempts in time order (an array, for tests and small histories). */
export function replay(attempts: Attempt[], desiredRetention = DEFAULT_SETTINGS.desiredRetention): Derived {
  const builder = new DerivedBuilder(desiredRetention);
  for (const a of attempts) builder.attempt(a);
  if (builder.needsReplay.size) {
    builder.replayInOrder(
      attempts.flatMap((a, i) =>
        builder.needsReplay.has(a.questionId)
          ? [{ questionId: a.questionId, t: isoTime(a.at), i, rating: CardsBuilder.ratingIndex(a.rating), id: a.id, amends: a.amends }]
          : [],
      ),
    );
  }
  return builder.done();
}

export function serialize(d: Derived, retention: number, attempts: Covered, rounds: Covered, filters: Filters): string {
  const cards: Record<string, StoredCard> = {};
  for (const [id, card] of d.cards) cards[id] = toStoredCard(card);
  const file: DerivedFile = {
    version: DERIVED_VERSION,
    retention,
    attempts,
    rounds,
    cards,
    summary: d.summary,
    roundSummary: d.rounds,
    ids: { attempts: filters.attempts.toJSON(), rounds: filters.rounds.toJSON() },
  };
  return JSON.stringify(file);
}

// The cache's schema, checked by hand (zod is not loaded to read the store). Any value out of place: not trusted.
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isFiniteIn = (v: unknown, min: number, max: number): v is number =>
  typeof v === "number" && Number.isFinite(v) && v >= min && v <= max;
const isTime = (v: unknown): v is string => isDateTime(v) && Number.isFinite(Date.parse(v));
const HASH = /^[0-9a-f]{40}$/;

function validCovered(v: unknown): v is Covered {
  return (
    isObject(v) &&
    isCount(v.bytes) &&
    Number.isSafeInteger(v.line) &&
    (v.line as number) >= 1 &&
    (v.line as number) <= (v.bytes as number) + 1 &&
    Array.isArray(v.blocks) &&
    v.blocks.length === Math.ceil(v.bytes / BLOCK) &&
    v.blocks.every((b) => typeof b === "string" && HASH.test(b))
  );
}

/** A memory state the scheduler takes: none yet (both 0), or a difficulty from 1 to 10 and a stability from
 * 0.001 days to 100 years (ts-fsrs's own bounds; anything else makes the next review throw). */
function validMemory(stability: unknown, difficulty: unknown): boolean {
  if (stability === 0 && difficulty === 0) return true;
  return isFiniteIn(stability, 0.001, 36_500) && isFiniteIn(difficulty, 1, 10);
}

function validCard(c: unknown): c is StoredCard {
  if (!isObject(c)) return false;
  return (
    isTime(c.due) &&
    (c.last_review === undefined || isTime(c.last_review)) &&
    validMemory(c.stability, c.difficulty) &&
    isCount(c.elapsed_days) &&
    isCount(c.scheduled_days) &&
    isCount(c.learning_steps) &&
    isCount(c.reps) &&
    isCount(c.lapses) &&
    (c.state === 0 || c.state === 1 || c.state === 2 || c.state === 3)
  );
}

function validOutcome(o: unknown): boolean {
  return (
    isObject(o) &&
    isTime(o.at) &&
    typeof o.correct === "boolean" &&
    isFiniteIn(o.score, 0, 1) &&
    typeof o.timedOut === "boolean" &&
    (o.confidence === undefined || typeof o.confidence === "string")
  );
}

function validSummary(s: unknown): s is Summary {
  if (!isObject(s) || !isCount(s.attempts) || !isCount(s.correct) || s.correct > s.attempts) return false;
  if (!isFiniteIn(s.scoreSum, 0, s.attempts)) return false;
  if (!isObject(s.questions) || !isObject(s.days)) return false;
  let total = 0;
  for (const [id, q] of Object.entries(s.questions)) {
    if (!isObject(q) || q.questionId !== id || typeof q.level !== "string") return false;
    if (!Array.isArray(q.topics) || !q.topics.every((t) => typeof t === "string")) return false;
    if (!isCount(q.attempts) || q.attempts < 1 || !isCount(q.correct) || q.correct > q.attempts) return false;
    if (!isFiniteIn(q.scoreSum, 0, q.attempts) || !isTime(q.lastAt)) return false;
    if (!Array.isArray(q.recent) || q.recent.length < 1 || q.recent.length > Math.min(RECENT_PER_QUESTION, q.attempts)) return false;
    if (!q.recent.every(validOutcome)) return false;
    total += q.attempts;
  }
  if (total !== s.attempts) return false;
  let days = 0;
  for (const [day, n] of Object.entries(s.days)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !isCount(n) || n < 1) return false;
    days += n;
  }
  return days === s.attempts;
}

function validRounds(r: unknown): r is RoundSummary {
  if (!isObject(r) || !isCount(r.count) || !isFiniteIn(r.scoreSum, 0, r.count)) return false;
  if (!Array.isArray(r.recent) || r.recent.length > Math.min(RECENT_ROUNDS, r.count)) return false;
  return r.recent.every(
    (p) =>
      isObject(p) && isTime(p.at) && typeof p.kind === "string" && isFiniteIn(p.score, 0, 1) && isCount(p.answered) && isCount(p.total),
  );
}

/** The cache, if its content is exactly what a cache holds; the history check comes after (coverage and hashes). */
export function parseDerived(buf: Buffer | undefined, retention: number): (DerivedFile & { filters: Filters }) | undefined {
  if (!buf) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(buf.toString("utf8"));
  } catch {
    return undefined;
  }
  if (!isObject(v) || v.version !== DERIVED_VERSION || v.retention !== retention) return undefined;
  if (!validCovered(v.attempts) || !validCovered(v.rounds)) return undefined;
  if (!isObject(v.cards) || !validSummary(v.summary) || !validRounds(v.roundSummary)) return undefined;
  const cards = Object.entries(v.cards);
  if (cards.length !== Object.keys(v.summary.questions).length) return undefined;
  for (const [id, c] of cards) if (!validCard(c) || !Object.hasOwn(v.summary.questions, id)) return undefined;
  const ids = isObject(v.ids) ? v.ids : {};
  const attempts = IdFilter.fromJSON(ids.attempts);
  const rounds = IdFilter.fromJSON(ids.rounds);
  if (!attempts || !rounds || attempts.count !== v.summary.attempts || rounds.count !== v.roundSummary.count) return undefined;
  return { ...(v as unknown as DerivedFile), filters: { attempts, rounds } };
}

export function derivedFrom(file: DerivedFile): Derived {
  const cards = new Map<string, Card>();
  for (const [id, c] of Object.entries(file.cards)) cards.set(id, fromStoredCard(c));
  // Objects keyed by question id or day have no prototype, so an id like "__proto__" is only a key.
  const summary = {
    ...file.summary,
    questions: Object.assign(Object.create(null), file.summary.questions),
    days: Object.assign(Object.create(null), file.summary.days),
  };
  return { cards, summary, rounds: file.roundSummary };
}
