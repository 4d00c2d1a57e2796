import MiniSearch, { type Options, type SearchOptions, type SearchResult } from "minisearch";
import type { GlossaryEntry } from "./schema.js";

/** What the index reads of an entry: only the searchable text, so a serialized index stays small. */
export type IndexedEntry = Pick<GlossaryEntry, "id" | "term" | "aliases" | "summary" | "details">;

/** Heading fields weigh more than the summary, which weighs more than the details. */
const BOOST = { term: 6, aliases: 5, acronym: 4, summary: 2, details: 1 } as const;
const HEADINGS = new Set(["term", "aliases", "acronym"]);
const FIELDS = Object.keys(BOOST);

/** Words that say nothing about which entry is meant: "what is", "how does … work". */
const STOP = new Set(
  "a an and are as at be by can do does explain for from how i in is it its me mean means of on or really the to vs versus what whats when where which why with work works".split(
    " ",
  ),
);

/** Separators inside a word such as `min.insync.replicas`, `min_insync_replicas` or `acks=all`. */
const INNER = /[._\-=/:+]+/;
/** Everything that is not part of a word. */
const OUTER = /[^\p{L}\p{N}._\-=/:+]+/u;
/** Phrases in the term and aliases fields are separated by this, so each gets its own joined form. */
const PHRASE = "\n";

/** Lower case, plural "s" dropped so "partitions" finds "partition"; null for a stop word. */
export function normalizeWord(word: string): string | null {
  const w = word.toLowerCase();
  if (!w || STOP.has(w)) return null;
  return w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w;
}

const camel = (s: string) => s.replace(/([a-z])([A-Z])/g, "$1 $2");

/** The words of a piece of text, each compound word also as its parts. */
function words(text: string): { parts: string[]; joined: string[] } {
  const parts: string[] = [];
  const joined: string[] = [];
  for (const chunk of text.split(OUTER)) {
    const pieces = chunk.split(INNER).filter(Boolean);
    if (!pieces.length) continue;
    const split = pieces.flatMap((p) => camel(p).split(" "));
    parts.push(...split);
    if (split.length > 1) joined.push(split.join(""));
  }
  return { parts, joined };
}

/**
 * Index-side tokenizer: every word, each compound (`min.insync.replicas`) also joined (`mininsyncreplicas`),
 * and in headings the whole phrase joined, so `consumer_lag` and `consumerlag` find "consumer lag".
 */
export function tokenizeField(text: string, field?: string): string[] {
  const out = new Set<string>();
  const phrases = field && HEADINGS.has(field) ? text.split(PHRASE) : [text];
  for (const phrase of phrases) {
    const { parts, joined } = words(phrase);
    for (const t of [...parts, ...joined]) out.add(t);
    if (field && HEADINGS.has(field) && parts.length > 1) out.add(parts.join(""));
  }
  return [...out];
}

/** Initials of a term of several words: "exactly-once semantics" is "eos", "MirrorMaker 2" is "mm2". */
export function acronym(term: string): string {
  const parts = camel(term)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (parts.length < 2) return "";
  return parts.map((p) => (/^\d+$/.test(p) ? p : p[0])).join("");
}

export const INDEX_OPTIONS: Options<IndexedEntry> = {
  idField: "id",
  fields: FIELDS,
  storeFields: [],
  extractField: (entry, field) => {
    if (field === "aliases") return entry.aliases.join(PHRASE);
    if (field === "acronym") return acronym(entry.term);
    return (entry as unknown as Record<string, string>)[field] ?? "";
  },
  tokenize: tokenizeField,
  processTerm: (term) => normalizeWord(term),
};

export function buildIndex(entries: readonly IndexedEntry[]): MiniSearch<IndexedEntry> {
  const index = new MiniSearch<IndexedEntry>(INDEX_OPTIONS);
  index.addAll(entries as IndexedEntry[]);
  return index;
}

/** An index built at build time (`index.toJSON()`), restored without re-reading the entries. */
export function loadIndex(serialized: ReturnType<MiniSearch["toJSON"]>): MiniSearch<IndexedEntry> {
  return MiniSearch.loadJS(serialized, INDEX_OPTIONS);
}

/** A query as tokens: the words, and each run of words joined, so "min insync" also looks for "mininsync…". */
export function queryTokens(query: string): { tokens: string[]; joined: Set<string> } {
  const { parts, joined } = words(query);
  const kept = parts.map(normalizeWord).filter((w): w is string => w !== null);
  const joins = new Set<string>();
  for (const j of joined) {
    const n = normalizeWord(j);
    if (n) joins.add(n);
  }
  if (kept.length > 1) joins.add(kept.join(""));
  for (const w of kept) joins.delete(w);
  return { tokens: [...new Set([...kept, ...joins])], joined: joins };
}

/** The sides of a comparison: "kstream vs ktable", "difference between X and Y". */
export function comparisonSides(query: string): string[] {
  const q = query.trim();
  const between = /\bdifference(?:s)?\s+between\s+(.+?)\s+and\s+(.+)$/i.exec(q);
  if (between) return [between[1] as string, between[2] as string];
  const sides = q.split(/\s+(?:vs\.?|versus|v\.?|compared\s+(?:to|with))\s+|\s+\/\s+|\s+<->\s+/i).filter((s) => s.trim());
  return sides.length > 1 ? sides : [q];
}

/** The same text as the index sees a heading: lower case, words joined, so "Min InSync" equals "min.insync". */
function key(text: string): string {
  return words(text)
    .parts.map(normalizeWord)
    .filter((w) => w !== null)
    .join("");
}

export interface Hit {
  id: string;
  score: number;
  /** The query is the entry's term or one of its aliases. */
  exact: boolean;
  /** Matched in a heading or summary, or by an exact word in the details: worth showing. */
  good: boolean;
}

function searchOptions(joined: Set<string>, lenient: boolean): SearchOptions {
  return {
    boost: { ...BOOST },
    combineWith: "OR",
    prefix: (term) => term.length >= (lenient ? 2 : 3),
    fuzzy: (term) => {
      if (joined.has(term)) return false;
      if (lenient) return term.length >= 3 ? 0.34 : false;
      return term.length >= 6 ? 2 : term.length >= 4 ? 1 : false;
    },
    maxFuzzy: lenient ? 3 : 2,
    weights: { fuzzy: 0.3, prefix: 0.5 },
  };
}

export interface GlossarySearch {
  /** Best first; an empty list when nothing fits well. */
  search(query: string): Hit[];
  /** Terms close to a query that found nothing, for "did you mean". */
  suggest(query: string, limit?: number): string[];
}

export function createSearch(entries: readonly IndexedEntry[], index: MiniSearch<IndexedEntry> = buildIndex(entries)): GlossarySearch {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const exactKeys = new Map<string, string[]>();
  for (const e of entries) {
    for (const name of [e.term, e.id, ...e.aliases]) {
      const k = key(name);
      if (!k) continue;
      const ids = exactKeys.get(k) ?? [];
      if (!ids.includes(e.id)) ids.push(e.id);
      exactKeys.set(k, ids);
    }
  }

  const run = (query: string, lenient = false): Hit[] => {
    const { tokens, joined } = queryTokens(query);
    if (!tokens.length) return [];
    const plain = new Set(tokens.filter((t) => !joined.has(t)));
    const exact = new Set(exactKeys.get(key(query)) ?? []);
    const results: SearchResult[] = index.search({ queries: tokens, combineWith: "OR" }, searchOptions(joined, lenient));
    const hits = results
      .filter((r) => byId.has(r.id))
      .map((r) => ({
        id: r.id as string,
        score: r.score,
        exact: exact.has(r.id),
        good: Object.entries(r.match).some(([term, fields]) => fields.some((f) => f !== "details") || plain.has(term) || joined.has(term)),
      }));
    // An exact name wins over a better-scored mention elsewhere.
    return [...hits.filter((h) => h.exact), ...hits.filter((h) => !h.exact)];
  };

  const search = (query: string): Hit[] => {
    const sides = comparisonSides(query);
    const whole = run(query).filter((h) => h.good);
    if (sides.length < 2) return whole;
    const firsts = sides.map((s) => run(s).find((h) => h.good)).filter((h): h is Hit => h !== undefined);
    const order = [...firsts, ...whole];
    const seen = new Set<string>();
    return order.filter((h) => !seen.has(h.id) && seen.add(h.id));
  };

  const suggest = (query: string, limit = 5): string[] => {
    const hits = run(query, true);
    const out: string[] = [];
    for (const h of hits) {
      const term = byId.get(h.id)?.term;
      if (term && !out.includes(term)) out.push(term);
      if (out.length >= limit) break;
    }
    return out;
  };

  return { search, suggest };
}

/** The next few matches worth a "see also": close enough in score to the best one. */
export function seeAlso(hits: readonly Hit[], limit = 4, share = 0.15): Hit[] {
  const [best, ...rest] = hits;
  if (!best) return [];
  return rest.filter((h) => h.exact || h.score >= best.score * share).slice(0, limit);
}
