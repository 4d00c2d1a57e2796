// Searching needs no MiniSearch at run time: the index is built with it (index-build.ts) and searched as plain arrays
// (plain-index.ts); both implement `Searcher`.
import type { Options, SearchOptions } from "minisearch";
import { levenshtein } from "../text/typo.js";
import type { GlossaryEntry } from "./schema.js";
import { acronym, exactIds, exactNames, nameKey, normalizeWord, PHRASE, tokenizeField, words } from "./terms.js";

/** What the index reads of an entry: only the searchable text, so a serialized index stays small. */
export type IndexedEntry = Pick<GlossaryEntry, "id" | "term" | "aliases" | "summary" | "details" | "tradeoff" | "note">;

/** The term weighs most, then aliases and initials, then the summary, then the details. */
const BOOST = { term: 10, aliases: 5, acronym: 4, summary: 2, details: 1 } as const;
/** BM25 with strong length normalisation (b), so a short term that matches beats a long list of aliases that mention it. */
const BM25 = { k: 1.2, b: 0.9, d: 0.5 };
const FIELDS = Object.keys(BOOST);

export const INDEX_OPTIONS: Options<IndexedEntry> = {
  idField: "id",
  fields: FIELDS,
  storeFields: [],
  extractField: (entry, field) => {
    if (field === "aliases") return entry.aliases.join(PHRASE);
    if (field === "acronym") return acronym(entry.term);
    // The trade-off and the version note count as details, so "KIP-679" finds the entry whose note names it.
    if (field === "details") return [entry.details, entry.tradeoff, entry.note].filter(Boolean).join("\n");
    return (entry as unknown as Record<string, string>)[field] ?? "";
  },
  tokenize: tokenizeField,
  processTerm: (term) => normalizeWord(term),
};

/** What the search needs of an index: MiniSearch's `search` with a query of several strings, or the plain index's. */
export interface Searcher {
  search(
    query: { queries: string[]; combineWith: "OR" },
    options: SearchOptions,
  ): { id: string; score: number; queryTerms: string[]; match: Record<string, string[]> }[];
}

/** A word typed as one compound ("KIP-679", "min.insync"): its joined form and its parts. */
export interface Compound {
  joined: string;
  parts: string[];
}

/** A query as tokens: the words, and each run of words joined, so "min insync" also looks for "mininsync…". */
export function queryTokens(query: string): { tokens: string[]; joined: Set<string>; compounds: Compound[] } {
  const { parts, compounds } = words(query);
  const kept = parts.map(normalizeWord).filter((w): w is string => w !== null);
  const typed = compounds
    .map((c) => ({ joined: normalizeWord(c.join("")), parts: c.map(normalizeWord).filter((w): w is string => w !== null) }))
    .filter((c): c is Compound => c.joined !== null);
  const joins = new Set(typed.map((c) => c.joined));
  if (kept.length > 1) joins.add(kept.join(""));
  for (const w of kept) joins.delete(w);
  return { tokens: [...new Set([...kept, ...joins])], joined: joins, compounds: typed };
}

/** The sides of a comparison: "kstream vs ktable", "difference between X and Y". */
export function comparisonSides(query: string): string[] {
  const q = query.trim();
  const between = /\bdifference(?:s)?\s+between\s+(.+?)\s+and\s+(.+)$/i.exec(q);
  if (between) return [between[1] as string, between[2] as string];
  const sides = q.split(/\s+(?:vs\.?|versus|v\.?|compared\s+(?:to|with))\s+|\s+\/\s+|\s+<->\s+/i).filter((s) => s.trim());
  return sides.length > 1 ? sides : [q];
}

/** The words of a query as typed (lower-cased), by the token the index looks up: each word and each joined run. */
function typedWords(query: string): Map<string, { word: string; compound: boolean }[]> {
  const out = new Map<string, { word: string; compound: boolean }[]>();
  const add = (token: string | null, word: string, compound: boolean) => {
    if (token === null) return;
    // The index processes the query tokens once more, so a token's own stem ("rebalans" to "rebalan") counts too.
    for (const t of new Set([token, normalizeWord(token) ?? token])) out.set(t, [...(out.get(t) ?? []), { word, compound }]);
  };
  // The same tokens as queryTokens: each word, each typed compound joined, and the kept words joined.
  const { parts, compounds } = words(query);
  const kept: { token: string; word: string }[] = [];
  for (const p of parts) {
    const token = normalizeWord(p);
    add(token, p.toLowerCase(), false);
    if (token !== null) kept.push({ token, word: p.toLowerCase() });
  }
  for (const c of compounds) add(normalizeWord(c.join("")), c.join("").toLowerCase(), true);
  if (kept.length > 1) add(kept.map((k) => k.token).join(""), kept.map((k) => k.word).join(""), true);
  return out;
}

export interface Hit {
  id: string;
  score: number;
  /** The query is the entry's term or one of its aliases. */
  exact: boolean;
  /** Matched in a heading or summary, or by an exact word in the details: worth showing. */
  good: boolean;
  /** The query's words it matched. */
  matched: string[];
}

function searchOptions(joined: Set<string>, lenient: boolean): SearchOptions {
  return {
    boost: { ...BOOST },
    bm25: BM25,
    combineWith: "OR",
    prefix: (term) => term.length >= (lenient ? 2 : 3),
    fuzzy: (term) => {
      if (joined.has(term)) return false;
      if (lenient) return term.length >= 3 ? 0.34 : false;
      return term.length >= 6 ? 2 : term.length >= 4 ? 1 : false;
    },
    maxFuzzy: lenient ? 3 : 2,
    // A prefix ("partition" in "partitioner") and a typo count for less than the word itself.
    weights: { fuzzy: 0.3, prefix: 0.2 },
  };
}

/** How many typos a word as typed may hold: none below five letters, one up to seven, two from eight. */
export function typoBudget(word: string): number {
  return word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0;
}

/**
 * Whether a word as typed can stand for a word of the glossary it did not match exactly: a typo of it (same first
 * letter, within the typo budget) or, from five letters on, its beginning ("partition" for "partitioner").
 * The index compares stems, and stemming shortens words until unrelated ones look alike ("planning" stems to
 * "plann", one letter from "plain"; "coding" to "cod", the start of "codec"); comparing the words as written
 * keeps such matches out.
 */
export function plausibleExpansion(typed: string, indexed: string, compound = false): boolean {
  if (typed === indexed) return true;
  if (indexed.startsWith(typed)) return compound || typed.length >= 5;
  const budget = typoBudget(typed);
  return budget > 0 && typed[0] === indexed[0] && levenshtein(typed, indexed, budget) <= budget;
}

export interface GlossarySearch {
  /** Best first; an empty list when nothing fits well. */
  search(query: string): Hit[];
  /** Terms close to a query that found nothing, for "did you mean". */
  suggest(query: string, limit?: number): string[];
}

/**
 * Every indexed stem with the words as written (lower-cased) that produce it, across all entries; a stem whose only
 * form is itself is left out. Built with the index, so a search never tokenizes the entries it meets.
 */
export function surfaceForms(entries: readonly IndexedEntry[]): Record<string, string[]> {
  const forms = new Map<string, Set<string>>();
  for (const entry of entries) {
    for (const field of FIELDS) {
      for (const token of tokenizeField(String(INDEX_OPTIONS.extractField?.(entry, field) ?? ""), field)) {
        const key = normalizeWord(token);
        if (key === null) continue;
        const set = forms.get(key) ?? new Set<string>();
        set.add(token.toLowerCase());
        forms.set(key, set);
      }
    }
  }
  const out: Record<string, string[]> = {};
  for (const [key, set] of forms) if (set.size > 1 || !set.has(key)) out[key] = [...set].sort();
  return out;
}

export function createSearch(
  entries: readonly Pick<IndexedEntry, "id" | "term" | "aliases">[],
  index: Searcher,
  names: ReadonlyMap<string, string[]> = exactNames(entries),
  /** The written forms of each stem (`surfaceForms`); made from `entries` when they are whole entries. */
  forms: Readonly<Record<string, string[]>> = surfaceForms(entries as IndexedEntry[]),
): GlossarySearch {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const surfaceOf = (stem: string): readonly string[] => (Object.hasOwn(forms, stem) ? (forms[stem] as string[]) : [stem]);
  /** Names (terms and aliases) by entry, as name keys, for matching a whole query with a typo in it. */
  const nameKeys = [...names.entries()].filter(([k]) => !k.startsWith("="));

  const run = (typed: string, lenient = false): Hit[] => {
    // "kip 679" is KIP-679, as the glossary writes it: one name, not "kip" and a number found anywhere.
    const query = typed.replace(/\bkip\s+(\d+)\b/gi, "KIP-$1");
    const { tokens, joined, compounds } = queryTokens(query);
    // Single letters say nothing a term could answer ("x" found ZooKeeper, "%s%n" a standby replica).
    if (!tokens.length || query.split(/[^\p{L}\p{N}]+/u).every((w) => w.length < 2)) return [];
    // The words as typed behind each query token, to check what fuzzy and prefix matching made of them.
    const typedOf = typedWords(query);
    // The index processes the query tokens once more, so a token's own stem is an exact match too.
    const asIs = new Set(tokens.flatMap((t) => [t, normalizeWord(t) ?? t]));
    const supported = (term: string, queryTerms: string[]): boolean => {
      if (lenient || asIs.has(term)) return true;
      return queryTerms.some((q) =>
        (typedOf.get(q) ?? []).some(({ word, compound }) => surfaceOf(term).some((indexed) => plausibleExpansion(word, indexed, compound))),
      );
    };
    // "KIP-679" must not be answered by an entry that only shares "kip": a compound matches whole or in every part.
    const whole = (matched: string[]) => compounds.every((c) => matched.includes(c.joined) || c.parts.every((p) => matched.includes(p)));
    const plain = new Set(tokens.filter((t) => !joined.has(t)));
    const order = exactIds(names, query);
    const exact = new Set(order);
    const results = index.search({ queries: tokens, combineWith: "OR" }, searchOptions(joined, lenient));
    const near = nearNames(query);
    const hits = results
      .filter((r) => byId.has(r.id))
      .map((r) => {
        // Only the index terms a query word plausibly stands for count: not "plain" for "planning".
        const match = Object.entries(r.match).filter(([term]) => exact.has(r.id) || supported(term, r.queryTerms));
        const matched = r.queryTerms.filter((q) => match.some(([term]) => term === q || supported(term, [q])));
        return {
          id: r.id as string,
          score: r.score,
          exact: exact.has(r.id),
          matched,
          kept: match.length > 0,
          good:
            exact.has(r.id) ||
            (whole(matched) && match.some(([term, fields]) => fields.some((f) => f !== "details") || plain.has(term) || joined.has(term))),
        };
      })
      .filter((h) => h.kept)
      .map(({ kept: _, ...h }) => h);
    // An exact name wins over a better-scored mention elsewhere; a name as typed over a stemmed one; then a name
    // the whole query misspells ("rebalansing" for "rebalancing"), closest first.
    const named = hits.filter((h) => h.exact).sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    const close = hits
      .filter((h) => !h.exact && near.has(h.id))
      .sort((a, b) => (near.get(a.id) as number) - (near.get(b.id) as number) || b.score - a.score);
    return [...named, ...close, ...hits.filter((h) => !h.exact && !near.has(h.id))];
  };

  /** Entries one of whose names the whole query spells with a typo or two, by the fewest typos. */
  const nearNames = (query: string): Map<string, number> => {
    const key = nameKey(query);
    const budget = typoBudget(key);
    const out = new Map<string, number>();
    if (!budget) return out;
    for (const [name, ids] of nameKeys) {
      if (name[0] !== key[0]) continue;
      const d = levenshtein(key, name, budget);
      if (d > budget) continue;
      for (const id of ids) if (!out.has(id) || (out.get(id) as number) > d) out.set(id, d);
    }
    return out;
  };

  const search = (query: string): Hit[] => {
    const sides = comparisonSides(query);
    const whole = run(query).filter((h) => h.good);
    if (sides.length < 2) return whole;
    // A comparison entry ("eager vs cooperative rebalancing") whose names hold every side answers the question as a whole.
    const top = whole[0] && byId.get(whole[0].id);
    const names = top ? [top.term, ...top.aliases] : [];
    if (top && names.some((n) => comparisonSides(n).length > 1)) {
      const named = new Set(
        tokenizeField(names.join(PHRASE), "term")
          .map(normalizeWord)
          .filter((w) => w !== null),
      );
      const covers = (side: string) => {
        const { tokens, joined } = queryTokens(side);
        return tokens.filter((t) => !joined.has(t)).every((t) => named.has(t));
      };
      if (sides.every(covers)) return whole;
    }
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
