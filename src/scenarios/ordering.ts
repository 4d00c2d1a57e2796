// Ordering and duplicates from producer retries.
// ProducerConfig.postProcessAndValidateIdempotenceConfigs (3.2+, KAFKA-13673): idempotence is on by default since 3.0
// (KIP-679); a conflicting retries=0, acks other than all, or more than 5 requests in flight throws ConfigException when
// enable.idempotence=true was set explicitly, and silently disables idempotence when it was only defaulted. Since 4.0
// (KAFKA-17927) more than 5 in flight is a ConfigException even for defaulted idempotence.
// Without idempotence, retries with more than one request in flight can reorder batches and a retry can duplicate one.
import type { Level } from "../bank/constants.js";
import { hashSeed, rng } from "../quiz/random.js";
import { choice, int, mistake, pick, solvable } from "./core.js";
import { SOURCES } from "./sources.js";
import type { ChoiceOption, Family, Mistake, Solution } from "./types.js";

export type Idempotence = "default" | "true" | "false";

export interface OrderingParams {
  version: "3.9" | "4.0";
  keyed: boolean;
  partitions: number;
  inFlight: number;
  /** null: left at the default (Integer.MAX_VALUE). */
  retries: number | null;
  /** null: left at the default (all since 3.0). */
  acks: "all" | "1" | null;
  idempotence: Idempotence;
}

const CONFIG = "The producer fails at construction with a ConfigException";
const SAFE = "Neither: the idempotent producer keeps the order and drops duplicate retries";
const BOTH = "Both: a retried batch can land after a later one, and a retry can write a record twice";
const DUP_ONLY = "Duplicates only: with one request in flight the order holds, but a retry can write a record twice";
const REORDER_ONLY = "Reordering only: sequence numbers drop duplicates, but retried batches can overtake";
const NO_RETRY = "Neither, but a send that fails is not retried, so its record may be missing";
const SPLIT = "No order to keep: without a key the two records can go to different partitions, and order holds only within one";
const SPLIT_DUP =
  "No order to keep, and duplicates: without a key the records can go to different partitions, and a retry can write one twice";

const M = {
  defaultOff: mistake("idempotence-default-off", "Assumed enable.idempotence defaults to false; it is true since Kafka 3.0"),
  inFlightOne: mistake(
    "idempotence-needs-one-in-flight",
    "Believed idempotence keeps order only with max.in.flight.requests.per.connection=1; up to 5 is safe",
  ),
  silentMissed: mistake("missed-silent-disable", "Forgot that a conflicting setting silently disables idempotence that was only defaulted"),
  explicitQuiet: mistake(
    "explicit-conflict-quiet",
    "Expected a conflicting setting to switch off explicitly enabled idempotence; it is a ConfigException",
  ),
  v3Rule: mistake(
    "in-flight-rule-3x",
    "Applied the 3.x rule to a 4.0 client: since 4.0 more than 5 in flight is a ConfigException even when idempotence is defaulted",
  ),
  v4Rule: mistake(
    "in-flight-rule-4x",
    "Applied the 4.0 rule to a 3.x client, which only disables defaulted idempotence when more than 5 are in flight",
  ),
  noKeyOrdered: mistake("order-across-partitions", "Assumed records without a key stay in order, as if order held across partitions"),
  oneSplit: mistake("one-partition-split", "Forgot that a one-partition topic puts every record, keyed or not, in the same partition"),
  retriesZero: mistake("retries-zero-resends", "Assumed retries=0 still resends a failed batch"),
  inFlightIrrelevant: mistake(
    "in-flight-irrelevant",
    "Ignored max.in.flight.requests.per.connection: several requests in flight let a retry overtake",
  ),
  dupIgnored: mistake("retry-no-duplicate", "Assumed a retry cannot duplicate a record whose acknowledgement was lost"),
  overridden: mistake(
    "conflict-overridden",
    "Assumed the producer quietly overrides a conflicting setting to keep idempotence (acks=all, retries, at most 5 in flight)",
  ),
  falseIgnored: mistake("explicit-false-ignored", "Assumed the producer stays idempotent although enable.idempotence=false"),
  inOrder: mistake(
    "requests-complete-in-order",
    "Assumed requests in flight always complete in order, so a retried batch cannot be overtaken",
  ),
};

interface Rules {
  defaultOff?: boolean;
  inFlightOne?: boolean;
  silentMissed?: boolean;
  explicitQuiet?: boolean;
  otherVersion?: boolean;
  keyless?: "ordered" | "split";
  retriesZero?: boolean;
  inFlightIrrelevant?: boolean;
  dupIgnored?: boolean;
  falseIgnored?: boolean;
  inOrder?: boolean;
  overridden?: boolean;
}

type Effective = { error: string } | { idempotent: boolean; disabledBy?: string };

function effective(p: OrderingParams, r: Rules = {}): Effective {
  if (p.idempotence === "false" && r.falseIgnored) return { idempotent: true };
  if (p.idempotence === "false" || (p.idempotence === "default" && r.defaultOff)) return { idempotent: false };
  const explicit = p.idempotence === "true";
  const version = r.otherVersion ? (p.version === "4.0" ? "3.9" : "4.0") : p.version;
  const conflicts: [boolean, string, boolean][] = [
    [p.retries === 0, "retries=0", false],
    [p.acks === "1", "acks=1", false],
    [p.inFlight > 5, `max.in.flight.requests.per.connection=${p.inFlight}`, version === "4.0"],
  ];
  // Every check runs; one that throws wins over one that only disables (ProducerConfig checks them in turn).
  const hits = conflicts.filter(([hit]) => hit && !r.overridden);
  const thrown = hits.find(([, , alwaysThrows]) => (explicit || alwaysThrows) && !r.explicitQuiet);
  if (thrown) return { error: thrown[1] };
  if (hits.length) return r.silentMissed ? { idempotent: true } : { idempotent: false, disabledBy: hits[0][1] };
  return { idempotent: true };
}

export function outcome(p: OrderingParams, r: Rules = {}): string {
  const e = effective(p, r);
  if ("error" in e) return CONFIG;
  const onePartition = r.keyless === "split" ? false : p.partitions === 1;
  const retries = p.retries !== 0 || r.retriesZero;
  if (!p.keyed && !onePartition && r.keyless !== "ordered") return e.idempotent || !retries || r.dupIgnored ? SPLIT : SPLIT_DUP;
  if (e.idempotent) return r.inFlightOne && p.inFlight > 1 ? REORDER_ONLY : SAFE;
  if (!retries) return NO_RETRY;
  if ((p.inFlight > 1 && !r.inOrder) || r.inFlightIrrelevant) return r.dupIgnored ? REORDER_ONLY : BOTH;
  return r.dupIgnored ? SAFE : DUP_ONLY;
}

function solve(p: OrderingParams): Solution {
  const steps: string[] = [];
  const e = effective(p);
  if (p.idempotence === "false") steps.push("enable.idempotence=false turns the idempotent producer off.");
  else if ("error" in e) {
    steps.push(
      p.idempotence === "true"
        ? `enable.idempotence=true was set explicitly, so the conflicting ${e.error} is rejected at construction.`
        : `On a 4.0 client more than 5 requests in flight conflict with the defaulted idempotence and are rejected at construction (KAFKA-17927).`,
    );
  } else if (e.disabledBy)
    steps.push(`enable.idempotence was only defaulted, so the conflicting ${e.disabledBy} silently disables it (a log line says so).`);
  else
    steps.push(
      `enable.idempotence is ${p.idempotence === "true" ? "set to true" : "true by default since 3.0"}, and nothing conflicts with it.`,
    );
  if (!("error" in e)) {
    if (!p.keyed && p.partitions > 1)
      steps.push(
        `Without a key the producer picks partitions itself, so the two records may land in different partitions of ${p.partitions}, and order only holds within one.`,
      );
    if (!p.keyed && p.partitions > 1 && !e.idempotent && p.retries !== 0)
      steps.push("Without idempotence a resent batch whose acknowledgement was lost is written twice.");
    else if (!p.keyed) steps.push("Without a key there is still only one partition, so both records share it.");
    else steps.push("The same key always maps to the same partition.");
    if (p.keyed || p.partitions === 1) {
      if (e.idempotent)
        steps.push(
          `The broker tracks sequence numbers for up to 5 batches in flight, so a retry cannot overtake or repeat (${p.inFlight} in flight).`,
        );
      else if (p.retries === 0)
        steps.push(
          "retries=0: a failed batch is not resent, so nothing is reordered or duplicated, but a record whose send failed may be missing.",
        );
      else if (p.inFlight > 1)
        steps.push(
          `With ${p.inFlight} requests in flight and retries, a failed batch can be resent after a later one succeeded, and a resent batch whose acknowledgement was lost is written twice.`,
        );
      else steps.push("One request in flight keeps the order, but a resent batch whose acknowledgement was lost is written twice.");
    }
  }
  const rules: [Rules, Mistake][] = [
    [{ defaultOff: true }, M.defaultOff],
    [{ inFlightOne: true }, M.inFlightOne],
    [{ silentMissed: true }, M.silentMissed],
    [{ explicitQuiet: true }, M.explicitQuiet],
    [{ otherVersion: true }, p.version === "4.0" ? M.v3Rule : M.v4Rule],
    [{ keyless: "ordered" }, M.noKeyOrdered],
    [{ keyless: "split" }, M.oneSplit],
    [{ retriesZero: true }, M.retriesZero],
    [{ inFlightIrrelevant: true }, M.inFlightIrrelevant],
    [{ dupIgnored: true }, M.dupIgnored],
    [{ falseIgnored: true }, M.falseIgnored],
    [{ inOrder: true }, M.inOrder],
    [{ overridden: true }, M.overridden],
  ];
  const candidates: ChoiceOption[] = rules.map(([r, m]) => ({ text: outcome(p, r), mistake: m }));
  return { answer: choice(outcome(p), candidates), steps };
}

function generate(seed: number, level: Level): OrderingParams {
  const random = rng(hashSeed("ordering", seed));
  return solvable(() => draw(random, level), solve);
}

function draw(random: () => number, level: Level): OrderingParams {
  const version = pick(random, ["3.9", "4.0"] as const);
  const p: OrderingParams = {
    version,
    keyed: true,
    partitions: int(random, 3, 12),
    inFlight: 5,
    retries: null,
    acks: null,
    idempotence: "default",
  };
  if (level === "beginner") {
    p.keyed = random() < 0.6;
    p.idempotence = pick(random, ["default", "true"]);
    return p;
  }
  if (level === "intermediate") {
    p.idempotence = pick(random, ["default", "false", "false"]);
    p.inFlight = pick(random, [1, 2, 5]);
    p.retries = pick(random, [null, null, 0, 3]);
    return p;
  }
  p.keyed = level === "expert" ? random() < 0.7 : true;
  if (!p.keyed && random() < 0.5) p.partitions = 1;
  p.idempotence = level === "advanced" ? pick(random, ["default", "default", "false"]) : pick(random, ["default", "true", "false"]);
  p.acks = pick(random, [null, "all", "1"]);
  p.retries = pick(random, [null, null, 0, 10]);
  // More than 5 in flight only where the outcome is verified: with idempotence requested, or on a 3.x client.
  const many = p.idempotence !== "false" || version === "3.9";
  p.inFlight = many ? pick(random, [1, 5, 5, 6, 10]) : pick(random, [1, 3, 5]);
  return p;
}

function prompt(p: OrderingParams): string {
  const settings = [
    `acks=${p.acks ?? "(default)"}`,
    `retries=${p.retries ?? "(default)"}`,
    `max.in.flight.requests.per.connection=${p.inFlight}`,
    p.idempotence === "default" ? "enable.idempotence not set" : `enable.idempotence=${p.idempotence}`,
  ];
  const records = p.keyed ? 'two records with the same key "user-7"' : "two records without a key";
  return [
    `A Java producer (client ${p.version}) sends ${records}, one right after the other, to a topic with ${p.partitions === 1 ? "1 partition" : `${p.partitions} partitions`}.`,
    `Its settings: ${settings.join(", ")}.`,
    "The producer does not restart, and brokers sometimes fail requests with retriable errors or lose a response.",
    "Can the two records be reordered or duplicated in the topic?",
  ].join(" ");
}

export const ordering: Family<OrderingParams> = {
  id: "ordering",
  title: "Ordering and duplicates from producer retries",
  topics: ["producers", "delivery-semantics"],
  levels: ["beginner", "intermediate", "advanced", "expert"],
  glossary: [
    "enable-idempotence",
    "max-in-flight-requests-per-connection",
    "retries",
    "idempotent-producer",
    "message-ordering",
    "message-key",
    "acks",
  ],
  sources: [SOURCES.idempotence, SOURCES.inFlight, SOURCES.kip679, SOURCES.conflictDisables, SOURCES.inFlightLimit],
  generate,
  prompt,
  solve,
};
