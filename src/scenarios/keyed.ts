// Keyed partitioning: the built-in partitioner sends a keyed record to toPositive(murmur2(key bytes)) % partitions
// (BuiltInPartitioner.partitionForKey), so adding partitions changes where most keys go: a one-way door, since
// partitions cannot be removed and old records stay where they were written.
import type { Level } from "../bank/constants.js";
import { hashSeed, rng } from "../quiz/random.js";
import { choice, fmt, int, list, mistake, numeric, pick, solvable } from "./core.js";
import { keyBytes, murmur2, toPositive } from "./murmur2.js";
import { SOURCES } from "./sources.js";
import type { Family, Solution } from "./types.js";

export interface KeyedParams {
  keys: string[];
  before: number;
  after: number;
  /** true: the prompt gives the raw signed murmur2 value, so toPositive is part of the work. */
  signed: boolean;
  ask: "moved" | "partition";
  /** For "partition": the key asked about. */
  key: string;
}

const M = {
  keysStay: mistake("keys-keep-partition", "Assumed keys keep their partition when partitions are added"),
  allMove: mistake("all-keys-move", "Assumed every key moves; a key stays when its hash gives the same remainder"),
  abs: mistake("math-abs-not-to-positive", "Used Math.abs on the hash; Kafka's toPositive clears the sign bit (h & 0x7fffffff)"),
  oneBased: mistake("partitions-from-one", "Numbered partitions from 1; they start at 0"),
  highestIndex: mistake("modulo-highest-index", "Took the remainder by the highest partition number instead of the partition count"),
  multipleStays: mistake(
    "multiple-keeps-keys",
    "Assumed multiplying the partition count keeps keys in place; only about one key in that multiple stays (half when doubling, a third when tripling)",
  ),
};

const hashOf = (key: string) => murmur2(keyBytes(key));
const positive = (key: string) => toPositive(hashOf(key));
const partition = (key: string, n: number) => positive(key) % n;

function solve(p: KeyedParams): Solution {
  const steps: string[] = [];
  if (p.signed)
    steps.push(
      "toPositive clears the sign bit: a negative hash h becomes h + 2^31 (2,147,483,648), a positive one stays.",
      `${list(p.keys.map((k) => `${k}: ${fmt(positive(k), 0)}`))}.`,
    );
  for (const k of p.keys)
    steps.push(`${k}: ${fmt(positive(k), 0)} mod ${p.before} = ${partition(k, p.before)}, mod ${p.after} = ${partition(k, p.after)}.`);
  if (p.ask === "moved") {
    const moved = p.keys.filter((k) => partition(k, p.before) !== partition(k, p.after)).length;
    steps.push(
      moved
        ? `${moved} of ${p.keys.length} keys land in a different partition; the old records of ${moved === 1 ? "that key stay" : "those keys stay"} where they were written, so ${moved === 1 ? "its" : "their"} order across the change is lost.`
        : `None of the ${p.keys.length} keys lands in a different partition this time; in general a key stays only when its hash leaves the same remainder.`,
    );
    const absMoved = p.keys.filter((k) => Math.abs(hashOf(k)) % p.before !== Math.abs(hashOf(k)) % p.after).length;
    return {
      answer: numeric(moved, "keys", { abs: 0 }, [
        { value: 0, mistake: p.after % p.before === 0 ? M.multipleStays : M.keysStay },
        { value: p.keys.length, mistake: M.allMove },
        { value: p.signed ? absMoved : Number.NaN, mistake: M.abs },
      ]),
      steps,
    };
  }
  const show = (n: number) => `Partition ${n}`;
  const candidates = [
    { text: show(partition(p.key, p.before)), mistake: M.keysStay },
    { text: show(positive(p.key) % (p.after - 1)), mistake: M.highestIndex },
    { text: show(partition(p.key, p.after) + 1), mistake: M.oneBased },
    ...(p.signed ? [{ text: show(Math.abs(hashOf(p.key)) % p.after), mistake: M.abs }] : []),
  ];
  return { answer: choice(show(partition(p.key, p.after)), candidates), steps };
}

function generate(seed: number, level: Level): KeyedParams {
  const random = rng(hashSeed("keyed-partitioning", seed));
  return solvable(() => draw(random, level), solve);
}

function draw(random: () => number, level: Level): KeyedParams {
  const prefix = pick(random, ["user-", "order-", "account-", "device-"]);
  const count = level === "beginner" ? 3 : level === "intermediate" ? 4 : int(random, 4, 6);
  const ids = new Set<number>();
  while (ids.size < count) ids.add(int(random, 1, 99_999));
  const keys = [...ids].map((i) => `${prefix}${i}`);
  const before = pick(random, [3, 4, 6, 8, 10, 12]);
  const after = level === "advanced" || level === "expert" ? pick(random, [before * 2, before + 1, before + 2, before * 3]) : before * 2;
  const signed = level === "expert" && keys.some((k) => hashOf(k) < 0);
  const ask = level === "beginner" ? "partition" : pick(random, ["moved", "partition"] as const);
  return { keys, before, after, signed, ask, key: pick(random, keys) };
}

function prompt(p: KeyedParams): string {
  const hashes = p.keys.map((k) => `${k} → ${p.signed ? hashOf(k) : positive(k)}`);
  const lines = [
    `A producer uses the built-in partitioner with string keys (UTF-8 bytes). ${
      p.signed ? "murmur2 of each key, as a signed 32-bit Java int" : "toPositive(murmur2(key)) for each key"
    }: ${hashes.join("; ")}.`,
    `The topic grows from ${p.before} to ${p.after} partitions.`,
  ];
  if (p.ask === "moved") lines.push("How many of these keys are written to a different partition after the change?");
  else lines.push(`Which partition does ${p.key} go to after the change?`);
  return lines.join(" ");
}

export const keyedPartitioning: Family<KeyedParams> = {
  id: "keyed-partitioning",
  title: "Key hashing and adding partitions",
  topics: ["producers", "architecture"],
  levels: ["beginner", "intermediate", "advanced", "expert"],
  glossary: ["partitioner-class", "message-key", "partition", "message-ordering", "hot-partition"],
  sources: [SOURCES.modifyTopic, SOURCES.kip794],
  generate,
  prompt,
  solve,
};
