// Where a consumer starts: a valid committed offset always wins; auto.offset.reset applies only when there is none
// (a new group, offsets expired after offsets.retention.minutes, counted since the group became empty: KIP-211) or
// when it is out of range (retention deleted it). none throws NoOffsetForPartitionException for a missing offset and
// OffsetOutOfRangeException for an out-of-range one (FetchCollector); by_duration:<ISO-8601> (4.0+, KIP-1106) starts
// at the first record whose timestamp is within that duration of now, and older clients reject the value.
import type { Level } from "../bank/constants.js";
import { hashSeed, rng } from "../quiz/random.js";
import { choice, fmt, mistake, pick, plural, solvable } from "./core.js";
import { SOURCES } from "./sources.js";
import type { ChoiceOption, Family, Solution } from "./types.js";

export type OffsetState = "valid" | "absent" | "expired" | "active-old" | "out-of-range";
export type ResetPolicy = "earliest" | "latest" | "none" | "default" | { duration: string; hours: number };

/**
 * Records of the partition in blocks written at a given age, oldest first. The oldest block predates every commit a
 * prompt dates (at most 45 days ago), so a committed offset inside it was written before it was committed.
 */
export const BLOCKS = [
  { from: 5000, to: 5499, hoursAgo: 50 * 24 },
  { from: 5500, to: 5999, hoursAgo: 12 * 24 },
  { from: 6000, to: 6999, hoursAgo: 72 },
  { from: 7000, to: 7999, hoursAgo: 10 },
  { from: 8000, to: 8199, hoursAgo: 0.5 },
];
export const LOG_START = 5000;
export const LOG_END = 8200;

export interface OffsetsParams {
  version: "3.9" | "4.0";
  state: OffsetState;
  reset: ResetPolicy;
  /** The committed offset, where there is one. */
  committed: number;
  /** Days since the group became empty (expired), or since the last commit (active-old). */
  days: number;
  retentionMinutes: number;
}

const M = {
  resetDespiteValid: mistake("reset-despite-valid-offset", "Applied auto.offset.reset although the group has a valid committed offset"),
  retentionFromCommit: mistake(
    "retention-from-last-commit",
    "Counted offsets.retention.minutes from the last commit; since 2.1 it starts when the group becomes empty",
  ),
  expiryIgnored: mistake("offsets-never-expire", "Assumed committed offsets never expire"),
  earliestIsZero: mistake("earliest-is-zero", "Took earliest as offset 0; it is the log start offset, which retention moves forward"),
  noneFallsBack: mistake("none-falls-back", "Assumed none falls back to a default position; it throws"),
  defaultEarliest: mistake("default-is-earliest", "Assumed auto.offset.reset defaults to earliest; the default is latest"),
  wrongException: mistake(
    "wrong-reset-exception",
    "Mixed up NoOffsetForPartitionException (no offset) and OffsetOutOfRangeException (offset deleted)",
  ),
  deletedOffsetUsed: mistake("deleted-offset-used", "Expected the consumer to resume at a committed offset that retention already deleted"),
  durationOld: mistake("by-duration-before-4", "Assumed a 3.x client accepts by_duration; it arrived in Kafka 4.0 (KIP-1106)"),
  durationWrongBlock: mistake(
    "by-duration-wrong-block",
    "Took the wrong block for by_duration: it starts at the first record no older than the duration",
  ),
  unknownFallsBack: mistake(
    "unknown-value-falls-back",
    "Assumed an unknown auto.offset.reset value falls back to latest; the client rejects it",
  ),
  durationFromOldest: mistake("by-duration-from-oldest", "Measured the by_duration window from the oldest record instead of back from now"),
  restartFromZero: mistake(
    "restart-from-zero",
    "Assumed a restarted member starts over from the first offset; the group resumes at its committed offset",
  ),
  swapped: mistake("earliest-latest-swapped", "Mixed up earliest (the log start) and latest (the log end)"),
  latestIsLastRecord: mistake(
    "latest-is-last-record",
    "Took latest as the last record; it is the log end offset, the next offset to be written",
  ),
};

const at = (o: number, why: string) => `Offset ${fmt(o, 0)} (${why})`;
const START = at(LOG_START, "the log start offset");
const END = at(LOG_END, "the log end offset");
const NO_OFFSET = "poll() throws NoOffsetForPartitionException";
const OUT_OF_RANGE = "poll() throws OffsetOutOfRangeException";
const CONFIG = "The consumer fails at construction with a ConfigException";

export function durationStart(hours: number): number {
  return BLOCKS.find((b) => b.hoursAgo <= hours)?.from ?? LOG_END;
}

interface Rules {
  resetDespiteValid?: boolean;
  retentionFromCommit?: boolean;
  expiryIgnored?: boolean;
  earliestIsZero?: boolean;
  noneFallsBack?: boolean;
  defaultEarliest?: boolean;
  wrongException?: boolean;
  deletedOffsetUsed?: boolean;
  durationOld?: boolean;
  durationWrongBlock?: boolean;
  latestIsLastRecord?: boolean;
  restartFromZero?: boolean;
  swapped?: boolean;
  durationFromOldest?: boolean;
  unknownFallsBack?: boolean;
}

function start(p: OffsetsParams, r: Rules = {}): string {
  if (typeof p.reset === "object" && p.version === "3.9" && !r.durationOld) return r.unknownFallsBack ? END : CONFIG;
  const expired = p.state === "expired" || (p.state === "active-old" && r.retentionFromCommit);
  const valid =
    (p.state === "valid" || (p.state === "active-old" && !r.retentionFromCommit) || (p.state === "expired" && r.expiryIgnored)) &&
    !r.resetDespiteValid;
  if (valid && r.restartFromZero) return at(0, "the first offset ever written");
  if (valid || (p.state === "out-of-range" && r.deletedOffsetUsed)) return at(p.committed, "the committed offset");
  const missing = p.state === "absent" || expired || (!!r.resetDespiteValid && p.state !== "out-of-range");
  let reset = p.reset === "default" && r.defaultEarliest ? "earliest" : p.reset;
  if (r.swapped) reset = reset === "earliest" ? "latest" : reset === "latest" || reset === "default" ? "earliest" : reset;
  if (reset === "none" && !r.noneFallsBack) return missing !== !!r.wrongException ? NO_OFFSET : OUT_OF_RANGE;
  if (reset === "earliest") return r.earliestIsZero ? at(0, "the first offset ever written") : START;
  if (reset === "latest" || reset === "default" || reset === "none") return r.latestIsLastRecord ? at(LOG_END - 1, "the last record") : END;
  const oldest = BLOCKS[0].hoursAgo;
  const hours = r.durationWrongBlock ? reset.hours * 2 + 30 : r.durationFromOldest ? oldest - reset.hours : reset.hours;
  if (hours < 0) return END;
  const [n, unit] = reset.hours < 24 ? [reset.hours, "hour"] : [reset.hours / 24, "day"];
  const span = n === 1 ? unit : plural(n, unit);
  return at(durationStart(hours), `the first record of the last ${span}`);
}

function solve(p: OffsetsParams): Solution {
  const steps: string[] = [];
  if (typeof p.reset === "object" && p.version === "3.9")
    steps.push("A 3.9 client accepts only latest, earliest and none, so by_duration is rejected when the consumer is built.");
  else if (p.state === "valid")
    steps.push(`The group has a valid committed offset, ${fmt(p.committed, 0)}, so auto.offset.reset does not apply.`);
  else if (p.state === "active-old")
    steps.push(
      `The last commit is ${p.days} days old, but the group never became empty, so its offsets do not expire (KIP-211): it resumes at ${fmt(p.committed, 0)}.`,
    );
  else {
    if (p.state === "absent") steps.push("A new group has no committed offset, so auto.offset.reset decides.");
    if (p.state === "expired")
      steps.push(
        `The group has been empty for ${p.days} days, beyond offsets.retention.minutes=${fmt(p.retentionMinutes, 0)} (${fmt(p.retentionMinutes / 1440)} days), so its offsets expired and auto.offset.reset decides.`,
      );
    if (p.state === "out-of-range")
      steps.push(
        `The committed offset ${fmt(p.committed, 0)} is below the log start offset ${fmt(LOG_START, 0)}: retention deleted it, so the fetch is out of range and auto.offset.reset decides.`,
      );
    const r = p.reset;
    if (r === "none")
      steps.push(
        p.state === "out-of-range"
          ? "With none, the consumer throws OffsetOutOfRangeException."
          : "With none, the consumer throws NoOffsetForPartitionException.",
      );
    else if (r === "earliest") steps.push(`earliest starts at the log start offset, ${fmt(LOG_START, 0)}.`);
    else if (r === "latest" || r === "default")
      steps.push(
        `${r === "default" ? "The default, latest," : "latest"} starts at the log end offset, ${fmt(LOG_END, 0)}: only new records.`,
      );
    else
      steps.push(
        `by_duration:${r.duration} starts at the first record no older than ${fmt(r.hours)} hours: offset ${fmt(durationStart(r.hours), 0)}.`,
      );
  }
  const rules: [Rules, typeof M.durationOld][] = [
    [{ resetDespiteValid: true }, M.resetDespiteValid],
    [{ retentionFromCommit: true }, M.retentionFromCommit],
    [{ expiryIgnored: true }, M.expiryIgnored],
    [{ deletedOffsetUsed: true }, M.deletedOffsetUsed],
    [{ earliestIsZero: true }, M.earliestIsZero],
    [{ noneFallsBack: true }, M.noneFallsBack],
    [{ defaultEarliest: true }, M.defaultEarliest],
    [{ wrongException: true }, M.wrongException],
    [{ durationOld: true }, M.durationOld],
    [{ durationWrongBlock: true }, M.durationWrongBlock],
    [{ latestIsLastRecord: true }, M.latestIsLastRecord],
    [{ restartFromZero: true }, M.restartFromZero],
    [{ swapped: true }, M.swapped],
    [{ durationFromOldest: true }, M.durationFromOldest],
    [{ unknownFallsBack: true }, M.unknownFallsBack],
  ];
  const candidates: ChoiceOption[] = rules.map(([r, m]) => ({ text: start(p, r), mistake: m }));
  return { answer: choice(start(p), candidates), steps };
}

const DURATIONS = [
  { duration: "PT2H", hours: 2 },
  { duration: "PT12H", hours: 12 },
  { duration: "P1D", hours: 24 },
  { duration: "P4D", hours: 96 },
  { duration: "P14D", hours: 336 },
];

function generate(seed: number, level: Level): OffsetsParams {
  const random = rng(hashSeed("offset-reset", seed));
  return solvable(() => draw(random, level), solve);
}

function draw(random: () => number, level: Level): OffsetsParams {
  const states: OffsetState[] =
    level === "beginner"
      ? ["valid", "absent"]
      : level === "intermediate"
        ? ["valid", "absent", "out-of-range"]
        : ["valid", "absent", "expired", "active-old", "out-of-range"];
  const state = pick(random, states);
  const resets: ResetPolicy[] = level === "beginner" ? ["earliest", "latest", "default"] : ["earliest", "latest", "none", "default"];
  if (level === "advanced" || level === "expert") resets.push(...DURATIONS.slice(0, 3).map((d) => pick(random, [d, ...DURATIONS])));
  const reset = pick(random, resets);
  // A commit dated days ago lies in the oldest block; a fresh one anywhere; an out-of-range one below the log start.
  const committed =
    state === "out-of-range"
      ? pick(random, [1200, 3000, 4200])
      : state === "expired" || state === "active-old"
        ? pick(random, [5200, 5350, 5450])
        : pick(random, [5600, 6400, 7300, 8000]);
  const days = state === "expired" ? pick(random, [9, 14, 30]) : state === "active-old" ? pick(random, [10, 20, 45]) : 0;
  return {
    version: level === "expert" ? pick(random, ["3.9", "4.0", "4.0"]) : "4.0",
    state,
    reset,
    committed,
    days,
    retentionMinutes: 10080,
  };
}

function prompt(p: OffsetsParams): string {
  const age = (h: number) => (h < 1 ? "in the last hour" : h > 96 ? `${h / 24} days ago` : `${h} hours ago`);
  const blocks = BLOCKS.map((b) => `${fmt(b.from, 0)}–${fmt(b.to, 0)} written ${age(b.hoursAgo)}`);
  const lines = [
    `A partition holds offsets ${fmt(LOG_START, 0)} to ${fmt(LOG_END - 1, 0)} (older ones were deleted by retention): ${blocks.join("; ")}.`,
    `A Java consumer (client ${p.version}) in group "billing" has auto.offset.reset=${typeof p.reset === "string" ? (p.reset === "default" ? "(not set)" : p.reset) : `by_duration:${p.reset.duration}`}; the broker has offsets.retention.minutes=${p.retentionMinutes}.`,
  ];
  if (p.state === "valid")
    lines.push(`The group is running and last committed offset ${fmt(p.committed, 0)} a few seconds ago; one member restarts.`);
  if (p.state === "absent") lines.push("The group is new and has never committed an offset.");
  if (p.state === "expired")
    lines.push(`The group committed offset ${fmt(p.committed, 0)}, then all its members stopped ${p.days} days ago; now one starts again.`);
  if (p.state === "active-old")
    lines.push(
      `The group has had members all along, but its last commit, offset ${fmt(p.committed, 0)}, was ${p.days} days ago; one member restarts.`,
    );
  if (p.state === "out-of-range")
    lines.push(
      `The group had fallen far behind at committed offset ${fmt(p.committed, 0)} when it was stopped for two days; meanwhile retention deleted every record below ${fmt(LOG_START, 0)}. Now it starts again.`,
    );
  lines.push("Where does the consumer start reading?");
  return lines.join(" ");
}

export const offsetReset: Family<OffsetsParams> = {
  id: "offset-reset",
  title: "Committed offsets, expiry and auto.offset.reset",
  topics: ["offsets", "consumers"],
  levels: ["beginner", "intermediate", "advanced", "expert"],
  glossary: ["auto-offset-reset", "offsets-retention-minutes", "committed-offset", "consumer-offsets-topic", "retention"],
  sources: [SOURCES.offsetReset, SOURCES.offsetsRetention, SOURCES.kip211, SOURCES.kip1106],
  generate,
  prompt,
  solve,
};
