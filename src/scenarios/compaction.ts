// Log compaction: what a consumer reading from the start sees after the cleaner has run.
// LogCleaner builds its offset map from the dirty segments up to the active segment, which is never cleaned; in the
// cleaned range a record survives if it is the latest for its key. A tombstone that is the latest for its key survives
// the pass that first cleans it, which stamps a delete horizon of that time + delete.retention.ms on its batch; a later
// pass at or after the horizon removes it (KIP-534; LogCleaner.shouldRetainRecord, MemoryRecords.filterTo).
import type { Level } from "../bank/constants.js";
import { hashSeed, rng } from "../quiz/random.js";
import { choice, fmt, int, list, mistake, numeric, pick, range } from "./core.js";
import { SOURCES } from "./sources.js";
import type { ChoiceOption, Family, Mistake, Solution } from "./types.js";

export interface Write {
  key: string;
  /** null: a tombstone. */
  value: string | null;
}

export interface CompactionParams {
  writes: Write[];
  policy: "compact" | "delete";
  deleteRetentionHours: number;
  /** Cleaner passes in order: the hour each ran and where the active segment started then. */
  passes: { hour: number; activeBase: number }[];
  ask: "count" | "key";
  key: string;
}

const M = {
  activeCompacted: mistake("active-segment-compacted", "Compacted the active segment too; the cleaner never touches it"),
  tombstoneAtOnce: mistake("tombstone-removed-at-once", "Removed tombstones on the first pass; they stay for delete.retention.ms after it"),
  tombstoneForever: mistake("tombstone-kept-forever", "Kept tombstones forever; a later pass past delete.retention.ms removes them"),
  deleteCompacts: mistake("delete-policy-compacts", "Compacted a topic whose cleanup.policy=delete; it only deletes old segments"),
  compactKeepsAll: mistake("compaction-keeps-history", "Assumed compaction keeps older values of a key"),
  keyNotLatest: mistake(
    "latest-overall-only",
    "Kept only the latest record of the key in the whole log, ignoring that the active segment is not cleaned",
  ),
};

interface Rules {
  activeCompacted?: boolean;
  tombstones?: "at-once" | "forever";
  policy?: "compact" | "delete";
}

/** Offsets a consumer reads from the start after the passes, simulated pass by pass. */
export function survivors(p: CompactionParams, r: Rules = {}): number[] {
  let kept = range(p.writes.length);
  if ((r.policy ?? p.policy) === "delete") return kept;
  const horizon = new Map<number, number>();
  for (const pass of p.passes) {
    const end = r.activeCompacted ? p.writes.length : pass.activeBase;
    const latest = new Map<string, number>();
    for (const o of kept) if (o < end) latest.set(p.writes[o].key, o);
    kept = kept.filter((o) => {
      if (o >= end) return true;
      if (latest.get(p.writes[o].key) !== o) return false;
      if (p.writes[o].value !== null || r.tombstones === "forever") return true;
      if (r.tombstones === "at-once") return false;
      const h = horizon.get(o);
      return h === undefined || pass.hour < h;
    });
    for (const o of kept) if (o < end && p.writes[o].value === null && !horizon.has(o)) horizon.set(o, pass.hour + p.deleteRetentionHours);
  }
  return kept;
}

const describe = (p: CompactionParams, o: number) => {
  const v = p.writes[o].value;
  return v === null ? `the tombstone at offset ${o}` : `${v} at offset ${o}`;
};
const showKey = (p: CompactionParams, offsets: number[]) => {
  const mine = offsets.filter((o) => p.writes[o].key === p.key);
  if (!mine.length) return "Nothing: no record of the key is left";
  const text = mine.map((o) => describe(p, o)).join(", then ");
  return text.charAt(0).toUpperCase() + text.slice(1);
};

function solve(p: CompactionParams): Solution {
  const steps: string[] = [];
  const kept = survivors(p);
  if (p.policy === "delete") steps.push("cleanup.policy=delete never compacts: every record within retention stays.");
  else {
    const horizon = new Map<number, number>();
    let before = range(p.writes.length);
    for (const pass of p.passes) {
      const now = survivors({ ...p, passes: p.passes.slice(0, p.passes.indexOf(pass) + 1) });
      const dropped = before.filter((o) => !now.includes(o));
      // A tombstone past its horizon is removed only if it is still the latest record of its key; one superseded by a
      // later write of the key goes like any older record.
      const latest = new Map<string, number>();
      for (const o of before) if (o < pass.activeBase) latest.set(p.writes[o].key, o);
      const expired = dropped.filter((o) => p.writes[o].value === null && horizon.has(o) && latest.get(p.writes[o].key) === o);
      steps.push(
        `At hour ${pass.hour} the cleaner cleans offsets 0 to ${pass.activeBase - 1}, keeping the latest record of each key there; the active segment from offset ${pass.activeBase} is left alone.`,
      );
      if (expired.length)
        steps.push(
          `Hour ${pass.hour} is at or past the delete horizon of ${expired.map((o) => `the tombstone at offset ${o} (hour ${horizon.get(o)})`).join(", ")}, so it is removed.`,
        );
      steps.push(
        dropped.length
          ? `This pass removes ${dropped.length === 1 ? "offset" : "offsets"} ${list(dropped.map(String))}.`
          : "This pass removes nothing.",
      );
      for (const o of now)
        if (o < pass.activeBase && p.writes[o].value === null && !horizon.has(o)) {
          horizon.set(o, pass.hour + p.deleteRetentionHours);
          steps.push(
            `The tombstone at offset ${o} stays for now, stamped with a delete horizon of hour ${pass.hour} + ${p.deleteRetentionHours} = ${pass.hour + p.deleteRetentionHours}.`,
          );
        }
      before = now;
    }
  }
  steps.push(`A consumer reading from the start gets offsets ${kept.join(", ")}.`);
  const rules: [Rules, Mistake][] = [
    [{ activeCompacted: true }, M.activeCompacted],
    [{ tombstones: "at-once" }, M.tombstoneAtOnce],
    [{ tombstones: "forever" }, M.tombstoneForever],
    [{ policy: p.policy === "delete" ? "compact" : "delete" }, p.policy === "delete" ? M.deleteCompacts : M.compactKeepsAll],
  ];
  if (p.ask === "count") {
    return {
      answer: numeric(
        kept.length,
        "records",
        { abs: 0 },
        rules.map(([r, m]) => ({ value: survivors(p, r).length, mistake: m })),
      ),
      steps,
    };
  }
  const candidates: ChoiceOption[] = rules.map(([r, m]) => ({ text: showKey(p, survivors(p, r)), mistake: m }));
  // The latest record of the key in the whole log only.
  const lastOfKey = Math.max(...range(p.writes.length).filter((o) => p.writes[o].key === p.key));
  candidates.push({ text: showKey(p, [lastOfKey]), mistake: M.keyNotLatest });
  candidates.push({ text: showKey(p, range(p.writes.length)), mistake: p.policy === "delete" ? M.deleteCompacts : M.compactKeepsAll });
  return { answer: choice(showKey(p, kept), candidates), steps };
}

function distinguishes(p: CompactionParams): boolean {
  try {
    solve(p);
    return true;
  } catch {
    return false;
  }
}

const KEYS = ["user-1", "user-2", "user-3", "user-4", "user-5"];
const VALUES = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function generate(seed: number, level: Level): CompactionParams {
  const random = rng(hashSeed("compaction", seed));
  const n = level === "beginner" ? int(random, 5, 7) : level === "intermediate" ? int(random, 6, 9) : int(random, 8, 12);
  const keys = KEYS.slice(0, level === "beginner" ? 2 : 3);
  const tombstoneChance = level === "beginner" ? 0 : 0.25;
  let letter = 0;
  const writes: Write[] = range(n).map(() => ({
    key: pick(random, keys),
    value: random() < tombstoneChance ? null : VALUES[letter++ % VALUES.length],
  }));
  const policy = level === "beginner" || level === "intermediate" ? pick(random, ["compact", "compact", "delete"] as const) : "compact";
  const deleteRetentionHours = pick(random, [1, 24, 24, 48]);
  const first = int(random, 1, 20);
  const base1 = int(random, Math.floor(n / 3), n - 2);
  const passes =
    level === "beginner" || level === "intermediate"
      ? [{ hour: first, activeBase: int(random, Math.floor(n / 2), n - 1) }]
      : [
          { hour: first, activeBase: base1 },
          {
            hour: first + pick(random, [deleteRetentionHours / 2, deleteRetentionHours + 2, deleteRetentionHours * 3]),
            activeBase: int(random, base1 + 1, n - 1),
          },
        ];
  const activeBase = passes[passes.length - 1].activeBase;
  const ask = level === "beginner" ? "count" : pick(random, ["count", "key"] as const);
  // Ask about a key that appears both in the cleaned range and in the active segment where possible.
  const both = keys.filter(
    (k) => writes.slice(0, activeBase).some((w) => w.key === k) && writes.slice(activeBase).some((w) => w.key === k),
  );
  const key =
    both.length && level !== "intermediate"
      ? pick(random, both)
      : pick(
          random,
          keys.filter((k) => writes.some((w) => w.key === k)),
        );
  const p: CompactionParams = { writes, policy, deleteRetentionHours, passes, ask, key };
  // Ask about one key only when its records tell the rules apart; otherwise count the records.
  if (ask === "key" && !distinguishes(p)) p.ask = "count";
  return p;
}

function prompt(p: CompactionParams): string {
  const log = p.writes.map((w, o) => `${o}: ${w.key}=${w.value ?? "null (tombstone)"}`).join("; ");
  const lines = [
    `A topic has one partition with cleanup.policy=${p.policy}, delete.retention.ms=${fmt(p.deleteRetentionHours * 3_600_000)} (${p.deleteRetentionHours} h) and min.compaction.lag.ms=0; nothing is old enough for retention.ms to delete.`,
    `Its log, by offset: ${log}.`,
  ];
  const [one, two] = p.passes;
  if (p.policy === "compact")
    lines.push(
      two
        ? `The log cleaner cleaned the partition at hour ${one.hour}, when the active segment started at offset ${one.activeBase}, and again at hour ${two.hour}, when it started at offset ${two.activeBase}.`
        : `The log cleaner has cleaned the partition once, at hour ${one.hour}; the active segment starts at offset ${one.activeBase}.`,
    );
  else lines.push(`The active segment starts at offset ${one.activeBase}.`);
  lines.push(
    p.ask === "count"
      ? "A new consumer group then reads the partition from the beginning. How many records does it read?"
      : `A new consumer group then reads the partition from the beginning. Which records of key ${p.key} does it read?`,
  );
  return lines.join(" ");
}

export const compaction: Family<CompactionParams> = {
  id: "compaction",
  title: "Log compaction, tombstones and the active segment",
  topics: ["storage"],
  levels: ["beginner", "intermediate", "advanced", "expert"],
  glossary: ["log-compaction", "tombstone", "delete-retention-ms", "cleanup-policy", "log-segment", "min-compaction-lag-ms"],
  sources: [SOURCES.compaction, SOURCES.cleanupPolicy, SOURCES.deleteRetention, SOURCES.kip534],
  generate,
  prompt,
  solve,
};
