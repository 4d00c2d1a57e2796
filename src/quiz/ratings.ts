// How answers are rated for scheduling and how sure the person was: plain constants, so that reading the store
// does not load zod.

/** How an answer is rated for scheduling; the person may override it for recall questions. */
export const RATINGS = ["again", "hard", "good", "easy"] as const;
export type RatingName = (typeof RATINGS)[number];

export const CONFIDENCE = ["sure", "unsure", "guess"] as const;
export type Confidence = (typeof CONFIDENCE)[number];

/** What a person can flag about an answer: the grader's verdict was wrong, or the question itself is. */
export const FLAGS = ["grader", "question"] as const;
export type Flag = (typeof FLAGS)[number];

/**
 * Right or wrong as it counts, after the person's own grade of a recall answer: Good or Easy makes a failed answer
 * right, Again makes a passed one wrong, Hard keeps the grader's verdict.
 */
export function verdictAfterRating(graded: boolean, rating: RatingName): boolean {
  if (rating === "good" || rating === "easy") return true;
  if (rating === "again") return false;
  return graded;
}
