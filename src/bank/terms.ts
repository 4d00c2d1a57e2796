// How text becomes words, shared by the search index and the exact-name lookup. No search library here,
// so an exact term or alias is found without loading the index.
import type { GlossaryEntry } from "./schema.js";

/** Words that say nothing about which entry is meant: "what is", "how does … work". */
const STOP = new Set(
  "a an and are as at be by can do does explain for from how i in is it its me mean means of on or really the to vs versus what whats when where which why with work works".split(
    " ",
  ),
);

/** Separators inside a word such as `min.insync.replicas`, `min_insync_replicas` or `acks=all`. */
const INNER = /[._\-=/:+]+/;
/**
 * Letters and digits: ASCII, then Latin to Greek and the scripts after the punctuation block. Spelled out as ranges
 * because a Unicode property class costs a millisecond to compile at every start.
 */
const LETTERS = "A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u1FFF\u2C00-\uD7FF";
/** Everything that is not part of a word. */
const OUTER = new RegExp(`[^${LETTERS}._\\-=/:+]+`);
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
  return !w || STOP.has(w) ? null : stem(w);
}

function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ed")) w = w.slice(0, -2);
  if (w.length > 4 && w.endsWith("e")) w = w.slice(0, -1);
  return w;
}

const camel = (s: string) => s.replace(/([a-z])([A-Z])/g, "$1 $2");

/** The words of a piece of text, and each compound word (`min.insync.replicas`) joined (`mininsyncreplicas`) and as its parts. */
export function words(text: string): { parts: string[]; joined: string[]; compounds: string[][] } {
  const parts: string[] = [];
  const joined: string[] = [];
  const compounds: string[][] = [];
  for (const chunk of text.split(OUTER)) {
    const pieces = chunk.split(INNER).filter(Boolean);
    if (!pieces.length) continue;
    const split = pieces.flatMap((p) => camel(p).split(" "));
    parts.push(...split);
    if (split.length > 1) {
      joined.push(split.join(""));
      compounds.push(split);
    }
  }
  return { parts, joined, compounds };
}

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
  const parts = camel(term).split(NON_LETTERS).filter(Boolean);
  if (parts.length < 2) return "";
  return parts
    .map((p) => (/^\d+$/.test(p) ? p : p[0]))
    .join("")
    .toLowerCase();
}

/** A name as one comparable word: "Min InSync replicas", "min_insync_replicas" and "min.insync.replicas" are equal. */
export function nameKey(text: string): string {
  return words(text).parts.map(stem).join("");
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
