// What a valid history line is, checked without zod so that reading the store stays light. The zod schemas in
// types.ts say the same thing (and give the types); test/unit/records.test.ts generates shapes and proves that the
// two agree on every one.
import { LEVELS, TOPICS } from "../bank/constants.js";
import { CONFIDENCE, FLAGS, type Flag, RATINGS } from "../quiz/ratings.js";

/** The longest answer text kept, in characters: a longer one is cut to this when it is recorded. */
export const MAX_ANSWER_CHARS = 10_000;
/** The most items a list answer (several picks, an order) keeps, and the longest item. */
export const MAX_ANSWER_ITEMS = 50;
export const MAX_ANSWER_ITEM_CHARS = 1_000;
/** The longest id, question id, round id or type. */
export const MAX_ID_CHARS = 200;
/** No valid record comes near this; a longer line is damage, and readers skip it without holding it in memory. */
export const MAX_LINE_BYTES = 1024 * 1024;

/** Checks one parsed line; returns what is wrong, or undefined when the record is usable. */
export type LineCheck = (value: unknown) => string | undefined;

/** zod's ISO date-time with no offset (UTC "Z"), seconds required, any fraction: the same pattern, the same verdict. */
const DATE = String.raw`(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))`;
const DATETIME = new RegExp(String.raw`^${DATE}T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z))$`);

const LEVEL_SET = new Set<unknown>(LEVELS);
const TOPIC_SET = new Set<unknown>(TOPICS);
const RATING_SET = new Set<unknown>(RATINGS);
const CONFIDENCE_SET = new Set<unknown>(CONFIDENCE);

export { FLAGS, type Flag };

const FLAG_SET = new Set<unknown>(FLAGS);

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
/** The earliest time a record may have: older ones are damage (a year 0001 made the review schedule throw). A time
 * of the DATETIME form compares as text at or past this from 1970-01-01T00:00:00.000Z on. */
export const EARLIEST_TIME = "1970";
export const isDateTime = (v: unknown): v is string => typeof v === "string" && DATETIME.test(v) && v >= EARLIEST_TIME;
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isId = (v: unknown): v is string => typeof v === "string" && v.length >= 1 && v.length <= MAX_ID_CHARS;
const isScore = (v: unknown) => isNumber(v) && v >= 0 && v <= 1;

function checkAnswer(v: unknown): string | undefined {
  if (v === null || typeof v === "boolean") return undefined;
  if (typeof v === "string") return v.length <= MAX_ANSWER_CHARS ? undefined : `"answer" is longer than ${MAX_ANSWER_CHARS} characters`;
  if (Array.isArray(v)) {
    if (v.length > MAX_ANSWER_ITEMS) return `"answer" has more than ${MAX_ANSWER_ITEMS} items`;
    for (const item of v) {
      if (typeof item !== "string") return '"answer" must be text, a list of texts, true, false or null';
      if (item.length > MAX_ANSWER_ITEM_CHARS) return `"answer" has an item longer than ${MAX_ANSWER_ITEM_CHARS} characters`;
    }
    return undefined;
  }
  return '"answer" must be text, a list of texts, true, false or null';
}

/** One attempt line: the verdict of attemptSchema, without zod. */
export const checkAttempt: LineCheck = (v) => {
  if (!isObject(v)) return "expected a JSON object";
  if (!isId(v.id)) return `"id" must be text of 1 to ${MAX_ID_CHARS} characters`;
  if (!isId(v.roundId)) return `"roundId" must be text of 1 to ${MAX_ID_CHARS} characters`;
  if (!isId(v.questionId)) return `"questionId" must be text of 1 to ${MAX_ID_CHARS} characters`;
  if (!isDateTime(v.at)) return '"at" must be a UTC date and time from 1970 on, like 2026-03-02T12:00:00.000Z';
  if (!LEVEL_SET.has(v.level)) return `"level" must be one of ${LEVELS.join(", ")}`;
  if (!Array.isArray(v.topics) || !v.topics.every((t) => TOPIC_SET.has(t))) return '"topics" must be a list of known topics';
  if (typeof v.type !== "string" || v.type.length > MAX_ID_CHARS) return `"type" must be text of at most ${MAX_ID_CHARS} characters`;
  const answer = checkAnswer(v.answer);
  if (answer) return answer;
  if (!isScore(v.score)) return '"score" must be a number from 0 to 1';
  if (typeof v.correct !== "boolean") return '"correct" must be true or false';
  if (!RATING_SET.has(v.rating)) return `"rating" must be one of ${RATINGS.join(", ")}`;
  if (!isCount(v.ms)) return '"ms" must be a whole number of milliseconds';
  if (v.timedOut !== undefined && typeof v.timedOut !== "boolean") return '"timedOut" must be true or false';
  if (v.skipped !== undefined && typeof v.skipped !== "boolean") return '"skipped" must be true or false';
  if (v.confidence !== undefined && !CONFIDENCE_SET.has(v.confidence)) return `"confidence" must be one of ${CONFIDENCE.join(", ")}`;
  if (v.instance !== undefined && !isId(v.instance)) return `"instance" must be text of 1 to ${MAX_ID_CHARS} characters`;
  if (v.amends !== undefined && !isId(v.amends)) return `"amends" must be text of 1 to ${MAX_ID_CHARS} characters`;
  if (v.graded !== undefined && typeof v.graded !== "boolean") return '"graded" must be true or false';
  if (v.flag !== undefined && !FLAG_SET.has(v.flag)) return `"flag" must be one of ${FLAGS.join(", ")}`;
  if (v.selfGraded !== undefined && typeof v.selfGraded !== "boolean") return '"selfGraded" must be true or false';
  return undefined;
};

/** One round line: the verdict of roundSchema, without zod. */
export const checkRound: LineCheck = (v) => {
  if (!isObject(v)) return "expected a JSON object";
  if (!isId(v.id)) return `"id" must be text of 1 to ${MAX_ID_CHARS} characters`;
  if (v.kind !== "quiz" && v.kind !== "exam") return '"kind" must be quiz or exam';
  if (!isDateTime(v.startedAt)) return '"startedAt" must be a UTC date and time from 1970 on, like 2026-03-02T12:00:00.000Z';
  if (!isDateTime(v.endedAt)) return '"endedAt" must be a UTC date and time from 1970 on, like 2026-03-02T12:00:00.000Z';
  if (!isCount(v.total)) return '"total" must be a whole number';
  if (!isCount(v.answered)) return '"answered" must be a whole number';
  if (!isCount(v.correct)) return '"correct" must be a whole number';
  if (!isScore(v.score)) return '"score" must be a number from 0 to 1';
  if (v.interrupted !== undefined && typeof v.interrupted !== "boolean") return '"interrupted" must be true or false';
  return undefined;
};

/** An answer cut to the limits, so a recorded attempt is always a valid one. */
export function capAnswer<T>(answer: T): T {
  if (typeof answer === "string" && answer.length > MAX_ANSWER_CHARS) return answer.slice(0, MAX_ANSWER_CHARS) as T;
  if (
    Array.isArray(answer) &&
    (answer.length > MAX_ANSWER_ITEMS || answer.some((a) => typeof a === "string" && a.length > MAX_ANSWER_ITEM_CHARS))
  ) {
    return answer.slice(0, MAX_ANSWER_ITEMS).map((a) => (typeof a === "string" ? a.slice(0, MAX_ANSWER_ITEM_CHARS) : a)) as T;
  }
  return answer;
}
