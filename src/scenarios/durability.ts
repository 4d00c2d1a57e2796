// Durability: replication factor, min.insync.replicas, acks and failed brokers.
// Rules (kafka.cluster.Partition.appendRecordsToLeader and maybeIncrementLeaderHW, Kafka 3.7+):
// - an acks=all write is rejected with NotEnoughReplicasException when the ISR is smaller than min.insync.replicas;
//   otherwise it is acknowledged once every member of the current ISR has it (min.insync.replicas is a floor, not a quorum);
// - acks=0 and acks=1 writes ignore min.insync.replicas, but since 3.7 (KAFKA-15583) the high watermark does not
//   advance while the ISR is below min.insync.replicas, so consumers cannot read them yet;
// - NOT_ENOUGH_REPLICAS is retriable, so the producer resends until delivery.timeout.ms and then fails the send
//   (Sender.canRetry; the callback sees that error or a TimeoutException, whichever ends the batch);
// - a new leader comes from the ISR; only unclean.leader.election.enable=true lets an out-of-sync replica lead.
// - Eligible leader replicas (KIP-966, on for new clusters since 4.1; PartitionChangeBuilder.maybePopulateTargetElr):
//   a replica that leaves the ISR while the ISR is below min.insync.replicas stays eligible to lead. Draws where that
//   could change the outcome (no ISR member survives, and a live replica left the ISR while it was below
//   min.insync.replicas) are not asked, so one answer holds with ELR on or off.
import type { Level } from "../bank/constants.js";
import { hashSeed, rng, shuffle } from "../quiz/random.js";
import { choice, int, list, mistake, pick, plural, solvable, yesno } from "./core.js";
import { SOURCES } from "./sources.js";
import type { ChoiceOption, Family, Solution } from "./types.js";

export type Acks = "0" | "1" | "all";
export type DurabilityAsk = "write" | "loss" | "visible";

export interface DurabilityParams {
  rf: number;
  minIsr: number;
  acks: Acks;
  /** Brokers holding a replica; the first is the leader before the failure. */
  replicas: number[];
  /** Replicas already out of the ISR before the failure (never the leader). */
  lagging: number[];
  down: number[];
  unclean: boolean;
  ask: DurabilityAsk;
}

const M = {
  leaderNotCounted: mistake("leader-not-in-isr", "Forgot that the leader is itself an in-sync replica"),
  leaderTwice: mistake("leader-counted-twice", "Counted the leader twice: once as leader and once as an in-sync follower"),
  quorum: mistake("min-isr-is-quorum", "Assumed acks=all waits for only min.insync.replicas replicas instead of the whole current ISR"),
  minIsrForAll: mistake("min-isr-for-every-acks", "Applied min.insync.replicas to acks=0 or acks=1, which ignore it"),
  leaderLossOffline: mistake(
    "leader-loss-offline",
    "Assumed the partition goes offline when the leader fails, though in-sync followers survive",
  ),
  uncleanByDefault: mistake(
    "unclean-by-default",
    "Assumed any surviving replica may become leader, though unclean leader election is disabled",
  ),
  offlineError: mistake("offline-not-enough-replicas", "Expected NotEnoughReplicasException from a partition that has no leader at all"),
  laggingInSync: mistake("lagging-counted-in-sync", "Counted a replica that had fallen out of the ISR as in sync"),
  downIgnored: mistake("failed-brokers-stay-in-isr", "Kept the failed brokers in the ISR; the controller removes them once it notices"),
  acksAllLeaderOnly: mistake("acks-all-leader-only", "Assumed acks=all is acknowledged by the leader alone"),
  acks1Waits: mistake("acks-1-waits-for-isr", "Assumed acks=1 waits for the followers"),
  acks0Waits: mistake("acks-0-waits", "Assumed acks=0 waits for the leader's acknowledgement"),
  ackedSafe: mistake("acked-means-replicated", "Assumed an acknowledged write is always on several replicas"),
  ackedLost: mistake("acked-always-at-risk", "Assumed a leader failure loses acknowledged writes even when every in-sync replica has them"),
  hwOld: mistake(
    "hw-advances-under-min-isr",
    "Assumed the high watermark keeps advancing below min.insync.replicas (the rule before Kafka 3.7)",
  ),
  hwStuck: mistake("hw-stuck-when-enough", "Assumed records stay invisible although the ISR still meets min.insync.replicas"),
};

/** What the partition looks like after the failure, under a given set of (possibly mistaken) rules. */
interface Rules {
  leaderNotCounted?: boolean;
  leaderTwice?: boolean;
  quorum?: boolean;
  minIsrForAll?: boolean;
  leaderLossOffline?: boolean;
  uncleanByDefault?: boolean;
  offlineError?: boolean;
  laggingInSync?: boolean;
  downIgnored?: boolean;
  acksAllLeaderOnly?: boolean;
  acks1Waits?: boolean;
  acks0Waits?: boolean;
}

interface After {
  leader: number | null;
  isr: number[];
  uncleanElected: boolean;
}

function after(p: DurabilityParams, r: Rules = {}): After {
  const isrBefore = p.replicas.filter((b) => r.laggingInSync || !p.lagging.includes(b));
  const alive = (b: number) => r.downIgnored || !p.down.includes(b);
  const aliveIsr = isrBefore.filter(alive);
  const oldLeader = p.replicas[0];
  if (alive(oldLeader)) return { leader: oldLeader, isr: aliveIsr, uncleanElected: false };
  if (r.leaderLossOffline) return { leader: null, isr: [], uncleanElected: false };
  if (aliveIsr.length) return { leader: aliveIsr[0], isr: aliveIsr, uncleanElected: false };
  const aliveOther = p.replicas.filter((b) => alive(b) && !isrBefore.includes(b));
  if (aliveOther.length && (p.unclean || r.uncleanByDefault)) return { leader: aliveOther[0], isr: [aliveOther[0]], uncleanElected: true };
  return { leader: null, isr: [], uncleanElected: false };
}

const okAll = (n: number) => `The write succeeds once all ${plural(n, "in-sync replica")} ${n === 1 ? "has" : "have"} it`;
const OK_LEADER = "The write succeeds as soon as the leader has it";
const OK_NOACK = "The send completes without waiting for any broker";
const NER = "The leader rejects the writes with NotEnoughReplicasException; the producer retries them until delivery.timeout.ms";
const OFFLINE = "The partition has no leader: sends fail with a TimeoutException after delivery.timeout.ms";

export function outcome(p: DurabilityParams, r: Rules = {}): string {
  const a = after(p, r);
  if (a.leader === null) return r.offlineError ? NER : OFFLINE;
  const size = a.isr.length - (r.leaderNotCounted ? 1 : 0) + (r.leaderTwice ? 1 : 0);
  if (p.acks === "all") {
    if (r.acksAllLeaderOnly) return OK_LEADER;
    if (size < p.minIsr) return NER;
    return okAll(r.quorum ? p.minIsr : size);
  }
  if (r.minIsrForAll && size < p.minIsr) return NER;
  if (p.acks === "1") return r.acks1Waits ? okAll(a.isr.length) : OK_LEADER;
  return r.acks0Waits ? OK_LEADER : OK_NOACK;
}

function describeAfter(p: DurabilityParams, steps: string[]): After {
  const a = after(p);
  const isrBefore = p.replicas.filter((b) => !p.lagging.includes(b));
  if (!p.down.length) {
    steps.push(`No broker fails: the ISR stays ${brokers(a.isr)}, and broker ${p.replicas[0]} leads.`);
  } else steps.push(`Before the failure the ISR is ${brokers(isrBefore)}, and broker ${p.replicas[0]} leads.`);
  if (!p.down.length) {
    // Nothing more happens to the ISR.
  } else if (!p.down.includes(p.replicas[0])) {
    steps.push(
      p.down.some((b) => isrBefore.includes(b))
        ? `The leader survives, and the failed brokers leave the ISR: it is now ${brokers(a.isr)}.`
        : `The leader survives, and the failed brokers were not in the ISR, which stays ${brokers(a.isr)}.`,
    );
  } else if (a.leader !== null && !a.uncleanElected) {
    steps.push(`The leader is down; the controller elects broker ${a.leader} from the surviving ISR ${brokers(a.isr)}.`);
  } else if (a.uncleanElected) {
    steps.push(
      `No in-sync replica survives; unclean.leader.election.enable=true lets out-of-sync broker ${a.leader} lead, with ISR ${brokers(a.isr)}.`,
    );
  } else {
    const others = p.replicas.filter((b) => !p.down.includes(b));
    steps.push(
      others.length
        ? `No in-sync replica survives and unclean.leader.election.enable=false, so ${brokers(others)} may not lead: the partition is offline.`
        : "Every replica is down, so the partition is offline.",
    );
  }
  return a;
}

const brokers = (bs: number[]) => (bs.length ? `{${bs.join(", ")}}` : "empty");

function solve(p: DurabilityParams): Solution {
  const steps: string[] = [];
  const a = describeAfter(p, steps);
  if (p.ask === "write") {
    const right = outcome(p);
    if (a.leader === null) steps.push("Without a leader the producer cannot send; the batches wait and expire after delivery.timeout.ms.");
    else if (p.acks === "all") {
      steps.push(
        a.isr.length < p.minIsr
          ? `With acks=all the leader checks the ISR size first: ${a.isr.length} < min.insync.replicas=${p.minIsr}, so it rejects the write with NotEnoughReplicasException, a retriable error: the producer resends until delivery.timeout.ms (120,000 ms by default) and then fails the send.`
          : `With acks=all the ISR size ${a.isr.length} meets min.insync.replicas=${p.minIsr}, and the leader waits for every current ISR member, not just ${p.minIsr}.`,
      );
    } else {
      steps.push(
        `With acks=${p.acks} min.insync.replicas is not checked: the leader appends the write${p.acks === "0" ? " and the producer does not wait for it" : " and acknowledges it alone"}.`,
      );
      if (a.isr.length < p.minIsr)
        steps.push(
          `The ISR of ${a.isr.length} is below min.insync.replicas=${p.minIsr}, so since Kafka 3.7 the high watermark does not advance: consumers do not see these writes until the ISR grows back.`,
        );
    }
    const rules: [Rules, typeof M.quorum][] = [
      [{ quorum: true }, M.quorum],
      [{ leaderNotCounted: true }, M.leaderNotCounted],
      [{ leaderTwice: true }, M.leaderTwice],
      [{ minIsrForAll: true }, M.minIsrForAll],
      [{ leaderLossOffline: true }, M.leaderLossOffline],
      [{ uncleanByDefault: true }, M.uncleanByDefault],
      [{ offlineError: true }, M.offlineError],
      [{ laggingInSync: true }, M.laggingInSync],
      [{ downIgnored: true }, M.downIgnored],
      [{ acksAllLeaderOnly: true }, M.acksAllLeaderOnly],
      [{ acks1Waits: true }, M.acks1Waits],
      [{ acks0Waits: true }, M.acks0Waits],
    ];
    const candidates: ChoiceOption[] = rules.map(([r, m]) => ({ text: outcome(p, r), mistake: m }));
    // Fallbacks: the plain outcomes, each reached by the mistake that most often produces it.
    candidates.push(
      { text: NER, mistake: M.minIsrForAll },
      { text: OFFLINE, mistake: M.leaderLossOffline },
      { text: OK_LEADER, mistake: M.acksAllLeaderOnly },
    );
    candidates.push({ text: okAll(p.rf), mistake: M.laggingInSync }, { text: OK_NOACK, mistake: M.acks0Waits });
    return { answer: choice(right, candidates), steps };
  }
  if (p.ask === "loss") {
    const leaderDown = p.down.includes(p.replicas[0]);
    let lost: boolean;
    let reason: string;
    if (a.uncleanElected) {
      lost = true;
      reason = `Out-of-sync broker ${a.leader} became leader, so writes it never copied are truncated everywhere.`;
    } else if (p.acks === "1" && leaderDown && a.leader !== null) {
      lost = true;
      reason = `With acks=1 the old leader acknowledged writes that broker ${a.leader} may not have copied yet, and the new leader's log is the one kept.`;
    } else if (a.leader === null) {
      lost = false;
      reason =
        "No replica that lacks the acknowledged writes may lead, so nothing is truncated: the partition is unavailable until a failed in-sync replica returns with its log.";
    } else if (p.acks === "1") {
      lost = false;
      reason = "The leader that acknowledged the writes is still leading, so they stay in the log.";
    } else {
      lost = false;
      reason = `With acks=all every acknowledged write reached the whole ISR, and the leader ${leaderDown ? `elected from it (broker ${a.leader})` : "survives"}.`;
    }
    steps.push(reason);
    return { answer: yesno(lost, reason, lost ? M.ackedSafe : M.ackedLost), steps };
  }
  // visible: acks=0 or 1 with a leader
  const visible = a.isr.length >= p.minIsr;
  const reason = visible
    ? `The ISR of ${a.isr.length} meets min.insync.replicas=${p.minIsr}, so the high watermark advances once the ISR has the records.`
    : `The ISR of ${a.isr.length} is below min.insync.replicas=${p.minIsr}: since Kafka 3.7 the high watermark does not advance, so consumers see nothing new until the ISR grows back.`;
  steps.push(`With acks=${p.acks} the leader accepts the writes without checking min.insync.replicas.`, reason);
  return { answer: yesno(visible, reason, visible ? M.hwStuck : M.hwOld), steps };
}

/**
 * Whether the question has no single answer: with eligible leader replicas on, a live replica that left the ISR while
 * it was below min.insync.replicas could lead cleanly once no ISR member survives; and with acks=1, when the leader and
 * the other in-sync replicas all fail, the order in which the controller handles the failures decides whether a
 * follower that lacks the writes led for a while.
 */
export function ambiguous(p: DurabilityParams): boolean {
  const isrBefore = p.replicas.filter((b) => !p.lagging.includes(b));
  const alive = (b: number) => !p.down.includes(b);
  const noIsrLeft = !isrBefore.some(alive);
  if (noIsrLeft && isrBefore.length < p.minIsr && p.lagging.some(alive)) return true;
  return p.ask === "loss" && p.acks === "1" && noIsrLeft && isrBefore.length > 1;
}

function generate(seed: number, level: Level): DurabilityParams {
  const random = rng(hashSeed("durability", seed));
  return solvable(
    () => draw(random, level),
    (p) => {
      if (ambiguous(p)) throw new Error("ambiguous draw");
      return solve(p);
    },
  );
}

function draw(random: () => number, level: Level): DurabilityParams {
  const rf = level === "beginner" ? 3 : level === "intermediate" ? pick(random, [2, 3, 3]) : pick(random, [3, 3, 4, 5]);
  const replicas = shuffle([1, 2, 3, 4, 5, 6], random).slice(0, rf);
  const minIsr = level === "beginner" ? 2 : int(random, 1, rf);
  const followers = replicas.slice(1);
  const lagging =
    level === "advanced" || level === "expert" ? shuffle(followers, random).slice(0, int(random, 0, level === "expert" ? 2 : 1)) : [];
  const down = shuffle(replicas, random).slice(0, int(random, 0, level === "beginner" ? 2 : rf));
  const unclean = level === "expert" ? random() < 0.5 : false;
  const ask: DurabilityAsk =
    level === "beginner" ? "write" : pick(random, level === "intermediate" ? ["write", "loss"] : ["write", "loss", "visible"]);
  let acks: Acks = level === "beginner" ? pick(random, ["all", "all", "1"]) : pick(random, ["all", "all", "1", "0"]);
  if (ask === "loss" && acks === "0") acks = "1";
  if (ask === "visible") acks = pick(random, ["0", "1"]);
  const p: DurabilityParams = { rf, minIsr, acks, replicas, lagging, down, unclean, ask };
  // A "visible" question needs a partition with a leader; fall back to asking about writes.
  if (ask === "visible" && after(p).leader === null) p.ask = "write";
  return p;
}

function prompt(p: DurabilityParams): string {
  const lines = [
    `A topic has replication factor ${p.rf} and min.insync.replicas=${p.minIsr}; unclean.leader.election.enable=${p.unclean}.`,
    `Partition 0 has replicas on brokers ${list(p.replicas.map(String))}; broker ${p.replicas[0]} is the leader.`,
  ];
  if (p.lagging.length)
    lines.push(
      `${p.down.length ? "Before the failure, b" : "B"}${p.lagging.length === 1 ? "roker" : "rokers"} ${list(p.lagging.map(String))} had fallen out of the ISR.`,
    );
  lines.push(
    p.down.length
      ? `Then ${p.down.length === 1 ? "broker" : "brokers"} ${list(p.down.map(String))} ${p.down.length === 1 ? "fails" : "fail"}, and the controller has noticed.`
      : "No broker fails.",
  );
  lines.push(`A producer writes to the partition with acks=${p.acks}.`);
  // With no failure there is nothing to return or to have happened before.
  const until = p.down.length ? ", before any broker returns" : "";
  if (p.ask === "write") lines.push(`What happens to its next writes${until}?`);
  if (p.ask === "loss") lines.push(`Can writes that the producer saw acknowledged${p.down.length ? " before the failure" : ""} be lost?`);
  if (p.ask === "visible") lines.push(`On Kafka 3.7 or later, can a consumer read the records written now${until}?`);
  return lines.join(" ");
}

export const durability: Family<DurabilityParams> = {
  id: "durability",
  title: "Durability under broker failures",
  topics: ["replication", "producers"],
  levels: ["beginner", "intermediate", "advanced", "expert"],
  glossary: [
    "min-insync-replicas",
    "acks",
    "isr",
    "replication-factor",
    "unclean-leader-election-enable",
    "high-watermark",
    "leader-election",
  ],
  sources: [SOURCES.replication, SOURCES.minIsr, SOURCES.acks, SOURCES.unclean, SOURCES.hwUnderMinIsr, SOURCES.kip966],
  generate,
  prompt,
  solve,
};
