// Every config default the glossary states is compared with Apache Kafka's own, read from Kafka's source into
// test/fixtures/kafka-defaults.yaml (the commit is the fixture's `kafka` field). A glossary default that is not
// Kafka's fails here, naming the entry, our value and Kafka's with the file and line it was read from; so does a
// glossary config the fixture does not know yet.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { GlossaryEntry } from "../../src/bank/schema.js";
import { builtinFromYaml } from "../helpers/bank.js";
import { ROOT } from "../helpers/cli.js";

interface KafkaDefault {
  scope: string;
  /** As Kafka's generated docs print it. */
  default?: string;
  /** The define(...) call has no default argument: Kafka requires a value. */
  no_default?: boolean;
  source: string;
  after_snapshot?: { default: string; commit: string; source: string; why: string };
  exactly_once_v2_default?: string;
  unresolved?: string;
}

interface Fixture {
  kafka: { commit: string; version: string };
  configs: Record<string, KafkaDefault>;
}

const fixture = parse(readFileSync(join(ROOT, "test", "fixtures", "kafka-defaults.yaml"), "utf8")) as Fixture;

/** Entries whose term does not name exactly the configs their default belongs to. */
const APPLIES_TO: Record<string, string[]> = {
  // replication.factor is an argument of CreateTopics with no config default; the entry's default is that of
  // default.replication.factor ("the broker default is 1").
  "replication-factor": ["default.replication.factor"],
  // client.tag.* is a prefix for free-form tags, not a config with a default.
  "rack-aware-assignment-tags": ["rack.aware.assignment.tags"],
  // The term names the MirrorMaker 2 source connector's config.
  "mm2-topics-exclude": ["topics.exclude"],
};

/**
 * Entries whose default is the value followed by a remark in parentheses that is not a unit. The value before the
 * remark is compared; the remark must still be there, and where it states another default, that is compared too.
 */
const REMARKS: Record<string, { remark: string; also?: { ours: string; config: string; field?: "exactly_once_v2_default" } }> = {
  "log-dirs": { remark: "(log.dir=/tmp/kafka-logs)", also: { ours: "/tmp/kafka-logs", config: "log.dir" } },
  "partitioner-class": { remark: "(built-in partitioner)" },
  "group-remote-assignor": { remark: "(broker default: uniform)" },
  "commit-interval-ms": {
    remark: "(100 with exactly_once_v2)",
    also: { ours: "100", config: "commit.interval.ms", field: "exactly_once_v2_default" },
  },
};

/**
 * Entries whose default deliberately describes something other than Kafka's ConfigDef default. Each names both
 * values, so that a change to either fails here and the exception is looked at again.
 */
const EXCEPTIONS: Record<string, { ours: string; kafka: string; why: string }> = {
  "bootstrap-servers": {
    ours: "none (required)",
    kafka: '""',
    why: "Kafka's default is an empty list, but a producer or consumer given none fails in its constructor (ClientUtils: No resolvable bootstrap urls); the entry says what a user meets",
  },
  "node-id": {
    ours: "none (required)",
    kafka: "-1",
    why: "-1 is a sentinel: a KRaft server without node.id fails at start-up, and broker.id must equal node.id",
  },
  "process-roles": {
    ours: "none (required in KRaft)",
    kafka: '""',
    why: "an empty list selected ZooKeeper mode, which 4.0 removed; a KRaft server must set it",
  },
  "inter-broker-protocol-version": {
    ours: "n/a in KRaft",
    kafka: "4.0-IV0",
    why: "KRaft pins the static inter-broker protocol to the minimum KRaft version and ignores the setting; metadata.version governs instead",
  },
};

const UNIT =
  /\s*\((?:\d[\d,._]*\s+)?(?:ms|milliseconds?|seconds?|minutes?|hours?|days?|weeks?|bytes?|kibibytes?|mebibytes?|gibibytes?|tebibytes?|[KMGT]i?B|empty)\)$/i;

/** A default with its formatting taken away: quotes, thousands separators, a trailing unit comment, list spacing. */
function normalise(value: string): string {
  let v = value.trim().replace(UNIT, "").trim();
  const quoted = v.match(/^"(.*)"$/) ?? v.match(/^'(.*)'$/);
  if (quoted) v = quoted[1];
  if (/^empty( list| string)?$/i.test(v)) v = "";
  v = v.replace(/(?<=\d)[,_\u202f](?=\d{3}(?!\d))/g, "");
  if (v.includes(",")) {
    // Kafka prints a list of classes as "class org.apache...RangeAssignor,class ..."; the glossary names the class.
    v = v
      .split(",")
      .map((item) =>
        item
          .trim()
          .replace(/^class\s+/, "")
          .replace(/^(?:[a-z_$][\w$]*\.)+(?=[A-Z])/, ""),
      )
      .join(", ");
  }
  return v;
}

/** The configs an entry's default belongs to. */
function configsOf(entry: GlossaryEntry): string[] {
  return APPLIES_TO[entry.id] ?? entry.term.split(" / ").map((t) => t.replace(/\s*\(.*\)$/, "").trim());
}

/** Kafka's default as compared: the later change where the fixture records one. */
function kafkaValue(k: KafkaDefault): string | undefined {
  return k.after_snapshot?.default ?? k.default;
}

function where(k: KafkaDefault): string {
  return k.after_snapshot ? `${k.after_snapshot.source} at ${k.after_snapshot.commit.slice(0, 12)}` : k.source;
}

/** What is wrong with an entry's default, as lines naming the entry, our value and Kafka's. */
function problems(entry: GlossaryEntry): string[] {
  const ours = entry.default ?? "";
  const out: string[] = [];
  const exception = EXCEPTIONS[entry.id];
  const remark = REMARKS[entry.id];
  let compared = ours;
  if (remark) {
    if (!ours.endsWith(` ${remark.remark}`))
      return [`${entry.id}: our default "${ours}" no longer ends with the remark "${remark.remark}"`];
    compared = ours.slice(0, -remark.remark.length - 1);
  }
  for (const name of configsOf(entry)) {
    const k = fixture.configs[name];
    if (!k) {
      out.push(`${entry.id}: no Kafka default recorded for ${name} in test/fixtures/kafka-defaults.yaml`);
      continue;
    }
    const theirs = k.no_default ? "(no default: required)" : (kafkaValue(k) ?? "(none recorded)");
    const differ = `${entry.id} (${name}): ours "${ours}", Kafka's "${theirs}" (${where(k)})`;
    if (exception) {
      if (ours !== exception.ours || theirs !== exception.kafka)
        out.push(`${differ}; the exception expects ours "${exception.ours}" and Kafka's "${exception.kafka}"`);
      continue;
    }
    if (k.no_default) {
      // "none (required)", "none (set on the worker)": the glossary's way of saying Kafka has no default.
      if (!/^none \(.+\)$/.test(compared)) out.push(differ);
      continue;
    }
    if (normalise(compared) !== normalise(theirs)) out.push(differ);
  }
  if (remark?.also) {
    const k = fixture.configs[remark.also.config];
    const theirs = k && (remark.also.field ? k[remark.also.field] : kafkaValue(k));
    const what = remark.also.field ? `${remark.also.config} ${remark.also.field}` : remark.also.config;
    if (normalise(remark.also.ours) !== normalise(theirs ?? ""))
      out.push(`${entry.id} (${what}): ours "${remark.also.ours}", Kafka's "${theirs}" (${k ? k.source : "not recorded"})`);
  }
  return out;
}

const { glossary } = builtinFromYaml();
const entries = glossary.filter((g) => g.kind === "config" && g.default !== undefined);

describe(`the glossary's config defaults against Kafka ${fixture.kafka.version} (${fixture.kafka.commit.slice(0, 12)})`, () => {
  it("checks every config entry of the glossary", () => {
    console.log(`config defaults checked against Kafka's source: ${entries.length}`);
    expect(entries.length).toBeGreaterThanOrEqual(90);
  });

  for (const entry of entries) {
    const unresolved = configsOf(entry).filter((c) => fixture.configs[c]?.unresolved);
    if (unresolved.length) {
      it.todo(
        `${entry.id}: ours "${entry.default}"; Kafka's unresolved: ${unresolved.map((c) => fixture.configs[c].unresolved).join(" ")}`,
      );
      continue;
    }
    it(`${entry.id} (${configsOf(entry).join(" / ")}): ${entry.default}`, () => {
      expect(problems(entry)).toEqual([]);
    });
  }

  it("keeps no term mapping, remark or exception for an entry that is gone", () => {
    const ids = new Set(entries.map((e) => e.id));
    const stale = [...Object.keys(APPLIES_TO), ...Object.keys(REMARKS), ...Object.keys(EXCEPTIONS)].filter((id) => !ids.has(id));
    expect(stale).toEqual([]);
  });

  it("records, for every Kafka default in the fixture, the file and line it was read from", () => {
    const used = new Set([...entries.flatMap(configsOf), ...Object.values(REMARKS).flatMap((r) => (r.also ? [r.also.config] : []))]);
    const bad = Object.entries(fixture.configs)
      .filter(([, k]) => !/\.(java|scala):\d+$/.test(k.source) || (k.default === undefined) === !k.no_default)
      .map(([name]) => name);
    expect(bad).toEqual([]);
    expect(Object.keys(fixture.configs).filter((name) => !used.has(name))).toEqual([]);
    expect(fixture.kafka.commit).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe("normalising a default", () => {
  it("takes away quotes, thousands separators, a unit comment and list formatting, nothing else", () => {
    expect(normalise("604800000 (7 days)")).toBe("604800000");
    expect(normalise("1073741824 (1 gibibyte)")).toBe("1073741824");
    expect(normalise("600,000 (10 minutes)")).toBe("600000");
    expect(normalise('"" (empty)')).toBe("");
    expect(normalise('""')).toBe("");
    expect(normalise("empty list")).toBe("");
    expect(normalise('"all"')).toBe("all");
    expect(
      normalise("class org.apache.kafka.clients.consumer.RangeAssignor,class org.apache.kafka.clients.consumer.CooperativeStickyAssignor"),
    ).toBe("RangeAssignor, CooperativeStickyAssignor");
    expect(normalise(".*[\\-\\.]internal,.*\\.replica,__.*")).toBe(".*[\\-\\.]internal, .*\\.replica, __.*");
    expect(normalise("null (built-in partitioner)")).toBe("null (built-in partitioner)");
    expect(normalise("30000 (100 with exactly_once_v2)")).toBe("30000 (100 with exactly_once_v2)");
  });
});
