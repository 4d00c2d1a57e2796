import { stemmer } from "stemmer";

/**
 * Words the Porter stemmer would merge with another Kafka idea: a producer is not "produce", a consumer is not
 * "consumed", stateful is not "state", a partitioner is not a partition. Agent nouns in -er/-or and adjectives in
 * -ful keep their ending; only a plural s goes.
 */
const KEEP_ENDING = /(?:er|or|ful)$/;

/**
 * Irregular verb forms the Porter algorithm cannot see, as their base form: "the id is chosen by the application"
 * says "chooses", "records are lost" says "lose". The common ones in answers only; a full lemmatiser costs a
 * dictionary load (wink-lemmatizer: 170 ms) for a few dozen words.
 */
const IRREGULAR = new Map(
  Object.entries({
    chose: "choose",
    chosen: "choose",
    kept: "keep",
    lost: "lose",
    sent: "send",
    wrote: "write",
    written: "write",
    made: "make",
    held: "hold",
    got: "get",
    gotten: "get",
    gave: "give",
    given: "give",
    took: "take",
    taken: "take",
    built: "build",
    brought: "bring",
    began: "begin",
    begun: "begin",
    knew: "know",
    known: "know",
    caught: "catch",
    fell: "fall",
    fallen: "fall",
    broke: "break",
    broken: "break",
    threw: "throw",
    thrown: "throw",
    found: "find",
    told: "tell",
    paid: "pay",
    ran: "run",
    led: "lead",
    met: "meet",
    hid: "hide",
    hidden: "hide",
  }),
);

/** British -ise spellings stem as the -ize ones do: "parallelises" is "parallelizes", "minimise" is "minimize". */
const ISE = /is(e|es|ed|ing|ation|ations|er|ers)$/;
function britishToAmerican(w: string): string {
  return w.length >= 7 && ISE.test(w) ? w.replace(ISE, "iz$1") : w;
}

/**
 * The grading stem: the Porter algorithm (the `stemmer` package), so "replicas" is "replica", "committing" is
 * "commit" and "acknowledgement" is "acknowledgment", with Kafka's agent nouns kept apart.
 */
export function stem(word: string): string {
  const w = britishToAmerican(word.toLowerCase());
  if (w.length <= 2) return w;
  const base = IRREGULAR.get(w);
  if (base) return stemmer(base);
  const singular = w.length > 4 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w;
  if (KEEP_ENDING.test(singular) && singular.length > 4) return singular;
  return stemmer(w);
}
