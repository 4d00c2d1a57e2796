// Phrase matching for recall key points. A phrase matches when all its content words appear in the answer close
// together, in any order, and the claim is not negated. Linear in the answer's length: the answer is scanned once
// against the question's vocabulary, and each phrase walks its words' positions with pointers that only move forward.
import { isTypo, typoAllowance } from "../../text/typo.js";
import { expandPhrase } from "./lexicon.js";
import { negatedAfter, negationScopes, predicateNegatedAfter } from "./negation.js";
import { BOUNDS, phraseForms, type Token, tokenize } from "./tokens.js";

/** A phrase's words must fall within this many content words of the answer. */
const WINDOW = 8;

export interface Prepared {
  tokens: Token[];
  /** Indexes into tokens of the words that are neither stop words nor breaks. */
  content: number[];
  /** Word count before each content word, for the window: an abbreviation's expansion is one word. */
  place: number[];
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
  const content: number[] = [];
  const place: number[] = [];
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
    const k = content.push(i) - 1;
    place.push(k === 0 ? 0 : place[k - 1] + (t.sameWord ? 0 : 1));
  }
  return { tokens, content, place, clause, scope: negationScopes(tokens), words, stops };
}

/** A word of a phrase, as the vocabulary holds it. */
interface VocabWord {
  token: Token;
  /** The binding prepositions the answer's word must have ("in partition"). */
  preps: string[];
}

export interface CompiledPhrase {
  text: string;
  /** The phrase and its lexicon variants, each as vocabulary ids, and whether it names a bound (min) itself. */
  variants: { ids: number[]; bounded: boolean }[];
}

/** The phrases of one question, compiled once: every distinct phrase word gets an id. */
export interface PhraseSet {
  vocab: VocabWord[];
  byKey: Map<string, number>;
  byStem: Map<string, number[]>;
  /** Ids of typo-tolerant words (five letters or more) by first letter. */
  byInitial: Map<string, number[]>;
  /** Ids of the negation words phrases use; any negation of the answer matches them. */
  negations: number[];
}

export function newPhraseSet(): PhraseSet {
  return { vocab: [], byKey: new Map(), byStem: new Map(), byInitial: new Map(), negations: [] };
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
      const initial = set.byInitial.get(token.raw[0]);
      if (initial) initial.push(id);
      else set.byInitial.set(token.raw[0], [id]);
    }
  }
  return id;
}

/** Adds a phrase and its lexicon variants to the set. */
export function compilePhrase(set: PhraseSet, text: string): CompiledPhrase {
  const variants = phraseForms(text)
    .flatMap(expandPhrase)
    .map((words) => ({
      ids: words.map((w) => addWord(set, w)),
      bounded: words.some((w) => BOUNDS.has(w.raw)),
    }));
  return { text, variants: variants.filter((v) => v.ids.length > 0) };
}

/** Typo verdicts by word pair; the vocabulary of answers and phrases is small, so most lookups repeat. */
const typoCache = new Map<string, boolean>();

function typoMatch(phrase: Token, answer: Token): boolean {
  const max = typoAllowance(phrase.raw);
  if (answer.raw.length < 4 || answer.digit || Math.abs(phrase.raw.length - answer.raw.length) > max + 3) return false;
  const key = `${phrase.raw} ${answer.raw}`;
  let close = typoCache.get(key);
  if (close === undefined) {
    close = isTypo(phrase.stem, answer.stem, max) || isTypo(phrase.raw, answer.raw, max);
    if (typoCache.size > 200_000) typoCache.clear();
    typoCache.set(key, close);
  }
  return close;
}

const hasPreps = (answer: Token, need: string[]) => need.every((p) => answer.preps?.includes(p) === true);

/** Places in content of each vocabulary word, ascending; and the same without the words of a min. name. */
export interface Hits {
  all: number[][];
  unbound: number[][];
}

/** One pass over the answer: where each vocabulary word is. */
export function scan(answer: Prepared, set: PhraseSet): Hits {
  const all: number[][] = set.vocab.map(() => []);
  const typos = new Map<string, number[]>();
  let bound = false;
  for (let k = 0; k < answer.content.length; k++) {
    const t = answer.tokens[answer.content[k]];
    if (t.bound) bound = true;
    if (t.neg) {
      for (const id of set.negations) all[id].push(k);
      continue;
    }
    for (const id of set.byStem.get(t.stem) ?? []) if (hasPreps(t, set.vocab[id].preps)) all[id].push(k);
    let close = typos.get(t.raw);
    if (!close) {
      close = [];
      // Typos rarely hit the first letter; requiring it keeps sync/async and clean/unclean apart.
      for (const id of set.byInitial.get(t.raw[0]) ?? []) {
        const w = set.vocab[id].token;
        if (w.stem !== t.stem && typoMatch(w, t)) close.push(id);
      }
      typos.set(t.raw, close);
    }
    for (const id of close) if (hasPreps(t, set.vocab[id].preps)) all[id].push(k);
  }
  // A word of min.insync.replicas counts only for a phrase that says min too.
  const unbound = bound ? all.map((list) => list.filter((k) => answer.tokens[answer.content[k]].bound === undefined)) : all;
  return { all, unbound };
}

export type Mode = "claim" | "contradiction";

/** The token indexes a phrase matched at, first match that is not negated; undefined when none. */
export function matchPhrase(answer: Prepared, hits: Hits, phrase: CompiledPhrase, mode: Mode = "claim"): number[] | undefined {
  for (const v of phrase.variants) {
    const found = matchVariant(answer, v.bounded ? hits.all : hits.unbound, v.ids, mode);
    if (found) return found;
  }
  return undefined;
}

function matchVariant(answer: Prepared, places: number[][], ids: number[], mode: Mode): number[] | undefined {
  const { content, place } = answer;
  const m = ids.length;
  for (let i = 0; i < m; i++) if (places[ids[i]].length === 0) return undefined;
  // The rarest word first, so a greedy pick leaves common words their other places.
  const lists = ids.map((id) => places[id]).sort((a, b) => a.length - b.length);
  // Longer phrases need more room: three content words per phrase word, and never less than the window.
  const span = Math.max(WINDOW, 3 * m);
  const ptr = new Int32Array(m);
  const chosen = new Array<number>(m);
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
      const at = chosen.map((k) => content[k]).sort((a, b) => a - b);
      if (!denied(answer, at, mode)) return at;
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
  const own = new Set(at.filter((i) => tokens[i].neg));
  const negatedBy = (i: number) => {
    const n = scope[i];
    if (n < 0) return false;
    if (!own.has(n)) return true;
    return scope[n] >= 0 && !own.has(scope[n]);
  };
  const last = at[at.length - 1];
  if (negatedBy(last)) return true;
  if (own.size === 0 && predicateNegatedAfter(tokens, last)) return true;
  for (const i of own) if (negatedBy(i)) return true;
  // A negation the phrase says must deny one of its words: "not commit, is processed again" is no "not processed".
  if (own.size > 0 && !at.some((i) => !tokens[i].neg && own.has(scope[i]))) return true;
  if (mode === "claim") return false;
  if (clause[at[0]] !== clause[last]) return true;
  if (at.some((i) => !tokens[i].neg && negatedBy(i))) return true;
  return own.size === 0 && negatedAfter(tokens, last);
}
