// Stop words, one list per use, each with its reason. They differ on purpose: search drops the filler of a question,
// grading drops only words that never carry a claim.

/**
 * Search: the filler of a question ("what is", "how does … work", "explain"), which says nothing about which entry
 * is meant. Prepositions go too: a search is a bag of terms.
 */
export const SEARCH_STOP: ReadonlySet<string> = new Set(
  "a an and are as at be by can do does explain for from how i in is it its me mean means of on or really the to vs versus what whats when where which why with work works".split(
    " ",
  ),
);

/**
 * Grading: articles, auxiliaries, pronouns and a few connectives that never carry a claim, and "ms" so that
 * `session.timeout.ms` is also "session timeout". Never a word of MEANING_WORDS.
 */
export const GRADING_STOP: ReadonlySet<string> = new Set(
  (
    "a an the of to is are and for with by it that this be was were been being am as at its or so do does did " +
    "will would can could should shall may might must has have had i you we they he she them their our your my me us " +
    "there then than also just very which who whom these those ms"
  ).split(" "),
);

/**
 * Words that change what a claim says, so grading must never drop them: "in a partition" is not "across
 * partitions", "not idempotent" is not "idempotent", "only the leader" is not "all replicas".
 */
export const MEANING_WORDS: readonly string[] = [
  "in",
  "on",
  "per",
  "each",
  "within",
  "across",
  "between",
  "not",
  "no",
  "only",
  "all",
  "any",
  "from",
  "without",
];
