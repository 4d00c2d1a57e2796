// Text helpers for grading: cloze normalisation, tokenising, a Porter stemmer, typo-tolerant word matching
// and the phrase matcher that decides recall key points. Pure functions, no I/O.

/**
 * Very common words a phrase never needs: the documented list plus auxiliaries and pronouns, and "ms" so that
 * `session.timeout.ms` is also "session timeout". Never within/across/per/each/all/only/not/no/any/from.
 */
const STOP = new Set(
  (
    "a an the of to is are and in on for with by it that this be was were been being am as at its or so do does did " +
    "will would can could should shall may might must has have had i you we they he she them their our your my me us " +
    "there then than also just very which who whom these those ms"
  ).split(" "),
);

const NEGATIONS = new Set(["not", "no", "never", "without", "nor", "neither", "none", "nothing", "cannot"]);

/** Words that end a negation's reach: "not global but per partition", "doesn't wait and can lose records". */
const CLAUSE_BREAKS = new Set(["and", "so", "because", "but", "however", "whereas", "although", "though", "while", "instead", "rather"]);

/** Words read as one: "the latest value for each key" says "per key". Numbers up to ten are digits. */
const SAME_WORD = new Map(
  Object.entries({
    every: "each",
    per: "each",
    inside: "within",
    another: "other",
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
  }),
);

/** A phrase's words must fall within this many content words of the answer. */
const WINDOW = 8;
/** How many content words before a phrase a negation still reaches. */
const NEGATION_REACH = 3;

export interface Token {
  /** The word as written (lower-cased), or the punctuation mark for a clause break. */
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
}

export interface Prepared {
  tokens: Token[];
  /** Indexes into tokens of the words that are neither stop words nor breaks. */
  content: number[];
  /** Word count before each content word, for the window: an abbreviation's expansion is one word. */
  place: number[];
  /** Places in content by stem, for exact matches. */
  byStem: Map<string, number[]>;
  /** Distinct words by first letter with their places in content, for typo matches (which keep the first letter). */
  byInitial: Map<string, { token: Token; at: number[] }[]>;
  /** Places in content of negations. */
  negations: number[];
  /** Places in content matched by a phrase word already looked up, by the phrase word. */
  found: Map<string, number[]>;
}

// Letters and digits after dropping accents; explicit ranges, because \p{L} classes make the first grade of a
// session noticeably slower to compile. U+2000-U+206F is punctuation (dashes, curly quotes).
const W = "a-zA-Z0-9\\u00c0-\\u1fff\\u2070-\\uffff";
const TOKEN = new RegExp(`(?<![${W}])-\\d+(?:\\.\\d+)*|\\d+(?:\\.\\d+)+|[${W}]+|[,;:!?()]|\\.(?![${W}])`, "g");
const NAME_SEPARATOR = new RegExp(`(?<=[${W}])[\\s._-]+(?=[${W}])`, "g");
/** A word joined to the next by . or _ (`max.poll`, `NOT_ENOUGH`), or camelCase: part of a name. */
const NAME_JOIN = new RegExp(`^[._][${W}]`);
const CAMEL = /(?<=[a-z])(?=[A-Z])/;
/** Prefixes written apart or with a dash that make one word: non-retryable, re-key, multi-tenant. */
const PREFIXES = new Set(["non", "re", "pre", "multi", "co"]);

function prepareText(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[’‘`´]/g, "'")
      .replace(/\bcan't\b/gi, "can not")
      .replace(/\bwon't\b/gi, "will not")
      .replace(/\bcannot\b/gi, "can not")
      .replace(/n't\b/gi, " not")
      .replace(/'s\b/gi, "")
      // Thousands separators: 120,000 and 120_000 are 120000.
      .replace(/(\d)[,_](?=\d{3}(?!\d))/g, "$1")
  );
}

/** Splits text into words and clause breaks; config names split on . _ - = so `min.insync.replicas` is three words. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const prepared = prepareText(text);
  let inName = false;
  let bound: string | undefined;
  for (const m of prepared.matchAll(TOKEN)) {
    const end = (m.index ?? 0) + m[0].length;
    const joined = NAME_JOIN.test(prepared.slice(end, end + 2));
    const parts = m[0].split(CAMEL);
    // "not" inside NotEnoughReplicasException or NOT_ENOUGH_REPLICAS names an error; it negates nothing.
    const partOfName = inName || joined || parts.length > 1;
    const lower = m[0].toLowerCase();
    const first = !inName && joined;
    for (const part of parts) push(out, part.toLowerCase(), partOfName, inName ? bound : undefined, parts.length > 1);
    if (first) bound = BOUNDS.has(lower) ? lower : undefined;
    inName = joined;
  }
  return out;
}

/**
 * The rest of a name that starts with one of these is about the bound, not the thing: min.insync.replicas does not
 * say "in-sync replicas", so its words only count for phrases that have the min too. (max.poll.interval.ms does
 * say "poll interval", so max is not one.)
 */
const BOUNDS = new Set(["min"]);

function push(out: Token[], text: string, partOfName: boolean, bound?: string, camel = false): void {
  if (/^[,;:!?().]$/.test(text) || CLAUSE_BREAKS.has(text)) {
    out.push({ raw: text, stem: text, kind: "break", stop: false, neg: false, digit: false });
    return;
  }
  let raw = SAME_WORD.get(text) ?? text;
  const prev = out[out.length - 1];
  // "in-sync", "in sync" and "insync" are one word, as are "non-retryable" and "nonretryable"; acks=-1 is acks=all.
  if ((raw === "sync" && prev?.raw === "in") || (prev && PREFIXES.has(prev.raw) && /^[a-z]/.test(raw))) {
    out[out.length - 1] = word(prev.raw + raw);
    return;
  }
  if (raw === "-1" && prev?.raw === "acks") raw = "all";
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

const wordCache = new Map<string, Token>();

/** Tokens are shared and never changed, so each distinct word is stemmed once. */
function word(raw: string): Token {
  let t = wordCache.get(raw);
  if (!t) {
    const digit = /\d/.test(raw);
    t = { raw, stem: digit ? raw : stem(raw), kind: "word", stop: STOP.has(raw), neg: NEGATIONS.has(raw), digit };
    if (wordCache.size > 50_000) wordCache.clear();
    wordCache.set(raw, t);
  }
  return t;
}

export function prepare(text: string): Prepared {
  const tokens = tokenize(text);
  const content: number[] = [];
  const place: number[] = [];
  const byStem = new Map<string, number[]>();
  const byRaw = new Map<string, { token: Token; at: number[] }>();
  const negations: number[] = [];
  tokens.forEach((t, i) => {
    if (t.kind !== "word" || t.stop) return;
    const k = content.push(i) - 1;
    place.push(k === 0 ? 0 : place[k - 1] + (t.sameWord ? 0 : 1));
    const same = byStem.get(t.stem);
    if (same) same.push(k);
    else byStem.set(t.stem, [k]);
    if (t.neg) negations.push(k);
    const entry = byRaw.get(t.raw);
    if (entry) entry.at.push(k);
    else byRaw.set(t.raw, { token: t, at: [k] });
  });
  const byInitial = new Map<string, { token: Token; at: number[] }[]>();
  for (const entry of byRaw.values()) {
    const initial = entry.token.raw[0];
    byInitial.set(initial, [...(byInitial.get(initial) ?? []), entry]);
  }
  return { tokens, content, place, byStem, byInitial, negations, found: new Map() };
}

// ---- Porter stemmer (M. F. Porter, 1980) ----
// Changed for Kafka answers: -er and -ful stay (producer is not produce, stateful is not state), and a final "e"
// goes so guarantee/guaranteed agree.

function isCons(w: string, i: number): boolean {
  const c = w[i];
  if (c === "a" || c === "e" || c === "i" || c === "o" || c === "u") return false;
  if (c === "y") return i === 0 || !isCons(w, i - 1);
  return true;
}

/** The number of vowel-consonant sequences in w. */
function measure(w: string): number {
  let n = 0;
  let i = 0;
  while (i < w.length && isCons(w, i)) i++;
  while (i < w.length) {
    while (i < w.length && !isCons(w, i)) i++;
    if (i >= w.length) break;
    n++;
    while (i < w.length && isCons(w, i)) i++;
  }
  return n;
}

const hasVowel = (w: string) => [...w].some((_, i) => !isCons(w, i));
const doubleCons = (w: string) => w.length >= 2 && w.at(-1) === w.at(-2) && isCons(w, w.length - 1);
const cvc = (w: string) =>
  w.length >= 3 && isCons(w, w.length - 3) && !isCons(w, w.length - 2) && isCons(w, w.length - 1) && !/[wxy]$/.test(w);

function replaceSuffix(w: string, rules: [string, string][], minMeasure: number): string {
  for (const [suffix, repl] of rules) {
    if (w.endsWith(suffix)) {
      const base = w.slice(0, -suffix.length);
      return measure(base) > minMeasure ? base + repl : w;
    }
  }
  return w;
}

const STEP2: [string, string][] = [
  ["ational", "ate"],
  ["tional", "tion"],
  ["enci", "ence"],
  ["anci", "ance"],
  ["izer", "ize"],
  ["bli", "ble"],
  ["alli", "al"],
  ["entli", "ent"],
  ["eli", "e"],
  ["ousli", "ous"],
  ["ization", "ize"],
  ["ation", "ate"],
  ["ator", "ate"],
  ["alism", "al"],
  ["iveness", "ive"],
  ["fulness", "ful"],
  ["ousness", "ous"],
  ["aliti", "al"],
  ["iviti", "ive"],
  ["biliti", "ble"],
  ["logi", "log"],
];
const STEP3: [string, string][] = [
  ["icate", "ic"],
  ["ative", ""],
  ["alize", "al"],
  ["iciti", "ic"],
  ["ical", "ic"],
  ["ness", ""],
];
const STEP4 = [
  "ement",
  "ment",
  "ance",
  "ence",
  "able",
  "ible",
  "ant",
  "ent",
  "ion",
  "ism",
  "ate",
  "iti",
  "ous",
  "ive",
  "ize",
  "al",
  "ic",
  "ou",
];

export function stem(input: string): string {
  let w = input;
  if (w.length <= 2) return w;
  // Step 1a: plurals.
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ies")) w = w.slice(0, -2);
  else if (w.endsWith("s") && !w.endsWith("ss")) w = w.slice(0, -1);
  // Step 1b: -ed, -ing.
  if (w.endsWith("eed")) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
  } else {
    const suffix = w.endsWith("ed") ? "ed" : w.endsWith("ing") ? "ing" : "";
    const base = suffix ? w.slice(0, -suffix.length) : "";
    if (suffix && hasVowel(base)) {
      w = base;
      if (/(at|bl|iz)$/.test(w)) w += "e";
      else if (doubleCons(w) && !/[lsz]$/.test(w)) w = w.slice(0, -1);
      else if (measure(w) === 1 && cvc(w)) w += "e";
    }
  }
  // Step 1c: y -> i.
  if (w.endsWith("y") && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`;
  w = replaceSuffix(w, STEP2, 0);
  w = replaceSuffix(w, STEP3, 0);
  // Step 4: the longest matching suffix goes when enough of the word remains.
  const suffix = STEP4.filter((s) => w.endsWith(s)).sort((a, b) => b.length - a.length)[0];
  if (suffix) {
    const base = w.slice(0, -suffix.length);
    if (measure(base) > 1 && (suffix !== "ion" || /[st]$/.test(base))) w = base;
  }
  // Step 5.
  if (w.endsWith("e")) {
    const base = w.slice(0, -1);
    const m = measure(base);
    if (m > 1 || (m === 1 && !cvc(base))) w = base;
  }
  if (measure(w) > 1 && doubleCons(w) && w.endsWith("l")) w = w.slice(0, -1);
  return w.length > 3 && w.endsWith("e") ? w.slice(0, -1) : w;
}

// ---- Fuzzy matching ----

/** Optimal-string-alignment Damerau-Levenshtein distance, giving up (returning max + 1) beyond max. */
export function damerauLevenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Three rolling rows: the one before last is needed for transpositions.
  let before = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    [before, prev, row] = [prev, row, before];
  }
  return prev[b.length];
}

/** Typos tolerated in a word: none below 5 letters, one from 5, two from 9. */
export function typoAllowance(word: string): number {
  return word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
}

function closeEnough(a: string, b: string, max: number): boolean {
  // A prefix is a different form of the word (replica/replication), the stemmer's business, not a typo; so is
  // another ending of the same length (producer/produced, partitioner/partitioned).
  if (a.startsWith(b) || b.startsWith(a)) return false;
  if (a.length === b.length && a.slice(0, -2) === b.slice(0, -2)) return false;
  const d = damerauLevenshtein(a, b, max);
  // Two typos in one word are letters dropped or added; with a letter changed (transit/transact, completion/
  // compaction) it is another word.
  return d <= 1 || (d <= max && lettersApart(a, b) <= 2);
}

/** How many letters of each word the other lacks, added up: 0 for anagrams. */
function lettersApart(a: string, b: string): number {
  const counts = new Map<string, number>();
  for (const c of a) counts.set(c, (counts.get(c) ?? 0) + 1);
  for (const c of b) counts.set(c, (counts.get(c) ?? 0) - 1);
  let apart = 0;
  for (const n of counts.values()) apart += Math.abs(n);
  return apart;
}

/** Whether an answer word counts as a phrase word: same stem, any negation for a negation, or a small typo. */
export function wordsMatch(phraseWord: Token, answerWord: Token): boolean {
  if (phraseWord.neg) return answerWord.neg || answerWord.raw === phraseWord.raw;
  if (phraseWord.stem === answerWord.stem) return true;
  const max = typoAllowance(phraseWord.raw);
  if (max === 0 || answerWord.raw.length < 4 || phraseWord.digit || answerWord.digit) return false;
  // Typos rarely hit the first letter; requiring it keeps sync/async and clean/unclean apart.
  if (phraseWord.raw[0] !== answerWord.raw[0]) return false;
  if (Math.abs(phraseWord.raw.length - answerWord.raw.length) > max + 3) return false;
  const key = `${phraseWord.raw} ${answerWord.raw}`;
  let close = typoCache.get(key);
  if (close === undefined) {
    close = closeEnough(phraseWord.stem, answerWord.stem, max) || closeEnough(phraseWord.raw, answerWord.raw, max);
    if (typoCache.size > 200_000) typoCache.clear();
    typoCache.set(key, close);
  }
  return close;
}

/** Typo verdicts by word pair; the vocabulary of answers and phrases is small, so most lookups repeat. */
const typoCache = new Map<string, boolean>();

// ---- Phrase matching ----

const phraseCache = new Map<string, Token[]>();

function phraseWords(phrase: string): Token[] {
  let words = phraseCache.get(phrase);
  if (!words) {
    words = tokenize(phrase).filter((t) => t.kind === "word" && !t.stop);
    phraseCache.set(phrase, words);
  }
  return words;
}

/**
 * An auxiliary after a negated word starts a new predicate, which the negation does not reach ("retries without
 * idempotence can reorder", "followers that are not caught up are removed"), unless a "that" clause follows the
 * negated verb ("does not guarantee that records are ordered").
 */
const AUXILIARIES = new Set(
  "is are was were be been am do does did can could will would shall should may might must has have had get gets".split(" "),
);

/**
 * Whether a negation sits in the few content words before token index at, looking no further back than the
 * previous matched word (stop) and stopping at a clause break.
 */
function negatedBefore(tokens: Token[], at: number, stop: number): boolean {
  let seen = 0;
  let auxiliary = false;
  let predicate = false;
  let clause = false;
  for (let j = at - 1; j > stop && seen < NEGATION_REACH; j--) {
    const t = tokens[j];
    if (t.kind === "break") return false;
    // "will not be lost" is negated; "without idempotence can reorder" is not: a word sits between.
    if (t.neg) return !predicate || clause;
    if (AUXILIARIES.has(t.raw)) auxiliary = true;
    else if (t.raw === "that") clause = true;
    else if (!t.stop && auxiliary) predicate = true;
    if (!t.stop && !t.sameWord) seen++;
  }
  return false;
}

/** Whether the predicate right after token index at is negated: "ordering within a partition is not guaranteed". */
function predicateNegatedAfter(tokens: Token[], at: number): boolean {
  for (let j = at + 1; j < tokens.length && j <= at + 3; j++) {
    const t = tokens[j];
    if (t.kind === "break") return false;
    if (AUXILIARIES.has(t.raw)) return tokens[j + 1]?.neg === true || (tokens[j + 1]?.raw === "also" && tokens[j + 2]?.neg === true);
    if (!t.stop) return false;
  }
  return false;
}

/** Whether a negation follows closely after token index at ("across partitions is not guaranteed"). */
function negatedAfter(tokens: Token[], at: number): boolean {
  let seen = 0;
  for (let j = at + 1; j < tokens.length && seen < 2; j++) {
    const t = tokens[j];
    if (t.kind === "break") return false;
    if (t.stop) continue;
    if (t.neg) return true;
    seen++;
  }
  return false;
}

const SENTENCE_ENDS = new Set([".", "!", "?", ";"]);

function spansSentences(tokens: Token[], from: number, to: number): boolean {
  for (let j = from + 1; j < to; j++) if (tokens[j].kind === "break" && SENTENCE_ENDS.has(tokens[j].raw)) return true;
  return false;
}

function placesOf(answer: Prepared, word: Token): number[] {
  const key = word.neg ? `\0${word.raw}` : word.raw;
  let places = answer.found.get(key);
  if (!places) {
    const same = answer.byStem.get(word.stem) ?? [];
    places = word.neg ? [...new Set([...answer.negations, ...same])] : [...same];
    if (!word.neg && typoAllowance(word.raw) > 0) {
      for (const { token, at } of answer.byInitial.get(word.raw[0]) ?? []) {
        if (token.stem !== word.stem && wordsMatch(word, token)) places.push(...at);
      }
    }
    places.sort((a, b) => a - b);
    answer.found.set(key, places);
  }
  return places;
}

/**
 * Whether every content word of phrase appears in the answer within a window of content words, in any order,
 * and the match is not negated: no negation in the three content words before the first matched word, nor
 * between matched words in the same clause ("the leader never acknowledges", "order is not guaranteed across").
 * A reversed claim (a key point's `not`) blocks the point, so it must be stated plainly: in one sentence, and not
 * negated just after either ("ordering across partitions is not guaranteed" is the right claim, not the reversed one).
 */
export function matchPhrase(answer: Prepared, phrase: string, options: { reversed?: boolean } = {}): boolean {
  const words = phraseWords(phrase);
  if (words.length === 0) return false;
  const { tokens, content, place } = answer;
  const raws = new Set(words.map((w) => w.raw));
  const counts = (k: number) => {
    const bound = tokens[content[k]].bound;
    return bound === undefined || raws.has(bound);
  };
  const candidates = words.map((w) => placesOf(answer, w).filter(counts));
  if (candidates.some((c) => c.length === 0)) return false;
  const span = Math.max(WINDOW, words.length + 3);
  const starts = [...new Set(candidates.flat())].sort((a, b) => a - b);
  for (const start of starts) {
    const used = new Set<number>();
    for (const cands of candidates) {
      const k = cands.find((c) => c >= start && place[c] < place[start] + span && !used.has(c));
      if (k === undefined) break;
      used.add(k);
    }
    if (used.size !== words.length) continue;
    const positions = [...used].map((k) => content[k]).sort((a, b) => a - b);
    const first = positions[0];
    const last = positions[positions.length - 1];
    const negated =
      positions.some((p, i) => negatedBefore(tokens, p, i === 0 ? -1 : positions[i - 1])) ||
      (options.reversed === true ? negatedAfter(tokens, last) || spansSentences(tokens, first, last) : predicateNegatedAfter(tokens, last));
    if (!negated) return true;
  }
  return false;
}

// ---- Cloze ----

/** Canonical form of a cloze answer: case, quotes, spacing, a trailing period, thousands separators and . _ - in names. */
export function normalizeCloze(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/['"`‘’“”]/g, "")
    .trim()
    .replace(/\.+$/, "")
    .trim()
    .replace(/(\d)[,_ ](?=\d{3}(?!\d))/g, "$1")
    .replace(/\s*([=:])\s*/g, "$1")
    .replace(NAME_SEPARATOR, ".")
    .replace(/\s+/g, " ");
}
