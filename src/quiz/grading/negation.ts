// Where a negation reaches. A negation denies what follows it in its clause, up to where a new predicate starts;
// "without" denies only its object; a negated verb right after a phrase denies the phrase ("ordering within a
// partition is not guaranteed").
import { ARTICLES, DENIALS, type Token } from "./tokens.js";

/** Verbs that start a predicate: after a negated word and something else, one of these starts a new claim. */
export const AUXILIARIES: ReadonlySet<string> = new Set(
  "is are was were be been am do does did can could will would shall should may might must has have had get gets".split(" "),
);
/** Words that start a relative or subordinate clause, which a negation before it does not reach into. */
const RELATIVES = new Set(["which", "who", "whose", "where", "when", "if", "unless", "until", "once", "since", "as"]);
/** Adverbs that may stand between an auxiliary and its negation: "is also not", "is really not". */
export const ADVERBS: ReadonlySet<string> = new Set(["also", "really", "always", "necessarily", "actually", "strictly", "still", "even"]);
/** How many content words "without" denies: "without a transactional id", "without waiting for the leader". */
const WITHOUT_REACH = 2;

/**
 * For each token, the index of the negation whose scope holds it, or -1. A negation token holds the index of an
 * earlier negation that reaches it (a double negation), or -1. One pass, so grading stays linear.
 */
export function negationScopes(tokens: readonly Token[]): Int32Array {
  const scope = new Int32Array(tokens.length).fill(-1);
  let active = -1;
  let content = 0;
  let thatClause = false;
  let narrow = false;
  let verb = false;
  let determiner = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === "break") {
      active = -1;
      continue;
    }
    if (t.neg) {
      // "neither ... nor" is one negation carried on, not a double one.
      scope[i] = t.raw === "nor" ? -1 : active;
      active = i;
      content = 0;
      thatClause = false;
      narrow = t.raw === "without";
      determiner = t.raw === "no" || t.raw === "none" || t.raw === "nothing";
      verb = false;
      continue;
    }
    if (active < 0) continue;
    // "followers that are not caught up are removed": the second "are" starts a claim the "not" does not reach,
    // unless the negated verb took a that-clause ("does not guarantee that records are ordered").
    // So does a second verb after the negated one: "every record the leader does not have is lost".
    // Two readings keep the scope open: "does not need to be stable" (an auxiliary after "to"), and the verb of a
    // denied subject, "no new leader is elected" (the first auxiliary after "no").
    const open = tokens[i - 1]?.raw === "to" || (determiner && !verb);
    if ((AUXILIARIES.has(t.raw) && (content > 0 || verb) && !thatClause && !open) || RELATIVES.has(t.raw)) {
      active = -1;
      continue;
    }
    if (AUXILIARIES.has(t.raw)) verb = true;
    if (t.raw === "that" && (content > 0 || DENIALS.has(tokens[active].raw))) thatClause = true;
    scope[i] = active;
    if (!t.stop && !t.sameWord) content++;
    if (narrow && content >= WITHOUT_REACH) active = -1;
  }
  return scope;
}

/**
 * Whether the predicate after token index at is negated: "ordering within a partition (by default) is not
 * guaranteed". Looks past at most two content words to the first auxiliary, within the clause.
 */
export function predicateNegatedAfter(tokens: readonly Token[], at: number): boolean {
  let content = 0;
  for (let j = at + 1; j < tokens.length && j <= at + 10; j++) {
    const t = tokens[j];
    if (t.kind === "break" || RELATIVES.has(t.raw) || t.raw === "that" || t.neg) return false;
    if (AUXILIARIES.has(t.raw)) {
      let k = j + 1;
      while (
        k < tokens.length &&
        (ADVERBS.has(tokens[k].raw) || AUXILIARIES.has(tokens[k].raw) || ARTICLES.has(tokens[k].raw)) &&
        k <= j + 3
      )
        k++;
      return tokens[k]?.neg === true;
    }
    if (!t.stop && ++content > 2) return false;
  }
  return false;
}

/** Whether a negation follows closely after token index at, in its clause ("across partitions not guaranteed"). */
export function negatedAfter(tokens: readonly Token[], at: number): boolean {
  let seen = 0;
  for (let j = at + 1; j < tokens.length && j <= at + 8 && seen < 2; j++) {
    const t = tokens[j];
    if (t.kind === "break") return false;
    if (t.neg) return true;
    if (!t.stop) seen++;
  }
  return false;
}
