// Hand-worked cases: each expected answer is worked out in the comment beside it, not taken from the code.
import { describe, expect, it } from "vitest";
import { LEVELS } from "../../src/bank/constants.js";
import { formatAnswer } from "../../src/scenarios/answers.js";
import { consumerAssignment } from "../../src/scenarios/assignment.js";
import { capacity } from "../../src/scenarios/capacity.js";
import { compaction } from "../../src/scenarios/compaction.js";
import { delivery } from "../../src/scenarios/delivery.js";
import { ambiguous, durability } from "../../src/scenarios/durability.js";
import { keyedPartitioning } from "../../src/scenarios/keyed.js";
import { lag } from "../../src/scenarios/lag.js";
import { liveness } from "../../src/scenarios/liveness.js";
import { durationStart, offsetReset } from "../../src/scenarios/offsets.js";
import { ordering, outcome as orderingOutcome } from "../../src/scenarios/ordering.js";
import { partitionsNeeded } from "../../src/scenarios/partitions.js";
import { transactions } from "../../src/scenarios/transactions.js";
import type { Answer, Family } from "../../src/scenarios/types.js";

/** The right option's text, the number, or the boolean of an answer. */
function value(a: Answer): string | number | boolean {
  if (a.kind === "choice") return a.options[a.correct].text;
  return a.value;
}
// biome-ignore lint/suspicious/noExplicitAny: each family has its own parameter type
const solved = <P>(f: Family<P>, p: P) => value(f.solve(p).answer as Answer) as any;

describe("durability", () => {
  const base = { rf: 3, minIsr: 2, replicas: [1, 2, 3], lagging: [] as number[], unclean: false, ask: "write" as const };
  it("cases", () => {
    // ISR {1,2} after broker 3 fails: 2 >= min.insync.replicas 2, and acks=all waits for both.
    expect(solved(durability, { ...base, acks: "all", down: [3] })).toMatch(/all 2 in-sync replicas/);
    // ISR {1}: 1 < 2, so acks=all is rejected.
    expect(solved(durability, { ...base, acks: "all", down: [2, 3] })).toMatch(/NotEnoughReplicasException/);
    // Same ISR with acks=1: min.insync.replicas is not checked; the leader alone acknowledges.
    expect(solved(durability, { ...base, acks: "1", down: [2, 3] })).toMatch(/as soon as the leader has it/);
    // acks=0: nothing waits, never NotEnoughReplicas.
    expect(solved(durability, { ...base, acks: "0", down: [2, 3] })).toMatch(/without waiting for any broker/);
    // Leader 1 fails: broker 2 is elected from ISR {2,3}; 2 >= 2, acks=all waits for both.
    expect(solved(durability, { ...base, acks: "all", down: [1] })).toMatch(/all 2 in-sync replicas/);
    // Nothing fails: acks=all waits for all 3 in the ISR, not min.insync.replicas=2.
    expect(solved(durability, { ...base, acks: "all", down: [] })).toMatch(/all 3 in-sync replicas/);
    // Broker 3 out of sync; 1 and 2 fail; unclean election off: no eligible leader, so the partition is offline.
    expect(solved(durability, { ...base, acks: "all", lagging: [3], down: [1, 2] })).toMatch(/no leader/);
    // Same with unclean election on: 3 leads with ISR {3}; 1 < 2, so acks=all is rejected.
    expect(solved(durability, { ...base, acks: "all", lagging: [3], down: [1, 2], unclean: true })).toMatch(/NotEnoughReplicasException/);
  });
  it("loss and visibility cases", () => {
    // Unclean election of out-of-sync broker 3: writes it lacked are truncated.
    expect(solved(durability, { ...base, acks: "all", lagging: [3], down: [1, 2], unclean: true, ask: "loss" })).toBe(true);
    // acks=1 and the leader fails: followers may not have copied the acknowledged writes.
    expect(solved(durability, { ...base, acks: "1", down: [1], ask: "loss" })).toBe(true);
    // acks=all and the leader fails: the new leader comes from the ISR, which had every acknowledged write.
    expect(solved(durability, { ...base, acks: "all", down: [1], ask: "loss" })).toBe(false);
    // acks=1 with ISR {1} below min.insync.replicas=2: since 3.7 the high watermark stays, so consumers see nothing.
    expect(solved(durability, { ...base, acks: "1", down: [2, 3], ask: "visible" })).toBe(false);
    // acks=1 with ISR {1,2}: 2 >= 2, the high watermark advances.
    expect(solved(durability, { ...base, acks: "1", down: [3], ask: "visible" })).toBe(true);
    // acks=1, min.insync.replicas=1, brokers 2 and 3 out of sync, leader 1 fails: the ISR {1} still met
    // min.insync.replicas, so 2 and 3 are not eligible leader replicas, and unclean election is off: nobody lacking
    // the writes may lead; the partition is unavailable and nothing is truncated.
    expect(solved(durability, { ...base, minIsr: 1, acks: "1", lagging: [2, 3], down: [1], ask: "loss" })).toBe(false);
  });
  it("steps say only what happens", () => {
    // Brokers 2 and 3 out of sync and then failed: the ISR {1} loses nobody.
    const lagging = durability.solve({ ...base, acks: "0", lagging: [2, 3], down: [2, 3] }).steps.join(" ");
    expect(lagging).toMatch(/the failed brokers were not in the ISR, which stays \{1\}/);
    // acks=0 is accepted with ISR {1} < 2, but since 3.7 the high watermark stays, so the steps say the writes are unseen.
    expect(lagging).toMatch(/high watermark does not advance: consumers do not see these writes/);
    // With no failure the sentence about lagging brokers starts with a capital.
    expect(durability.prompt({ ...base, acks: "all", lagging: [2], down: [] })).toMatch(/\. Broker 2 had fallen out of the ISR\./);
  });
  it("NotEnoughReplicas is retried until delivery.timeout.ms", () => {
    // ISR {1} < 2: the leader rejects acks=all with NOT_ENOUGH_REPLICAS, which is retriable (Sender.canRetry), so the
    // producer resends until delivery.timeout.ms rather than failing the send at once.
    const s = durability.solve({ ...base, acks: "all", down: [2, 3] });
    expect(value(s.answer)).toMatch(/NotEnoughReplicasException; the producer retries them until delivery.timeout.ms/);
    expect(s.steps.join(" ")).toMatch(/retriable error: the producer resends until delivery.timeout.ms/);
  });
  it("draws whose answer depends on eligible leader replicas or on the order of failures are not asked", () => {
    // min.insync.replicas=3, broker 2 left the ISR {1,2,3} leaving {1,3} < 3: with ELR (4.1+ default) broker 2 is an
    // eligible leader replica, so when 1 and 3 fail it leads cleanly; without ELR the partition is offline.
    expect(ambiguous({ ...base, minIsr: 3, acks: "all", lagging: [2], down: [1, 3] })).toBe(true);
    // min.insync.replicas=2: broker 3 left while {1,2} still met it, so it is not eligible either way: offline.
    expect(ambiguous({ ...base, acks: "all", lagging: [3], down: [1, 2] })).toBe(false);
    // acks=1, leader 1 and in-sync follower 2 both fail: if the controller handles 1 first, 2 leads for a while
    // without writes only 1 had, so whether they survive depends on the order.
    expect(ambiguous({ ...base, acks: "1", lagging: [3], down: [1, 2], ask: "loss" })).toBe(true);
    // The same failure asked about the next writes has one answer: offline.
    expect(ambiguous({ ...base, acks: "1", lagging: [3], down: [1, 2] })).toBe(false);
  });
});

describe("consumer assignment", () => {
  const orders = (n: number) => [{ name: "orders", partitions: n }];
  const three = ["c1", "c2", "c3"];
  it("cases", () => {
    // Range, 7 over 3: 2 each, the first 1 gets 3: c1 0-2, c2 3-4, c3 5-6.
    expect(solved(consumerAssignment, { topics: orders(7), members: three, assignor: "range", ask: "owner", member: "c2" })).toBe(
      "orders-3, orders-4",
    );
    // Round-robin deals 0,1,2,3,... to c1,c2,c3,c1,...: c1 gets 0, 3, 6.
    expect(solved(consumerAssignment, { topics: orders(7), members: three, assignor: "roundrobin", ask: "owner", member: "c1" })).toBe(
      "orders-0, orders-3, orders-6",
    );
    // Range on two 3-partition topics with 4 members: per topic the first 3 members get one each, c4 gets nothing.
    const two = [
      { name: "orders", partitions: 3 },
      { name: "payments", partitions: 3 },
    ];
    expect(
      solved(consumerAssignment, { topics: two, members: ["c1", "c2", "c3", "c4"], assignor: "range", ask: "idle", member: "c1" }),
    ).toBe(1);
    // Round-robin deals all 6 partitions over 4 members: nobody idle.
    expect(
      solved(consumerAssignment, { topics: two, members: ["c1", "c2", "c3", "c4"], assignor: "roundrobin", ask: "idle", member: "c1" }),
    ).toBe(0);
    // Ten members c1..c10 sort as c1, c10, c2, ...: 12 over 10 is 1 each, the first two (c1, c10) get 2.
    const ten = Array.from({ length: 10 }, (_, i) => `c${i + 1}`);
    expect(solved(consumerAssignment, { topics: orders(12), members: ten, assignor: "range", ask: "count", member: "c10" })).toBe(2);
    expect(solved(consumerAssignment, { topics: orders(12), members: ten, assignor: "range", ask: "count", member: "c2" })).toBe(1);
    // Document 001: 5 partitions, 2 consumers own 3 and 2; after scaling to 4, 2, 1, 1, 1.
    expect(solved(consumerAssignment, { topics: orders(5), members: ["c1", "c2"], assignor: "range", ask: "count", member: "c1" })).toBe(3);
    expect(
      solved(consumerAssignment, { topics: orders(5), members: ["c1", "c2", "c3", "c4"], assignor: "range", ask: "count", member: "c1" }),
    ).toBe(2);
    expect(
      solved(consumerAssignment, { topics: orders(5), members: ["c1", "c2", "c3", "c4"], assignor: "range", ask: "count", member: "c4" }),
    ).toBe(1);
  });
  it("rebalance cases", () => {
    // Range 6 over c1,c2,c3; c3 leaves. Eager: c1 and c2 revoke all they own, 2 + 2 = 4.
    expect(solved(consumerAssignment, { topics: orders(6), members: three, assignor: "range", ask: "revoked", member: "c3" })).toBe(4);
    // Cooperative-sticky: the members that stay revoke nothing.
    expect(
      solved(consumerAssignment, {
        topics: orders(6),
        members: three,
        assignor: "cooperative-sticky",
        ask: "revoked",
        member: "c3",
        owned: 2,
      }),
    ).toBe(0);
    // StickyAssignor is eager: the 6 - 2 = 4 partitions of c1 and c2 are revoked, then handed back.
    expect(
      solved(consumerAssignment, { topics: orders(6), members: three, assignor: "sticky", ask: "revoked", member: "c3", owned: 2 }),
    ).toBe(4);
    // The default [range, cooperative-sticky] rebalances eagerly with range: c2 leaves, c1 and c3 revoke 2 + 2.
    expect(solved(consumerAssignment, { topics: orders(6), members: three, assignor: "default", ask: "revoked", member: "c2" })).toBe(4);
    // Range before: c1 {0,1}, c2 {2,3}, c3 {4,5}; after c3 leaves: c1 {0,1,2}, c2 {3,4,5}: 2, 4 and 5 move.
    expect(solved(consumerAssignment, { topics: orders(6), members: three, assignor: "range", ask: "moved", member: "c3" })).toBe(3);
  });
});

describe("ordering", () => {
  const base = {
    version: "3.9" as const,
    keyed: true,
    partitions: 6,
    inFlight: 5,
    retries: null,
    acks: null,
    idempotence: "default" as const,
  };
  it("cases", () => {
    // Idempotence on by default since 3.0, 5 in flight is within the limit.
    expect(solved(ordering, base)).toMatch(/^Neither: the idempotent producer/);
    // Off, 5 in flight and retries: reordering and duplicates.
    expect(solved(ordering, { ...base, idempotence: "false" })).toMatch(/^Both/);
    // Off, 1 in flight: order holds, duplicates possible.
    expect(solved(ordering, { ...base, idempotence: "false", inFlight: 1 })).toMatch(/^Duplicates only/);
    // 4.0 client, idempotence defaulted, 6 in flight: ConfigException (KAFKA-17927).
    expect(solved(ordering, { ...base, version: "4.0", inFlight: 6 })).toMatch(/ConfigException/);
    // 3.9 client, same settings: idempotence silently disabled, so retries can reorder and duplicate.
    expect(solved(ordering, { ...base, inFlight: 6 })).toMatch(/^Both/);
    // Explicit enable.idempotence=true with acks=1: ConfigException.
    expect(solved(ordering, { ...base, idempotence: "true", acks: "1" })).toMatch(/ConfigException/);
    // No key over 6 partitions: the records may go to different partitions. (Too few distinct distractors for a
    // choice, so the generator never asks it; the rule itself still holds.)
    expect(orderingOutcome({ ...base, keyed: false })).toMatch(/different partitions/);
    // No key over 6 partitions with idempotence off and retries: no order across partitions, and a retry whose
    // acknowledgement was lost writes a record twice.
    expect(orderingOutcome({ ...base, keyed: false, idempotence: "false" })).toMatch(/^No order to keep, and duplicates/);
    // Same with idempotence on: no order across partitions, but no duplicates.
    expect(orderingOutcome({ ...base, keyed: false })).toMatch(/^No order to keep: /);
    // Idempotence off, retries=0: nothing is resent, so no reordering or duplicate, but a failed send may be missing
    // (a send reported failed may still have been written, when only its response was lost).
    expect(solved(ordering, { ...base, idempotence: "false", retries: 0 })).toMatch(/not retried, so its record may be missing/);
    // No key but one partition: same partition, idempotence keeps order.
    expect(solved(ordering, { ...base, keyed: false, partitions: 1 })).toMatch(/^Neither: the idempotent producer/);
  });
});

describe("delivery semantics", () => {
  const base = { batch: 200, pollMs: 2000, interval: 5000, workerDone: 0, ask: "duplicates" as const };
  it("cases", () => {
    // Commit after batch 1: offset 200; crash after 51 of batch 2: offsets 200-250 are replayed, 51 records.
    expect(solved(delivery, { ...base, mode: "commit-after", crashBatch: 2, crashAfter: 51 })).toBe(51);
    // Commit before: batch 3 of 100 committed up to 300 before processing; 40 done, 60 never processed.
    expect(solved(delivery, { ...base, batch: 100, mode: "commit-before", crashBatch: 3, crashAfter: 40, ask: "lost" })).toBe(60);
    // Auto-commit, 500 per poll, 1000 ms each, interval 5000: poll #6 at 5000 ms commits 5 x 500 = 2500.
    // Crash after 100 records of batch 8: 7 x 500 + 100 = 3600 processed; 3600 - 2500 = 1100 replayed.
    expect(solved(delivery, { ...base, batch: 500, pollMs: 1000, mode: "auto", crashBatch: 8, crashAfter: 100 })).toBe(1100);
    // 200 per poll, 2000 ms each: polls at 0, 2000, 4000, 6000; #4 at 6000 commits 600; crash after 51 of batch 4: 651 - 600 = 51.
    expect(solved(delivery, { ...base, mode: "auto", crashBatch: 4, crashAfter: 51 })).toBe(51);
    // Same, crash during batch 3 (polls at 0, 2000, 4000: none reached 5000): nothing committed, 2 x 200 + 51 = 451 replayed.
    expect(solved(delivery, { ...base, mode: "auto", crashBatch: 3, crashAfter: 51 })).toBe(451);
    // That replay from offset 0 holds only because the prompt sets auto.offset.reset=earliest: with the default,
    // latest, a group with no committed offset would restart at the log end and skip the backlog.
    const p = { ...base, mode: "auto" as const, crashBatch: 3, crashAfter: 51 };
    expect(delivery.prompt(p)).toMatch(/auto\.offset\.reset=earliest/);
    expect(delivery.solve(p).steps.join(" ")).toMatch(/nothing was committed: the restart begins at offset 0/);
    // Auto-commit with a worker thread: polls every 100 ms, 500 each; #11 at 1000 ms commits 10 x 500 = 5000.
    // The worker had finished 3000, so offsets 3000-4999 are skipped: 2000 lost.
    expect(
      solved(delivery, {
        ...base,
        batch: 500,
        pollMs: 100,
        interval: 1000,
        mode: "auto-async",
        crashBatch: 15,
        crashAfter: 0,
        workerDone: 3000,
        ask: "lost",
      }),
    ).toBe(2000);
  });
});

describe("lag", () => {
  const base = { initialLag: 0, minutes: 0, ask: "lag-after" as const };
  it("cases", () => {
    // 6 partitions x 400/s, 2 consumers of 900/s with 3 partitions each: (1200 - 900) x 2 = 600/s, x 600 s = 360,000.
    expect(solved(lag, { ...base, partitions: 6, produceRate: 400, consumeRate: 900, consumers: 2, minutes: 10, scaledTo: 2 })).toBeCloseTo(
      360_000,
    );
    // 4 partitions, 6 consumers: 4 work with 1 partition each, (500 - 400) x 4 = 400/s, x 300 s = 120,000.
    expect(solved(lag, { ...base, partitions: 4, produceRate: 500, consumeRate: 400, consumers: 6, minutes: 5, scaledTo: 6 })).toBeCloseTo(
      120_000,
    );
    // 3 partitions over 2 consumers (2 and 1), 100/s in per partition, 150/s per consumer, 30,000 lag = 10,000 per
    // partition, 5 minutes = 300 s. The consumer with 2 partitions: 20,000 + (200 - 150) x 300 = 35,000. The other:
    // 10,000 + (100 - 150) x 300 = -5,000, so it caught up: 0. Total 35,000 (summing the group gives 30,000), so the
    // prompt must say how the starting lag is spread.
    const uneven = {
      ...base,
      partitions: 3,
      produceRate: 100,
      consumeRate: 150,
      consumers: 2,
      initialLag: 30_000,
      minutes: 5,
      scaledTo: 2,
    };
    expect(solved(lag, uneven)).toBeCloseTo(35_000);
    expect(lag.prompt(uneven)).toMatch(/30,000 records, spread evenly over the partitions/);
    // Drain: 12 partitions, 600,000 lag (50,000 each), 6 consumers of 1000/s with 2 partitions: 100,000 / (1000 - 400) = 166.7 s.
    expect(
      solved(lag, {
        ...base,
        ask: "drain",
        partitions: 12,
        produceRate: 200,
        consumeRate: 1000,
        consumers: 3,
        initialLag: 600_000,
        scaledTo: 6,
      }),
    ).toBeCloseTo(166.667 / 60, 3);
    // 4 partitions, scaled to 8: only 4 work; 100,000 / (600 - 100) = 200 s.
    expect(
      solved(lag, {
        ...base,
        ask: "drain",
        partitions: 4,
        produceRate: 100,
        consumeRate: 600,
        consumers: 2,
        initialLag: 400_000,
        scaledTo: 8,
      }),
    ).toBeCloseTo(200 / 60, 5);
    // 5 partitions over 2 consumers: 3 and 2. The busiest holds 300,000 and gains 800 - 300 = 500/s: 600 s = 10 minutes.
    expect(
      solved(lag, {
        ...base,
        ask: "drain",
        partitions: 5,
        produceRate: 100,
        consumeRate: 800,
        consumers: 1,
        initialLag: 500_000,
        scaledTo: 2,
      }),
    ).toBeCloseTo(10, 5);
    // Document 001 Scenario 2: 500,000 lag on 6 partitions, concurrency 3 -> 6; 1000/s in per partition, 1200/s per consumer.
    // Each consumer gets one partition: 83,333.3 / 200 = 416.7 s = 6.94 minutes.
    expect(
      solved(lag, {
        ...base,
        ask: "drain",
        partitions: 6,
        produceRate: 1000,
        consumeRate: 1200,
        consumers: 3,
        initialLag: 500_000,
        scaledTo: 6,
      }),
    ).toBeCloseTo(500_000 / 6 / 200 / 60, 5);
  });
});

describe("capacity", () => {
  it("never asks for a replication factor the cluster cannot hold (Kafka refuses a topic with more replicas than brokers)", () => {
    for (const level of LEVELS)
      for (let seed = 0; seed < 1000; seed++) {
        const p = capacity.generate(seed, level);
        expect({ seed, level, fits: p.replicationFactor <= p.brokers }).toEqual({ seed, level, fits: true });
      }
  });

  const base = { compression: 1, headroom: 0, growth: 1 };
  it("states the even spread that dividing by the broker count assumes", () => {
    // 2,100 GB / 6 brokers = 350 GB each holds only if the replicas are spread evenly; a skewed layout needs more.
    const p = { ...base, messagesPerDay: 100e6, messageBytes: 1000, retentionDays: 7, replicationFactor: 3, brokers: 6, perBroker: true };
    expect(capacity.prompt(p)).toMatch(/replicas are spread evenly over the brokers\. How much disk does each broker need/);
    expect(capacity.prompt({ ...p, perBroker: false })).not.toMatch(/spread evenly/);
  });
  it("cases", () => {
    // Document 000 Q45: messages/day x size x retention x replication = 100M x 1000 B x 7 x 3 = 2.1e12 B = 2.1 TB.
    expect(
      solved(capacity, {
        ...base,
        messagesPerDay: 100e6,
        messageBytes: 1000,
        retentionDays: 7,
        replicationFactor: 3,
        brokers: 6,
        perBroker: false,
      }),
    ).toBeCloseTo(2.1, 6);
    // Per broker over 6 brokers: 2100 GB / 6 = 350 GB.
    expect(
      solved(capacity, {
        ...base,
        messagesPerDay: 100e6,
        messageBytes: 1000,
        retentionDays: 7,
        replicationFactor: 3,
        brokers: 6,
        perBroker: true,
      }),
    ).toBeCloseTo(350, 6);
    // 2100 GB / 4 (compression) = 525 GB, x 1.3 headroom = 682.5 GB, / 3 brokers = 227.5 GB.
    expect(
      solved(capacity, {
        ...base,
        messagesPerDay: 100e6,
        messageBytes: 1000,
        retentionDays: 7,
        replicationFactor: 3,
        brokers: 3,
        perBroker: true,
        compression: 4,
        headroom: 30,
      }),
    ).toBeCloseTo(227.5, 6);
    // 50M x 2000 B = 100 GB/day x 14 = 1400 x 3 = 4200 / 2 = 2100 x 2 (growth) = 4200 x 1.25 = 5250 / 5 = 1050 GB = 1.05 TB.
    expect(
      solved(capacity, {
        messagesPerDay: 50e6,
        messageBytes: 2000,
        retentionDays: 14,
        replicationFactor: 3,
        brokers: 5,
        perBroker: true,
        compression: 2,
        headroom: 25,
        growth: 2,
      }),
    ).toBeCloseTo(1.05, 6);
  });
});

describe("partitions needed", () => {
  it("asks for as many consumers as an even deal of whole partitions needs, for every draw", () => {
    for (const level of ["advanced", "expert"] as const)
      for (let seed = 0; seed < 400; seed++) {
        const p = partitionsNeeded.generate(seed, level);
        if (p.ask !== "consumers") continue;
        const t = p.target * p.growth;
        const partitions = Math.max(Math.ceil(t / p.producerPerPartition - 1e-9), Math.ceil(t / p.consumerPerPartition - 1e-9));
        // Deal the partitions one by one to n consumers; the busiest must keep up. The fewest n that works.
        const busiest = (n: number) => {
          const load = Array.from({ length: n }, () => 0);
          for (let i = 0; i < partitions; i++) load[i % n] += t / partitions;
          return Math.max(...load);
        };
        let n = 1;
        while (busiest(n) > p.consumerPerPartition + 1e-9) n++;
        expect({ seed, level, consumers: solved(partitionsNeeded, p) }).toEqual({ seed, level, consumers: n });
      }
  });

  it("names one partition in the singular", () => {
    // 50 MB/s at 50 MB/s per producer partition: 50 / 50 = 1, so 1 partition; consumers: 50 / 60 = 0.83, so 1 as well.
    const s = partitionsNeeded.solve({ target: 50, producerPerPartition: 50, consumerPerPartition: 60, growth: 1, ask: "partitions" });
    expect(s.steps).toContain("Producers: 50 / 50 MB/s per partition = 1, so 1 partition.");
    expect(s.steps.at(-1)).toBe("The topic needs the larger of the two: 1 partition.");
  });
  it("cases", () => {
    // max(ceil(200/25) = 8, ceil(200/8) = 25) = 25.
    expect(solved(partitionsNeeded, { target: 200, producerPerPartition: 25, consumerPerPartition: 8, growth: 1, ask: "partitions" })).toBe(
      25,
    );
    // max(ceil(1000/40) = 25, ceil(1000/15) = 67) = 67.
    expect(
      solved(partitionsNeeded, { target: 1000, producerPerPartition: 40, consumerPerPartition: 15, growth: 1, ask: "partitions" }),
    ).toBe(67);
    // Consumers: ceil(120/20) = 6.
    expect(solved(partitionsNeeded, { target: 120, producerPerPartition: 50, consumerPerPartition: 20, growth: 1, ask: "consumers" })).toBe(
      6,
    );
    // Producers set the count: 25 partitions of 40 MB/s, and a consumer of 60 MB/s cannot take two (80), so 25
    // consumers, not ceil(1000/60) = 17: a group splits whole partitions.
    expect(
      solved(partitionsNeeded, { target: 1000, producerPerPartition: 40, consumerPerPartition: 60, growth: 1, ask: "consumers" }),
    ).toBe(25);
    // 12 partitions of 9.375 MB/s (112.5 MB/s after growth), consumers of 15 MB/s: one partition each, 12 consumers.
    expect(
      solved(partitionsNeeded, { target: 75, producerPerPartition: 10, consumerPerPartition: 15, growth: 1.5, ask: "consumers" }),
    ).toBe(12);
    // 10 partitions of 10 MB/s (100 / 10), consumers of 30 MB/s take three each: ceil(10 / 3) = 4.
    expect(solved(partitionsNeeded, { target: 100, producerPerPartition: 10, consumerPerPartition: 30, growth: 1, ask: "consumers" })).toBe(
      4,
    );
    // Growth 3: 300 MB/s; ceil(300/40) = 8, ceil(300/60) = 5: 8.
    expect(
      solved(partitionsNeeded, { target: 100, producerPerPartition: 40, consumerPerPartition: 60, growth: 3, ask: "partitions" }),
    ).toBe(8);
  });
});

describe("compaction", () => {
  const w = (key: string, value: string | null) => ({ key, value });
  const base = { policy: "compact" as const, deleteRetentionHours: 24, ask: "count" as const, key: "a" };
  it("a superseded tombstone is removed as an older record, not by its delete horizon", () => {
    // a's tombstone (1) is a's latest in the first pass over 0-1 at hour 2: it stays, horizon 2 + 24 = 26.
    // Then a=C (2) arrives; the pass at hour 14 over 0-2 removes the tombstone because C supersedes it, not
    // because of the horizon, which is still 12 hours away. Left: C (2) and the active segment's D (3): 2 records.
    const p = {
      ...base,
      writes: [w("a", "A"), w("a", null), w("a", "C"), w("b", "D")],
      passes: [
        { hour: 2, activeBase: 2 },
        { hour: 14, activeBase: 3 },
      ],
    };
    expect(solved(compaction, p)).toBe(2);
    const steps = compaction.solve(p).steps.join(" ");
    expect(steps).not.toMatch(/past the delete horizon/);
    expect(steps).toMatch(/This pass removes offset 1\./);
  });
  it("cases", () => {
    const log = [w("a", "A"), w("a", "B"), w("b", "C"), w("a", "D"), w("b", "E")];
    // Cleaned 0-2: a's latest there is B (1), b's is C (2); A (0) goes. 1, 2, 3, 4 remain: 4 records.
    expect(solved(compaction, { ...base, writes: log, passes: [{ hour: 5, activeBase: 3 }] })).toBe(4);
    // cleanup.policy=delete: all 5 stay.
    expect(solved(compaction, { ...base, policy: "delete", writes: log, passes: [{ hour: 5, activeBase: 3 }] })).toBe(5);
    const tomb = [w("a", "A"), w("b", "B"), w("a", null), w("b", "C"), w("c", "D")];
    // One pass over 0-3 at hour 10: A and B go; the tombstone (2) stays through its first pass: 2, 3, 4 = 3.
    expect(solved(compaction, { ...base, writes: tomb, passes: [{ hour: 10, activeBase: 4 }] })).toBe(3);
    // Second pass at hour 40 over 0-4: past the horizon 10 + 24 = 34, the tombstone goes: 3, 4 = 2.
    expect(
      solved(compaction, {
        ...base,
        writes: tomb,
        passes: [
          { hour: 10, activeBase: 4 },
          { hour: 40, activeBase: 5 },
        ],
      }),
    ).toBe(2);
    // Second pass at hour 20, before the horizon 34: the tombstone stays: 2, 3, 4 = 3.
    expect(
      solved(compaction, {
        ...base,
        writes: tomb,
        passes: [
          { hour: 10, activeBase: 4 },
          { hour: 20, activeBase: 5 },
        ],
      }),
    ).toBe(3);
    // Key a: A (0), B (1), then D (3) in the active segment from 2; the pass drops A: B then D.
    expect(
      solved(compaction, {
        ...base,
        ask: "key",
        writes: [w("a", "A"), w("a", "B"), w("b", "C"), w("a", "D")],
        passes: [{ hour: 3, activeBase: 2 }],
      }),
    ).toBe("B at offset 1, then D at offset 3");
  });
});

describe("transactions", () => {
  const send = (producer: string, records: number, transactional = true) => ({ kind: "send" as const, producer, records, transactional });
  const end = (kind: "commit" | "abort", producer: string) => ({ kind, producer });
  it("cases", () => {
    const aborted = [send("P1", 2), end("abort", "P1"), send("P1", 3), end("commit", "P1")];
    // Offsets: 0-1 aborted, 2 marker, 3-5 committed, 6 marker. read_committed: 3 records.
    expect(solved(transactions, { events: aborted, isolation: "read_committed", ask: "records" })).toBe(3);
    // The count is over all its polls (one poll may return fewer than max.poll.records allows, or none yet).
    expect(transactions.prompt({ events: aborted, isolation: "read_committed", ask: "records" })).toMatch(/do its polls return in all\?/);
    // read_uncommitted returns all 5 records, never the 2 markers.
    expect(solved(transactions, { events: aborted, isolation: "read_uncommitted", ask: "records" })).toBe(5);
    // P1 0-1 (open), P3 2, P2 3-4, P1 commits at 5: P2's transaction from 3 is open, so the LSO is 3.
    expect(
      solved(transactions, {
        events: [send("P1", 2), send("P3", 1, false), send("P2", 2), end("commit", "P1")],
        isolation: "read_committed",
        ask: "lso",
      }),
    ).toBe(3);
    // P1 0-1 open, P2 2 + marker 3, P3 4: LSO 0, so read_committed returns nothing yet.
    expect(
      solved(transactions, {
        events: [send("P1", 2), send("P2", 1), end("commit", "P2"), send("P3", 1, false)],
        isolation: "read_committed",
        ask: "records",
      }),
    ).toBe(0);
    // P1 record 0, marker 1: nothing open, LSO = high watermark = 2.
    expect(solved(transactions, { events: [send("P1", 1), end("commit", "P1")], isolation: "read_committed", ask: "lso" })).toBe(2);
  });
});

describe("group liveness", () => {
  const base = {
    protocol: "classic" as const,
    sessionTimeoutMs: 45_000,
    heartbeatIntervalMs: 3_000,
    maxPollIntervalMs: 300_000,
    maxPollRecords: 500,
    pauseMs: 0,
  };
  it("cases", () => {
    // 500 x 700 ms = 350,000 ms >= 300,000: removed.
    expect(solved(liveness, { ...base, perRecordMs: 700, ask: "removed" })).toBe(true);
    // 500 x 100 ms = 50,000 ms: fine.
    expect(solved(liveness, { ...base, perRecordMs: 100, ask: "removed" })).toBe(false);
    // 300,000 / 700 = 428.6: 428 x 700 = 299,600 < 300,000 but 429 x 700 = 300,300.
    expect(solved(liveness, { ...base, perRecordMs: 700, ask: "max-records" })).toBe(428);
    // 120,000 / 300 = 400 exactly: 400 records reach the interval, so 399.
    expect(solved(liveness, { ...base, maxPollIntervalMs: 120_000, perRecordMs: 300, ask: "max-records" })).toBe(399);
    // A 50 s pause outlives session.timeout.ms 45 s: raise the session timeout.
    expect(solved(liveness, { ...base, perRecordMs: 5, pauseMs: 50_000, ask: "fix" })).toMatch(/^Raise session.timeout.ms above 50,000 ms/);
    // group.protocol=consumer, a 90 s pause: group.consumer.session.timeout.ms may not exceed
    // group.consumer.max.session.timeout.ms (60,000 by default), so that limit must be raised as well.
    expect(solved(liveness, { ...base, protocol: "consumer", perRecordMs: 5, pauseMs: 90_000, ask: "fix" })).toMatch(
      /group\.consumer\.session\.timeout\.ms above 90,000 ms, and group\.consumer\.max\.session\.timeout\.ms \(60000 by default\) with it/,
    );
    // A 50 s pause fits under that maximum: raising group.consumer.session.timeout.ms alone is enough.
    expect(solved(liveness, { ...base, protocol: "consumer", perRecordMs: 5, pauseMs: 50_000, ask: "fix" })).toMatch(
      /^Raise the broker's group\.consumer\.session\.timeout\.ms above 50,000 ms \(its maximum/,
    );
    // group.protocol=consumer: the broker's 45 s session timeout still loses a 50 s pause.
    expect(solved(liveness, { ...base, protocol: "consumer", perRecordMs: 5, pauseMs: 50_000, ask: "removed" })).toBe(true);
  });
});

describe("keyed partitioning", () => {
  // Hashes from Kafka's UtilsTest: "21" -973932308, "foobar" -790332482, "abc" 479470107.
  // toPositive: 2^31 - 973932308 = 1173551340; 2^31 - 790332482 = 1357151166; 479470107.
  const keys = ["21", "foobar", "abc"];
  it("cases", () => {
    // mod 4 -> mod 8: 1173551340: 0 -> 4; 1357151166: 2 -> 6; 479470107: 3 -> 3. Two keys move.
    expect(solved(keyedPartitioning, { keys, before: 4, after: 8, signed: false, ask: "moved", key: "abc" })).toBe(2);
    // mod 4 -> mod 12: 1173551340: 0 -> 0 (1173551340 = 12 x 97795945); 1357151166: 2 -> 6; 479470107: 3 -> 3
    // (479470107 = 12 x 39955842 + 3). One key moves, and the step says only its order is lost.
    const one = keyedPartitioning.solve({ keys, before: 4, after: 12, signed: false, ask: "moved", key: "abc" });
    expect(value(one.answer)).toBe(1);
    expect(one.steps.at(-1)).toMatch(/^1 of 3 keys land in a different partition; the old records of that key stay/);
    // mod 3 -> mod 6 for "21" alone (1173551340 mod 3 = 0, mod 6 = 0): nothing moves, and no order is said to be lost.
    const none = keyedPartitioning.solve({ keys: ["21"], before: 3, after: 6, signed: false, ask: "moved", key: "21" });
    expect(none.steps.at(-1)).toMatch(/^None of the 1 keys lands in a different partition/);
    // foobar: 1357151166 mod 8 = 6 (166 mod 8).
    expect(solved(keyedPartitioning, { keys, before: 4, after: 8, signed: false, ask: "partition", key: "foobar" })).toBe("Partition 6");
    // "21" with 6 partitions: 1173551340 is even with digit sum 30, so mod 6 = 0 (Math.abs would give 973932308 mod 6 = 2).
    expect(solved(keyedPartitioning, { keys, before: 3, after: 6, signed: true, ask: "partition", key: "21" })).toBe("Partition 0");
  });
});

describe("offset reset", () => {
  const base = { version: "4.0" as const, committed: 6400, days: 0, retentionMinutes: 10080 };
  it("cases", () => {
    // A valid committed offset wins over auto.offset.reset.
    expect(solved(offsetReset, { ...base, state: "valid", reset: "earliest" })).toMatch(/^Offset 6,400/);
    // New group, reset not set: latest, the log end offset 8,200.
    expect(solved(offsetReset, { ...base, state: "absent", reset: "default" })).toMatch(/^Offset 8,200/);
    // Committed 3,000 below the log start 5,000 with none: OffsetOutOfRangeException. The group was stopped two days,
    // less than offsets.retention.minutes (7 days), so the offset itself is still there; stopped longer, it would have
    // expired and none would throw NoOffsetForPartitionException instead.
    const outOfRange = { ...base, state: "out-of-range" as const, committed: 3000, reset: "none" as const };
    expect(solved(offsetReset, outOfRange)).toMatch(/OffsetOutOfRangeException/);
    expect(offsetReset.prompt(outOfRange)).toMatch(/stopped for two days/);
    // Empty for 14 days > 10080 minutes (7 days): offsets expired; none throws NoOffsetForPartitionException.
    expect(solved(offsetReset, { ...base, state: "expired", days: 14, committed: 5350, reset: "none" })).toMatch(
      /NoOffsetForPartitionException/,
    );
    // Last commit 20 days ago but the group never emptied: offsets kept (KIP-211). Offset 5,350 lies in the block
    // written 50 days ago, so it had been written when it was committed.
    expect(solved(offsetReset, { ...base, state: "active-old", days: 20, committed: 5350, reset: "earliest" })).toMatch(/^Offset 5,350/);
    // by_duration:P4D (96 hours): the first block at most 96 hours old is 6,000-6,999, written 72 hours ago.
    // (Too few distinct distractors for a choice on a new 4.0 group, so it is checked on the rule itself.)
    expect(durationStart(96)).toBe(6000);
    // by_duration:P14D (336 hours): 5,500-5,999 was written 12 days (288 hours) ago, within it; 5,000-5,499 (50 days) is not.
    expect(durationStart(336)).toBe(5500);
    // by_duration:P1D on a new group: the first record at most 24 hours old is offset 7,000 (written 10 hours ago).
    expect(solved(offsetReset, { ...base, state: "absent", reset: { duration: "P1D", hours: 24 } })).toBe(
      "Offset 7,000 (the first record of the last day)",
    );
    // by_duration on a 3.9 client: not a valid value.
    expect(solved(offsetReset, { ...base, version: "3.9", state: "absent", reset: { duration: "P1D", hours: 24 } })).toMatch(
      /ConfigException/,
    );
    // Out of range with earliest: the log start offset 5,000.
    expect(solved(offsetReset, { ...base, state: "out-of-range", committed: 3000, reset: "earliest" })).toMatch(/^Offset 5,000/);
  });
});

describe("stated answers", () => {
  it("name one unit in the singular", () => {
    // One partition moves when c5 leaves: c1-c4 keep shipments-0..3, and of audit only audit-7 (c5's) changes owner.
    const p = {
      topics: [
        { name: "shipments", partitions: 4 },
        { name: "audit", partitions: 10 },
      ],
      members: ["c1", "c2", "c3", "c4", "c5", "c6", "c7"],
      assignor: "range" as const,
      ask: "moved" as const,
      member: "c5",
    };
    const s = consumerAssignment.solve(p);
    expect(formatAnswer(s.answer)).toBe("1 partition");
    expect(s.steps.join(" ")).toMatch(/1 partition changes owner/);
    expect(formatAnswer({ kind: "number", value: 2, unit: "partitions", tolerance: { abs: 0 }, mistakes: [] })).toBe("2 partitions");
    expect(formatAnswer({ kind: "number", value: 1, unit: "GB", tolerance: { abs: 0 }, mistakes: [] })).toBe("1 GB");
    // An offset is named before its number, as the steps do.
    expect(formatAnswer({ kind: "number", value: 12, unit: "offset", tolerance: { abs: 0 }, mistakes: [] })).toBe("offset 12");
  });
});
