// Words as the grader reads them: stemmed, with stop words, negations and clause breaks marked. Built on src/text.

import { CAMEL } from "../../text/letters.js";
import { normalizeText } from "../../text/normalize.js";
import { stem } from "../../text/stem.js";
import { GRADING_STOP } from "../../text/stopwords.js";
import { eachLexeme } from "../../text/tokenize.js";

export const NEGATIONS: ReadonlySet<string> = new Set(["not", "no", "never", "without", "nor", "neither", "none", "nothing"]);
/** Words that deny the that-clause after them: "it is false that…", "it is a myth that…". Only before "that": "the
 * wrong partition" and enable.idempotence=false deny nothing. */
export const DENIALS: ReadonlySet<string> = new Set(["false", "untrue", "incorrect", "wrong", "myth", "misconception"]);
/** Denials that name nothing but a false belief, so "X is a myth" denies X; "X is wrong" may only describe X. */
const MYTHS = new Set(["myth", "misconception"]);
export const ARTICLES: ReadonlySet<string> = new Set(["a", "an"]);
const COPULAS = new Set(["is", "are", "was", "were", "s"]);

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
    // Units as people shorten them.
    sec: "second",
    secs: "second",
    mins: "minute",
    hr: "hour",
    hrs: "hour",
    megabyte: "mb",
    megabytes: "mb",
    kilobyte: "kb",
    kilobytes: "kb",
    gigabyte: "gb",
    gigabytes: "gb",
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
    // Shorthands people type.
    msg: "message",
    msgs: "messages",
    dupe: "duplicate",
    dupes: "duplicates",
    dup: "duplicate",
    dups: "duplicates",
    txn: "transaction",
    txns: "transactions",
    repl: "replication",
    tx: "transaction",
    txs: "transactions",
    async: "asynchronous",
    dedup: "deduplicate",
    db: "database",
    dbs: "databases",
    req: "request",
    reqs: "requests",
    resp: "response",
    grp: "group",
    wal: "write ahead log",
    lso: "last stable offset",
    lsn: "log sequence number",
    elr: "eligible leader replicas",
    cdc: "change data capture",
    smt: "single message transform",
    smts: "single message transforms",
    gc: "garbage collection",
    mtls: "mutual tls",
    authn: "authentication",
    authz: "authorization",
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
  /** Written against the word before with only a separator between (`acks=0`): one name with it. */
  glued?: boolean;
  /** A word after the first of a dotted or underscored name: `log` and `storage` in `remote.log.storage`. */
  namePart?: boolean;
  /** In a phrase: the name this word is part of (see phraseForms). */
  chain?: number;
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

/** A run of letters then digits, or digits then letters: "rf3", "10ms". */
const LETTERS_DIGITS = /^(?:([a-zA-Z]+)(\d+)|(\d+)([a-zA-Z]+))$/;

const BREAK_MARKS = new Set([",", ";", ":", "!", "?", "(", ")", "."]);

/** What a written word is, worked out once per spelling: the token, or a break, or an abbreviation's expansion. */
interface Entry {
  token: Token;
  /** Can join the word before: "sync" after "in", any lower-case word after a prefix such as "non". */
  joins: boolean;
  expansion?: string[];
}

const entries = new Map<string, Entry>();

/** The entry of a word as written; lower-casing and SAME_WORD applied. */
function entry(written: string): Entry {
  let e = entries.get(written);
  if (e) return e;
  const text = written.toLowerCase();
  if (BREAK_MARKS.has(text) || CLAUSE_BREAKS.has(text)) {
    e = { token: { raw: text, stem: text, kind: "break", stop: false, neg: false, digit: false }, joins: false };
  } else {
    const raw = SAME_WORD.get(text) ?? text;
    e = {
      token: word(raw),
      joins: IN_COMPOUNDS.has(raw) || /^[a-z]/.test(raw),
      expansion: ABBREVIATIONS.get(raw)?.split(" "),
    };
  }
  if (entries.size > 50_000) entries.clear();
  entries.set(written, e);
  return e;
}

const RATHER_THAN: Token = { raw: "than", stem: "than", kind: "word", stop: false, neg: true, digit: false };
const INSTEAD_OF: Token = { raw: "of", stem: "of", kind: "word", stop: false, neg: true, digit: false };

function push(out: Token[], written: string, partOfName: boolean, bound?: string, camel = false): void {
  const e = entry(written);
  let t = e.token;
  if (t.kind === "break") {
    out.push(t);
    return;
  }
  const prev = out[out.length - 1];
  // "rather than" and "instead of" deny what follows them: "assigned by the app rather than by the broker".
  if (prev?.kind === "break" && ((prev.raw === "rather" && t.raw === "than") || (prev.raw === "instead" && t.raw === "of"))) {
    out.push(t.raw === "than" ? RATHER_THAN : INSTEAD_OF);
    return;
  }
  // "in-sync", "in sync" and "insync" are one word, as are "non-retryable" and "nonretryable"; acks=-1 is acks=all.
  if (e.joins && prev && prev.kind === "word" && ((prev.raw === "in" && IN_COMPOUNDS.has(t.raw)) || PREFIXES.has(prev.raw))) {
    out[out.length - 1] = word(prev.raw + t.raw);
    return;
  }
  if (t.raw === "-1" && prev?.raw === "acks") t = word("all");
  // "not only" and "not just" add to a claim; they deny nothing. Nor does "no matter how many".
  else if ((t.raw === "only" || t.raw === "just") && prev?.raw === "not") out[out.length - 1] = word("also");
  else if (t.raw === "matter" && prev?.raw === "no") out[out.length - 1] = word("any");
  if (e.expansion) {
    e.expansion.forEach((w, i) => {
      push(out, w, partOfName, bound);
      if (i > 0) out[out.length - 1] = { ...out[out.length - 1], sameWord: true };
    });
    return;
  }
  // In a camelCase API name every word counts: toStream is not just "stream".
  if (camel && t.stop) out.push({ ...t, stop: false });
  else out.push(partOfName && t.neg ? { ...t, neg: false } : bound ? { ...t, bound } : t);
}

/** Splits text into grading tokens; config names split on . _ - = so `min.insync.replicas` is three words. */
export function tokenize(text: string, glue = false): Token[] {
  const out: Token[] = [];
  let inName = false;
  let bound: string | undefined;
  eachLexeme(normalizeText(text), (lexeme, _mark, joinsNext, camel, glued) => {
    const start = out.length;
    // "not" inside NotEnoughReplicasException or NOT_ENOUGH_REPLICAS names an error; it negates nothing.
    const partOfName = inName || joinsNext || camel;
    if (camel) {
      const parts = lexeme.split(CAMEL);
      for (const part of parts) push(out, part, partOfName, inName ? bound : undefined, true);
      // The name joined, too: "ZooKeeper" is also "zookeeper", as people write it.
      out.push({ ...word(lexeme.toLowerCase()), stop: false, neg: false, sameWord: true, joined: parts.length });
    } else if (LETTERS_DIGITS.test(lexeme)) {
      // "RF3", "minISR2", "10ms", "p99": letters and digits written together are two words, on both sides.
      const m = LETTERS_DIGITS.exec(lexeme) as RegExpExecArray;
      const a = m[1] ?? m[3];
      const b = m[2] ?? m[4];
      push(out, a, partOfName, inName ? bound : undefined);
      push(out, b, partOfName, inName ? bound : undefined);
      if (glue && out.length > start + 1) out[out.length - 1] = { ...out[out.length - 1], glued: true };
    } else push(out, lexeme, partOfName, inName ? bound : undefined);
    // The rest of a dotted name (`remote.log.storage.system.enable`) is one name, not five words of prose.
    if (inName) for (let i = start; i < out.length; i++) if (out[i].kind === "word") out[i] = { ...out[i], namePart: true };
    if (glue) {
      // Glued to the word before (acks=0, exactly-once): in a phrase the two must stand together in the answer.
      if (glued && out[start] && out[start].kind === "word" && !out[start].sameWord && start > 0)
        out[start] = { ...out[start], glued: true };
      if (camel) for (let i = start + 1; i < out.length; i++) if (!out[i].joined) out[i] = { ...out[i], glued: true };
    }
    if (!inName && joinsNext) {
      const lower = lexeme.toLowerCase();
      bound = BOUNDS.has(lower) ? lower : undefined;
    }
    inName = joinsNext;
  });
  bindPrepositions(out);
  for (let i = 0; i < out.length; i++) {
    const t = out[i];
    if (t.kind !== "word" || t.namePart || !DENIALS.has(t.raw)) continue;
    // "…is a myth": said of what comes before it, as "is not true" is.
    const saidOfBefore = MYTHS.has(t.raw) && ARTICLES.has(out[i - 1]?.raw ?? "") && COPULAS.has(out[i - 2]?.raw ?? "");
    if (out[i + 1]?.raw === "that" || saidOfBefore) out[i] = { ...t, neg: true };
  }
  return out;
}

/** Marks each word governed by a binding preposition: in "in each single partition", partition has in and each. */
const withPreps = new WeakMap<Token, Map<string, Token>>();

/** The token with these prepositions: one shared object per word and prepositions, as for plain words. */
function governed(t: Token, preps: string[]): Token {
  const key = preps.join(",");
  let forms = withPreps.get(t);
  if (!forms) {
    forms = new Map();
    withPreps.set(t, forms);
  }
  let g = forms.get(key);
  if (!g) {
    g = { ...t, preps };
    forms.set(key, g);
  }
  return g;
}

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
      if (BINDING_GAP.has(t.raw) && !t.stop) tokens[i] = governed(t, preps);
      continue;
    }
    tokens[i] = governed(t, preps);
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

let chains = 0;

/**
 * The phrase's words, and when it has a camelCase name, the same with the name joined ("ZooKeeper" as zookeeper).
 * Words written as one name (`acks=0`, `enable.auto.commit`, `exactly-once`) share a chain number, unique across
 * phrases: the answer must have them together.
 */
export function phraseForms(phrase: string): Token[][] {
  let forms = phraseTokens.get(phrase);
  if (!forms) {
    const all = tokenize(phrase, true);
    const chained: Token[] = [];
    let prev: Token | undefined;
    for (const t of all) {
      if (t.kind !== "word") {
        prev = undefined;
        continue;
      }
      const chain = t.glued && prev?.chain !== undefined ? prev.chain : ++chains;
      const c = { ...t, chain };
      if (!t.stop) chained.push(c);
      prev = c;
    }
    const parts = chained.filter((t) => !t.joined);
    const joined: Token[] = [];
    for (const t of chained) {
      if (t.joined) joined.splice(joined.length - t.joined, t.joined, { ...t, sameWord: false, joined: undefined, chain: ++chains });
      else joined.push(t);
    }
    forms = joined.length === parts.length ? [parts] : [parts, joined];
    phraseTokens.set(phrase, forms);
  }
  return forms;
}
