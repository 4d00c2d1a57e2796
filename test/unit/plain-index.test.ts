import { describe, expect, it } from "vitest";
import { buildIndex } from "../../src/bank/index-build.js";
import { plainSearcher, toPlainIndex } from "../../src/bank/plain-index.js";
import { createSearch, INDEX_OPTIONS, queryTokens } from "../../src/bank/search.js";
import { builtinFromYaml } from "../helpers/bank.js";

const { glossary } = builtinFromYaml();
const mini = buildIndex(glossary);
const plain = plainSearcher(toPlainIndex(JSON.parse(JSON.stringify(mini.toJSON()))), INDEX_OPTIONS);

// Words people type, whole, cut short, misspelt and in several words, plus every word of every term and alias.
const typed = [
  "acks",
  "idempotance",
  "rebalansing",
  "difference between at-least-once and exactly-once",
  "min insync",
  "partitons",
  "consumer lag",
  "kip-679",
  "transactional id",
  "offset",
  "compac",
  "zookeper",
  "exactly",
  "leader epoch",
  "how many partitions do I need",
  "xyzzy",
];
const all = [...new Set(glossary.flatMap((e) => [e.term, ...e.aliases]).flatMap((t) => t.split(/\s+/)))];
// Every seventh word keeps the test quick while still reaching every part of the index.
const words = all.filter((_, i) => i % 7 === 0);

describe("the plain search index", () => {
  it("ranks every query exactly as the MiniSearch index it was made from", () => {
    const queries = [...typed, ...words];
    for (const lenient of [false, true]) {
      for (const q of queries) {
        const { tokens, joined } = queryTokens(q);
        const options = {
          boost: { term: 10, aliases: 5, acronym: 4, summary: 2, details: 1 },
          bm25: { k: 1.2, b: 0.9, d: 0.5 },
          combineWith: "OR" as const,
          prefix: (t: string) => t.length >= (lenient ? 2 : 3),
          fuzzy: (t: string) =>
            joined.has(t) ? false : lenient ? (t.length >= 3 ? 0.34 : false) : t.length >= 6 ? 2 : t.length >= 4 ? 1 : false,
          maxFuzzy: lenient ? 3 : 2,
          weights: { fuzzy: 0.3, prefix: 0.2 },
        };
        // Scores are sums of the same terms, which may be added in another order: equal to the last few bits, and
        // entries whose scores differ only there may swap.
        const key = (r: { id: string; score: number }) => `${r.score.toFixed(9)} ${r.id}`;
        const expected = mini.search({ queries: tokens, combineWith: "OR" }, options).sort((a, b) => (key(a) < key(b) ? -1 : 1));
        const got = plain.search({ queries: tokens, combineWith: "OR" }, options).sort((a, b) => (key(a) < key(b) ? -1 : 1));
        expect(got.map(key), q).toEqual(expected.map(key));
        got.forEach((r, i) => {
          expect([...r.queryTerms].sort(), q).toEqual([...expected[i].queryTerms].sort());
          expect(r.match, q).toEqual(expected[i].match);
        });
      }
    }
    expect(queries.length).toBeGreaterThan(80);
  });

  it("serves explain's search: the same best entry for every query", () => {
    const viaMini = createSearch(glossary, mini);
    const viaPlain = createSearch(glossary, plain);
    for (const q of [...typed, ...words]) {
      expect(
        viaPlain.search(q).map((h) => h.id),
        q,
      ).toEqual(viaMini.search(q).map((h) => h.id));
      // Suggestions of equal score may come in another order.
      const [first, ...rest] = viaMini.suggest(q);
      const got = viaPlain.suggest(q);
      if (first) expect(got[0], q).toBe(first);
      expect([...got].sort(), q).toEqual([first, ...rest].filter(Boolean).sort());
    }
  });
});
