// The settings a new store starts with; light, so help texts and the README can quote them without opening a store.

export interface Settings {
  /** Share of key points a recall answer needs to pass. */
  recallPass: number;
  /** The recall probability reviews are scheduled for (FSRS request_retention). */
  desiredRetention: number;
  check: { minScore: number; minCoverage: number; minRecall: number };
}

export const DEFAULT_SETTINGS: Settings = {
  recallPass: 0.6,
  desiredRetention: 0.9,
  check: { minScore: 80, minCoverage: 60, minRecall: 70 },
};
