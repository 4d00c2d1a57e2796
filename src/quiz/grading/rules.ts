// Kafka-wide contradiction rules: wrong claims interviewers hear on any question, about who does what and what the
// defaults are in Kafka 4.x. A rule fires when its claim is stated plainly in one clause of the answer, not negated,
// and not qualified as the past or another system ("before 4.0", "in RabbitMQ"). A rule never applies to a question
// whose own model answer would trip it.

export interface Rule {
  id: string;
  /** The wrong claim, as phrases. */
  says: string[];
  /** Why it is wrong, shown to the person. */
  why: string;
  /** Only for questions whose prompt or model answer matches one of these phrases. */
  when?: string[];
  /** Words that, in the same clause, make the claim about something else: the past, another system, a client library. */
  unless?: string[];
}

/** Words that put a claim in the past: "before KRaft, metadata was stored in ZooKeeper" is right. */
const PAST = [
  "before",
  "previously",
  "used",
  "old",
  "older",
  "legacy",
  "earlier",
  "was",
  "were",
  "pre",
  "prior",
  "until",
  "historically",
  "formerly",
  "deprecated",
  "removed",
  "replaced",
  "moved",
  "migrated",
  "migration",
  "mode",
];
/** Words that name another messaging system or a framework with its own defaults. */
const ELSEWHERE = ["rabbitmq", "jms", "activemq", "mq", "queue", "unlike", "traditional", "spring", "sqs", "pulsar"];

/** Who does what: each wrong actor with each action. */
function actors(id: string, wrong: string[], does: string[], why: string, extra: Partial<Rule> = {}): Rule {
  return { id, says: wrong.flatMap((w) => does.map((d) => `${w} ${d}`)), why, ...extra };
}

export const RULES: readonly Rule[] = [
  actors(
    "sequence-numbers-on-broker",
    ["consumer", "application", "client app"],
    ["keeps sequence", "tracks sequence", "stores sequence", "checks sequence", "compares sequence"],
    "The broker keeps each producer's sequence numbers per partition and drops the duplicates; consumers take no part.",
    { when: ["sequence number", "idempotent producer"] },
  ),
  actors(
    "producer-id-from-broker",
    ["application", "app", "developer", "user", "consumer"],
    [
      "chooses producer id",
      "sets producer id",
      "picks producer id",
      "configures producer id",
      "assigns producer id",
      "generates producer id",
    ],
    "The broker assigns the producer id when the producer starts; the application sets only a transactional.id.",
  ),
  {
    id: "producer-id-not-configured",
    says: ["producer id configured", "configure producer id", "producer id set config", "producer id property"],
    why: "The broker assigns the producer id when the producer starts; the application sets only a transactional.id.",
  },
  actors(
    "partitioner-in-producer",
    ["broker", "leader", "controller"],
    [
      "chooses partition record",
      "decides partition record",
      "picks partition record",
      "assigns record partition",
      "decides which partition",
    ],
    "The producer's partitioner picks the partition (a hash of the key, or sticky batches without one); the broker only appends.",
  ),
  actors(
    "writes-to-leader",
    ["followers", "any replica"],
    ["accept writes", "handle writes", "serve writes", "take writes"],
    "Every write goes to the partition leader; followers only copy the leader's log.",
  ),
  {
    id: "producers-write-leader",
    says: ["producer writes followers", "producers send followers", "writes go followers"],
    why: "Every write goes to the partition leader; followers only copy the leader's log.",
  },
  {
    id: "idempotence-one-session",
    says: ["across restarts without transactional", "survives restarts without transactional"],
    why: "Without a transactional.id a restarted producer gets a new producer id, so duplicates across a restart are not caught.",
    when: ["idempotent", "idempotence"],
  },
  {
    id: "idempotence-one-session-plain",
    says: [
      "idempotence works across restarts",
      "idempotent producer survives restarts",
      "dedup survives restarts",
      "idempotence survives restarts",
    ],
    why: "Without a transactional.id a restarted producer gets a new producer id, so duplicates across a restart are not caught.",
    unless: ["transactional", "only", "need", "require", "unless"],
  },
  {
    id: "no-zookeeper-in-4",
    says: [
      "metadata stored zookeeper",
      "store metadata zookeeper",
      "zookeeper stores metadata",
      "zookeeper holds metadata",
      "zookeeper manages metadata",
      "zookeeper elects controller",
      "zookeeper elects leader",
      "kafka 4 uses zookeeper",
      "offsets stored zookeeper",
      "zookeeper stores offsets",
    ],
    why: "Kafka 4.x has no ZooKeeper: KRaft controllers keep the metadata in the replicated __cluster_metadata log, and committed offsets live in __consumer_offsets.",
    unless: PAST,
  },
  {
    id: "no-raft-wrong",
    says: ["no raft", "not raft", "without raft"],
    why: "KRaft is Kafka's Raft implementation: the controller quorum replicates the metadata log with it.",
    when: ["kraft", "raft"],
  },
  {
    id: "acks-default-all",
    says: ["acks 1 default", "default acks 1", "acks defaults 1", "acks default leader only"],
    why: "Since Kafka 3.0 the producer default is acks=all (KIP-679).",
    unless: PAST,
  },
  {
    id: "idempotence-default-on",
    says: [
      "idempotence disabled default",
      "idempotence off default",
      "idempotence not enabled default",
      "enable.idempotence false default",
      "idempotence not default",
    ],
    why: "Since Kafka 3.0 enable.idempotence defaults to true (KIP-679), unless a conflicting setting turns it off.",
    unless: PAST,
  },
  {
    id: "acks-0-not-idempotent",
    says: ["acks 0 enough", "acks 0 sufficient", "acks 0 fine idempotence", "idempotence acks 0", "idempotence acks 1"],
    why: "The idempotent producer needs acks=all: with acks=0 the producer gets no response, so it cannot know what was written.",
    when: ["idempotent", "idempotence"],
  },
  {
    id: "exactly-once-not-default",
    says: ["exactly once out of the box", "exactly once automatically", "gives exactly once default", "delivers exactly once default"],
    why: "Kafka's default is at-least-once: exactly-once needs transactions (or Streams' exactly_once_v2) and read_committed consumers, and covers only Kafka.",
    unless: ["idempotence", "idempotent", "interviewer", "claim", "myth", ...PAST],
  },
  {
    id: "min-insync-on-broker",
    says: [
      "min.insync.replicas producer setting",
      "producer sets min.insync.replicas",
      "min.insync.replicas producer config",
      "configure min.insync.replicas producer",
    ],
    why: "min.insync.replicas is a broker or topic setting; the producer chooses only acks.",
  },
  {
    id: "acks-on-producer",
    says: ["acks broker setting", "acks topic setting", "acks topic config", "broker sets acks", "acks configured broker"],
    why: "acks is a producer setting: each producer chooses how many acknowledgements it waits for.",
  },
  {
    id: "order-per-partition",
    says: [
      "guarantees ordering across partitions",
      "ordered across all partitions",
      "global ordering guaranteed",
      "total order across topic",
      "ordering guaranteed across topic",
      "order across whole topic",
    ],
    why: "Kafka orders records only within a partition; a topic of several partitions has no total order.",
  },
  actors(
    "group-coordinator-not-controller",
    ["controller"],
    [
      "notices missed heartbeats",
      "detects consumer failure",
      "detects failed consumer",
      "reassigns partitions consumers",
      "assigns partitions consumers",
      "stores group offsets",
      "stores consumer offsets",
      "manages consumer group",
      "tracks consumer heartbeats",
    ],
    "Consumer groups are run by the group coordinator, a broker (the leader of the group's __consumer_offsets partition): it takes the heartbeats, removes failed members, drives the rebalance and stores the committed offsets. The KRaft controller manages cluster metadata.",
    { when: ["consumer", "group"] },
  ),
  actors(
    "transaction-coordinator-is-a-broker",
    ["controller"],
    ["transaction coordinator", "coordinates transactions", "writes transaction markers", "tracks transactions"],
    "The transaction coordinator is a broker (the leader of the transactional.id's __transaction_state partition), not the KRaft controller.",
    { when: ["transaction"] },
  ),
  actors(
    "controller-elects-leaders",
    ["group coordinator", "coordinator", "zookeeper"],
    ["elects new leader", "elects leader isr", "elects partition leader", "chooses new leader"],
    "Partition leaders are elected by the KRaft controller from the ISR (or ELR); a group or transaction coordinator has nothing to do with it.",
    { unless: PAST },
  ),
  actors(
    "idempotence-on-producer",
    ["consumer", "consumers"],
    ["enable.idempotence", "sets enable.idempotence", "transactional.id"],
    "enable.idempotence, acks and transactional.id are producer settings; consumers take part in exactly-once only through isolation.level=read_committed (and offsets committed in the producer's transaction).",
    { when: ["idempotent", "idempotence", "exactly once", "transaction"], unless: ["producer", "producers", "group metadata"] },
  ),
  {
    id: "same-key-same-partition",
    says: [
      "same key different partitions",
      "same key goes to different partitions",
      "same key spread across partitions",
      "records same key land different partitions",
    ],
    why: "The default partitioner hashes the key, so records with the same key go to the same partition as long as the partition count stays the same.",
    unless: ["add", "added", "adding", "increase", "increased", "grow", "change", "changed", "resize", "custom", "null", "remap", ...PAST],
  },
  {
    id: "offsets-per-partition",
    says: ["offset unique across topic", "offsets global topic", "offset unique whole topic", "offsets shared across partitions"],
    why: "An offset numbers a record within its partition; the same offset exists in every partition.",
  },
  {
    id: "one-consumer-per-partition",
    says: [
      "several consumers same group read same partition",
      "multiple consumers same group share partition",
      "two consumers same group same partition",
      "consumers in group share partition",
    ],
    why: "In a consumer group each partition is read by one member at a time (share groups are the exception).",
    unless: ["share", "queue"],
  },
  {
    id: "heartbeat-thread",
    says: ["heartbeats sent poll", "poll sends heartbeats", "heartbeat only during poll"],
    why: "A background thread sends heartbeats (since 0.10.1, KIP-62); poll() must only come back within max.poll.interval.ms.",
    unless: PAST,
  },
  {
    id: "compaction-is-not-compression",
    says: ["compaction compresses", "compaction means compression", "compaction gzip", "compacted compressed segments"],
    why: "Log compaction keeps the latest record per key and removes older ones; compression is a separate setting.",
  },
  {
    id: "state-stores-local",
    says: ["state stores on brokers", "state stored on broker", "brokers hold state stores", "state store lives broker"],
    why: "Kafka Streams state stores are local to the application (RocksDB or memory), backed by changelog topics on the brokers.",
    unless: ["changelog", "backed", "backup", "restore"],
  },
  {
    id: "idempotence-per-producer",
    says: [
      "idempotence across producers",
      "deduplicates across producers",
      "idempotent across different producers",
      "dedup between producers",
    ],
    why: "The idempotent producer removes duplicates of its own retries only: each producer id has its own sequence numbers.",
  },
  {
    id: "unclean-election-off",
    says: [
      "unclean leader election enabled default",
      "unclean.leader.election.enable true default",
      "unclean leader election default true",
    ],
    why: "unclean.leader.election.enable has been false by default since Kafka 0.11.",
    unless: PAST,
  },
  {
    id: "session-timeout-default",
    says: ["session.timeout.ms default 10", "session timeout default 10 seconds", "session.timeout.ms defaults 10000"],
    why: "session.timeout.ms has defaulted to 45 seconds since Kafka 3.0 (KIP-735).",
    unless: PAST,
  },
  {
    id: "linger-default",
    says: ["linger.ms default 0", "linger.ms defaults 0", "linger default 0"],
    why: "linger.ms has defaulted to 5 ms since Kafka 4.0 (KIP-1030).",
    unless: PAST,
  },
  {
    id: "auto-commit-default",
    says: [
      "enable.auto.commit false default",
      "auto commit disabled default",
      "auto commit off default",
      "auto commit not enabled default",
    ],
    why: "enable.auto.commit is true by default in the Java consumer (every auto.commit.interval.ms, 5 s); Spring Kafka turns it off.",
    unless: [...PAST, ...ELSEWHERE],
  },
  {
    id: "read-uncommitted-default",
    says: ["isolation.level default read_committed", "read_committed default", "read committed default"],
    why: "The consumer's isolation.level defaults to read_uncommitted; set read_committed to skip aborted transactional records.",
    unless: ["streams", "exactly_once", "exactly_once_v2", "eos", ...PAST],
  },
  {
    id: "consumers-pull",
    says: ["broker pushes consumer", "kafka pushes consumer", "pushes records consumer", "push based consumer"],
    why: "Kafka consumers pull: they send fetch requests and read at their own pace.",
    unless: ELSEWHERE,
  },
  {
    id: "reading-deletes-nothing",
    says: [
      "deleted after consumed",
      "deleted once consumed",
      "deleted when consumed",
      "removed after consumed",
      "deleted after read",
      "removed once read",
      "consumed records deleted",
      "deletes records consumer read",
      "broker tracks which records each consumer read",
    ],
    why: "Reading deletes nothing in Kafka: records stay for the retention time (or until compaction), whoever has read them.",
    // Streams purges its repartition topics with the delete-records API once they are consumed; share groups acknowledge.
    unless: [...ELSEWHERE, "share", "streams", "repartition", "purge", "purges"],
  },
  {
    id: "idle-extra-consumers",
    says: [
      "more consumers than partitions faster",
      "more consumers than partitions more throughput",
      "more consumers than partitions increases parallelism",
      "extra consumers share partition",
      "consumers beyond partition count share",
    ],
    why: "In a consumer group each partition has one consumer at a time; consumers beyond the partition count sit idle.",
    unless: ["share", "queue"],
  },
  {
    id: "acks-1-leader-only",
    says: ["acks 1 waits all replicas", "acks 1 waits followers", "acks 1 waits all in sync replicas", "acks 1 all isr"],
    why: "acks=1 waits only for the leader's own write; acks=all waits for the in-sync replicas.",
  },
  {
    id: "acks-0-no-wait",
    says: ["acks 0 waits leader", "acks 0 leader acknowledges", "acks 0 waits for leader write"],
    why: "With acks=0 the producer waits for no acknowledgement at all; acks=1 is the leader-only level.",
  },
  {
    id: "read-committed-skips-aborted",
    says: [
      "read_committed sees aborted",
      "read_committed reads uncommitted",
      "read_uncommitted skips aborted",
      "read_uncommitted hides aborted",
    ],
    why: "read_committed consumers read only up to the last stable offset and skip aborted records; read_uncommitted sees everything.",
  },
  {
    id: "cooperative-is-incremental",
    says: [
      "cooperative revokes all partitions",
      "cooperative sticky revokes all",
      "cooperative stops all consumers",
      "eager keeps consuming during rebalance",
    ],
    why: "The cooperative protocol revokes only the partitions that move, so the other members keep consuming; the eager protocol revokes everything.",
  },
  {
    id: "unclean-election-loses-data",
    says: [
      "unclean leader election no data loss",
      "unclean election no data loss",
      "unclean election without data loss",
      "unclean election safe",
      "unclean leader election safe",
      "unclean election loses nothing",
    ],
    why: "An unclean election makes an out-of-sync replica leader, so committed, acknowledged records it lacks are lost.",
  },
  {
    id: "reads-from-leader-by-default",
    says: [
      "consumers read followers by default",
      "followers serve reads by default",
      "reads go followers by default",
      "consumers always read followers",
    ],
    why: "By default consumers fetch from the partition leader; reading from a nearby follower needs rack-aware fetching (KIP-392).",
  },
  {
    id: "followers-fetch",
    says: ["leader pushes records followers", "leader pushes followers", "leader pushes data followers"],
    why: "Followers fetch from the leader, like consumers do; the leader does not push to them.",
  },
  {
    id: "ktable-latest-per-key",
    says: [
      "ktable keeps every value",
      "ktable keeps all values",
      "ktable full history",
      "ktable stores all records key",
      "kstream latest value per key",
      "kstream keeps latest value",
    ],
    why: "A KTable holds the latest value per key (an update overwrites the previous one); a KStream is the stream of every record.",
    when: ["ktable", "kstream"],
  },
  {
    id: "share-groups-unordered",
    says: [
      "share groups preserve order",
      "share group ordering guaranteed",
      "share groups keep order",
      "share groups guarantee ordering",
      "share group ordered per key",
    ],
    why: "A share group gives no ordering guarantee, not even per key: several consumers take records of the same partition.",
  },
  {
    id: "poll-interval-catches-slow-processing",
    says: ["session.timeout.ms slow processing", "session timeout detects slow processing", "heartbeats detect slow processing"],
    why: "A background thread keeps heartbeating during slow processing; max.poll.interval.ms is what removes a consumer that does not poll in time.",
  },
  {
    id: "commit-async-no-retry",
    says: ["commitasync retries automatically", "commitasync retries failed commits", "async commits retried automatically"],
    why: "commitAsync does not retry: a retried old commit could overwrite a newer one; failures go to the callback.",
  },
  {
    id: "transactions-span-partitions",
    says: ["transactions only one partition", "transaction single partition only", "transactions cannot span partitions"],
    why: "A Kafka transaction makes writes to several partitions and topics atomic, together with consumed offsets.",
  },
  {
    id: "controllers-serve-no-data",
    says: [
      "controller handles produce requests",
      "writes go through controller",
      "produce requests go controller",
      "controllers store records",
      "controller stores messages",
      "consumers fetch from controller",
    ],
    why: "KRaft controllers manage metadata only; brokers hold the partitions and serve produce and fetch requests.",
    unless: PAST,
  },
  {
    id: "tiered-reads-through-broker",
    says: [
      "active segment uploaded",
      "active segment tiered",
      "consumers read directly object store",
      "clients read object storage directly",
      "consumers fetch from s3 directly",
    ],
    why: "Only closed (rolled) segments are copied to remote storage, and consumers still fetch through the broker, which reads the remote tier for them.",
  },
  {
    id: "brokers-do-not-validate-schemas",
    says: [
      "broker validates schema",
      "brokers validate schemas",
      "broker checks schema",
      "broker enforces schema",
      "broker rejects invalid schema",
    ],
    why: "Apache Kafka brokers store bytes and check no format; the serializers and the schema registry enforce schemas.",
    unless: ["confluent", "server", "validation", "option", "feature"],
  },
  {
    id: "streams-is-a-library",
    says: ["streams requires separate cluster", "streams runs on brokers", "streams runs inside broker", "streams processing cluster"],
    why: "Kafka Streams is a client library that runs inside your application; it needs no processing cluster of its own.",
    unless: ["flink", "spark", "unlike"],
  },
  {
    id: "transactions-inside-kafka",
    says: [
      "transactions cover database",
      "exactly once external database",
      "transactions include database writes",
      "exactly once external systems automatically",
    ],
    why: "Kafka transactions cover writes to Kafka and consumed offsets only; a database or API needs its own idempotence, an outbox or two-phase commit.",
  },
];
