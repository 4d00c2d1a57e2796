// Words as the grader reads them: stemmed, with stop words, negations and clause breaks marked. Built on src/text.

import { CAMEL } from "../../text/letters.js";
import { normalizeText } from "../../text/normalize.js";
import { stem } from "../../text/stem.js";
import { GRADING_STOP } from "../../text/stopwords.js";
import { eachLexeme } from "../../text/tokenize.js";

export const NEGATIONS: ReadonlySet<string> = new Set(["not", "no", "never", "without", "nor", "neither", "none", "nothing"]);

/** Words that end a clause as punctuation does: "not global but per partition", "doesn't wait and can lose records". */
const CLAUSE_BREAKS = new Set(["and", "so", "because", "but", "however", "whereas", "although", "though", "while", "instead", "rather"]);

/**
 * Prepositions that say where or for what, kept because they carry meaning ("in a partition" is not "across
 * partitions"), and bound to the word they govern: in a phrase, "in partition" needs "in" (or within, inside)
 * right before "partition" in the answer, give or take an article.
 */
export const BINDING: ReadonlySet<string> = new Set(["in", "on", "each"]);
/** Words that may stand between a binding preposition and its word: "in each single partition". */
const BINDING_GAP = new Set(["each", "1", "given", "specific", "individual", "same"]);

/** Words read as one: "the latest value for every key" says "per key". Numbers up to ten are digits. */
const SAME_WORD = new Map(
  Object.entries({
    every: "each",
    per: "each",
    within: "in",
    inside: "in",
    another: "other",
    different: "other",
    newest: "latest",
    recent: "latest",
    single: "1",
    zero: "0",
    one: "1",
    two: "2",
    three: "3",
    four: "4",
    five: "5",
    six: "6",
    seven: "7",
    eight: "8",
    nine: "9",
    ten: "10",
  }),
);

/** Kafka abbreviations, read as what they stand for on both sides: "ISR" in a phrase finds "in-sync replicas". */
const ABBREVIATIONS = new Map(
  Object.entries({
    isr: "insync replicas",
    isrs: "insync replicas",
    rf: "replication factor",
    eos: "exactly once semantics",
    dlq: "dead letter queue",
    dlt: "dead letter topic",
    hw: "high watermark",
    leo: "log end offset",
    pid: "producer id",
    urp: "under replicated partitions",
  }),
);

/** Prefixes written apart or with a dash that make one word: non-retryable, re-key, multi-tenant; in-sync, in-flight. */
const PREFIXES = new Set(["non", "re", "pre", "multi", "co"]);
const IN_COMPOUNDS = new Set(["sync", "flight"]);

/**
 * The rest of a name that starts with one of these is about the bound, not the thing: min.insync.replicas does not
 * say "in-sync replicas", so its words only count for phrases that have the min too. (max.poll.interval.ms does
 * say "poll interval", so max is not one.)
 */
export const BOUNDS: ReadonlySet<string> = new Set(["min"]);

export interface Token {
  /** The word as written (lower-cased, SAME_WORD applied), or the punctuation mark for a clause break. */
  raw: string;
  stem: string;
  kind: "word" | "break";
  stop: boolean;
  neg: boolean;
  /** Numbers and names with digits are never typo-matched. */
  digit: boolean;
  /** In a name like min.insync.replicas: the bound (min) a phrase must also have for this word to count. */
  bound?: string;
  /** Part of the expansion of the word before (ISR: in-sync replicas), so no further from other words than it. */
  sameWord?: boolean;
  /** The whole of a camelCase name, after its parts ("zookeeper" after "zoo keeper"): how many parts it joins. */
  joined?: number;
  /** The binding prepositions right before this word ("in", "each"): "in a partition" is partition with "in". */
  preps?: string[];
}

const wordCache = new Map<string, Token>();

/** Tokens are shared and never changed, so each distinct word is stemmed once. */
function word(raw: string): Token {
  let t = wordCache.get(raw);
  if (!t) {
    const digit = /\d/.test(raw);
    t = {
      raw,
      stem: digit ? raw : stem(raw),
      kind: "word",
      stop: GRADING_STOP.has(raw) || BINDING.has(raw),
      neg: NEGATIONS.has(raw),
      digit,
    };
    if (wordCache.size > 50_000) wordCache.clear();
    wordCache.set(raw, t);
  }
  return t;
}

const BREAK_MARKS = new Set([",", ";", ":", "!", "?", "(", ")", "."]);

const breaks = new Map<string, Token>();

function push(out: Token[], text: string, partOfName: boolean, bound?: string, camel = false): void {
  if (BREAK_MARKS.has(text) || CLAUSE_BREAKS.has(text)) {
    let b = breaks.get(text);
    if (!b) {
      b = { raw: text, stem: text, kind: "break", stop: false, neg: false, digit: false };
      breaks.set(text, b);
    }
    out.push(b);
    return;
  }
  let raw = SAME_WORD.get(text) ?? text;
  const prev = out[out.length - 1];
  // "in-sync", "in sync" and "insync" are one word, as are "non-retryable" and "nonretryable"; acks=-1 is acks=all.
  if (prev && prev.kind === "word" && ((IN_COMPOUNDS.has(raw) && prev.raw === "in") || (PREFIXES.has(prev.raw) && /^[a-z]/.test(raw)))) {
    out[out.length - 1] = word(prev.raw + raw);
    return;
  }
  if (raw === "-1" && prev?.raw === "acks") raw = "all";
  // "not only" and "not just" add to a claim; they deny nothing.
  if ((raw === "only" || raw === "just") && prev?.raw === "not") out[out.length - 1] = word("also");
  const expanded = ABBREVIATIONS.get(raw);
  if (expanded) {
    expanded.split(" ").forEach((w, i) => {
      push(out, w, partOfName, bound);
      if (i > 0) out[out.length - 1] = { ...out[out.length - 1], sameWord: true };
    });
    return;
  }
  const t = word(raw);
  // In a camelCase API name every word counts: toStream is not just "stream".
  if (camel && t.stop) out.push({ ...t, stop: false });
  else out.push(partOfName && t.neg ? { ...t, neg: false } : bound ? { ...t, bound } : t);
}

/** Splits text into grading tokens; config names split on . _ - = so `min.insync.replicas` is three words. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let inName = false;
  let bound: string | undefined;
  eachLexeme(normalizeText(text), (lexeme, _mark, joinsNext, camel) => {
    // "not" inside NotEnoughReplicasException or NOT_ENOUGH_REPLICAS names an error; it negates nothing.
    const partOfName = inName || joinsNext || camel;
    if (camel) {
      const parts = lexeme.split(CAMEL);
      for (const part of parts) push(out, part.toLowerCase(), partOfName, inName ? bound : undefined, true);
      // The name joined, too: "ZooKeeper" is also "zookeeper", as people write it.
      out.push({ ...word(lower(lexeme)), stop: false, neg: false, sameWord: true, joined: parts.length });
    } else push(out, lower(lexeme), partOfName, inName ? bound : undefined);
    if (!inName && joinsNext) bound = BOUNDS.has(lower(lexeme)) ? lower(lexeme) : undefined;
    inName = joinsNext;
  });
  bindPrepositions(out);
  return out;
}

const lowerCache = new Map<string, string>();

/** Lower case, remembered: an answer repeats its words, and a long one would otherwise allocate each again. */
function lower(word: string): string {
  let l = lowerCache.get(word);
  if (l === undefined) {
    l = word.toLowerCase();
    if (lowerCache.size > 50_000) lowerCache.clear();
    lowerCache.set(word, l);
  }
  return l;
}

/** Marks each word governed by a binding preposition: in "in each single partition", partition has in and each. */
function bindPrepositions(tokens: Token[]): void {
  let preps: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === "break") {
      preps = [];
      continue;
    }
    if (BINDING.has(t.raw)) {
      preps = [...preps, t.raw];
      continue;
    }
    if (!preps.length) continue;
    if (t.stop || BINDING_GAP.has(t.raw)) {
      if (BINDING_GAP.has(t.raw) && !t.stop) tokens[i] = { ...t, preps };
      continue;
    }
    tokens[i] = { ...t, preps };
    preps = [];
  }
}

const phraseTokens = new Map<string, Token[][]>();

/**
 * The content words of a phrase, with the binding prepositions each needs. A camelCase name counts as its parts
 * ("CooperativeStickyAssignor" is found in "the cooperative sticky assignor"); see phraseForms for the joined form.
 */
export function phraseWords(phrase: string): Token[] {
  return phraseForms(phrase)[0];
}

/** The phrase's words, and when it has a camelCase name, the same with the name joined ("ZooKeeper" as zookeeper). */
export function phraseForms(phrase: string): Token[][] {
  let forms = phraseTokens.get(phrase);
  if (!forms) {
    const words = tokenize(phrase).filter((t) => t.kind === "word" && !t.stop);
    const parts = words.filter((t) => !t.joined);
    const joined: Token[] = [];
    for (const t of words) {
      if (t.joined) joined.splice(joined.length - t.joined, t.joined, { ...t, sameWord: false, joined: undefined });
      else joined.push(t);
    }
    forms = joined.length === parts.length ? [parts] : [parts, joined];
    phraseTokens.set(phrase, forms);
  }
  return forms;
}
