// How text becomes words, shared by the search index and the exact-name lookup. No search library here,
// so an exact term or alias is found without loading the index.
import { camelParts, LETTERS } from "../text/letters.js";
import { lightStem } from "../text/light-stem.js";
import { SEARCH_STOP } from "../text/stopwords.js";
import { compounds } from "../text/tokenize.js";
import type { GlossaryEntry } from "./schema.js";

const NON_LETTERS = new RegExp(`[^${LETTERS}]+`);

/** Fields whose text is a list of names; each name also counts joined into one word. */
export const HEADINGS = new Set(["term", "aliases", "acronym"]);
/** Separates the names in a heading field. */
export const PHRASE = "\n";

/**
 * Lower case and a light stem, so "partitions" finds "partition" and "rebalancing" finds "rebalance";
 * null for a stop word. Index and query go through the same function, so a stem need not be a word.
 */
export function normalizeWord(word: string): string | null {
  const w = word.toLowerCase();
  return !w || SEARCH_STOP.has(w) ? null : lightStem(w);
}

/** The words of a piece of text, and each compound word (`min.insync.replicas`) joined (`mininsyncreplicas`) and as its parts. */
export const words = compounds;

/**
 * Index-side tokenizer: every word, each compound also joined, and in headings the whole name joined,
 * so `consumer_lag` and `consumerlag` find "consumer lag".
 */
export function tokenizeField(text: string, field?: string): string[] {
  const out = new Set<string>();
  const heading = field !== undefined && HEADINGS.has(field);
  for (const phrase of heading ? text.split(PHRASE) : [text]) {
    const { parts, joined } = words(phrase);
    for (const t of [...parts, ...joined]) out.add(t);
    if (heading && parts.length > 1) out.add(parts.join(""));
  }
  return [...out];
}

/** Initials of a term of several words: "exactly-once semantics" is "eos", "MirrorMaker 2" is "mm2". */
export function acronym(term: string): string {
  const parts = term.split(NON_LETTERS).flatMap(camelParts).filter(Boolean);
  if (parts.length < 2) return "";
  return parts
    .map((p) => (/^\d+$/.test(p) ? p : p[0]))
    .join("")
    .toLowerCase();
}

/** A name as one comparable word: "Min InSync replicas", "min_insync_replicas" and "min.insync.replicas" are equal. */
export function nameKey(text: string): string {
  return words(text).parts.map(lightStem).join("");
}

/** A name as typed, only lower-cased and joined: "KStream" is not "KStreams" here, though both stem to "kstream". */
function literalKey(text: string): string {
  return `=${words(text)
    .parts.map((w) => w.toLowerCase())
    .join("")}`;
}

/** Ids by every term, id and alias, both as typed and stemmed; a name two entries share maps to both. */
export function exactNames(entries: readonly Pick<GlossaryEntry, "id" | "term" | "aliases">[]): Map<string, string[]> {
  const names = new Map<string, string[]>();
  const add = (k: string, id: string) => {
    const ids = names.get(k) ?? [];
    if (!ids.includes(id)) ids.push(id);
    names.set(k, ids);
  };
  for (const e of entries) {
    for (const name of [e.term, e.id, ...e.aliases]) {
      const k = nameKey(name);
      if (!k) continue;
      add(k, e.id);
      add(literalKey(name), e.id);
    }
  }
  return names;
}

/**
 * The entries named exactly by a query, best first: as typed, then stemmed, then without its filler words
 * ("what is a partition").
 */
export function exactIds(names: ReadonlyMap<string, string[]> | Record<string, string[]>, query: string): string[] {
  const get = (k: string) =>
    (names instanceof Map ? names.get(k) : Object.hasOwn(names, k) ? (names as Record<string, string[]>)[k] : undefined) ?? [];
  const whole = nameKey(query);
  if (!whole) return [];
  const content = words(query)
    .parts.map(normalizeWord)
    .filter((w) => w !== null)
    .join("");
  const stemmed = get(whole).length ? get(whole) : content ? get(content) : [];
  return [...new Set([...get(literalKey(query)), ...stemmed])];
}
