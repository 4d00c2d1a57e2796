import { describe, expect, it } from "vitest";
import type { Question, QuestionOf } from "../../src/bank/schema.js";
import { grade, normalizeCloze } from "../../src/quiz/grade.js";
import { compilePhrase, matchPhrase, newPhraseSet, prepare, scan } from "../../src/quiz/grading/phrases.js";
import { tokenize } from "../../src/quiz/grading/tokens.js";
import { stem } from "../../src/text/stem.js";
import { damerauLevenshtein } from "../../src/text/typo.js";
import { builtinFromYaml } from "../helpers/bank.js";

const base = {
  level: "beginner" as const,
  topics: ["producers" as const],
  explanation: "Because.",
  sources: [{ doc: "d", ref: "r" }],
};

const mcq: QuestionOf<"mcq"> = {
  ...base,
  id: "m",
  type: "mcq",
  prompt: "Which?",
  choices: [{ text: "acks=1" }, { text: "acks=all", correct: true }, { text: "acks=0" }],
};
const tf: QuestionOf<"truefalse"> = { ...base, id: "t", type: "truefalse", prompt: "Idempotence is on by default.", answer: true };
const multi: QuestionOf<"multi"> = {
  ...base,
  id: "mu",
  type: "multi",
  prompt: "Select all that apply.",
  choices: [{ text: "A", correct: true }, { text: "B", correct: true }, { text: "C" }, { text: "D" }],
};
const order: QuestionOf<"order"> = { ...base, id: "o", type: "order", prompt: "Order.", steps: ["s1", "s2", "s3", "s4", "s5"] };
const cloze = (prompt: string, answers: string[]): QuestionOf<"cloze"> => ({ ...base, id: "c", type: "cloze", prompt, answers });
const recall = (keyPoints: QuestionOf<"recall">["keyPoints"]): QuestionOf<"recall"> => ({
  ...base,
  id: "r",
  type: "recall",
  prompt: "Explain.",
  answer: "Model.",
  keyPoints,
});

/** One key point per phrase list, so covered(answer) tells whether the phrase matched. */
function covers(phrases: string[], answer: string, not?: string[]): boolean {
  const q = recall([{ point: "p", phrases, not }, ...Array.from({ length: 2 }, () => ({ point: "x", phrases: ["zzzz qqqq"] }))]);
  return grade(q, answer).keyPoints?.[0].covered ?? false;
}

describe("mcq and truefalse", () => {
  it("are exact", () => {
    expect(grade(mcq, "acks=all")).toEqual({ score: 1, correct: true });
    expect(grade(mcq, "acks=1")).toEqual({ score: 0, correct: false });
    expect(grade(mcq, "ACKS=ALL").correct).toBe(false);
    expect(grade(tf, true)).toEqual({ score: 1, correct: true });
    expect(grade(tf, false)).toEqual({ score: 0, correct: false });
  });
  it("give nothing for a null or mistyped answer", () => {
    expect(grade(mcq, null)).toEqual({ score: 0, correct: false });
    expect(grade(tf, null)).toEqual({ score: 0, correct: false });
    expect(grade(tf, "true")).toEqual({ score: 0, correct: false });
  });
});

describe("multi", () => {
  it("is correct only for exactly the right set", () => {
    expect(grade(multi, ["B", "A"])).toEqual({ score: 1, correct: true });
    expect(grade(multi, ["A"])).toEqual({ score: 0.5, correct: false });
  });
  it("subtracts wrong picks", () => {
    expect(grade(multi, ["A", "B", "C"])).toEqual({ score: 0.5, correct: false });
    expect(grade(multi, ["A", "C"])).toEqual({ score: 0, correct: false });
  });
  it("scores 0 for ticking every box when wrong choices are at least as many as right ones", () => {
    expect(grade(multi, ["A", "B", "C", "D"])).toEqual({ score: 0, correct: false });
  });
  it("never goes below 0 and ignores duplicates", () => {
    expect(grade(multi, ["C", "D"]).score).toBe(0);
    expect(grade(multi, ["A", "A"]).score).toBe(0.5);
    expect(grade(multi, null)).toEqual({ score: 0, correct: false });
    expect(grade(multi, [])).toEqual({ score: 0, correct: false });
  });
});

describe("order", () => {
  it("is correct only when exactly right", () => {
    expect(grade(order, ["s1", "s2", "s3", "s4", "s5"])).toEqual({ score: 1, correct: true });
  });
  it("credits each step that can stay where it is, and names the others", () => {
    // s1-s2 and s3-s5 are each in order; moving s1 and s2 (or s3 to s5) puts it right.
    expect(grade(order, ["s3", "s4", "s5", "s1", "s2"])).toEqual({ score: 0.5, correct: false, misplaced: ["s1", "s2"] });
    expect(grade(order, ["s5", "s4", "s3", "s2", "s1"])).toMatchObject({ score: 0, correct: false });
    expect(grade(order, ["s2", "s1", "s3", "s4", "s5"])).toEqual({ score: 0.75, correct: false, misplaced: ["s1"] });
  });
  it("gives nothing for null", () => {
    expect(grade(order, null)).toMatchObject({ score: 0, correct: false });
  });
});

describe("cloze", () => {
  const acks = cloze("Since Kafka 3.0 the producer's default is acks=___ .", ["all", "-1"]);
  const minIsr = cloze("The broker setting ___ refuses acks=all writes when too few replicas are in sync.", ["min.insync.replicas"]);
  const timeout = cloze("max.poll.interval.ms defaults to ___ ms.", ["300000"]);

  it("ignores case, spacing, quotes and a trailing period", () => {
    for (const a of ["all", "ALL", "  all ", '"all"', "'all'", "`all`", "all.", " 'All'. "]) expect(grade(acks, a).correct, a).toBe(true);
  });
  it("accepts the listed alternatives", () => {
    expect(grade(acks, "-1").correct).toBe(true);
  });
  it("treats . _ - and space in config names alike", () => {
    for (const a of [
      "min.insync.replicas",
      "min_insync_replicas",
      "min insync replicas",
      "MIN-INSYNC-REPLICAS",
      "min . insync . replicas",
    ]) {
      expect(grade(minIsr, a).correct, a).toBe(true);
    }
    expect(grade(minIsr, "min.insync").correct).toBe(false);
    expect(grade(minIsr, "mininsyncreplicas").correct).toBe(false);
  });
  it("strips a name= that repeats the text before the blank", () => {
    expect(grade(acks, "acks=all").correct).toBe(true);
    expect(grade(acks, "acks = all").correct).toBe(true);
    expect(grade(acks, "ACKS=-1").correct).toBe(true);
    expect(grade(acks, "retries=all").correct).toBe(false);
  });
  it("strips a unit that repeats the text after the blank", () => {
    expect(grade(timeout, "300000 ms").correct).toBe(true);
    expect(grade(timeout, "300000ms").correct).toBe(true);
  });
  it("does not accept a different value", () => {
    expect(grade(acks, "1").correct).toBe(false);
    expect(grade(acks, "acks=1").correct).toBe(false);
    expect(grade(acks, "a").correct).toBe(false);
    expect(grade(acks, "").correct).toBe(false);
    expect(grade(acks, null)).toEqual({ score: 0, correct: false });
  });
  it("matches numbers exactly after removing thousands separators", () => {
    for (const a of ["300000", "300,000", "300_000", "300 000"]) expect(grade(timeout, a).correct, a).toBe(true);
    for (const a of ["30000", "3000000", "300001", "300000 s"]) expect(grade(timeout, a).correct, a).toBe(false);
  });
  it("accepts a duration in other units when the blank holds milliseconds", () => {
    for (const a of ["5 minutes", "5 min", "300 s", "300 seconds", "300s", "0.5 minutes x"]) {
      expect(grade(timeout, a).correct, a).toBe(a !== "0.5 minutes x");
    }
    expect(grade(timeout, "5 hours").correct).toBe(false);
    expect(grade(cloze("linger.ms=___", ["5"]), "5ms").correct).toBe(true);
    expect(grade(cloze("The default of linger.ms is ___.", ["5"]), "5 ms").correct).toBe(true);
    expect(grade(cloze("The default retries is ___.", ["5"]), "5 s").correct).toBe(false);
    expect(grade(cloze("Set linger.ms to ___ (ms).", ["5000"]), "5 seconds").correct).toBe(true);
  });
  it("accepts a config name without its .ms unit", () => {
    expect(
      grade(cloze("The consumer leaves the group after ___ without a poll.", ["max.poll.interval.ms"]), "max.poll.interval").correct,
    ).toBe(true);
    expect(grade(cloze("The consumer leaves the group after ___ without a poll.", ["max.poll.interval.ms"]), "max.poll").correct).toBe(
      false,
    );
  });
  it("normalizeCloze gives one canonical form", () => {
    expect(normalizeCloze(" Min_InSync-Replicas. ")).toBe("min.insync.replicas");
    expect(normalizeCloze("120,000")).toBe(normalizeCloze("120_000"));
    expect(normalizeCloze("-1")).toBe("-1");
  });
});

describe("text helpers", () => {
  it("stems the usual word forms together", () => {
    const same = [
      ["replicas", "replica"],
      ["committing", "commit"],
      ["committed", "commits"],
      ["guarantee", "guaranteed"],
      ["guarantees", "guaranteed"],
      ["acknowledgment", "acknowledgement"],
      ["acknowledges", "acknowledged"],
      ["ordering", "order"],
      ["partitions", "partition"],
      ["idempotence", "idempotent"],
      ["compaction", "compacted"],
      ["durability", "durable"],
    ];
    for (const [a, b] of same) expect(stem(a), `${a} ~ ${b}`).toBe(stem(b));
    expect(stem("replica")).not.toBe(stem("replication"));
    expect(stem("producer")).not.toBe(stem("produce"));
    expect(stem("consumers")).not.toBe(stem("consumed"));
    expect(stem("stateful")).not.toBe(stem("state"));
    expect(stem("partitioner")).not.toBe(stem("partition"));
  });
  it("computes Damerau-Levenshtein distance with transpositions", () => {
    expect(damerauLevenshtein("replcia", "replica")).toBe(1);
    expect(damerauLevenshtein("offset", "ofset")).toBe(1);
    expect(damerauLevenshtein("kitten", "sitting")).toBe(3);
    expect(damerauLevenshtein("abc", "abcdef", 1)).toBe(2);
  });
  it("splits config names and expands contractions", () => {
    const raws = (s: string) => tokenize(s).map((t) => t.raw);
    expect(raws("min.insync.replicas=2")).toEqual(["min", "insync", "replicas", "2"]);
    expect(raws("acks=-1")).toEqual(["acks", "all"]);
    expect(raws("doesn't can't won't isn't")).toEqual(["does", "not", "can", "not", "will", "not", "is", "not"]);
    expect(raws("in-sync 120,000 KIP-679")).toEqual(["insync", "120000", "kip", "679"]);
  });
  it("matches prepared text without recomputing", () => {
    const text = prepare("Consumers commit offsets to __consumer_offsets");
    const set = newPhraseSet();
    const commit = compilePhrase(set, "commit offsets");
    const filler = compilePhrase(set, "the of");
    const places = scan(text, set);
    expect(matchPhrase(text, places, commit)).toBeDefined();
    expect(matchPhrase(text, places, filler)).toBeUndefined();
  });
});

describe("recall phrase matching", () => {
  it("needs every content word, in any order, ignoring stop words", () => {
    expect(covers(["within a partition"], "Kafka keeps order inside each partition, i.e. within the partition")).toBe(true);
    expect(covers(["leader acknowledges"], "the write is acknowledged by the leader")).toBe(true);
    expect(covers(["leader acknowledges"], "the leader writes it")).toBe(false);
  });
  it("does not credit a phrase whose predicate is negated right after it", () => {
    expect(covers(["within a partition"], "Ordering within a partition is not guaranteed.")).toBe(false);
    expect(covers(["within a partition"], "Ordering within a partition isn't guaranteed.")).toBe(false);
    expect(covers(["within a partition"], "Ordering within a partition, not across partitions, is guaranteed.")).toBe(true);
    expect(covers(["within a partition"], "Order holds within a partition and is not global.")).toBe(true);
  });
  it("reads a phrase's own negation only over the rest of its clause", () => {
    expect(covers(["not full schema"], "Each message carries the schema id, not the full schema.")).toBe(true);
    expect(covers(["configuration not code"], "Connect is driven by configuration, not code.")).toBe(true);
    expect(covers(["not full schema"], "Messages don't carry a schema id; each message embeds the full schema.")).toBe(false);
  });
  it("needs the words close together", () => {
    expect(
      covers(
        ["leader acknowledges"],
        "the leader writes to its log. Much later, after many other steps happen in the cluster and elsewhere, someone acknowledges",
      ),
    ).toBe(false);
  });
  it("reads a few spellings as the same word", () => {
    expect(covers(["latest value per key"], "it keeps the latest value for each key")).toBe(true);
    expect(covers(["latest value per key"], "it keeps the latest value for every key")).toBe(true);
    expect(covers(["within a partition"], "ordered inside a partition")).toBe(true);
    expect(covers(["single system"], "one system to run")).toBe(true);
    expect(covers(["non-retryable errors"], "nonretryable errors go to the DLT")).toBe(true);
    expect(covers(["non-retryable errors"], "non retriable errors go to the DLT")).toBe(true);
    expect(covers(["re-key"], "you rekey the stream")).toBe(true);
    expect(covers(["three replicas"], "3 replicas")).toBe(true);
  });
  it("does not read min.insync.replicas as in-sync replicas", () => {
    expect(covers(["all in-sync replicas"], "acks=all with min.insync.replicas=2")).toBe(false);
    expect(covers(["all in-sync replicas"], "acks=all with min_insync_replicas=2")).toBe(false);
    expect(covers(["all in-sync replicas"], "acks=all waits for all in-sync replicas")).toBe(true);
    expect(covers(["min insync replicas"], "acks=all with min.insync.replicas=2")).toBe(true);
    expect(covers(["min.insync.replicas"], "set min insync replicas to 2")).toBe(true);
    expect(covers(["poll interval"], "max.poll.interval.ms")).toBe(true);
    expect(covers(["idempotence"], "enable.idempotence=true")).toBe(true);
  });
  it("reads Kafka abbreviations as what they stand for", () => {
    expect(covers(["all in-sync replicas"], "acks=all waits for the whole ISR")).toBe(true);
    expect(covers(["ISR"], "the in-sync replicas")).toBe(true);
    expect(covers(["replication factor 3"], "RF=3")).toBe(true);
    expect(covers(["exactly once"], "EOS needs transactions")).toBe(true);
    expect(covers(["dead letter"], "send it to a DLQ")).toBe(true);
    expect(covers(["high watermark"], "consumers read up to the HW")).toBe(true);
    expect(covers(["ISR"], "min.insync.replicas=2")).toBe(false);
  });
  it("stems", () => {
    expect(covers(["commit offsets"], "it was committing its offset")).toBe(true);
    expect(covers(["replicas in sync"], "every in-sync replica")).toBe(true);
  });
  it("tolerates small typos in long words only", () => {
    expect(covers(["guaranteed order"], "ordering is garanteed")).toBe(true);
    expect(covers(["replication factor"], "the replciation factr is 3")).toBe(true);
    expect(covers(["consumer lag"], "consumer lga")).toBe(false);
    expect(covers(["acks all"], "ackss all")).toBe(false);
    expect(covers(["acknowledgement leader"], "leader sends an acknowlegment")).toBe(true);
    expect(covers(["lag"], "the log grows")).toBe(false);
    expect(covers(["sync"], "async send")).toBe(false);
    expect(covers(["unclean election"], "clean election")).toBe(false);
    expect(covers(["acknowledgement leader"], "leader sends an acknowlegment")).toBe(true);
    expect(covers(["replication factor"], "the replicaton factor")).toBe(true);
  });
  it("does not take another word or another ending for a typo", () => {
    expect(covers(["producer sends"], "it is produced and sends")).toBe(false);
    expect(covers(["custom partitioner"], "custom partitioned")).toBe(false);
    expect(covers(["onCompletion callback"], "compaction callback")).toBe(false);
    expect(covers(["transitive compatibility"], "transactions compatibility")).toBe(false);
    expect(covers(["consumer lag"], "consumed lag")).toBe(false);
  });
  it("never fuzzes numbers", () => {
    expect(covers(["acks 0"], "acks=0 is fire and forget")).toBe(true);
    expect(covers(["acks 0"], "acks=1 waits for the leader")).toBe(false);
    expect(covers(["30000 ms"], "30001 ms")).toBe(false);
  });
  it("splits config names on . _ - and =", () => {
    for (const a of ["min.insync.replicas=2", "min_insync_replicas = 2", "min insync replicas 2", "MIN-INSYNC-REPLICAS 2"]) {
      expect(covers(["min.insync.replicas 2"], a), a).toBe(true);
    }
    expect(covers(["acks=all"], "set acks to all")).toBe(true);
    expect(covers(["acks=all"], "acks=-1")).toBe(true);
  });
  it("does not credit a negated phrase", () => {
    for (const neg of ["not", "never", "no", "without"]) {
      expect(covers(["guaranteed order"], `there is ${neg} guaranteed order`), neg).toBe(false);
    }
    expect(covers(["guaranteed across partitions"], "ordering is not guaranteed across partitions")).toBe(false);
    expect(covers(["guaranteed across partitions"], "Kafka doesn't guarantee anything across partitions")).toBe(false);
    expect(covers(["leader acknowledges"], "the leader never acknowledges")).toBe(false);
    expect(covers(["leader acknowledges"], "the leader doesn't acknowledge")).toBe(false);
    expect(covers(["data loss"], "you cannot get data loss")).toBe(false);
    expect(covers(["records lost"], "records will not be lost")).toBe(false);
  });
  it("reads a denial before a that-clause as a negation of the whole clause, and no other use of the word", () => {
    for (const denial of ["It is false that", "It is untrue that", "It's a myth that", "It is wrong that", "It is incorrect that"]) {
      expect(covers(["leader acknowledges"], `${denial} the leader acknowledges the write`), denial).toBe(false);
      expect(covers(["leader acknowledges"], `${denial} the leader is the one that acknowledges`), denial).toBe(false);
    }
    expect(covers(["leader acknowledges"], "that the leader acknowledges the write is a myth")).toBe(false);
    expect(covers(["leader acknowledges"], "the leader acknowledges is a misconception")).toBe(false);
    expect(covers(["leader acknowledges"], "exactly-once everywhere is a myth, but the leader acknowledges the write")).toBe(true);
    expect(covers(["idempotence disabled"], "with enable.idempotence=false idempotence is disabled")).toBe(true);
    expect(covers(["records reordered"], "a wrong key order means records reordered")).toBe(true);
    expect(covers(["leader acknowledges"], "false alarms aside, the leader acknowledges")).toBe(true);
  });
  it("earns nothing for the documented negated example", () => {
    expect(covers(["within a partition"], "ordering is not guaranteed within a partition")).toBe(false);
    expect(covers(["within a partition"], "ordering is guaranteed within a partition")).toBe(true);
  });
  it("does not read a negation inside an error or config name", () => {
    expect(covers(["writes fail"], "the producer gets NotEnoughReplicasException writes fail")).toBe(true);
    expect(covers(["writes fail"], "NOT_ENOUGH_REPLICAS writes fail")).toBe(true);
    expect(covers(["not enough replicas"], "it throws NotEnoughReplicasException")).toBe(true);
    expect(covers(["toStream"], "call toStream() on the table")).toBe(true);
    expect(covers(["toStream"], "Kafka Streams")).toBe(false);
    expect(covers(["CooperativeStickyAssignor"], "the cooperative sticky assignor")).toBe(true);
    expect(covers(["writes fail"], "no writes fail")).toBe(false);
  });
  it("keeps negation within its clause", () => {
    expect(covers(["per partition"], "ordering is not global but per partition")).toBe(true);
    expect(covers(["per partition"], "not across the topic, only per partition")).toBe(true);
    expect(covers(["lose records"], "acks=0 doesn't wait and can lose records")).toBe(true);
    expect(covers(["retries reorder"], "retries without idempotence can reorder")).toBe(true);
    expect(covers(["removed from ISR"], "followers that are not caught up are removed from the ISR")).toBe(true);
    expect(covers(["records lost"], "every record the new leader doesn't have is lost")).toBe(true);
    expect(covers(["records lost"], "the records will not be lost")).toBe(false);
    expect(covers(["ordered across partitions"], "Kafka does not guarantee that records are ordered across partitions")).toBe(false);
    expect(covers(["ordered across partitions"], "records are not ordered across partitions")).toBe(false);
  });
  it("lets a negation in a phrase match any negation", () => {
    expect(covers(["0 does not wait"], "with acks=0 the producer doesn't wait")).toBe(true);
    expect(covers(["no acknowledgment"], "acks=0 works without any acknowledgment")).toBe(true);
  });
  it("does not credit the reversed claim", () => {
    expect(covers(["ordering within partition"], "there is ordering across partitions")).toBe(false);
    expect(covers(["within a partition"], "order is guaranteed across partitions", ["across partitions"])).toBe(false);
    expect(covers(["within a partition"], "only within a partition, not across partitions", ["across partitions"])).toBe(true);
    expect(
      covers(["within a partition"], "order across partitions is not guaranteed, only within a partition", ["across partitions"]),
    ).toBe(true);
    expect(covers(["within a partition"], "order across partitions isn't kept; within a partition it is", ["across partitions"])).toBe(
      true,
    );
    expect(covers(["within a partition"], "order holds across partitions and within a partition", ["across partitions"])).toBe(false);
    expect(covers(["leader handles writes"], "The leader handles all writes. Followers fetch.", ["followers handle writes"])).toBe(true);
    expect(covers(["leader handles writes"], "The leader handles writes and followers handle writes", ["followers handle writes"])).toBe(
      false,
    );
  });
});

describe("recall", () => {
  const q = recall([
    { point: "a", phrases: ["within a partition", "per partition"], not: ["across partitions"] },
    { point: "b", phrases: ["same key same partition"] },
    { point: "c", phrases: ["max.in.flight.requests.per.connection", "idempotent producer"] },
    { point: "d", phrases: ["single partition topic", "one partition"] },
    { point: "e", phrases: ["retries reorder"] },
  ]);

  it("scores the share of key points and passes at 60%", () => {
    const g = grade(q, "Ordering holds per partition; records with the same key go to the same partition; use an idempotent producer.");
    expect(g.score).toBeCloseTo(0.6);
    expect(g.correct).toBe(true);
    expect(g.keyPoints?.map((k) => k.covered)).toEqual([true, true, true, false, false]);
    expect(g.keyPoints?.[0]).toEqual({ point: "a", covered: true, core: false, matched: "per partition" });
  });
  it("honours a custom pass mark", () => {
    const g = grade(q, "Ordering holds per partition; records with the same key go to the same partition.", { recallPass: 0.4 });
    expect(g.correct).toBe(true);
    expect(grade(q, "Ordering holds per partition; records with the same key go to the same partition.").correct).toBe(false);
  });
  it("gives null nothing, with every key point uncovered", () => {
    const g = grade(q, null);
    expect(g.score).toBe(0);
    expect(g.correct).toBe(false);
    expect(g.keyPoints?.every((k) => !k.covered)).toBe(true);
    expect(g.keyPoints).toHaveLength(5);
  });
  it("grades a long answer well under 5 ms", () => {
    const answer =
      "Kafka only guarantees ordering within a partition, not across the partitions of a topic. Records with the same key " +
      "always go to the same partition because the default partitioner hashes the key, so use the customer id as key. " +
      "The idempotent producer keeps order across retries with up to five in-flight requests per connection, thanks to " +
      "sequence numbers. A single partition topic would give total order but no parallelism. ";
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const started = performance.now();
      grade(q, answer.repeat(2) + i);
      times.push(performance.now() - started);
    }
    // The fastest run is the cost itself; the others include whatever else the machine was doing.
    expect(Math.min(...times)).toBeLessThan(5);
  });
});

// The quiz passes questions straight from the bank.
const _typecheck: Question[] = [mcq, tf, multi, order, cloze("a ___", ["b"]), recall([])];

describe("recall graded as a fair interviewer does", () => {
  const bank = builtinFromYaml();
  const q = (id: string) => {
    const found = bank.questions.find((x) => x.id === id);
    if (found?.type !== "recall") throw new Error(`no recall question ${id}`);
    return found;
  };

  it("passes a short, correct answer in the candidate's own words that covers the core", () => {
    const g = grade(
      q("kstream-vs-ktable"),
      "A KStream is a record stream where each event is independent, like inserts; a KTable is a changelog view that keeps the latest value per key, like upserts.",
    );
    expect(g.correct).toBe(true);
    expect(g.score).toBeLessThan(1);
    expect(g.keyPoints?.filter((k) => k.core).every((k) => k.covered)).toBe(true);
  });

  it("reads 'in a partition' as the offset's scope", () => {
    const g = grade(
      q("offsets-how-they-work"),
      "Each record in a partition has a sequential offset, and after a restart consumers resume where they left off.",
    );
    expect(g.correct).toBe(true);
  });

  it("fails a confident wrong answer that uses the right words, and says which claims are wrong", () => {
    const g = grade(
      q("idempotent-producer-internals"),
      "The consumer keeps the sequence number of each message and drops duplicates; the producer id is chosen by the application. It works across restarts without a transactional.id, and acks=0 is enough.",
    );
    expect(g.correct).toBe(false);
    expect(g.reason).toBe("contradiction");
    const rules = (g.contradictions ?? []).map((c) => c.rule);
    expect(rules).toEqual(expect.arrayContaining(["sequence-numbers-on-broker", "producer-id-from-broker", "acks-0-not-idempotent"]));
    for (const c of g.contradictions ?? []) expect(c.why.length).toBeGreaterThan(10);
  });

  it("does not credit 'metadata in ZooKeeper, no Raft' as KRaft's Raft log", () => {
    const g = grade(q("kraft-what-changed"), "With KRaft the controllers store metadata in ZooKeeper. There is no Raft involved.");
    expect(g.correct).toBe(false);
    expect(g.keyPoints?.[0].covered).toBe(false);
    expect(g.contradictions?.map((c) => c.rule)).toContain("no-zookeeper-in-4");
  });

  it("reads 'used' as the past only as written: 'using the key' is a claim of today", () => {
    const rules = (id: string, a: string) => (grade(q(id), a).contradictions ?? []).map((c) => c.rule);
    expect(
      rules("out-of-order-messages", "Using the entity id as the key, records with the same key go to different partitions."),
    ).toContain("same-key-same-partition");
    expect(rules("kraft-what-changed", "ZooKeeper used to store metadata; KRaft keeps it in a Raft log.")).not.toContain(
      "no-zookeeper-in-4",
    );
  });

  it("keeps a past-tense claim about ZooKeeper out of the contradictions", () => {
    const g = grade(
      q("kraft-what-changed"),
      "Before KRaft, metadata was stored in ZooKeeper. Now a controller quorum keeps it in a Raft-replicated metadata log, so there is no ZooKeeper to run.",
    );
    expect(g.contradictions ?? []).toEqual([]);
    expect(g.correct).toBe(true);
  });

  it("reads a move away from ZooKeeper as the change it describes, not a claim that ZooKeeper manages the metadata", () => {
    const g = grade(
      q("kraft-what-changed"),
      "Metadata moved from ZooKeeper into a Raft-replicated __cluster_metadata log managed by a controller quorum, so there is one system to run, faster failover and many more partitions; 4.0 removed ZooKeeper.",
    );
    expect(g.contradictions ?? []).toEqual([]);
    expect(g.correct).toBe(true);
    // Said of today, it is still a contradiction.
    expect(
      (grade(q("kraft-what-changed"), "In Kafka 4 ZooKeeper manages the metadata for the controller.").contradictions ?? []).map(
        (c) => c.rule,
      ),
    ).toContain("no-zookeeper-in-4");
  });

  it("credits 'you notice a dead broker much later' as delayed failure detection", () => {
    const g = grade(
      q("request-timeout-very-high-trap"),
      "It adds no durability, acks=all and min.insync.replicas do that. With a huge timeout you notice a dead broker much later. Size it from p99 latency plus a margin.",
    );
    expect(g.keyPoints?.[1].covered).toBe(true);
    expect(g.correct).toBe(true);
  });

  it("marks core points in the key point results and lets depth show in the score", () => {
    const g = grade(q("acks-levels-tradeoffs"), "acks=0 no ack, can lose data; acks=1 only the leader; acks=all all in-sync replicas.");
    expect(g.keyPoints?.map((k) => k.core)).toEqual([true, true, true, false, false]);
    expect(g.correct).toBe(true);
    expect(g.score).toBeCloseTo(0.6);
  });

  it("loses a contradicted point and fails the answer", () => {
    const g = grade(
      q("consumer-group-basics"),
      "Consumers with the same group.id divide the partitions; every consumer in the group reads every partition.",
    );
    expect(g.correct).toBe(false);
    const point = g.keyPoints?.[1];
    expect(point?.covered).toBe(false);
    expect(point?.contradicted?.why).toMatch(/one consumer/);
  });

  it("does not pass a list of terms", () => {
    const g = grade(
      q("kstream-vs-ktable"),
      "kstream ktable insert upsert changelog latest value per key tombstone null delete state store join lookup materialized aggregate toStream independent events record stream",
    );
    expect(g.correct).toBe(false);
    expect(g.reason).toBe("keyword-list");
  });

  it("falls back to the share of points for a question with no core points", () => {
    const noCore = q("kafka-limitations");
    expect(noCore.keyPoints.some((k) => k.core)).toBe(false);
    expect(grade(noCore, "Ordering only within a partition.").correct).toBe(false);
  });
});

describe("grading cost grows with the answer's length, not its square", () => {
  const many = recall([
    { point: "a", phrases: ["within a partition", "per partition"], not: ["across partitions"] },
    { point: "b", phrases: ["same key same partition"] },
    { point: "c", phrases: ["idempotent producer"] },
  ]);
  const fastest = (answer: string) => {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      grade(many, answer);
      best = Math.min(best, performance.now() - started);
    }
    return best;
  };
  it("takes about ten times as long for ten times the text", () => {
    const unit = "not within a partition not the same key same partition ";
    grade(many, unit);
    const small = fastest(unit.repeat(2_000));
    const large = fastest(unit.repeat(20_000));
    // Quadratic would be 100 times; allow for noise on a busy machine.
    expect(large / small).toBeLessThan(25);
  });
});
