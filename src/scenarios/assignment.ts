// Consumer-group assignment: who owns which partitions, who is idle, and what a leaving member costs.
// RangeAssignor works per topic; RoundRobinAssignor deals all topic-partitions in one sequence; both sort members by id.
// The eager protocol revokes every owned partition before rejoining; CooperativeStickyAssignor (KIP-429) revokes only
// what moves. StickyAssignor keeps ownership but still uses the eager protocol. The default
// partition.assignment.strategy is [RangeAssignor, CooperativeStickyAssignor]: every member supports range and only
// EAGER is common to both, so a default group assigns with range and rebalances eagerly (ConsumerCoordinator).
import type { Level } from "../bank/constants.js";
import { hashSeed, rng, shuffle } from "../quiz/random.js";
import { type Assignment, moved, range, roundRobin, sortMembers, type TopicSpec } from "./assignors.js";
import { choice, int, list, mistake, numeric, pick, plural, sum } from "./core.js";
import { SOURCES } from "./sources.js";
import type { ChoiceOption, Family, Mistake, Solution } from "./types.js";

export type Assignor = "range" | "roundrobin" | "sticky" | "cooperative-sticky" | "default";
export type AssignmentAsk = "owner" | "count" | "idle" | "revoked" | "moved";

export interface AssignmentParams {
  topics: TopicSpec[];
  members: string[];
  assignor: Assignor;
  ask: AssignmentAsk;
  /** The member asked about, or the one that leaves. */
  member: string;
  /** For sticky assignors: how many partitions the leaving member owned (the assignment before is balanced). */
  owned?: number;
}

const M = {
  otherAssignor: mistake(
    "range-vs-round-robin",
    "Mixed up RangeAssignor (per topic) and RoundRobinAssignor (all partitions in one sequence)",
  ),
  numericSort: mistake("member-ids-sorted-numerically", "Sorted member ids as numbers; the assignor sorts them as strings (c10 before c2)"),
  extraLast: mistake("extra-to-last-members", "Gave the extra partitions to the last members instead of the first (P mod C) members"),
  pooled: mistake("range-pools-topics", "Treated RangeAssignor as balancing across topics; it splits each topic on its own"),
  neighbour: mistake("neighbour-member", "Read off the share of the member next to it in sort order"),
  noIdle: mistake("no-idle-members", "Assumed every member gets a partition; members beyond the partition count sit idle"),
  evenSplit: mistake("even-split", "Divided all partitions evenly over the members, ignoring how the assignor deals them"),
  eagerIsCooperative: mistake("eager-revokes-only-moved", "Assumed the eager protocol revokes only the partitions that move"),
  cooperativeRevokesAll: mistake("cooperative-revokes-all", "Assumed cooperative rebalancing revokes everything, like the eager protocol"),
  stickyIsCooperative: mistake("sticky-is-cooperative", "Assumed StickyAssignor is cooperative; it keeps ownership but rebalances eagerly"),
  defaultIsCooperative: mistake(
    "default-is-cooperative",
    "Assumed the default strategy rebalances cooperatively; with [RangeAssignor, CooperativeStickyAssignor] it uses range, eagerly",
  ),
  countedLeaver: mistake("counted-leaver", "Counted the leaving member's partitions as revoked by the members that stay"),
  onlyLeaverMoves: mistake(
    "only-leaver-moves",
    "Assumed only the leaving member's partitions move; range and round-robin recompute from scratch",
  ),
  allMove: mistake("everything-moves", "Assumed every partition changes owner"),
};

const eager = (a: Assignor) => a !== "cooperative-sticky";
const exact = (a: Assignor) => a === "range" || a === "roundrobin" || a === "default";

function assign(p: AssignmentParams, members = p.members, how: Assignor = p.assignor): Assignment {
  return how === "roundrobin" ? roundRobin(p.topics, members) : range(p.topics, members);
}

/** Sorting as numbers: c2 before c10. */
function numericOrder(members: string[]): string[] {
  const n = (m: string) => Number(m.replace(/\D/g, ""));
  return [...members].sort((a, b) => n(a) - n(b));
}

/** Assign as the mistaken rules would, by relabelling: the k-th member in the wrong order gets the k-th share. */
function relabel(a: Assignment, wrongOrder: string[]): Assignment {
  const shares = sortMembers([...a.keys()]).map((m) => a.get(m) ?? []);
  return new Map(wrongOrder.map((m, i) => [m, shares[i]]));
}

function extraLast(p: AssignmentParams): Assignment {
  const sorted = sortMembers(p.members);
  const out: Assignment = new Map(sorted.map((m) => [m, []]));
  for (const t of p.topics) {
    const per = Math.floor(t.partitions / sorted.length);
    const extra = t.partitions % sorted.length;
    let next = 0;
    sorted.forEach((m, i) => {
      const n = per + (i >= sorted.length - extra ? 1 : 0);
      for (let k = 0; k < n; k++) out.get(m)?.push(`${t.name}-${next++}`);
    });
  }
  return out;
}

function pooled(p: AssignmentParams): Assignment {
  // one range over the concatenated partition list
  const all = p.topics.flatMap((t) => Array.from({ length: t.partitions }, (_, i) => `${t.name}-${i}`));
  const sorted = sortMembers(p.members);
  const per = Math.floor(all.length / sorted.length);
  const extra = all.length % sorted.length;
  const out: Assignment = new Map();
  let next = 0;
  sorted.forEach((m, i) => {
    const n = per + (i < extra ? 1 : 0);
    out.set(m, all.slice(next, next + n));
    next += n;
  });
  return out;
}

const total = (p: AssignmentParams) => sum(p.topics.map((t) => t.partitions));
const share = (a: Assignment, m: string) => a.get(m) ?? [];
const show = (ps: string[]) => (ps.length ? ps.join(", ") : "None: it is idle");
const idle = (a: Assignment) => [...a.values()].filter((ps) => ps.length === 0).length;
const strategy = (a: Assignor) =>
  ({
    range: "RangeAssignor",
    roundrobin: "RoundRobinAssignor",
    sticky: "StickyAssignor",
    "cooperative-sticky": "CooperativeStickyAssignor",
    default: "[RangeAssignor, CooperativeStickyAssignor] (the default)",
  })[a];

function describe(p: AssignmentParams, a: Assignment, steps: string[]) {
  const order = sortMembers(p.members);
  if (p.assignor === "default")
    steps.push(
      "With the default list every member supports RangeAssignor and only the eager protocol is common, so range assigns and rebalances are eager.",
    );
  steps.push(`Members sorted by id as strings: ${order.join(", ")}.`);
  if (p.assignor === "roundrobin")
    steps.push(`RoundRobinAssignor deals ${plural(total(p), "partition")}, topic by topic in name order, to the members in turn.`);
  else
    for (const t of p.topics) {
      const per = Math.floor(t.partitions / order.length);
      const extra = t.partitions % order.length;
      steps.push(
        `Range on ${t.name}: ${t.partitions} partitions over ${order.length} members is ${per} each${extra ? `, and the first ${extra === 1 ? "member gets" : `${extra} get`} one more` : ""}.`,
      );
    }
  steps.push(`Result: ${order.map((m) => `${m} gets ${share(a, m).length ? share(a, m).join(", ") : "nothing"}`).join("; ")}.`);
}

function solve(p: AssignmentParams): Solution {
  const steps: string[] = [];
  const other: Assignor = p.assignor === "roundrobin" ? "range" : "roundrobin";
  if (p.ask === "owner" || p.ask === "count") {
    const a = assign(p);
    describe(p, a, steps);
    const wrong: [Assignment, Mistake][] = [
      [assign(p, p.members, other), M.otherAssignor],
      [relabel(a, numericOrder(p.members)), M.numericSort],
      ...(p.assignor === "roundrobin" ? [] : ([[extraLast(p), M.extraLast] as [Assignment, Mistake]] as [Assignment, Mistake][])),
      ...(p.assignor === "roundrobin" || p.topics.length === 1 ? [] : ([[pooled(p), M.pooled]] as [Assignment, Mistake][])),
    ];
    if (p.ask === "owner") {
      const order = sortMembers(p.members);
      const next = order[(order.indexOf(p.member) + 1) % order.length];
      const prev = order[(order.indexOf(p.member) + order.length - 1) % order.length];
      const candidates: ChoiceOption[] = wrong.map(([w, m]) => ({ text: show(share(w, p.member)), mistake: m }));
      candidates.push({ text: show(share(a, next)), mistake: M.neighbour }, { text: show(share(a, prev)), mistake: M.neighbour });
      return { answer: choice(show(share(a, p.member)), candidates), steps };
    }
    const even = Math.round(total(p) / p.members.length);
    return {
      answer: numeric(share(a, p.member).length, "partitions", { abs: 0 }, [
        ...wrong.map(([w, m]) => ({ value: share(w, p.member).length, mistake: m })),
        { value: even, mistake: M.evenSplit },
      ]),
      steps,
    };
  }
  if (p.ask === "idle") {
    const a = exact(p.assignor) ? assign(p) : null;
    let value: number;
    if (a) {
      describe(p, a, steps);
      value = idle(a);
    } else {
      value = Math.max(0, p.members.length - total(p));
      steps.push(
        `${strategy(p.assignor)} balances all ${plural(total(p), "partition")} across the ${plural(p.members.length, "member")}, one partition per member at least while partitions last.`,
      );
    }
    steps.push(`${plural(value, "member")} ${value === 1 ? "gets" : "get"} nothing.`);
    const rr = Math.max(0, p.members.length - total(p));
    const rangeIdle = idle(range(p.topics, p.members));
    return {
      answer: numeric(value, "consumers", { abs: 0 }, [
        {
          value: p.assignor === "roundrobin" || !exact(p.assignor) ? rangeIdle : rr,
          mistake: exact(p.assignor) ? M.otherAssignor : M.pooled,
        },
        { value: 0, mistake: M.noIdle },
      ]),
      steps,
    };
  }
  // A member leaves.
  const leaver = p.member;
  const stay = p.members.filter((m) => m !== leaver);
  let before: number;
  let movedCount: number;
  if (exact(p.assignor)) {
    const a = assign(p);
    const b = assign(p, stay);
    describe(p, a, steps);
    before = share(a, leaver).length;
    movedCount = moved(a, b);
    steps.push(
      `Without ${leaver}, ${p.assignor === "roundrobin" ? "round-robin" : "range"} recomputes from scratch over ${stay.length} members, and ${plural(movedCount, "partition")} ${movedCount === 1 ? "changes" : "change"} owner.`,
    );
  } else {
    before = p.owned ?? 0;
    movedCount = before;
    steps.push(
      `${strategy(p.assignor)} keeps every partition where it is as long as the assignment stays balanced, so only ${leaver}'s ${plural(before, "partition")} move.`,
    );
  }
  const kept = total(p) - before;
  if (p.ask === "moved") {
    return {
      answer: numeric(movedCount, "partitions", { abs: 0 }, [
        { value: before, mistake: M.onlyLeaverMoves },
        { value: total(p), mistake: M.allMove },
      ]),
      steps,
    };
  }
  const revoked = eager(p.assignor) ? kept : 0;
  steps.push(
    eager(p.assignor)
      ? `The eager protocol makes every remaining member revoke all it owns before rejoining: ${plural(kept, "partition")}${p.assignor === "sticky" ? ", even though StickyAssignor hands most of them back" : ""}.`
      : "With the cooperative protocol the remaining members keep what they own and revoke nothing; the leaver's partitions are simply assigned.",
  );
  const wrong: { value: number; mistake: Mistake }[] = eager(p.assignor)
    ? [
        {
          value: 0,
          mistake:
            p.assignor === "sticky" ? M.stickyIsCooperative : p.assignor === "default" ? M.defaultIsCooperative : M.eagerIsCooperative,
        },
        { value: movedCount - before, mistake: M.eagerIsCooperative },
        { value: total(p), mistake: M.countedLeaver },
      ]
    : [
        { value: kept, mistake: M.cooperativeRevokesAll },
        { value: before, mistake: M.countedLeaver },
      ];
  return { answer: numeric(revoked, "partitions", { abs: 0 }, wrong), steps };
}

const TOPIC_NAMES = ["orders", "payments", "clicks", "shipments", "audit"];

function generate(seed: number, level: Level): AssignmentParams {
  const random = rng(hashSeed("consumer-assignment", seed));
  const twoTopics = level === "beginner" ? false : level === "intermediate" ? random() < 0.5 : true;
  const names = shuffle(TOPIC_NAMES, random).slice(0, twoTopics ? 2 : 1);
  const maxP = level === "beginner" ? 8 : 12;
  const topics = names.map((name) => ({ name, partitions: int(random, 2, maxP) }));
  const size = level === "beginner" ? int(random, 2, 6) : level === "intermediate" ? int(random, 2, 8) : int(random, 3, 12);
  const members = shuffle(
    Array.from({ length: size }, (_, i) => `c${i + 1}`),
    random,
  );
  const assignor: Assignor =
    level === "beginner" || level === "intermediate"
      ? pick(random, ["range", "roundrobin"])
      : level === "advanced"
        ? pick(random, ["range", "roundrobin", "default"])
        : pick(random, ["range", "roundrobin", "sticky", "cooperative-sticky", "default"]);
  const asks: AssignmentAsk[] =
    level === "beginner"
      ? ["count", "idle"]
      : level === "intermediate"
        ? ["owner", "count", "idle"]
        : level === "advanced"
          ? ["owner", "count", "idle", "moved"]
          : exact(assignor)
            ? ["revoked", "moved", "idle", "owner"]
            : ["revoked", "moved", "idle"];
  const ask = pick(random, asks);
  const member = pick(random, members);
  const p: AssignmentParams = { topics, members, assignor, ask, member };
  // An owner question needs shares that the mistakes tell apart; otherwise ask for the count.
  if (ask === "owner") {
    try {
      solve(p);
    } catch {
      p.ask = "count";
    }
  }
  if (!exact(assignor)) {
    const t = total(p);
    const per = Math.floor(t / size);
    const extra = t % size;
    p.owned = extra && random() < extra / size ? per + 1 : per;
  }
  return p;
}

function prompt(p: AssignmentParams): string {
  const topics = list(p.topics.map((t) => `${t.name} (${plural(t.partitions, "partition")})`));
  const lines = [
    `A consumer group subscribes to ${topics}.`,
    `Its members have ids ${list(p.members)}, all subscribed to the same topics, using the classic group protocol with partition.assignment.strategy=${strategy(p.assignor)}.`,
  ];
  if (p.ask === "owner") lines.push(`Which partitions does ${p.member} own?`);
  if (p.ask === "count") lines.push(`How many partitions does ${p.member} own?`);
  if (p.ask === "idle") lines.push("How many members get no partition at all?");
  if (p.ask === "revoked" || p.ask === "moved") {
    if (!exact(p.assignor)) lines.push(`The assignment is balanced, and ${p.member} owns ${plural(p.owned ?? 0, "partition")}.`);
    lines.push(
      p.ask === "revoked"
        ? `${p.member} leaves the group. In the rebalance that follows, how many partitions do the remaining members revoke in total?`
        : `${p.member} leaves the group. After the rebalance, how many partitions have a different owner than before?`,
    );
  }
  return lines.join(" ");
}

export const consumerAssignment: Family<AssignmentParams> = {
  id: "consumer-assignment",
  title: "Consumer-group partition assignment",
  topics: ["consumer-groups", "consumers"],
  levels: ["beginner", "intermediate", "advanced", "expert"],
  glossary: [
    "partition-assignment-strategy",
    "range-assignor",
    "round-robin-assignor",
    "sticky-assignor",
    "cooperative-sticky-assignor",
    "cooperative-rebalancing",
    "rebalancing",
    "consumer-group",
  ],
  sources: [SOURCES.assignmentStrategy, SOURCES.cooperative, SOURCES.sticky],
  generate,
  prompt,
  solve,
};
