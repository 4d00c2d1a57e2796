// Partition count from throughput: a topic needs enough partitions for producers and for consumers, so
// partitions = max(ceil(T / producer throughput per partition), ceil(T / consumer throughput per partition)).
// A group splits whole partitions among its consumers, so the busiest consumer sets the pace: with P partitions of
// T / P each, one consumer keeps up with floor(C / (T / P)) of them, and the group needs ceil(P / that) consumers.
// Partitions can be added but never removed, and adding them remaps keys, so size for the planned peak.
import type { Level } from "../bank/constants.js";
import { hashSeed, rng } from "../quiz/random.js";
import { fmt, mistake, numeric, pick, plural } from "./core.js";
import { SOURCES } from "./sources.js";
import type { Family, Solution } from "./types.js";

export interface PartitionsParams {
  /** Target throughput, MB/s. */
  target: number;
  /** What one producer can write into one partition, MB/s. */
  producerPerPartition: number;
  /** What one consumer can read and process from one partition, MB/s. */
  consumerPerPartition: number;
  /** Planned growth multiplier (1: none). */
  growth: number;
  ask: "partitions" | "consumers";
}

const M = {
  min: mistake("min-not-max", "Took the smaller of the two ceilings; the topic needs enough partitions for both sides"),
  floor: mistake("rounded-down", "Rounded down: a fraction of a partition still needs a whole one"),
  producerOnly: mistake("producer-side-only", "Sized for the producers only"),
  consumerOnly: mistake("consumer-side-only", "Sized for the consumers only"),
  noGrowth: mistake("ignored-growth", "Sized for today's throughput though partitions cannot be removed and adding them later remaps keys"),
  partitionsAsConsumers: mistake("consumers-equal-partitions", "Assumed a group needs as many consumers as the topic has partitions"),
  splitEvenly: mistake(
    "throughput-over-consumer-rate",
    "Divided the throughput by one consumer's rate; a group splits whole partitions, so a consumer given two of them must keep up with both",
  ),
};

/** The fewest consumers of one group that keep up with `t` MB/s spread over `partitions`, each consumer reading `c`. */
function consumersFor(t: number, partitions: number, c: number): number {
  const perConsumer = Math.max(1, Math.floor((c * partitions) / t + 1e-9));
  return Math.ceil(partitions / perConsumer - 1e-9);
}

/** The partitions today's throughput needs, ignoring growth. */
const plainPartitions = (p: PartitionsParams) =>
  Math.max(Math.ceil(p.target / p.producerPerPartition - 1e-9), Math.ceil(p.target / p.consumerPerPartition - 1e-9));

function solve(p: PartitionsParams): Solution {
  const steps: string[] = [];
  const t = p.target * p.growth;
  if (p.growth !== 1) steps.push(`Size for the planned peak: ${fmt(p.target)} × ${p.growth} = ${fmt(t)} MB/s.`);
  const prod = Math.ceil(t / p.producerPerPartition - 1e-9);
  const cons = Math.ceil(t / p.consumerPerPartition - 1e-9);
  steps.push(
    `Producers: ${fmt(t)} / ${fmt(p.producerPerPartition)} MB/s per partition = ${fmt(t / p.producerPerPartition)}, so ${plural(prod, "partition")}.`,
  );
  steps.push(
    `Consumers: ${fmt(t)} / ${fmt(p.consumerPerPartition)} MB/s per partition = ${fmt(t / p.consumerPerPartition)}, so ${plural(cons, "partition")}, each read by its own consumer.`,
  );
  const partitions = Math.max(prod, cons);
  const plain = plainPartitions(p);
  if (p.ask === "partitions") {
    steps.push(`The topic needs the larger of the two: ${plural(partitions, "partition")}.`);
    return {
      answer: numeric(partitions, "partitions", { abs: 0 }, [
        { value: Math.min(prod, cons), mistake: M.min },
        { value: Math.floor(Math.max(t / p.producerPerPartition, t / p.consumerPerPartition)), mistake: M.floor },
        { value: prod, mistake: M.producerOnly },
        { value: cons, mistake: M.consumerOnly },
        { value: p.growth !== 1 ? plain : Number.NaN, mistake: M.noGrowth },
      ]),
      steps,
    };
  }
  const each = t / partitions;
  const perConsumer = Math.max(1, Math.floor(p.consumerPerPartition / each + 1e-9));
  const consumers = consumersFor(t, partitions, p.consumerPerPartition);
  steps.push(
    `The topic gets the larger, ${plural(partitions, "partition")}, each carrying ${fmt(t)} / ${fmt(partitions)} = ${fmt(each)} MB/s.`,
    `A group splits whole partitions, so the busiest consumer sets the pace: one consumer keeps up with ${fmt(p.consumerPerPartition)} / ${fmt(each)} = ${fmt(p.consumerPerPartition / each)}, so ${plural(perConsumer, "partition")}, and ${fmt(partitions)} / ${fmt(perConsumer)} rounds up to ${plural(consumers, "consumer")}.`,
  );
  return {
    answer: numeric(consumers, "consumers", { abs: 0 }, [
      { value: partitions !== consumers ? partitions : Number.NaN, mistake: M.partitionsAsConsumers },
      { value: cons !== consumers ? cons : Number.NaN, mistake: M.splitEvenly },
      { value: Math.floor(t / p.consumerPerPartition), mistake: M.floor },
      { value: prod, mistake: M.producerOnly },
      {
        value: p.growth !== 1 ? consumersFor(p.target, plainPartitions(p), p.consumerPerPartition) : Number.NaN,
        mistake: M.noGrowth,
      },
    ]),
    steps,
  };
}

function generate(seed: number, level: Level): PartitionsParams {
  const random = rng(hashSeed("partitions-needed", seed));
  const target = level === "beginner" ? pick(random, [50, 100, 200, 300]) : pick(random, [75, 120, 250, 400, 600, 1000]);
  const producerPerPartition = pick(random, [10, 20, 25, 40, 50]);
  let consumerPerPartition = pick(random, [5, 8, 12, 15, 20, 30, 60]);
  if (consumerPerPartition === producerPerPartition) consumerPerPartition += 5;
  const growth = level === "expert" ? pick(random, [1.5, 2, 3]) : 1;
  const ask = level === "advanced" || level === "expert" ? pick(random, ["partitions", "consumers"] as const) : "partitions";
  return { target, producerPerPartition, consumerPerPartition, growth, ask };
}

function prompt(p: PartitionsParams): string {
  const lines = [
    `A topic must carry ${fmt(p.target)} MB/s.`,
    `Benchmarks show one producer writes ${fmt(p.producerPerPartition)} MB/s into a single partition, and one consumer can read and process ${fmt(p.consumerPerPartition)} MB/s in all (measured on a single partition).`,
  ];
  if (p.growth !== 1)
    lines.push(`Traffic is expected to grow to ${p.growth}× within the topic's lifetime, and keyed records must keep their partition.`);
  lines.push(
    p.ask === "partitions"
      ? "How many partitions should the topic have?"
      : "The topic gets the partitions both sides need, with records spread evenly over them. How many consumers does one group need to keep up with the planned throughput?",
  );
  return lines.join(" ");
}

export const partitionsNeeded: Family<PartitionsParams> = {
  id: "partitions-needed",
  title: "Partitions needed for a throughput target",
  topics: ["performance", "system-design"],
  levels: ["beginner", "intermediate", "advanced", "expert"],
  glossary: ["partition", "num-partitions", "consumer-group", "message-key"],
  sources: [SOURCES.modifyTopic, SOURCES.consumerGroups],
  generate,
  prompt,
  solve,
};
