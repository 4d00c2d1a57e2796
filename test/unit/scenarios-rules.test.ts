// Invariants of the rules each family is built on, checked over generated parameters.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LEVELS } from "../../src/bank/constants.js";
import { moved, range, roundRobin, sortMembers } from "../../src/scenarios/assignors.js";
import { compaction, survivors } from "../../src/scenarios/compaction.js";
import { ambiguous, type DurabilityParams, durability, outcome as writeOutcome } from "../../src/scenarios/durability.js";
import { keyedPartitioning } from "../../src/scenarios/keyed.js";
import { drainSeconds, lagAfter, shares } from "../../src/scenarios/lag.js";
import { keyBytes, murmur2, partitionForKey, toPositive } from "../../src/scenarios/murmur2.js";
import { BLOCKS, LOG_START, offsetReset } from "../../src/scenarios/offsets.js";
import { type OrderingParams, outcome as orderingOutcome } from "../../src/scenarios/ordering.js";
import { layout, type TxEvent } from "../../src/scenarios/transactions.js";

describe("murmur2", () => {
  // The vectors of UtilsTest.testMurmur2 in Kafka's clients module.
  it.each([
    ["21", -973932308],
    ["foobar", -790332482],
    ["a-little-bit-long-string", -985981536],
    ["a-little-bit-longer-string", -1486304829],
    ["lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971],
    ["abc", 479470107],
  ])("murmur2(%s) = %d, as Kafka computes it", (key, hash) => {
    expect(murmur2(keyBytes(key))).toBe(hash);
  });

  it("toPositive clears the sign bit rather than negating", () => {
    expect(toPositive(-973932308)).toBe(-973932308 + 2 ** 31);
    expect(toPositive(479470107)).toBe(479470107);
    expect(toPositive(-2147483648)).toBe(0);
  });

  it("encodes keys as UTF-8, so non-ASCII keys hash their bytes", () => {
    expect([...keyBytes("é")]).toEqual([0xc3, 0xa9]);
    expect(murmur2(keyBytes("é"))).toBe(murmur2(new Uint8Array([0xc3, 0xa9])));
  });

  it("always picks a partition in range", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 1000 }), (key, n) => {
        const p = partitionForKey(key, n);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThan(n);
      }),
    );
  });
});

const topicsArb = fc
  .uniqueArray(fc.constantFrom("orders", "payments", "clicks"), { minLength: 1, maxLength: 2 })
  .chain((names) => fc.tuple(...names.map((name) => fc.integer({ min: 1, max: 20 }).map((partitions) => ({ name, partitions })))));
const membersArb = fc.integer({ min: 1, max: 15 }).map((n) => Array.from({ length: n }, (_, i) => `c${i + 1}`));

describe("assignors", () => {
  it.each([
    ["range", range],
    ["round-robin", roundRobin],
  ])("%s assigns every partition exactly once", (_, assign) => {
    fc.assert(
      fc.property(topicsArb, membersArb, (topics, members) => {
        const all = [...assign(topics, members).values()].flat().sort();
        const expected = topics.flatMap((t) => Array.from({ length: t.partitions }, (_, i) => `${t.name}-${i}`)).sort();
        expect(all).toEqual(expected);
      }),
    );
  });

  it("leaves exactly the surplus idle with more members than partitions of one topic", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 8 }), (p, surplus) => {
        const members = Array.from({ length: p + surplus }, (_, i) => `m${i}`);
        for (const assign of [range, roundRobin]) {
          const idle = [...assign([{ name: "t", partitions: p }], members).values()].filter((x) => x.length === 0);
          expect(idle).toHaveLength(surplus);
        }
      }),
    );
  });

  it("range gives the extra partitions of each topic to the first members in string order", () => {
    fc.assert(
      fc.property(topicsArb, membersArb, (topics, members) => {
        const a = range(topics, members);
        const order = sortMembers(members);
        for (const t of topics) {
          const counts = order.map((m) => (a.get(m) ?? []).filter((x) => x.startsWith(`${t.name}-`)).length);
          for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]);
          expect(counts[0] - counts[counts.length - 1]).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it("round-robin keeps members within one partition of each other", () => {
    fc.assert(
      fc.property(topicsArb, membersArb, (topics, members) => {
        const counts = [...roundRobin(topics, members).values()].map((x) => x.length);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("moves at least the leaver's partitions when a member leaves", () => {
    fc.assert(
      fc.property(
        topicsArb,
        membersArb.filter((m) => m.length > 1),
        (topics, members) => {
          const before = range(topics, members);
          const after = range(topics, members.slice(1));
          expect(moved(before, after)).toBeGreaterThanOrEqual(before.get(members[0])?.length ?? 0);
        },
      ),
    );
  });
});

const durabilityArb = fc
  .record({
    rf: fc.integer({ min: 1, max: 5 }),
    acks: fc.constantFrom("0", "1", "all") as fc.Arbitrary<DurabilityParams["acks"]>,
    unclean: fc.boolean(),
    seed: fc.integer(),
  })
  .chain(({ rf, acks, unclean }) =>
    fc.record({
      rf: fc.constant(rf),
      minIsr: fc.integer({ min: 1, max: rf }),
      acks: fc.constant(acks),
      replicas: fc.constant(Array.from({ length: rf }, (_, i) => i + 1)),
      lagging: fc.subarray(Array.from({ length: rf - 1 }, (_, i) => i + 2)),
      down: fc.subarray(Array.from({ length: rf }, (_, i) => i + 1)),
      unclean: fc.constant(unclean),
      ask: fc.constant("write" as const),
    }),
  );

describe("durability", () => {
  const outcome = (p: DurabilityParams): string | null => writeOutcome(p);

  it("acks=0 and acks=1 never report NotEnoughReplicas", () => {
    fc.assert(
      fc.property(
        durabilityArb.filter((p) => p.acks !== "all"),
        (p) => {
          expect(outcome(p) ?? "").not.toMatch(/NotEnoughReplicas/);
        },
      ),
    );
  });

  it("acks=all is rejected exactly when the surviving ISR is below min.insync.replicas", () => {
    fc.assert(
      fc.property(
        durabilityArb.filter((p) => p.acks === "all" && !p.down.includes(1) && p.lagging.length === 0),
        (p) => {
          const text = outcome(p);
          if (text === null) return;
          const isr = p.rf - p.down.length;
          expect(/NotEnoughReplicas/.test(text)).toBe(isr < p.minIsr);
          if (isr >= p.minIsr) expect(text).toContain(`all ${isr} in-sync`);
        },
      ),
    );
  });

  it("a partition whose replicas are all down never accepts writes", () => {
    fc.assert(
      fc.property(durabilityArb, (p) => {
        const text = outcome({ ...p, down: p.replicas });
        if (text !== null) expect(text).toMatch(/no leader/);
      }),
    );
  });

  it("never asks a draw whose answer depends on eligible leader replicas or on the order of failures", () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(...LEVELS), (seed, level) => {
        expect(ambiguous(durability.generate(seed, level))).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("acknowledged acks=all writes are lost only through an unclean election", () => {
    fc.assert(
      fc.property(
        durabilityArb.filter((p) => p.acks === "all"),
        (p) => {
          const a = durability.solve({ ...p, ask: "loss" }).answer;
          if (a.kind !== "yesno") throw new Error("expected yes/no");
          if (a.value) expect(a.reason).toMatch(/Out-of-sync broker/);
          if (!p.unclean) expect(a.value).toBe(false);
        },
      ),
    );
  });
});

describe("ordering", () => {
  const arb = fc.record({
    version: fc.constantFrom("3.9", "4.0"),
    keyed: fc.constant(true),
    partitions: fc.integer({ min: 1, max: 12 }),
    inFlight: fc.integer({ min: 1, max: 10 }),
    retries: fc.constantFrom(null, 0, 3),
    acks: fc.constantFrom(null, "all", "1"),
    idempotence: fc.constantFrom("default", "true", "false"),
  }) as fc.Arbitrary<OrderingParams>;
  const outcome = (p: OrderingParams): string | null => orderingOutcome(p);

  it("idempotence on with at most 5 in flight never reorders or duplicates one key", () => {
    fc.assert(
      fc.property(
        arb.filter((p) => p.idempotence !== "false" && p.inFlight <= 5 && p.retries !== 0 && p.acks !== "1"),
        (p) => {
          expect(outcome(p)).toMatch(/^Neither: the idempotent producer/);
        },
      ),
    );
  });

  it("explicitly enabled idempotence with a conflicting setting fails at construction", () => {
    fc.assert(
      fc.property(
        arb.filter((p) => p.idempotence === "true" && (p.inFlight > 5 || p.retries === 0 || p.acks === "1")),
        (p) => {
          expect(outcome(p)).toMatch(/ConfigException/);
        },
      ),
    );
  });

  it("defaulted idempotence with more than 5 in flight fails on 4.0 and is silently dropped on 3.9", () => {
    fc.assert(
      fc.property(
        arb.filter((p) => p.idempotence === "default" && p.inFlight > 5),
        (p) => {
          if (p.version === "4.0") expect(outcome(p)).toMatch(/ConfigException/);
          else expect(outcome(p)).not.toMatch(/ConfigException|idempotent producer keeps/);
        },
      ),
    );
  });

  it("without a key and with several partitions there is no order to keep", () => {
    fc.assert(
      fc.property(
        arb.filter((p) => p.partitions > 1),
        (p) => {
          const text = outcome({ ...p, keyed: false });
          if (text !== null && !/ConfigException/.test(text)) expect(text).toMatch(/different partitions/);
        },
      ),
    );
  });
});

describe("lag", () => {
  const arb = fc.record({
    partitions: fc.integer({ min: 1, max: 30 }),
    produceRate: fc.integer({ min: 1, max: 2000 }),
    consumeRate: fc.integer({ min: 1, max: 5000 }),
    initialLag: fc.integer({ min: 0, max: 1_000_000 }),
  });

  it("shares cover every partition, at most one partition apart, and no more consumers than partitions", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 60 }), (p, c) => {
        const s = shares(p, c);
        expect(s.reduce((a, b) => a + b, 0)).toBe(p);
        expect(s.length).toBe(Math.min(p, c));
        expect(Math.max(...s) - Math.min(...s)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("drain time falls as consumers rise up to the partition count and never changes after", () => {
    fc.assert(
      fc.property(arb, (p) => {
        let last = Number.POSITIVE_INFINITY;
        for (let c = 1; c <= p.partitions; c++) {
          const t = drainSeconds(p, c);
          expect(t).toBeLessThanOrEqual(last);
          last = t;
        }
        for (let c = p.partitions + 1; c <= p.partitions + 5; c++) expect(drainSeconds(p, c)).toBe(last);
      }),
    );
  });

  it("lag never goes negative and never shrinks while consumers cannot keep up", () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 3600 }), (p, c, s) => {
        const l = lagAfter(p, c, s);
        expect(l).toBeGreaterThanOrEqual(0);
        if (p.consumeRate <= p.produceRate) expect(l).toBeGreaterThanOrEqual(p.initialLag - 1e-6);
      }),
    );
  });
});

describe("compaction", () => {
  const arb = fc
    .array(fc.record({ key: fc.constantFrom("a", "b", "c"), value: fc.option(fc.constantFrom("x", "y", "z"), { nil: null }) }), {
      minLength: 2,
      maxLength: 14,
    })
    .chain((writes) =>
      fc.record({
        writes: fc.constant(writes),
        policy: fc.constant("compact" as const),
        deleteRetentionHours: fc.constantFrom(1, 24),
        passes: fc.integer({ min: 1, max: writes.length }).chain((base) =>
          fc.oneof(
            fc.constant([{ hour: 5, activeBase: base }] as { hour: number; activeBase: number }[]),
            fc.integer({ min: base, max: writes.length }).chain((b2) =>
              fc.constantFrom(6, 40).map((h) => [
                { hour: 5, activeBase: base },
                { hour: h, activeBase: b2 },
              ]),
            ),
          ),
        ),
        ask: fc.constant("count" as const),
        key: fc.constant("a"),
      }),
    );

  it("keeps the whole active segment and the latest value of each key outside it", () => {
    fc.assert(
      fc.property(arb, (p) => {
        const kept = survivors(p);
        const last = p.passes[p.passes.length - 1].activeBase;
        for (let o = last; o < p.writes.length; o++) expect(kept).toContain(o);
        for (const key of ["a", "b", "c"]) {
          const before = [...Array(last).keys()].filter((o) => p.writes[o].key === key);
          const latest = before[before.length - 1];
          // Older values of a key below the active segment are gone; the latest value stays.
          for (const o of before.slice(0, -1)) expect(kept).not.toContain(o);
          if (latest !== undefined && p.writes[latest].value !== null) expect(kept).toContain(latest);
        }
      }),
    );
  });

  it("keeps every tombstone through its first pass", () => {
    fc.assert(
      fc.property(arb, (p) => {
        const once = survivors({ ...p, passes: p.passes.slice(0, 1) });
        const base = p.passes[0].activeBase;
        for (let o = 0; o < base; o++) {
          const w = p.writes[o];
          const latest =
            p.writes
              .slice(0, base)
              .map((x) => x.key)
              .lastIndexOf(w.key) === o;
          if (w.value === null && latest) expect(once).toContain(o);
        }
      }),
    );
  });
});

describe("transactions", () => {
  const events = fc.array(
    fc.oneof(
      fc.record({
        kind: fc.constant("send" as const),
        producer: fc.constantFrom("P1", "P2"),
        records: fc.integer({ min: 1, max: 3 }),
        transactional: fc.constant(true),
      }),
      fc.record({
        kind: fc.constant("send" as const),
        producer: fc.constant("P3"),
        records: fc.integer({ min: 1, max: 3 }),
        transactional: fc.constant(false),
      }),
      fc.record({ kind: fc.constantFrom("commit" as const, "abort" as const), producer: fc.constantFrom("P1", "P2") }),
    ),
    { maxLength: 12 },
  ) as fc.Arbitrary<TxEvent[]>;

  it("the last stable offset never passes the high watermark, and equals it when nothing is open", () => {
    fc.assert(
      fc.property(events, (e) => {
        const s = layout(e);
        expect(s.lso).toBeLessThanOrEqual(s.highWatermark);
        if (![...s.outcome.values()].includes("open")) expect(s.lso).toBe(s.highWatermark);
      }),
    );
  });

  it("every marker takes an offset", () => {
    fc.assert(
      fc.property(events, (e) => {
        const s = layout(e);
        const records = e.filter((x) => x.kind === "send").reduce((n, x) => n + (x.kind === "send" ? x.records : 0), 0);
        const finished = [...s.outcome.values()].filter((o) => o !== "open").length;
        expect(s.highWatermark).toBe(records + finished);
        expect(s.entries.map((x) => x.offset)).toEqual([...Array(s.highWatermark).keys()]);
      }),
    );
  });
});

describe("offset reset", () => {
  it("dates every commit after the records below it were written", () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(...LEVELS), (seed, level) => {
        const p = offsetReset.generate(seed, level);
        if (p.state !== "expired" && p.state !== "active-old") return;
        // Records below the committed offset were consumed, so they existed when it was committed, days ago.
        for (const b of BLOCKS) if (b.from < p.committed) expect(b.hoursAgo).toBeGreaterThanOrEqual(p.days * 24);
        expect(p.committed).toBeGreaterThan(LOG_START);
      }),
      { numRuns: 300 },
    );
  });
});

describe("steps say what the rules computed", () => {
  it("a tombstone is said to be past its delete horizon only at or after it", () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(...LEVELS), (seed, level) => {
        const p = compaction.generate(seed, level);
        for (const step of compaction.solve(p).steps) {
          const m = /^Hour (\d+) is at or past the delete horizon of (.*), so it is removed\.$/.exec(step);
          if (!m) continue;
          for (const h of m[2].matchAll(/\(hour (\d+)\)/g)) expect(Number(m[1])).toBeGreaterThanOrEqual(Number(h[1]));
        }
      }),
      { numRuns: 400 },
    );
  });

  it("failed brokers are said to leave the ISR only if they were in it", () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(...LEVELS), (seed, level) => {
        const p = durability.generate(seed, level);
        const isrBefore = p.replicas.filter((b) => !p.lagging.includes(b));
        const said = durability.solve(p).steps.some((s) => s.includes("the failed brokers leave the ISR"));
        if (said) expect(p.down.some((b) => isrBefore.includes(b))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("keyed partitioning says order is lost only when a key moved", () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(...LEVELS), (seed, level) => {
        const p = keyedPartitioning.generate(seed, level);
        if (p.ask !== "moved") return;
        const movedKeys = p.keys.filter((k) => partitionForKey(k, p.before) !== partitionForKey(k, p.after)).length;
        const lost = keyedPartitioning.solve(p).steps.some((s) => s.includes("order across the change is lost"));
        expect(lost).toBe(movedKeys > 0);
      }),
      { numRuns: 400 },
    );
  });
});
