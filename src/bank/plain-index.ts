// explain's search index as plain arrays, written at build time from the MiniSearch index and searched the same way:
// BM25+ over the same fields, boosts, prefix and fuzzy weights. MiniSearch rebuilds its radix tree of Maps on every
// load, which costs more than the rest of `explain` together; arrays of numbers parse at once. A test checks that both
// rank every query alike.
import type MiniSearch from "minisearch";
import { levenshtein } from "../text/typo.js";

export interface PlainIndex {
  documentCount: number;
  /** Document ids by short id (MiniSearch's numbering). */
  ids: Record<string, string>;
  /** Field names by field id. */
  fields: string[];
  /** Per short id, the length of each field. */
  fieldLength: Record<string, number[]>;
  averageFieldLength: number[];
  /** Every indexed term, in the index's own order. */
  terms: string[];
  /** For each term: field id, short id and frequency, three numbers per posting, in the index's own order. */
  postings: number[][];
  /** Term positions in alphabetical order, for prefix lookups. */
  sorted: number[];
}

type Serialized = ReturnType<MiniSearch["toJSON"]>;

/** The plain form of a MiniSearch index (at build time). */
export function toPlainIndex(js: Serialized): PlainIndex {
  const fields: string[] = [];
  for (const [name, id] of Object.entries(js.fieldIds)) fields[id] = name;
  return {
    documentCount: js.documentCount,
    ids: js.documentIds as Record<string, string>,
    fields,
    fieldLength: js.fieldLength as Record<string, number[]>,
    averageFieldLength: js.averageFieldLength,
    terms: js.index.map(([term]) => term),
    sorted: js.index.map((_, i) => i).sort((x, y) => (js.index[x][0] < js.index[y][0] ? -1 : 1)),
    postings: js.index.map(([, data]) =>
      Object.entries(data).flatMap(([fieldId, freqs]) => Object.entries(freqs).flatMap(([doc, f]) => [Number(fieldId), Number(doc), f])),
    ),
  };
}

/** How the index was built to read text: the same functions turn the query into terms. */
export interface TermOptions {
  tokenize?: (text: string, field?: string) => string[];
  processTerm?: (term: string, field?: string) => string | string[] | null | undefined | false;
}

export interface PlainSearchOptions {
  boost?: Record<string, number>;
  bm25?: { k: number; b: number; d: number };
  prefix?: boolean | ((term: string, i: number, terms: string[]) => boolean);
  fuzzy?: boolean | number | ((term: string, i: number, terms: string[]) => boolean | number);
  maxFuzzy?: number;
  weights?: { fuzzy?: number; prefix?: number };
}

// MiniSearch's own defaults, for options left out.
const DEFAULTS = { bm25: { k: 1.2, b: 0.7, d: 0.5 }, maxFuzzy: 6, weights: { fuzzy: 0.45, prefix: 0.375 } };

export interface PlainResult {
  id: string;
  score: number;
  terms: string[];
  queryTerms: string[];
  match: Record<string, string[]>;
}

interface Raw {
  score: number;
  terms: string[];
  match: Record<string, string[]>;
}

export interface PlainSearcher {
  search(query: { queries: string[]; combineWith?: "OR" }, options: PlainSearchOptions): PlainResult[];
}

export function plainSearcher(index: PlainIndex, text: TermOptions = {}): PlainSearcher {
  const tokenize = text.tokenize ?? ((t: string) => t.split(/[\n\r\p{Z}\p{P}]+/u));
  const processTerm = text.processTerm ?? ((t: string) => t.toLowerCase());
  const { sorted } = index;
  /** The position of a term, by binary search in the alphabetical order. */
  const positionOf = (term: string): number | undefined => {
    const k = lowerBound(term);
    return k < sorted.length && index.terms[sorted[k]] === term ? sorted[k] : undefined;
  };
  const lowerBound = (term: string): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (index.terms[sorted[mid]] < term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  /** Terms that start with `prefix`, in the index's own order. */
  const withPrefix = (prefix: string): number[] => {
    const out: number[] = [];
    for (let k = lowerBound(prefix); k < sorted.length && index.terms[sorted[k]].startsWith(prefix); k++) out.push(sorted[k]);
    return out.sort((x, y) => x - y);
  };

  /** Terms within `max` edits of `term`, with their distance, in the index's own order. */
  const near = (term: string, max: number): Map<number, number> => {
    const found = new Map<number, number>();
    for (let i = 0; i < index.terms.length; i++) {
      const d = levenshtein(term, index.terms[i], max);
      if (d <= max) found.set(i, d);
    }
    return found;
  };

  const termResults = (source: string, i: number, weight: number, options: PlainSearchOptions, results: Map<number, Raw>): void => {
    const derived = index.terms[i];
    const postings = index.postings[i];
    for (const [fieldId, field] of index.fields.entries()) {
      const boost = options.boost?.[field] || 1;
      let matching = 0;
      for (let p = 0; p < postings.length; p += 3) if (postings[p] === fieldId) matching++;
      if (!matching) continue;
      const { k, b, d } = options.bm25 ?? DEFAULTS.bm25;
      const idf = Math.log(1 + (index.documentCount - matching + 0.5) / (matching + 0.5));
      for (let p = 0; p < postings.length; p += 3) {
        if (postings[p] !== fieldId) continue;
        const doc = postings[p + 1];
        const tf = postings[p + 2];
        const length = index.fieldLength[doc][fieldId];
        const raw = idf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / index.averageFieldLength[fieldId])));
        const score = weight * boost * raw;
        const r = results.get(doc);
        if (r) {
          r.score += score;
          if (!r.terms.includes(source)) r.terms.push(source);
          const m = Object.hasOwn(r.match, derived) ? r.match[derived] : undefined;
          if (m) m.push(field);
          else r.match[derived] = [field];
        } else {
          results.set(doc, { score, terms: [source], match: { [derived]: [field] } });
        }
      }
    }
  };

  const querySpec = (term: string, at: number, all: string[], options: PlainSearchOptions): Map<number, Raw> => {
    const results = new Map<number, Raw>();
    const weights = { ...DEFAULTS.weights, ...options.weights };
    const exact = positionOf(term);
    if (exact !== undefined) termResults(term, exact, 1, options, results);
    const prefix = typeof options.prefix === "function" ? options.prefix(term, at, all) : options.prefix === true;
    const prefixes = prefix ? withPrefix(term) : [];
    const asked = typeof options.fuzzy === "function" ? options.fuzzy(term, at, all) : (options.fuzzy ?? false);
    const fuzzy = asked === true ? 0.2 : asked === false ? 0 : asked;
    const maxDistance = fuzzy < 1 ? Math.min(options.maxFuzzy ?? DEFAULTS.maxFuzzy, Math.round(term.length * fuzzy)) : fuzzy;
    const fuzzies = maxDistance ? near(term, maxDistance) : new Map<number, number>();
    for (const i of prefixes) {
      const extra = index.terms[i].length - term.length;
      if (!extra) continue;
      fuzzies.delete(i);
      termResults(term, i, (weights.prefix * index.terms[i].length) / (index.terms[i].length + 0.3 * extra), options, results);
    }
    for (const [i, d] of fuzzies) {
      if (!d) continue;
      termResults(term, i, (weights.fuzzy * index.terms[i].length) / (index.terms[i].length + d), options, results);
    }
    return results;
  };

  const or = (a: Map<number, Raw>, b: Map<number, Raw>) => {
    for (const [doc, r] of b) {
      const existing = a.get(doc);
      if (!existing) a.set(doc, r);
      else {
        existing.score += r.score;
        existing.match = Object.assign(existing.match, r.match);
        for (const t of r.terms) if (!existing.terms.includes(t)) existing.terms.push(t);
      }
    }
    return a;
  };

  return {
    search(query, options) {
      const perQuery = query.queries.map((q) => {
        const terms = tokenize(q)
          .flatMap((t) => processTerm(t) || [])
          .filter((t): t is string => !!t);
        return terms.map((t, i) => querySpec(t, i, terms, options)).reduce(or, new Map());
      });
      const combined = perQuery.reduce(or, new Map());
      const out: PlainResult[] = [];
      for (const [doc, r] of combined) {
        out.push({
          id: index.ids[doc],
          score: r.score * (r.terms.length || 1),
          terms: Object.keys(r.match),
          queryTerms: r.terms,
          match: r.match,
        });
      }
      return out.sort((x, y) => y.score - x.score);
    },
  };
}
