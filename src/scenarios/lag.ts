// Consumer lag: how fast it builds up and how long it takes to drain after scaling out.
// A partition belongs to one member of the group, so at most P consumers work and the rest are idle; each working
// consumer handles its own partitions, so the busiest consumer (the one with the most partitions) sets the pace.
import type { Level } from "../bank/constants.js";
import { hashSeed, rng } from "../quiz/random.js";
import { fmt, int, mistake, numeric, pick, plural, range, sum } from "./core.js";
import { SOURCES } from "./sources.js";
import type { Family, Solution } from "./types.js";

export interface LagParams {
  partitions: number;
  /** Records per second produced into each partition. */
  produceRate: number;
  /** Records per second one consumer can process, over all its partitions. */
  consumeRate: number;
  consumers: number;
  /** Lag at the start, spread evenly over the partitions. */
  initialLag: number;
  ask: "lag-after" | "drain";
  /** lag-after: minutes elapsed. */
  minutes: number;
  /** drain: consumers after scaling out. */
  scaledTo: number;
}

const M = {
  idleWork: mistake("idle-consumers-work", "Counted consumers beyond the partition count as working; they sit idle"),
  noSeconds: mistake("minutes-not-converted", "Multiplied per-second rates by minutes without converting to seconds"),
  ignoreProduction: mistake("ignored-production", "Ignored that producers keep writing while the backlog drains"),
  averaged: mistake("averaged-consumers", "Averaged over the whole group; the consumer with the most partitions finishes last"),
  noScaling: mistake("ignored-scaling", "Used the consumer count from before scaling out"),
};

/** Partitions per working consumer, as a balanced assignment gives them (some get one more). */
export function shares(partitions: number, consumers: number): number[] {
  const active = Math.min(partitions, consumers);
  return range(active).map((i) => Math.floor(partitions / active) + (i < partitions % active ? 1 : 0));
}

/** Total lag after t seconds when each consumer works on its own share. */
export function lagAfter(
  p: Pick<LagParams, "partitions" | "produceRate" | "consumeRate" | "initialLag">,
  consumers: number,
  seconds: number,
): number {
  const perPartition = p.initialLag / p.partitions;
  return sum(shares(p.partitions, consumers).map((k) => Math.max(0, k * perPartition + (k * p.produceRate - p.consumeRate) * seconds)));
}

/** Seconds until every consumer has caught up; Infinity if one cannot keep up. */
export function drainSeconds(p: Pick<LagParams, "partitions" | "produceRate" | "consumeRate" | "initialLag">, consumers: number): number {
  const perPartition = p.initialLag / p.partitions;
  return Math.max(
    ...shares(p.partitions, consumers).map((k) =>
      p.consumeRate > k * p.produceRate ? (k * perPartition) / (p.consumeRate - k * p.produceRate) : Infinity,
    ),
  );
}

function solve(p: LagParams): Solution {
  const steps: string[] = [];
  const n = p.ask === "lag-after" ? p.consumers : p.scaledTo;
  const s = shares(p.partitions, n);
  const active = s.length;
  steps.push(
    n > p.partitions
      ? `${plural(n, "consumer")} share ${plural(p.partitions, "partition")}: only ${active} work, ${n - active} sit idle.`
      : `${plural(n, "consumer")} share ${plural(p.partitions, "partition")}: ${s[0] === s[s.length - 1] ? `${s[0]} each` : `the busiest consumers have ${s[0]}, the others ${s[s.length - 1]}`}.`,
  );
  const busiest = s[0];
  steps.push(
    `The busiest consumer receives ${busiest} × ${fmt(p.produceRate)} = ${fmt(busiest * p.produceRate)} records/s and processes ${fmt(p.consumeRate)} records/s.`,
  );
  if (p.ask === "lag-after") {
    const seconds = p.minutes * 60;
    const value = lagAfter(p, n, seconds);
    if (p.initialLag) steps.push(`The lag starts at ${fmt(p.initialLag)} records, ${fmt(p.initialLag / p.partitions)} per partition.`);
    steps.push(
      `Each consumer's lag changes by (its partitions × ${fmt(p.produceRate)} − ${fmt(p.consumeRate)}) records/s, never below zero, for ${p.minutes} × 60 = ${fmt(seconds)} s.`,
    );
    steps.push(`Summed over the consumers, the lag is ${fmt(value)} records.`);
    const everyone = Math.max(0, p.initialLag + (p.partitions * p.produceRate - n * p.consumeRate) * seconds);
    return {
      answer: numeric(value, "records", { rel: 0.01 }, [
        { value: everyone, mistake: M.idleWork },
        { value: lagAfter(p, n, p.minutes), mistake: M.noSeconds },
        { value: Math.max(0, p.initialLag + (p.partitions * p.produceRate - active * p.consumeRate) * seconds), mistake: M.averaged },
      ]),
      steps,
    };
  }
  const seconds = drainSeconds(p, n);
  const minutes = seconds / 60;
  steps.push(
    `It holds ${fmt(busiest)} × ${fmt(p.initialLag / p.partitions)} = ${fmt((busiest * p.initialLag) / p.partitions)} lagging records and gains ${fmt(p.consumeRate - busiest * p.produceRate)} records/s on them.`,
  );
  steps.push(`It catches up after ${fmt(seconds)} s, about ${fmt(minutes, 1)} minutes; consumers with fewer partitions finish earlier.`);
  const everyoneWorks = p.initialLag / (n * p.consumeRate - p.partitions * p.produceRate) / 60;
  return {
    answer: numeric(minutes, "minutes", { rel: 0.03 }, [
      { value: n > p.partitions ? everyoneWorks : Number.NaN, mistake: M.idleWork },
      { value: p.initialLag / (active * p.consumeRate) / 60, mistake: M.ignoreProduction },
      { value: p.initialLag / (active * p.consumeRate - p.partitions * p.produceRate) / 60, mistake: M.averaged },
      { value: drainSeconds(p, p.consumers) / 60, mistake: M.noScaling },
    ]),
    steps,
  };
}

function generate(seed: number, level: Level): LagParams {
  const random = rng(hashSeed("lag", seed));
  const partitions = level === "beginner" ? pick(random, [4, 6, 8, 12]) : int(random, 4, 24);
  const produceRate = pick(random, [200, 250, 400, 500, 1000]);
  const ask = level === "beginner" || level === "intermediate" ? "lag-after" : "drain";
  if (ask === "lag-after") {
    // Consumers that cannot keep up: each handles more input than it can process.
    const consumers =
      level === "beginner"
        ? pick(
            random,
            [1, 2].filter((d) => partitions % d === 0),
          )
        : int(random, 1, partitions + 3);
    const per = Math.ceil(partitions / Math.min(consumers, partitions));
    const consumeRate = Math.max(100, Math.round((per * produceRate * pick(random, [0.5, 0.6, 0.75, 0.8])) / 50) * 50);
    const initialLag = level === "beginner" ? 0 : pick(random, [0, 10_000, 50_000]);
    return {
      partitions,
      produceRate,
      consumeRate,
      consumers,
      initialLag,
      ask,
      minutes: pick(random, [1, 5, 10, 15, 30]),
      scaledTo: consumers,
    };
  }
  const consumers = int(random, 1, Math.max(1, Math.floor(partitions / 3)));
  const scaledTo =
    level === "advanced" ? pick(random, [consumers * 2, partitions, partitions + 2]) : int(random, consumers + 1, partitions + 4);
  // After scaling every consumer must keep up, or the drain never ends.
  const busiest = Math.ceil(partitions / Math.min(scaledTo, partitions));
  const consumeRate = Math.round((busiest * produceRate * pick(random, [1.25, 1.5, 2, 3])) / 50) * 50;
  const initialLag = pick(random, [100_000, 250_000, 500_000, 1_000_000]);
  return { partitions, produceRate, consumeRate, consumers, initialLag, ask, minutes: 0, scaledTo };
}

function prompt(p: LagParams): string {
  const lines = [
    `A topic has ${plural(p.partitions, "partition")}; producers write ${fmt(p.produceRate)} records/s into each partition.`,
    `Each consumer instance can process ${fmt(p.consumeRate)} records/s in total, over all the partitions it owns, and partitions are spread as evenly as possible.`,
  ];
  if (p.ask === "lag-after") {
    lines.push(
      p.initialLag
        ? `The group runs ${plural(p.consumers, "consumer")}, and the total lag is ${fmt(p.initialLag)} records, spread evenly over the partitions.`
        : `The group runs ${plural(p.consumers, "consumer")}, and the lag is 0.`,
    );
    lines.push(`What is the total lag after ${plural(p.minutes, "minute")}?`);
  } else {
    lines.push(
      `The group has ${plural(p.consumers, "consumer")} and a total lag of ${fmt(p.initialLag)} records, spread evenly over the partitions.`,
    );
    lines.push(
      `It is scaled out to ${plural(p.scaledTo, "consumer")} (ignore the rebalance pause). How many minutes until the lag reaches zero?`,
    );
  }
  return lines.join(" ");
}

export const lag: Family<LagParams> = {
  id: "lag",
  title: "Consumer lag and scaling out",
  topics: ["consumers", "performance", "troubleshooting"],
  levels: ["beginner", "intermediate", "advanced", "expert"],
  glossary: ["consumer-lag", "consumer-group", "partition", "hot-partition"],
  sources: [SOURCES.consumerGroups],
  generate,
  prompt,
  solve,
};
