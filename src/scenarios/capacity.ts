// Disk capacity: messages/day × message size × retention days × replication factor (document 000, Q45),
// shrunk by the compression ratio (brokers store the producer's compressed batches as they are),
// grown by the headroom, then divided over the brokers (replicas are spread evenly).
import type { Level } from "../bank/constants.js";
import { hashSeed, rng } from "../quiz/random.js";
import { fmt, mistake, numeric, pick, plural } from "./core.js";
import { SOURCES } from "./sources.js";
import type { Family, Solution } from "./types.js";
import type { Unit } from "./units.js";

export interface CapacityParams {
  messagesPerDay: number;
  messageBytes: number;
  retentionDays: number;
  replicationFactor: number;
  /** Raw size divided by stored size: 1 means no compression. */
  compression: number;
  brokers: number;
  /** Percent added on top of the data. */
  headroom: number;
  /** Expected traffic multiplier to plan for. */
  growth: number;
  perBroker: boolean;
}

const M = {
  noReplication: mistake("forgot-replication", "Forgot that every replica stores a full copy: multiply by the replication factor"),
  noBrokers: mistake("forgot-brokers", "Gave the cluster total instead of dividing it over the brokers"),
  compressionInverted: mistake("compression-inverted", "Multiplied by the compression ratio instead of dividing by it"),
  noHeadroom: mistake("forgot-headroom", "Left out the headroom"),
  noRetention: mistake("forgot-retention", "Sized one day of data instead of the whole retention period"),
  noGrowth: mistake("forgot-growth", "Planned for today's traffic, not the expected growth"),
};

export function bytesNeeded(p: CapacityParams): number {
  const total =
    (p.messagesPerDay * p.messageBytes * p.retentionDays * p.replicationFactor * (1 + p.headroom / 100) * p.growth) / p.compression;
  return p.perBroker ? total / p.brokers : total;
}

const unitFor = (bytes: number): Unit => (bytes >= 1e12 ? "TB" : "GB");
const inUnit = (bytes: number, unit: Unit) => bytes / (unit === "TB" ? 1e12 : 1e9);

function solve(p: CapacityParams): Solution {
  const steps: string[] = [];
  const raw = p.messagesPerDay * p.messageBytes;
  steps.push(`One day of data: ${fmt(p.messagesPerDay)} × ${fmt(p.messageBytes)} bytes = ${fmt(raw / 1e9)} GB.`);
  const retained = raw * p.retentionDays;
  steps.push(`Retention keeps ${plural(p.retentionDays, "day")}: ${fmt(retained / 1e9)} GB.`);
  const replicated = retained * p.replicationFactor;
  steps.push(`Replication factor ${p.replicationFactor} stores that ${p.replicationFactor} times: ${fmt(replicated / 1e9)} GB.`);
  let total = replicated;
  if (p.compression !== 1) {
    total /= p.compression;
    steps.push(`Compression ${p.compression}:1 divides it by ${p.compression}: ${fmt(total / 1e9)} GB.`);
  }
  if (p.growth !== 1) {
    total *= p.growth;
    steps.push(`Planning for ${p.growth}× traffic: ${fmt(total / 1e9)} GB.`);
  }
  if (p.headroom) {
    total *= 1 + p.headroom / 100;
    steps.push(`${p.headroom}% headroom: ${fmt(total / 1e9)} GB.`);
  }
  if (p.perBroker) steps.push(`Spread over ${p.brokers} brokers: ${fmt(total / p.brokers / 1e9)} GB each.`);
  const bytes = bytesNeeded(p);
  const unit = unitFor(bytes);
  const v = (b: number) => inUnit(b, unit);
  return {
    answer: numeric(v(bytes), unit, { rel: 0.02 }, [
      { value: v(bytes / p.replicationFactor), mistake: M.noReplication },
      { value: p.perBroker ? v(bytes * p.brokers) : Number.NaN, mistake: M.noBrokers },
      { value: v(bytes * p.compression * p.compression), mistake: M.compressionInverted },
      { value: v(bytes / (1 + p.headroom / 100)), mistake: M.noHeadroom },
      { value: v(bytes / p.retentionDays), mistake: M.noRetention },
      { value: v(bytes / p.growth), mistake: M.noGrowth },
    ]),
    steps,
  };
}

function generate(seed: number, level: Level): CapacityParams {
  const random = rng(hashSeed("capacity", seed));
  const p: CapacityParams = {
    messagesPerDay: pick(random, [10e6, 50e6, 100e6, 200e6, 500e6, 1e9]),
    messageBytes: pick(random, [200, 500, 1000, 2000, 5000]),
    retentionDays: pick(random, [1, 3, 7, 14, 30]),
    replicationFactor: level === "beginner" ? 3 : pick(random, [2, 3, 3, 4]),
    compression: 1,
    brokers: pick(random, [3, 4, 5, 6, 9, 12]),
    headroom: 0,
    growth: 1,
    perBroker: level !== "beginner",
  };
  // Kafka refuses a replication factor above the broker count; the draws stay the same, so other seeds keep theirs.
  p.brokers = Math.max(p.brokers, p.replicationFactor);
  if (level === "advanced" || level === "expert") {
    p.compression = pick(random, [1, 2, 3, 4, 5]);
    p.headroom = pick(random, [20, 25, 30, 40, 50]);
  }
  if (level === "expert") p.growth = pick(random, [1.5, 2, 3]);
  return p;
}

function prompt(p: CapacityParams): string {
  const lines = [
    `Producers send ${fmt(p.messagesPerDay)} messages a day of ${fmt(p.messageBytes)} bytes each (1 GB = 10^9 bytes).`,
    `The topic keeps them ${p.retentionDays === 1 ? "1 day" : `${p.retentionDays} days`} with replication factor ${p.replicationFactor}, on a cluster of ${p.brokers} brokers.`,
  ];
  if (p.compression !== 1)
    lines.push(`Producers compress at ${p.compression}:1, so a stored batch takes 1/${p.compression} of its raw size.`);
  else if (p.headroom) lines.push("Messages are not compressed.");
  if (p.growth !== 1) lines.push(`Plan for traffic growing to ${p.growth}× today's volume.`);
  if (p.headroom) lines.push(`Add ${p.headroom}% headroom on top of the data.`);
  lines.push(
    p.perBroker
      ? "Its partitions' replicas are spread evenly over the brokers. How much disk does each broker need for this topic?"
      : "How much disk does the whole cluster need for this topic?",
  );
  return lines.join(" ");
}

export const capacity: Family<CapacityParams> = {
  id: "capacity",
  title: "Disk capacity planning",
  topics: ["storage", "operations", "system-design"],
  levels: ["beginner", "intermediate", "advanced", "expert"],
  glossary: ["retention", "retention-ms", "replication-factor", "compression-type", "broker"],
  sources: [SOURCES.retention, SOURCES.compression, SOURCES.hardware],
  generate,
  prompt,
  solve,
};
