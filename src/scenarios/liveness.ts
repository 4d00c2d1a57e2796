// Group liveness with the classic protocol: heartbeats come from a background thread (KIP-62), so session.timeout.ms
// only catches a process that stops entirely (a long GC pause, a network cut), while max.poll.interval.ms catches a
// loop that takes too long between poll() calls: the member leaves the group once the interval has fully elapsed
// (the poll timer expires at >=). With group.protocol=consumer (KIP-848) the session timeout is the broker's
// group.consumer.session.timeout.ms (default 45000) and the client rejects session.timeout.ms; max.poll.interval.ms
// still applies on the client.
import type { Level } from "../bank/constants.js";
import { hashSeed, rng } from "../quiz/random.js";
import { choice, fmt, mistake, numeric, pick, yesno } from "./core.js";
import { SOURCES } from "./sources.js";
import type { Family, Solution } from "./types.js";

export interface LivenessParams {
  protocol: "classic" | "consumer";
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  maxPollIntervalMs: number;
  maxPollRecords: number;
  perRecordMs: number;
  /** A stop-the-world pause of the whole process, 0 for none. */
  pauseMs: number;
  ask: "removed" | "fix" | "max-records";
}

const M = {
  sessionForSlow: mistake(
    "session-timeout-for-slow-processing",
    "Blamed session.timeout.ms for slow processing; heartbeats come from a background thread",
  ),
  heartbeatsCover: mistake(
    "heartbeats-cover-slow-poll",
    "Assumed heartbeats keep a member alive however long it goes without calling poll()",
  ),
  heartbeatFix: mistake(
    "heartbeat-interval-fix",
    "Expected more frequent heartbeats to help; they cannot reset max.poll.interval.ms or be sent during a pause",
  ),
  pollForPause: mistake(
    "poll-interval-for-pause",
    "Blamed max.poll.interval.ms for a pause shorter than it; the session timeout expires first",
  ),
  pauseHarmless: mistake("pause-harmless", "Assumed the background heartbeat thread keeps running through a stop-the-world pause"),
  boundary: mistake(
    "poll-interval-boundary",
    "Counted a gap equal to max.poll.interval.ms as in time; the member leaves once the interval has fully elapsed",
  ),
  sessionDivided: mistake("records-from-session-timeout", "Sized max.poll.records from session.timeout.ms instead of max.poll.interval.ms"),
  clientSession: mistake(
    "client-session-timeout-kip848",
    "Raised the client's session.timeout.ms under group.protocol=consumer, which rejects it; the broker's group.consumer.session.timeout.ms applies",
  ),
};

const CONSUMER_MAX_SESSION_MS = 60_000;

const gap = (p: LivenessParams) => p.maxPollRecords * p.perRecordMs;
const session = (p: LivenessParams) => (p.protocol === "consumer" ? 45_000 : p.sessionTimeoutMs);

function solve(p: LivenessParams): Solution {
  const steps: string[] = [];
  const g = gap(p);
  const slow = g >= p.maxPollIntervalMs;
  const paused = p.pauseMs >= session(p);
  steps.push(`Between two poll() calls the loop processes ${fmt(p.maxPollRecords)} records × ${fmt(p.perRecordMs)} ms = ${fmt(g)} ms.`);
  steps.push(
    slow
      ? `That reaches or passes max.poll.interval.ms=${fmt(p.maxPollIntervalMs)}, so the consumer leaves the group and its partitions are reassigned.`
      : `That stays under max.poll.interval.ms=${fmt(p.maxPollIntervalMs)}.`,
  );
  if (p.pauseMs) {
    const which = p.protocol === "consumer" ? "the broker's group.consumer.session.timeout.ms" : "session.timeout.ms";
    steps.push(
      paused
        ? `The ${fmt(p.pauseMs)} ms pause stops the heartbeat thread too; no heartbeat arrives within ${which}=${fmt(session(p))}, so the coordinator removes the member.`
        : `The ${fmt(p.pauseMs)} ms pause ends well inside ${which}=${fmt(session(p))}, so heartbeats resume in time.`,
    );
  }
  const maxRecords = Math.ceil(p.maxPollIntervalMs / p.perRecordMs) - 1;
  if (p.ask === "removed") {
    const removed = slow || paused;
    const reason = slow
      ? `Processing ${fmt(g)} ms of records between polls reaches max.poll.interval.ms=${fmt(p.maxPollIntervalMs)}.`
      : paused
        ? `The ${fmt(p.pauseMs)} ms pause silences heartbeats past the ${fmt(session(p))} ms session timeout.`
        : `Polls come every ${fmt(g)} ms, under max.poll.interval.ms, and heartbeats never stop for ${fmt(session(p))} ms.`;
    return {
      answer: yesno(
        removed,
        reason,
        removed ? (slow ? M.heartbeatsCover : M.pauseHarmless) : g < p.maxPollIntervalMs && p.pauseMs ? M.pollForPause : M.sessionForSlow,
      ),
      steps,
    };
  }
  if (p.ask === "max-records") {
    steps.push(
      `The largest max.poll.records that keeps ${"n"} × ${fmt(p.perRecordMs)} ms below ${fmt(p.maxPollIntervalMs)} ms is ${fmt(maxRecords)}.`,
    );
    return {
      answer: numeric(maxRecords, "records", { abs: 0 }, [
        { value: Math.floor(p.maxPollIntervalMs / p.perRecordMs), mistake: M.boundary },
        { value: Math.ceil(session(p) / p.perRecordMs) - 1, mistake: M.sessionDivided },
      ]),
      steps,
    };
  }
  // fix
  const pollFix = `Lower max.poll.records to ${fmt(maxRecords)} or less, or raise max.poll.interval.ms above ${fmt(g)} ms`;
  // The broker bounds the session timeout: group.consumer.max.session.timeout.ms (60000) for the consumer protocol,
  // group.max.session.timeout.ms (1800000) for the classic one (GroupCoordinatorConfig).
  const sessionFix =
    p.protocol === "consumer"
      ? p.pauseMs >= CONSUMER_MAX_SESSION_MS
        ? `Raise the broker's group.consumer.session.timeout.ms above ${fmt(p.pauseMs)} ms, and group.consumer.max.session.timeout.ms (60000 by default) with it, or shorten the pauses`
        : `Raise the broker's group.consumer.session.timeout.ms above ${fmt(p.pauseMs)} ms (its maximum, group.consumer.max.session.timeout.ms, is 60000 by default), or shorten the pauses`
      : `Raise session.timeout.ms above ${fmt(p.pauseMs)} ms, or shorten the pauses`;
  const right = slow ? pollFix : sessionFix;
  steps.push(`The fix: ${right.charAt(0).toLowerCase()}${right.slice(1)}.`);
  const candidates = slow
    ? [
        { text: `Raise session.timeout.ms above ${fmt(g)} ms`, mistake: M.sessionForSlow },
        { text: "Lower heartbeat.interval.ms so heartbeats reach the coordinator more often", mistake: M.heartbeatFix },
        { text: "Nothing: the background heartbeats already keep the member in the group", mistake: M.heartbeatsCover },
      ]
    : [
        { text: `Raise max.poll.interval.ms above ${fmt(p.pauseMs)} ms`, mistake: M.pollForPause },
        { text: "Lower heartbeat.interval.ms so heartbeats reach the coordinator more often", mistake: M.heartbeatFix },
        ...(p.protocol === "consumer"
          ? [{ text: `Raise the client's session.timeout.ms above ${fmt(p.pauseMs)} ms`, mistake: M.clientSession }]
          : []),
        { text: "Nothing: the background heartbeat thread keeps running through the pause", mistake: M.pauseHarmless },
        { text: `Lower max.poll.records to ${fmt(Math.max(1, Math.floor(p.maxPollRecords / 2)))}`, mistake: M.pollForPause },
      ];
  return { answer: choice(right, candidates), steps };
}

function generate(seed: number, level: Level): LivenessParams {
  const random = rng(hashSeed("group-liveness", seed));
  const p: LivenessParams = {
    protocol: "classic",
    sessionTimeoutMs: 45_000,
    heartbeatIntervalMs: 3_000,
    maxPollIntervalMs: 300_000,
    maxPollRecords: 500,
    perRecordMs: pick(random, [20, 100, 250, 700, 1000, 1500]),
    pauseMs: 0,
    ask: "removed",
  };
  if (level === "beginner") return p;
  if (level !== "intermediate") {
    p.maxPollRecords = pick(random, [100, 200, 500, 1000]);
    p.maxPollIntervalMs = pick(random, [60_000, 120_000, 300_000, 600_000]);
    p.sessionTimeoutMs = pick(random, [10_000, 30_000, 45_000]);
    p.heartbeatIntervalMs = Math.min(3_000, p.sessionTimeoutMs / 3);
    p.perRecordMs = pick(random, [30, 70, 150, 333, 450, 900]);
  }
  // A pause needs a fast loop, so that only one of the two limits is in play.
  const withPause = level === "advanced" || level === "expert" ? random() < 0.5 : level === "intermediate" && random() < 0.3;
  if (withPause) {
    p.perRecordMs = 5;
    p.maxPollRecords = Math.min(p.maxPollRecords, 500);
    // The pause also delays the next poll(); keep it well inside max.poll.interval.ms.
    p.maxPollIntervalMs = Math.max(p.maxPollIntervalMs, 300_000);
    if (level === "expert") p.protocol = pick(random, ["classic", "consumer"]);
    const s = session(p);
    p.pauseMs = pick(random, [Math.round((s - p.heartbeatIntervalMs) / 3), s + 5_000, s * 2]);
  }
  const slow = gap(p) >= p.maxPollIntervalMs;
  const paused = p.pauseMs >= session(p);
  p.ask = level === "intermediate" ? pick(random, ["removed", "fix"] as const) : pick(random, ["removed", "fix", "max-records"] as const);
  // A fix needs a problem; asking for the largest max.poll.records needs a slow loop without a pause.
  if (p.ask === "fix" && !slow && !paused) p.ask = "removed";
  if (p.ask === "max-records" && p.pauseMs) p.ask = "removed";
  return p;
}

function prompt(p: LivenessParams): string {
  const configs =
    p.protocol === "consumer"
      ? [`group.protocol=consumer (broker default group.consumer.session.timeout.ms=45000)`]
      : [
          "group.protocol=classic",
          `session.timeout.ms=${fmt(p.sessionTimeoutMs, 0).replace(/,/g, "")}`,
          `heartbeat.interval.ms=${p.heartbeatIntervalMs}`,
        ];
  configs.push(`max.poll.interval.ms=${p.maxPollIntervalMs}`, `max.poll.records=${p.maxPollRecords}`);
  const lines = [
    `A Java consumer runs with ${configs.join(", ")}.`,
    `It has a large backlog, so every poll() returns ${fmt(p.maxPollRecords)} records, and it processes each record in ${p.perRecordMs} ms on the polling thread before calling poll() again.`,
  ];
  if (p.pauseMs) lines.push(`Once, a stop-the-world garbage collection pauses the whole process for ${fmt(p.pauseMs)} ms.`);
  if (p.ask === "removed") lines.push("Is the consumer removed from its group?");
  if (p.ask === "fix") lines.push("The consumer keeps getting removed from its group. Which change fixes it?");
  if (p.ask === "max-records")
    lines.push(
      "Keeping the processing time per record, what is the largest max.poll.records that keeps the consumer in the group, with the time between two polls strictly below the limit?",
    );
  return lines.join(" ");
}

export const liveness: Family<LivenessParams> = {
  id: "group-liveness",
  title: "Heartbeats, poll intervals and leaving the group",
  topics: ["consumer-groups", "consumers", "troubleshooting"],
  levels: ["beginner", "intermediate", "advanced", "expert"],
  glossary: [
    "session-timeout-ms",
    "heartbeat-interval-ms",
    "max-poll-interval-ms",
    "max-poll-records",
    "rebalancing",
    "group-protocol",
    "kip-848-consumer-protocol",
  ],
  sources: [SOURCES.sessionTimeout, SOURCES.maxPollInterval, SOURCES.kip62, SOURCES.kip735, SOURCES.kip848],
  generate,
  prompt,
  solve,
};
