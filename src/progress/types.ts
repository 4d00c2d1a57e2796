import { z } from "zod";
import { LEVELS, TOPICS } from "../bank/constants.js";
import { CONFIDENCE, RATINGS } from "../quiz/ratings.js";
import { EARLIEST_TIME, FLAGS, MAX_ANSWER_CHARS, MAX_ANSWER_ITEM_CHARS, MAX_ANSWER_ITEMS, MAX_ID_CHARS } from "./records.js";

export { CONFIDENCE, type Confidence, RATINGS, type RatingName } from "../quiz/ratings.js";

const id = z.string().min(1).max(MAX_ID_CHARS);
/** An ISO time in UTC, from 1970 on. */
const time = z
  .string()
  .datetime()
  .refine((s) => s >= EARLIEST_TIME);

/** One answered (or timed-out, or skipped) question: one line of the append-only history. The store reads lines
 * with checkAttempt (records.ts), which a test proves gives this schema's verdict on every shape. */
export const attemptSchema = z.object({
  /** Unique, so import can merge without duplicating. */
  id,
  roundId: id,
  questionId: id,
  /** ISO time the answer was graded. */
  at: time,
  level: z.enum(LEVELS),
  topics: z.array(z.enum(TOPICS)),
  type: z.string().max(MAX_ID_CHARS),
  /** What was answered: a choice text, list of texts, boolean or free text; null when timed out or skipped. */
  answer: z.union([
    z.string().max(MAX_ANSWER_CHARS),
    z.array(z.string().max(MAX_ANSWER_ITEM_CHARS)).max(MAX_ANSWER_ITEMS),
    z.boolean(),
    z.null(),
  ]),
  score: z.number().min(0).max(1),
  correct: z.boolean(),
  rating: z.enum(RATINGS),
  ms: z.number().int().min(0),
  timedOut: z.boolean().default(false),
  skipped: z.boolean().default(false),
  confidence: z.enum(CONFIDENCE).optional(),
  /** For a generated scenario (questionId is its family): the instance asked, as family#seed. */
  instance: id.optional(),
  /** This line corrects an earlier attempt (its id): the person's own grade overrides the grader's. It repeats that
   * attempt's question, time and answer; `rating` and `correct` are the person's, `graded` the grader's verdict. */
  amends: id.optional(),
  graded: z.boolean().optional(),
  /** The person flagged the attempt: the grader got it wrong, or the question itself is wrong. */
  flag: z.enum(FLAGS).optional(),
  /** A flashcard: the person answered aloud and ticked the key points they said; `answer` lists those points. */
  selfGraded: z.boolean().optional(),
});
export type Attempt = z.infer<typeof attemptSchema>;

/** One round (quiz or exam), appended when it ends or is interrupted. */
export const roundSchema = z.object({
  id,
  kind: z.enum(["quiz", "exam"]),
  startedAt: time,
  endedAt: time,
  total: z.number().int().min(0),
  answered: z.number().int().min(0),
  correct: z.number().int().min(0),
  /** The round's score, 0..1: the share of the questions asked that were right (of all its questions for an exam). */
  score: z.number().min(0).max(1),
  interrupted: z.boolean().default(false),
});
export type Round = z.infer<typeof roundSchema>;
