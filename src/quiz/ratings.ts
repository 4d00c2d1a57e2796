// How answers are rated for scheduling and how sure the person was: plain constants, so that reading the store
// does not load zod.

/** How an answer is rated for scheduling; the person may override it for recall questions. */
export const RATINGS = ["again", "hard", "good", "easy"] as const;
export type RatingName = (typeof RATINGS)[number];

export const CONFIDENCE = ["sure", "unsure", "guess"] as const;
export type Confidence = (typeof CONFIDENCE)[number];
