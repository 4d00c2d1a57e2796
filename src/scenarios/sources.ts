// Official references cited by the families: documentation sections, KIPs and JIRA issues.
import type { Source } from "./types.js";

const docs = (anchor: string, title: string): Source => ({ url: `https://kafka.apache.org/documentation/#${anchor}`, title });
const kip = (n: number, slug: string, title: string): Source => ({
  url: `https://cwiki.apache.org/confluence/display/KAFKA/KIP-${n}${slug}`,
  title: `KIP-${n}: ${title}`,
});
const jira = (n: number, title: string): Source => ({
  url: `https://issues.apache.org/jira/browse/KAFKA-${n}`,
  title: `KAFKA-${n}: ${title}`,
});

export const SOURCES = {
  replication: docs("replication", "Kafka documentation: Replication"),
  minIsr: docs("topicconfigs_min.insync.replicas", "Topic config: min.insync.replicas"),
  acks: docs("producerconfigs_acks", "Producer config: acks"),
  unclean: docs("topicconfigs_unclean.leader.election.enable", "Topic config: unclean.leader.election.enable"),
  hwUnderMinIsr: jira(15583, "Enforce HWM advance only if partition is not under-min-ISR"),
  kip966: kip(966, "%3A+Eligible+Leader+Replicas", "Eligible Leader Replicas"),
  assignmentStrategy: docs("consumerconfigs_partition.assignment.strategy", "Consumer config: partition.assignment.strategy"),
  cooperative: kip(429, "%3A+Kafka+Consumer+Incremental+Rebalance+Protocol", "Kafka Consumer Incremental Rebalance Protocol"),
  sticky: kip(54, "+-+Sticky+Partition+Assignment+Strategy", "Sticky Partition Assignment Strategy"),
  kip848: kip(848, "%3A+The+Next+Generation+of+the+Consumer+Rebalance+Protocol", "The Next Generation of the Consumer Rebalance Protocol"),
  idempotence: docs("producerconfigs_enable.idempotence", "Producer config: enable.idempotence"),
  inFlight: docs("producerconfigs_max.in.flight.requests.per.connection", "Producer config: max.in.flight.requests.per.connection"),
  kip679: kip(
    679,
    "%3A+Producer+will+enable+the+strongest+delivery+guarantee+by+default",
    "Producer will enable the strongest delivery guarantee by default",
  ),
  conflictDisables: jira(13673, "Disable idempotence when config conflicts"),
  inFlightLimit: jira(17927, "Disallow users to configure max.in.flight.requests.per.connection bigger than 5"),
  semantics: docs("semantics", "Kafka documentation: Message Delivery Semantics"),
  autoCommit: docs("consumerconfigs_auto.commit.interval.ms", "Consumer config: auto.commit.interval.ms"),
  consumerGroups: docs("basic_ops_consumer_group", "Kafka documentation: Managing Consumer Groups"),
  consumerPosition: docs("design_consumerposition", "Kafka documentation: Consumer Position"),
  retention: docs("topicconfigs_retention.ms", "Topic config: retention.ms"),
  compression: docs("producerconfigs_compression.type", "Producer config: compression.type"),
  hardware: docs("hwandos", "Kafka documentation: Hardware and OS"),
  modifyTopic: docs("basic_ops_modify_topic", "Kafka documentation: Modifying topics"),
  compaction: docs("compaction", "Kafka documentation: Log Compaction"),
  deleteRetention: docs("topicconfigs_delete.retention.ms", "Topic config: delete.retention.ms"),
  cleanupPolicy: docs("topicconfigs_cleanup.policy", "Topic config: cleanup.policy"),
  kip534: kip(
    534,
    "%3A+Retain+tombstones+and+transaction+markers+for+approximately+delete.retention.ms+milliseconds",
    "Retain tombstones and transaction markers for approximately delete.retention.ms milliseconds",
  ),
  kip98: kip(98, "+-+Exactly+Once+Delivery+and+Transactional+Messaging", "Exactly Once Delivery and Transactional Messaging"),
  isolation: docs("consumerconfigs_isolation.level", "Consumer config: isolation.level"),
  sessionTimeout: docs("consumerconfigs_session.timeout.ms", "Consumer config: session.timeout.ms"),
  maxPollInterval: docs("consumerconfigs_max.poll.interval.ms", "Consumer config: max.poll.interval.ms"),
  kip62: kip(
    62,
    "%3A+Allow+consumer+to+send+heartbeats+from+a+background+thread",
    "Allow consumer to send heartbeats from a background thread",
  ),
  kip735: kip(735, "%3A+Increase+default+consumer+session+timeout", "Increase default consumer session timeout"),
  kip794: kip(794, "%3A+Strictly+Uniform+Sticky+Partitioner", "Strictly Uniform Sticky Partitioner"),
  offsetReset: docs("consumerconfigs_auto.offset.reset", "Consumer config: auto.offset.reset"),
  offsetsRetention: docs("brokerconfigs_offsets.retention.minutes", "Broker config: offsets.retention.minutes"),
  kip211: kip(211, "%3A+Revise+Expiration+Semantics+of+Consumer+Group+Offsets", "Revise Expiration Semantics of Consumer Group Offsets"),
  kip1106: kip(
    1106,
    "%3A+Add+duration+based+offset+reset+option+for+consumer+clients",
    "Add duration based offset reset option for consumer clients",
  ),
} satisfies Record<string, Source>;
