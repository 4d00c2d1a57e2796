import { describe, expect, it } from "vitest";
import { buildPlainIndex } from "../../src/bank/index-build.js";
import { builtinQuestionsDir, loadFromYaml } from "../../src/bank/load.js";
import { plainSearcher } from "../../src/bank/plain-index.js";
import { comparisonSides, createSearch, INDEX_OPTIONS, queryTokens, seeAlso } from "../../src/bank/search.js";
import { acronym, exactNames, nameKey, tokenizeField } from "../../src/bank/terms.js";

const { glossary } = loadFromYaml([builtinQuestionsDir()]);
const search = createSearch(glossary, plainSearcher(buildPlainIndex(glossary), INDEX_OPTIONS));
const ids = new Set(glossary.map((e) => e.id));

/** Queries the way people type them, and the entry each must find first. */
const TABLE: [query: string, id: string][] = [
  // exact terms and aliases, any case
  ["acks", "acks"],
  ["ACKS", "acks"],
  ["acks=all", "acks"],
  ["acks all", "acks"],
  ["enable.idempotence", "enable-idempotence"],
  ["idempotent producer", "idempotent-producer"],
  ["static membership", "static-membership"],
  ["log compaction", "log-compaction"],
  ["consumer lag", "consumer-lag"],
  ["tombstone", "tombstone"],
  ["high watermark", "high-watermark"],
  ["zombie fencing", "zombie-fencing"],
  ["ktable", "ktable"],
  ["kstream", "kstream"],
  ["kstreams", "kafka-streams"],
  ["global ktable", "globalktable"],
  ["schema registry", "schema-registry"],
  ["tiered storage", "tiered-storage"],
  ["share groups", "share-groups"],
  ["consumer groups", "consumer-group"],
  ["what is a partition", "partition"],
  // configs with dots, underscores, spaces or part of the name
  ["min insync", "min-insync-replicas"],
  ["min_insync_replicas", "min-insync-replicas"],
  ["min.insync.replicas", "min-insync-replicas"],
  ["minimum in sync replicas", "min-insync-replicas"],
  ["enable_idempotence", "enable-idempotence"],
  ["group.instance.id", "group-instance-id"],
  ["session timeout", "session-timeout-ms"],
  ["session.timeout.ms", "session-timeout-ms"],
  ["max poll interval", "max-poll-interval-ms"],
  ["max.poll.records", "max-poll-records"],
  ["auto offset reset", "auto-offset-reset"],
  ["auto.offset.reset earliest", "auto-offset-reset"],
  ["enable auto commit", "enable-auto-commit"],
  ["linger", "linger-ms"],
  ["batch size", "batch-size"],
  ["max in flight", "max-in-flight-requests-per-connection"],
  ["delivery.timeout.ms", "delivery-timeout-ms"],
  ["unclean.leader.election.enable", "unclean-leader-election-enable"],
  ["unclean leader election", "unclean-leader-election-enable"],
  ["retention.ms", "retention-ms"],
  ["log retention hours", "log-retention-hours"],
  ["read_committed", "isolation-level"],
  ["transactional.id", "transactional-id"],
  ["exactly_once_v2", "processing-guarantee"],
  ["__consumer_offsets", "consumer-offsets-topic"],
  // abbreviations
  ["EOS", "exactly-once"],
  ["ISR", "isr"],
  ["isr", "isr"],
  ["DLQ", "dead-letter-topic"],
  ["DLT", "dead-letter-topic"],
  ["MM2", "mirrormaker-2"],
  ["HW", "high-watermark"],
  ["LSO", "last-stable-offset"],
  ["LEO", "log-end-offset"],
  ["SMT", "single-message-transforms"],
  ["CDC", "change-data-capture"],
  ["CQRS", "cqrs"],
  ["SSL", "tls"],
  ["KIP-848", "kip-848-consumer-protocol"],
  ["kraft mode", "kraft"],
  // small typos
  ["idempotance", "enable-idempotence"],
  ["rebalnce", "rebalancing"],
  ["zookeper", "zookeeper"],
  ["lingr", "linger-ms"],
  ["compresion", "compression-type"],
  ["exactly once semantic", "exactly-once"],
  ["in sync replica", "isr"],
  // several words, questions and comparisons
  ["kstream vs ktable", "kstream"],
  ["KTable vs KStream", "ktable"],
  ["default acks", "acks"],
  ["what does acks=all really wait for", "acks"],
  ["what was static membership again", "static-membership"],
  ["dead letter queue", "dead-letter-topic"],
  ["mirror maker 2", "mirrormaker-2"],
  ["incremental cooperative rebalancing", "cooperative-rebalancing"],
  ["compacted topic", "log-compaction"],
  ["new consumer protocol", "group-protocol"],
  ["kafka vs rabbitmq", "kafka-vs-message-queues"],
  ["tumbling window", "windowing"],
  ["backward compatibility", "schema-compatibility"],
  ["message ordering guarantee", "message-ordering"],
  ["how does the outbox pattern work", "outbox-pattern"],
  ["sticky partitioner", "partitioner-class"],
  ["at-least-once vs exactly-once", "at-least-once"],
  ["ktable vs globalktable", "ktable"],
  ["eager vs cooperative", "cooperative-rebalancing"],
  ["linger.ms vs batch.size", "linger-ms"],
  // more configs, internals and vocabulary
  ["acks=1", "acks"],
  ["producer retries", "retries"],
  ["idempotent consumer", "idempotent-consumer"],
  ["EOS v2", "exactly-once"],
  ["cleanup.policy", "cleanup-policy"],
  ["fetch.min.bytes", "fetch-min-bytes"],
  ["round robin assignor", "round-robin-assignor"],
  ["CooperativeStickyAssignor", "cooperative-sticky-assignor"],
  ["standby replicas", "num-standby-replicas"],
  ["broker.id", "node-id"],
  ["URP", "under-replicated-partitions"],
  ["KIP-932", "share-groups"],
  ["KIP-500", "kraft"],
  ["transaction markers", "control-records"],
  ["__transaction_state", "transaction-state-topic"],
  ["poison pill", "dead-letter-topic"],
  ["non-blocking retries", "retry-topics"],
  ["onPartitionsRevoked", "consumer-rebalance-listener"],
  ["LogAppendTime", "message-timestamp-type"],
  ["fetch from follower", "client-rack"],
  ["sendfile", "zero-copy"],
  ["debezium", "change-data-capture"],
  ["kerberos", "sasl"],
  // a KIP named in an entry's details or version note
  ["KIP-679", "acks"],
  ["KIP-735", "session-timeout-ms"],
  ["KIP-794", "partitioner-class"],
];

describe("explain search: the query table", () => {
  it("has at least 60 queries, each naming an entry that exists", () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
    expect(TABLE.map(([, id]) => id).filter((id) => !ids.has(id))).toEqual([]);
  });

  it.each(TABLE)("%s finds %s first", (query, id) => {
    const hits = search.search(query);
    expect(hits.map((h) => h.id).slice(0, 3)[0], `top hits: ${hits.slice(0, 3).map((h) => h.id)}`).toBe(id);
  });
});

describe("explain search: comparisons", () => {
  it("shows both sides of a comparison first", () => {
    const top = search
      .search("kstream vs ktable")
      .slice(0, 2)
      .map((h) => h.id);
    expect(top).toEqual(["kstream", "ktable"]);
  });

  it("splits comparisons the ways people write them", () => {
    expect(comparisonSides("kstream vs ktable")).toEqual(["kstream", "ktable"]);
    expect(comparisonSides("KStream vs. KTable")).toEqual(["KStream", "KTable"]);
    expect(comparisonSides("difference between at least once and exactly once")).toEqual(["at least once", "exactly once"]);
    expect(comparisonSides("acks")).toEqual(["acks"]);
  });
});

describe("explain search: no match", () => {
  it.each(["xyzzy", "what is", "", "   ", "!!!", "KIP-12345"])("finds nothing for %j", (query) => {
    expect(search.search(query)).toEqual([]);
  });

  it("suggests close terms for a query that is too far off", () => {
    const suggestions = search.suggest("idempotenz producr thing");
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(5);
  });

  it("keeps the see-also list short and close to the best score", () => {
    const hits = search.search("consumer");
    const also = seeAlso(hits);
    expect(also.length).toBeLessThanOrEqual(4);
    expect(also.map((h) => h.id)).not.toContain(hits[0]?.id);
  });
});

describe("explain search: words", () => {
  it("splits config names and keeps them joined", () => {
    expect(tokenizeField("min.insync.replicas")).toEqual(["min", "insync", "replicas", "mininsyncreplicas"]);
    expect(tokenizeField("consumer lag", "term")).toEqual(["consumer", "lag", "consumerlag"]);
    expect(tokenizeField("MirrorMaker 2", "term")).toEqual(["Mirror", "Maker", "2", "MirrorMaker", "MirrorMaker2"]);
  });

  it("joins the words of a query so a partial config name still matches", () => {
    const { tokens, joined } = queryTokens("min insync");
    expect(tokens).toEqual(["min", "insync", "mininsync"]);
    expect([...joined]).toEqual(["mininsync"]);
  });

  it("makes acronyms of terms of several words", () => {
    expect(acronym("exactly-once semantics")).toBe("eos");
    expect(acronym("MirrorMaker 2")).toBe("mm2");
    expect(acronym("acks")).toBe("");
  });

  it("treats dots, underscores, spaces and case alike in names", () => {
    expect(nameKey("min_insync_replicas")).toBe(nameKey("Min.InSync.Replicas"));
    expect(nameKey("min insync replicas")).toBe(nameKey("min.insync.replicas"));
    const names = exactNames([{ id: "acks", term: "acks", aliases: ["acks=all"] }]);
    expect(names.get(nameKey("ACKS = all"))).toEqual(["acks"]);
  });
});
