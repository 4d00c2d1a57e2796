import { stemmer } from "stemmer";

/**
 * Words the Porter stemmer would merge with another Kafka idea: a producer is not "produce", a consumer is not
 * "consumed", stateful is not "state", a partitioner is not a partition. Agent nouns in -er/-or and adjectives in
 * -ful keep their ending; only a plural s goes.
 */
const KEEP_ENDING = /(?:er|or|ful)$/;

/**
 * The grading stem: the Porter algorithm (the `stemmer` package), so "replicas" is "replica", "committing" is
 * "commit" and "acknowledgement" is "acknowledgment", with Kafka's agent nouns kept apart.
 */
export function stem(word: string): string {
  const w = word.toLowerCase();
  if (w.length <= 2) return w;
  const singular = w.length > 4 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w;
  if (KEEP_ENDING.test(singular) && singular.length > 4) return singular;
  return stemmer(w);
}
