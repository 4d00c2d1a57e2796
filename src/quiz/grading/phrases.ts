// Phrase matching for recall key points. A phrase matches when all its content words appear in the answer close
// together, in any order, and the claim is not negated. Linear in the answer's length: the answer is scanned once
// against the question's vocabulary, and each phrase walks its words' positions with pointers that only move forward.
import { isTypo, typoAllowance } from "../../text/typo.js";
import { expandPhrase } from "./lexicon.js";
import { ADVERBS, AUXILIARIES, negatedAfter, negationScopes, predicateNegatedAfter } from "./negation.js";
import { BOUNDS, phraseForms, type Token, tokenize } from "./tokens.js";

/** A phrase's words must fall within this many content words of the answer. */
const WINDOW = 8;

export interface Prepared {
  tokens: Token[];
  /** Indexes into tokens of the words that are neither stop words nor breaks. */
  content: Int32Array;
  /** Word count before each content word, for the window: an abbreviation's expansion is one word. */
  place: Int32Array;
  /** Clause number of each token: a break starts the next. */
  clause: Int32Array;
  /** The negation that reaches each token, or -1 (see negationScopes). */
  scope: Int32Array;
  /** Word tokens and stop words among them, to tell an explanation from a list of terms. */
  words: number;
  stops: number;
}

export function prepare(text: string): Prepared {
  const tokens = tokenize(text);
  // Typed arrays sized for the worst case: a long answer allocates two buffers, not a growing list of numbers.
  const content = new Int32Array(tokens.length);
  const place = new Int32Array(tokens.length);
  let n = 0;
  const clause = new Int32Array(tokens.length);
  let c = 0;
  let words = 0;
  let stops = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === "break") c++;
    clause[i] = c;
    if (t.kind !== "word") continue;
    words++;
    if (t.stop) {
      stops++;
      continue;
    }
    content[n] = i;
    place[n] = n === 0 ? 0 : place[n - 1] + (t.sameWord ? 0 : 1);
    n++;
  }
  return {
    tokens,
    content: content.subarray(0, n),
    place: place.subarray(0, n),
    clause,
    scope: negationScopes(tokens),
    words,
    stops,
  };
}

/** A word of a phrase, as the vocabulary holds it. */
interface VocabWord {
  token: Token;
  /** The binding prepositions the answer's word must have ("in partition"). */
  preps: string[];
}

interface Variant {
  ids: number[];
  /** For each word, the name it belongs to when that name has two or more words, else -1. */
  chains: number[];
  bounded: boolean;
  /** For a phrase with before or after: for each word, the side of the relation it must stand on in the answer. */
  side?: Int8Array;
}

export interface CompiledPhrase {
  text: string;
  /** The phrase and its lexicon variants, each as vocabulary ids, and whether it names a bound (min) itself. */
  variants: Variant[];
}

/** The phrases of one question, compiled once: every distinct phrase word gets an id. */
export interface PhraseSet {
  vocab: VocabWord[];
  byKey: Map<string, number>;
  byStem: Map<string, number[]>;
  /**
   * Ids of typo-tolerant words (five letters or more) by first letter and length, of the word and of its stem
   * ("r9", "r:7"): a typo keeps the first letter and changes the length by two letters at most.
   */
  byShape: Map<string, number[]>;
  /** Ids of the negation words phrases use; any negation of the answer matches them. */
  negations: number[];
  /** Matching vocabulary ids by answer spelling, typos included, kept across answers: people reuse the same words. */
  typos: Map<string, number[]>;
}

export function newPhraseSet(): PhraseSet {
  return { vocab: [], byKey: new Map(), byStem: new Map(), byShape: new Map(), negations: [], typos: new Map() };
}

function addWord(set: PhraseSet, token: Token): number {
  const preps = token.preps ?? [];
  const key = `${token.neg ? "\0" : token.stem}|${preps.join(",")}`;
  let id = set.byKey.get(key);
  if (id !== undefined) return id;
  id = set.vocab.push({ token, preps }) - 1;
  set.byKey.set(key, id);
  if (token.neg) set.negations.push(id);
  // A negation of a phrase also matches its own word in a name: "not enough replicas" in NotEnoughReplicasException.
  const same = set.byStem.get(token.stem);
  if (same) same.push(id);
  else set.byStem.set(token.stem, [id]);
  if (!token.neg) {
    if (typoAllowance(token.raw) > 0 && !token.digit) {
      for (const shape of [`${token.raw[0]}${token.raw.length}`, `${token.raw[0]}:${token.stem.length}`]) {
        const ids = set.byShape.get(shape);
        if (!ids) set.byShape.set(shape, [id]);
        else if (!ids.includes(id)) ids.push(id);
      }
    }
  }
  return id;
}

/**
 * Adds a phrase and its lexicon variants to the set. A wrong claim (literal) is matched as written: a paraphrase of
 * a wrong claim can be a right one, and the claims are few. Variants made only of given words (the prompt's) are
 * left out: repeating the question's own terms shows nothing.
 */
export function compilePhrase(set: PhraseSet, text: string, literal = false, given?: ReadonlySet<string>): CompiledPhrase {
  const variants = phraseForms(text)
    .flatMap((base) => (literal ? [base] : expandPhrase(base)).map((words) => ({ base, words })))
    .filter(({ words }) => !given || !words.every((w) => !w.neg && given.has(w.stem)))
    .map(({ base, words }): Variant => {
      const size = new Map<number, number>();
      for (const w of words) if (w.chain !== undefined) size.set(w.chain, (size.get(w.chain) ?? 0) + 1);
      return {
        ids: words.map((w) => addWord(set, w)),
        chains: words.map((w) => (w.chain !== undefined && (size.get(w.chain) ?? 0) > 1 ? w.chain : -1)),
        bounded: words.some((w) => BOUNDS.has(w.raw)),
        ...sides(base, words),
      };
    });
  return { text, variants: variants.filter((v) => v.ids.length > 0) };
}

/** Words that order a claim: "commit after processing" is not "process after committing". */
const RELATIONS: ReadonlySet<string> = new Set(["before", "after"]);

/**
 * For a phrase with before or after: which side of it each word of the variant stands on in the phrase as written.
 * -1 before it, 1 after it, 0 for the relation itself or the words a lexicon variant put in its place ("once
 * processed" for "after processing").
 */
function sides(base: Token[], words: Token[]): Pick<Variant, "side"> {
  const at = base.findIndex((w) => RELATIONS.has(w.raw));
  if (at < 0) return {};
  const side = new Int8Array(words.length);
  words.forEach((w, i) => {
    const j = base.indexOf(w);
    side[i] = j < 0 || j === at ? 0 : j < at ? -1 : 1;
  });
  return { side };
}

/**
 * Whether the words chosen (by rarity order) keep their order around the relation, in one clause: the words before it
 * come before it, the words after it after.
 */
function ordered(answer: Prepared, v: Variant, order: number[], chosen: number[]): boolean {
  const { side } = v;
  if (!side) return true;
  let beforeMax = -1;
  let afterMin = Number.MAX_SAFE_INTEGER;
  let relMin = Number.MAX_SAFE_INTEGER;
  let relMax = -1;
  const clause = answer.clause[answer.content[chosen[0]]];
  for (let i = 0; i < order.length; i++) {
    const k = chosen[i];
    if (answer.clause[answer.content[k]] !== clause) return false;
    const s = side[order[i]];
    if (s < 0) beforeMax = Math.max(beforeMax, k);
    else if (s > 0) afterMin = Math.min(afterMin, k);
    else {
      relMin = Math.min(relMin, k);
      relMax = Math.max(relMax, k);
    }
  }
  return beforeMax < relMin && afterMin > relMax;
}

function typoMatch(phrase: Token, answer: Token): boolean {
  const max = typoAllowance(phrase.raw);
  if (answer.raw.length < 4 || answer.digit) return false;
  // Neither spelling nor stem within max edits of length: no typo, and no need to remember the pair.
  if (Math.abs(phrase.raw.length - answer.raw.length) > max && Math.abs(phrase.stem.length - answer.stem.length) > max) return false;
  return isTypo(phrase.stem, answer.stem, max) || isTypo(phrase.raw, answer.raw, max);
}

const hasPreps = (answer: Token, need: string[]) => need.every((p) => answer.preps?.includes(p) === true);

/** Vocabulary words the answer word may be a misspelling of. */
function typoCandidates(set: PhraseSet, t: Token): number[] {
  const out: number[] = [];
  // Typos rarely hit the first letter; requiring it keeps sync/async and clean/unclean apart.
  const c = t.raw[0];
  for (let d = -2; d <= 2; d++) {
    for (const shape of [`${c}${t.raw.length + d}`, `${c}:${t.stem.length + d}`]) {
      for (const id of set.byShape.get(shape) ?? []) {
        if (out.includes(id)) continue;
        const w = set.vocab[id].token;
        if (w.stem !== t.stem && typoMatch(w, t)) out.push(id);
      }
    }
  }
  return out;
}

/** Places in content of each vocabulary word, ascending; and the same without the words of a min. name. */
export interface Hits {
  all: number[][];
  unbound: number[][];
  /** The vocabulary ids of negation words. */
  negationIds: ReadonlySet<number>;
}

/** One pass over the answer: where each vocabulary word is. */
export function scan(answer: Prepared, set: PhraseSet): Hits {
  const all: number[][] = set.vocab.map(() => []);
  const known = set.typos;
  let bound = false;
  for (let k = 0; k < answer.content.length; k++) {
    const t = answer.tokens[answer.content[k]];
    if (t.bound) bound = true;
    if (t.neg) {
      for (const id of set.negations) all[id].push(k);
      continue;
    }
    // The vocabulary words this spelling matches, exactly or as a typo; remembered across answers.
    let ids = known.get(t.raw);
    if (!ids) {
      const exact = set.byStem.get(t.stem) ?? [];
      ids = t.raw.length < 4 || t.digit ? exact : [...exact, ...typoCandidates(set, t)];
      if (known.size > 20_000) known.clear();
      known.set(t.raw, ids);
    }
    for (const id of ids) {
      const need = set.vocab[id].preps;
      if (need.length === 0 || hasPreps(t, need)) all[id].push(k);
    }
  }
  // A word of min.insync.replicas counts only for a phrase that says min too.
  const unbound = bound ? all.map((list) => list.filter((k) => answer.tokens[answer.content[k]].bound === undefined)) : all;
  return { all, unbound, negationIds: negationIdSet(set) };
}

/**
 * claim: the phrase said and not denied; contradiction: a wrong claim said plainly in one clause; negated: the phrase
 * said inside a negation's scope, every word of it, in one clause ("the broker does not discard the duplicate").
 */
const negationSets = new WeakMap<PhraseSet, { n: number; ids: Set<number> }>();

/** The set's negation ids as a set, rebuilt only when phrases were added since. */
function negationIdSet(set: PhraseSet): ReadonlySet<number> {
  let e = negationSets.get(set);
  if (!e || e.n !== set.negations.length) {
    e = { n: set.negations.length, ids: new Set(set.negations) };
    negationSets.set(set, e);
  }
  return e.ids;
}

export type Mode = "claim" | "contradiction" | "negated";

/** The token indexes a phrase matched at: the first match that is not negated and that accept takes; undefined when none. */
export function matchPhrase(
  answer: Prepared,
  hits: Hits,
  phrase: CompiledPhrase,
  mode: Mode = "claim",
  accept: (at: number[]) => boolean = () => true,
): number[] | undefined {
  for (const v of phrase.variants) {
    // A phrase with its own negation ("0 does not wait") is not denied by the answer's negation; it is a claim of its own.
    if (mode === "negated" && v.ids.some((id) => hits.negationIds.has(id))) continue;
    const found = matchVariant(answer, v.bounded ? hits.all : hits.unbound, v, mode, accept);
    if (found) return found;
  }
  return undefined;
}

function matchVariant(
  answer: Prepared,
  places: number[][],
  v: Variant,
  mode: Mode,
  accept: (at: number[]) => boolean,
): number[] | undefined {
  const { content, place } = answer;
  const { ids } = v;
  const m = ids.length;
  for (let i = 0; i < m; i++) if (places[ids[i]].length === 0) return undefined;
  // The rarest word first, so a greedy pick leaves common words their other places.
  const order = ids.map((_, i) => i).sort((a, b) => places[ids[a]].length - places[ids[b]].length);
  const lists = order.map((i) => places[ids[i]]);
  const named = v.chains.some((c) => c >= 0);
  // Longer phrases need more room: three content words per phrase word, and never less than the window.
  const span = Math.max(WINDOW, 3 * m);
  const ptr = new Int32Array(m);
  const chosen = new Array<number>(m);
  const at = new Array<number>(m);
  for (;;) {
    // The next start is the smallest place any word has left: the lists are walked once, together.
    let s = -1;
    for (let i = 0; i < m; i++) if (ptr[i] < lists[i].length && (s < 0 || lists[i][ptr[i]] < s)) s = lists[i][ptr[i]];
    if (s < 0) return undefined;
    const limit = place[s] + span;
    let ok = true;
    let furthest = s;
    for (let i = 0; i < m && ok; i++) {
      const list = lists[i];
      if (ptr[i] >= list.length) return undefined;
      let j = ptr[i];
      while (j < list.length && place[list[j]] < limit && taken(chosen, i, list[j])) j++;
      if (j >= list.length) return undefined;
      if (place[list[j]] >= limit) {
        ok = false;
        furthest = list[j];
      } else chosen[i] = list[j];
    }
    if (ok) {
      // The token indexes in order, in a buffer reused across starts: a long answer tries many.
      for (let i = 0; i < m; i++) {
        const t = content[chosen[i]];
        let j = i;
        while (j > 0 && at[j - 1] > t) {
          at[j] = at[j - 1];
          j--;
        }
        at[j] = t;
      }
      if (
        (!named || together(v.chains, order, chosen)) &&
        ordered(answer, v, order, chosen) &&
        (mode === "negated" ? negatedClaim(answer, at) : !denied(answer, at, mode)) &&
        accept(at)
      )
        return at.slice();
      for (let i = 0; i < m; i++) if (lists[i][ptr[i]] === s) ptr[i]++;
      continue;
    }
    // No window from s holds that word: skip every start too far before it.
    const from = place[furthest] - span;
    for (let i = 0; i < m; i++) {
      const list = lists[i];
      while (ptr[i] < list.length && (list[ptr[i]] <= s || place[list[ptr[i]]] <= from)) ptr[i]++;
    }
  }
}

/**
 * Whether the words of each name stand together in the answer, in order, at most one word apart: "acks=0" is "acks
 * 0" or "acks set to 0", not an "acks" here and a "0" three words on.
 */
function together(chains: number[], order: number[], chosen: number[]): boolean {
  const at = new Array<number>(chains.length);
  order.forEach((word, i) => {
    at[word] = chosen[i];
  });
  for (let w = 1; w < chains.length; w++) {
    if (chains[w] < 0 || chains[w] !== chains[w - 1]) continue;
    const step = at[w] - at[w - 1];
    if (step < 1 || step > 2) return false;
  }
  return true;
}

const taken = (chosen: number[], before: number, k: number) => {
  for (let i = 0; i < before; i++) if (chosen[i] === k) return true;
  return false;
};

/**
 * Whether a match at these token indexes is denied: the last word lies in a negation's scope (a negation the phrase
 * itself matched does not count, unless it is negated in turn), or the predicate after it is negated. A
 * contradiction must also be said plainly: in one clause, with no word of it negated and no negation right after.
 */
function denied(answer: Prepared, at: number[], mode: Mode): boolean {
  const { tokens, scope, clause } = answer;
  let own: Set<number> | undefined;
  for (const i of at) {
    if (!tokens[i].neg) continue;
    own ??= new Set();
    own.add(i);
  }
  const negatedBy = (i: number) => {
    const n = scope[i];
    if (n < 0) return false;
    if (!own?.has(n)) return true;
    return scope[n] >= 0 && !own.has(scope[n]);
  };
  const last = at[at.length - 1];
  // Any word of the phrase in a negation's scope denies it: "never resumes from its committed offset; it starts from
  // the beginning" says no "resume from committed", even with a "from" after the negated clause.
  if (negatedBy(last)) return true;
  // Half the phrase's words in a negation's scope deny it too: "never resumes from its committed offset; it starts
  // from the beginning" says no "resume from committed", whatever "from" comes after the negated clause.
  let words = 0;
  let negated = 0;
  for (const i of at) {
    if (tokens[i].neg) continue;
    words++;
    if (negatedBy(i)) negated++;
  }
  if (2 * negated >= words) return true;
  if (!own && predicateNegatedAfter(tokens, last)) return true;
  if (own) {
    for (const i of own) if (negatedBy(i)) return true;
    // A negation the phrase says must deny one of its words: "not commit, is processed again" is no "not processed".
    if (!at.some((i) => !tokens[i].neg && own?.has(scope[i]))) return true;
    // ...and reaches only its own clause: "messages don't carry a schema id; each embeds the full schema" says no
    // "not full schema".
    for (const n of own) for (const i of at) if (i > n && clause[i] !== clause[n]) return true;
  }
  if (mode === "claim") return false;
  if (clause[at[0]] !== clause[last]) return true;
  return !own && negatedAfter(tokens, last);
}

/** Whether every word of a match lies in the scope of a negation that is not itself denied, all in one clause. */
function negatedClaim(answer: Prepared, at: number[]): boolean {
  const { tokens, scope, clause } = answer;
  const c = clause[at[0]];
  let inScope = 0;
  let negation = -1;
  for (const i of at) {
    if (clause[i] !== c || tokens[i].neg) return false;
    const n = scope[i];
    if (n < 0) continue;
    if (scope[n] >= 0 || !asserting(tokens, n)) return false;
    if (negation < 0) negation = n;
    inScope++;
  }
  // The subject stands before the negation: "the broker does not discard the duplicate" denies "broker discards
  // duplicate". A word after the negation but outside its reach belongs to another claim.
  if (inScope > 0 && inScope < at.length) {
    for (const i of at) if (scope[i] < 0 && i > negation) return false;
    // ...but not from outside a relative clause: "followers that are not lagging" denies nothing of "followers".
    for (let k = at[0]; k < negation; k++) if (RELATIVE_START.has(tokens[k].raw)) return false;
    return true;
  }
  // One word denied says little ("nothing slow in the callback"): a denied claim has two words at least, or a word
  // with its preposition ("not per partition").
  if (at.length < 2 && !tokens[at[0]].preps?.length) return false;
  // "ordering within a partition is not guaranteed": the phrase, then its verb denied right after it.
  if (inScope === at.length) return true;
  // Not when the phrase sits in a relative clause of the subject: "the sub-topology that reads the topic cannot keep up".
  for (let k = at[0] - 1; k >= 0 && clause[k] === c; k--) if (RELATIVE_START.has(tokens[k].raw)) return false;
  return inScope === 0 && deniedVerbAfter(tokens, at[at.length - 1]);
}

/**
 * Whether a negation states that something is not so. "Without" names a condition ("without the checkpoint file,
 * every changelog is replayed"), and a negation that starts its clause gives advice ("do not change the metadata
 * version during the migration"): neither denies a claim.
 */
function asserting(tokens: readonly Token[], n: number): boolean {
  const t = tokens[n];
  if (t.raw === "without") return false;
  // Advice starts a sentence: "Never ..." or "Do not ..." (a "No ..." that starts one is a claim about its noun).
  const at = t.raw === "never" ? n : tokens[n - 1]?.raw === "do" ? n - 1 : -1;
  return at < 0 || (at > 0 && !SENTENCE_START.has(tokens[at - 1].raw));
}

const SENTENCE_START: ReadonlySet<string> = new Set([".", "!", "?", ";", ":"]);

const RELATIVE_START: ReadonlySet<string> = new Set(["that", "which", "who", "whose", "where", "when", "if", "unless", "until", "once"]);

/** Whether the words right after token index at are a negated auxiliary: "is not", "does not", "is also not". */
function deniedVerbAfter(tokens: readonly Token[], at: number): boolean {
  let j = at + 1;
  if (!AUXILIARIES.has(tokens[j]?.raw)) return false;
  while (j < tokens.length && j <= at + 3 && (AUXILIARIES.has(tokens[j].raw) || ADVERBS.has(tokens[j].raw))) j++;
  if (tokens[j]?.neg !== true) return false;
  // The denied verb says the claim is not so ("is not guaranteed", "is not true"), not that it is not enough ("more
  // consumers will not help").
  const verb = tokens[j + 1]?.raw ?? "";
  return /(?:ed|en)$/.test(verb) || STATES.has(verb);
}

const STATES: ReadonlySet<string> = new Set(["true", "possible", "kept", "the", "a", "an", "always", "ever", "there"]);
