// The Kafka paraphrase lexicon: ways people say the same thing. A phrase that contains one expression of a group
// also matches with any other expression of the group in its place, so the lexicon works for both sides: a key
// point written as "delays failure detection" finds "you notice the dead broker later", and the other way round.
import { phraseWords, type Token } from "./tokens.js";

/**
 * Each group lists expressions that say the same in a Kafka answer. Words are stemmed and stop words dropped as in
 * phrases; binding prepositions count ("per key" needs per, each or every right before key). Keep groups to real
 * equivalents: an expression here widens every key point that contains another of its group.
 */
// Expressions are bags of words, like phrases: never put one here whose meaning hangs on word order ("processed
// before commit" would also read as "commit before processing").
export const LEXICON: readonly (readonly string[])[] = [
  // Things and actors.
  ["record", "message", "event"],
  ["broker", "server", "node"],
  ["failure", "crash", "dead", "down", "dies", "outage", "fails"],
  ["restart", "reboot", "bounce", "redeploy"],
  ["copy", "replica", "replicate"],
  ["offset", "position"],
  ["need answer", "wait for reply", "wait for answer", "need response", "wait for response"],
  ["move back", "jump back", "go back", "roll back"],
  ["cost", "price", "overhead"],
  ["amortize", "spread cost", "spread price", "spread overhead"],
  ["ensure", "guarantee", "make sure", "promise"],
  ["setting", "config", "configuration", "property", "parameter"],
  ["send", "publish", "produce"],
  ["store", "persist", "save"],
  ["delete", "remove", "purge", "clean up"],
  ["error", "exception"],
  ["large", "big", "huge"],
  ["fast", "quick"],
  ["slow", "sluggish"],
  ["require", "need"],
  ["automatically", "by itself", "on its own"],
  ["manually", "by hand", "explicitly"],
  ["offline", "unavailable"],
  ["retain", "not delete", "not remove", "kept"],
  ["pull", "not push", "fetch requests"],
  ["make progress", "converge", "catch up", "finish"],
  ["read", "fetch"],
  ["return", "hand back", "give back", "send back"],
  ["remote storage", "object store", "object storage", "remote tier"],
  ["less control", "lose control", "no control", "limited control"],
  ["false", "disable", "off", "turn off", "switch off"],
  ["replication factor 3", "3 replicas", "3 copies", "replication 3"],
  ["min.insync.replicas 2", "2 in sync", "min isr 2", "2 insync replicas", "2 replicas in sync"],
  ["after processing", "once processed", "after handling", "once handled", "after the work is done"],
  ["multiple", "several", "many"],
  ["other consumers", "others", "remaining consumers", "surviving consumers", "remaining members", "surviving members", "rest of group"],
  ["previous", "existing", "prior"],
  ["independent", "separate", "standalone"],
  ["discard", "drop", "ignore", "reject", "skip"],
  ["shutdown", "shut down", "close"],
  ["across brokers", "several brokers", "multiple brokers", "different brokers", "many brokers"],
  ["partition count", "number of partitions", "enough partitions", "partitions count"],
  ["same transaction", "atomically", "one transaction", "single transaction"],
  ["commit sync", "synchronous commit", "commit synchronously", "sync commit"],
  ["resume", "continue", "pick up", "carry on", "start from", "restart from", "running again", "start again"],
  ["tombstone", "null value", "delete marker", "null payload"],
  ["zombie", "stale instance", "old instance"],
  // Doing.
  ["acknowledgment", "ack", "confirm"],
  ["deduplicate", "dedupe", "drop duplicates", "discard duplicates", "ignore duplicates", "reject duplicates", "filter duplicates"],
  [
    "duplicate",
    "twice",
    "more than once",
    "processed again",
    "reprocess",
    "redelivered",
    "already written",
    "already has",
    "already seen",
    "seen before",
  ],
  ["lose", "lost", "loss", "gone", "missing", "dropped"],
  ["increase", "raise", "higher", "bump", "larger", "bigger", "grow", "rise", "climb", "build up", "pile up"],
  ["decrease", "lower", "reduce", "smaller", "fewer", "shrink", "go down", "cut"],
  ["limit", "cap", "ceiling", "upper bound"],
  ["spread", "distribute", "deal out", "hand out"],
  ["buffer", "absorb", "backlog", "queue up"],
  ["tls", "ssl"],
  ["hostname", "host name", "dns name"],
  ["external", "outside", "public"],
  ["internal", "private", "inside"],
  ["parallelism", "concurrency", "parallel", "at the same time", "concurrently", "simultaneously"],
  ["rebalance", "reassign partitions", "redistribute partitions", "partitions reassigned", "partitions move"],
  ["commit offset", "save offset", "store offset", "save position", "commit position", "record progress"],
  ["replay", "reprocess history", "read again", "rewind", "reread"],
  ["elect leader", "leader election", "new leader chosen", "choose new leader", "pick new leader", "promote follower"],
  // Ideas.
  ["delay detection", "notice later", "detect later", "detected later", "detected late", "slower detect", "longer detect", "notice late"],
  ["in sync", "caught up", "catch up", "up to date"],
  ["lag", "behind", "falls behind"],
  [
    "latest value per key",
    "last value per key",
    "latest state per key",
    "current value per key",
    "upsert",
    "update per key",
    "overwrite per key",
  ],
  ["insert", "independent event", "each event independent", "every record independent"],
  [
    "remap keys",
    "keys move partition",
    "key other partition",
    "key hash other partition",
    "key mapping changes",
    "keys land other partition",
    "key new partition",
    "keys reshuffled",
  ],
  ["stop the world", "all consumers stop", "every consumer pauses", "revoke all partitions", "whole group stops"],
  ["hot partition", "skewed partition", "uneven load", "data skew", "key skew"],
  ["fire and forget", "no acknowledgment", "not wait acknowledgment", "never hears back", "no response", "without waiting"],
  ["retention", "retained"],
];

interface Group {
  expressions: Token[][];
}

let groups: Group[] | undefined;
/** Groups by the stems of their expressions' words, so a phrase is checked only against groups it can contain. */
let byStem: Map<string, Group[]> | undefined;

function groupsFor(words: Token[]): Set<Group> {
  if (!groups || !byStem) {
    groups = LEXICON.map((g) => ({ expressions: g.map((e) => phraseWords(e)).filter((e) => e.length > 0) }));
    byStem = new Map();
    for (const g of groups) {
      for (const e of g.expressions) {
        const key = e[0].neg ? "\0" : e[0].stem;
        const list = byStem.get(key) ?? [];
        if (!list.includes(g)) list.push(g);
        byStem.set(key, list);
      }
    }
  }
  const out = new Set<Group>();
  for (const w of words) for (const g of byStem.get(w.neg ? "\0" : w.stem) ?? []) out.add(g);
  return out;
}

const sameWord = (a: Token, b: Token) => a.stem === b.stem && (a.preps ?? []).join() === (b.preps ?? []).join() && a.neg === b.neg;

/** Indexes of phrase words that expression's words match one to one, or undefined. */
function find(words: Token[], expression: Token[]): number[] | undefined {
  const used: number[] = [];
  for (const e of expression) {
    const i = words.findIndex((w, j) => !used.includes(j) && sameWord(w, e));
    if (i < 0) return undefined;
    used.push(i);
  }
  return used;
}

const keyOf = (words: Token[]) =>
  words
    .map((w) => `${w.neg ? "\0" : w.stem}|${(w.preps ?? []).join()}`)
    .sort()
    .join(" ");

/** Most variants one phrase gets: two rounds of replacement, bounded so a question stays quick to compile. */
const MAX_VARIANTS = 16;

const expansions = new WeakMap<Token[], Token[][]>();

/** A phrase's words and the variants the lexicon allows, the phrase itself first. Remembered per phrase. */
export function expandPhrase(words: Token[]): Token[][] {
  let out = expansions.get(words);
  if (!out) {
    out = expand(words);
    expansions.set(words, out);
  }
  return out;
}

function expand(words: Token[]): Token[][] {
  const out = [words];
  const seen = new Set([keyOf(words)]);
  for (let round = 0; round < 2; round++) {
    for (const base of [...out]) {
      for (const g of groupsFor(base)) {
        for (const e of g.expressions) {
          const at = find(base, e);
          if (!at) continue;
          const rest = base.filter((_, i) => !at.includes(i));
          for (const other of g.expressions) {
            if (other === e) continue;
            const variant = [...rest, ...other];
            const key = keyOf(variant);
            if (seen.has(key)) continue;
            seen.add(key);
            out.push(variant);
            if (out.length >= MAX_VARIANTS) return out;
          }
        }
      }
    }
  }
  return out;
}
