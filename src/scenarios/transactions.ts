// Transactions in one partition: control markers, the last stable offset and isolation.level.
// Every COMMIT or ABORT marker is a control record that takes an offset but is never returned to the application.
// The last stable offset (LSO) is the first offset of the earliest still-open transaction, or the high watermark when
// none is open; read_committed consumers read only below it and skip aborted records (KIP-98).
import type { Level } from "../bank/constants.js";
import { hashSeed, rng } from "../quiz/random.js";
import { int, list, mistake, numeric, pick, plural, range } from "./core.js";
import { SOURCES } from "./sources.js";
import type { Family, Mistake, Solution } from "./types.js";

export type TxEvent =
  | { kind: "send"; producer: string; records: number; transactional: boolean }
  | { kind: "commit" | "abort"; producer: string };

export interface TransactionsParams {
  events: TxEvent[];
  isolation: "read_committed" | "read_uncommitted";
  ask: "records" | "lso";
}

interface Entry {
  offset: number;
  producer: string;
  marker: boolean;
  /** The transaction it belongs to, numbered per log; -1 for a record outside any transaction. */
  tx: number;
}

export interface LogState {
  entries: Entry[];
  outcome: Map<number, "commit" | "abort" | "open">;
  highWatermark: number;
  lso: number;
}

/** Lays the events out as offsets, with one offset per marker (or none, for the mistaken rule). */
export function layout(events: readonly TxEvent[], markersTakeOffsets = true): LogState {
  const entries: Entry[] = [];
  const outcome = new Map<number, "commit" | "abort" | "open">();
  const open = new Map<string, number>();
  let next = 0;
  let txCount = 0;
  for (const e of events) {
    if (e.kind === "send") {
      let tx = -1;
      if (e.transactional) {
        if (!open.has(e.producer)) {
          open.set(e.producer, txCount);
          outcome.set(txCount++, "open");
        }
        tx = open.get(e.producer) ?? -1;
      }
      for (let i = 0; i < e.records; i++) entries.push({ offset: next++, producer: e.producer, marker: false, tx });
    } else {
      const tx = open.get(e.producer);
      if (tx === undefined) continue;
      outcome.set(tx, e.kind);
      open.delete(e.producer);
      if (markersTakeOffsets) entries.push({ offset: next++, producer: e.producer, marker: true, tx });
    }
  }
  const firstOpen = entries.find((x) => x.tx >= 0 && outcome.get(x.tx) === "open");
  return { entries, outcome, highWatermark: next, lso: firstOpen ? firstOpen.offset : next };
}

const M = {
  markersCounted: mistake("markers-counted", "Counted the commit and abort markers as records; the consumer never returns them"),
  abortedVisible: mistake("aborted-visible", "Let read_committed return records of aborted transactions"),
  pastOpen: mistake("read-past-open-transaction", "Let read_committed read past an open transaction; it stops at the last stable offset"),
  uncommittedFilters: mistake(
    "read-uncommitted-filters",
    "Assumed read_uncommitted hides aborted or open transactions; it returns every record",
  ),
  lsoAtHw: mistake("lso-is-high-watermark", "Put the last stable offset at the high watermark, ignoring the open transaction"),
  lsoAfterCommit: mistake("lso-after-last-marker", "Put the last stable offset right after the last commit or abort marker"),
  markersNoOffset: mistake("markers-take-no-offset", "Forgot that each commit or abort marker takes an offset"),
  lsoAtOpenEnd: mistake("lso-at-open-end", "Put the last stable offset after the open transaction's records instead of at its first one"),
};

interface Rules {
  markersCounted?: boolean;
  abortedVisible?: boolean;
  pastOpen?: boolean;
  filter?: boolean;
}

function readable(s: LogState, isolation: TransactionsParams["isolation"], r: Rules = {}): number {
  const committedView = isolation === "read_committed" || r.filter;
  return s.entries.filter((e) => {
    if (e.marker) return !!r.markersCounted;
    if (!committedView) return true;
    if (e.offset >= s.lso && !r.pastOpen) return false;
    if (e.tx < 0) return true;
    const o = s.outcome.get(e.tx);
    return o === "commit" || (o === "abort" && !!r.abortedVisible);
  }).length;
}

function solve(p: TransactionsParams): Solution {
  const steps: string[] = [];
  const s = layout(p.events);
  const markers = s.entries.filter((e) => e.marker);
  const describeTx = [...s.outcome].map(([tx, o]) => {
    const first = s.entries.find((e) => e.tx === tx);
    return `${first?.producer}'s transaction from offset ${first?.offset} is ${o === "open" ? "still open" : o === "commit" ? "committed" : "aborted"}`;
  });
  steps.push(
    `Laid out with one offset per record and per marker, the log ends at offset ${s.highWatermark - 1}: ${plural(s.highWatermark - markers.length, "record")} and ${plural(markers.length, "marker")}.`,
  );
  if (describeTx.length) steps.push(`${list(describeTx)}.`.replace(/^./, (c) => c.toUpperCase()));
  const open = [...s.outcome.values()].includes("open");
  steps.push(
    open
      ? `The last stable offset is the first offset of the earliest open transaction: ${s.lso}.`
      : `No transaction is open, so the last stable offset equals the high watermark, ${s.highWatermark}.`,
  );
  if (p.ask === "lso") {
    const noMarkers = layout(p.events, false);
    const lastMarker = markers.length ? markers[markers.length - 1].offset + 1 : 0;
    const openEntries = s.entries.filter((e) => e.tx >= 0 && s.outcome.get(e.tx) === "open");
    const firstOpenTx = openEntries[0]?.tx;
    const openEnd = openEntries.filter((e) => e.tx === firstOpenTx).pop();
    return {
      answer: numeric(s.lso, "offset", { abs: 0 }, [
        { value: s.highWatermark, mistake: M.lsoAtHw },
        { value: lastMarker, mistake: M.lsoAfterCommit },
        { value: noMarkers.lso, mistake: M.markersNoOffset },
        { value: openEnd ? openEnd.offset + 1 : Number.NaN, mistake: M.lsoAtOpenEnd },
      ]),
      steps,
    };
  }
  const value = readable(s, p.isolation);
  steps.push(
    p.isolation === "read_committed"
      ? `read_committed returns, below offset ${s.lso}, the records outside transactions and those of committed transactions: ${value}.`
      : `read_uncommitted returns every record up to the high watermark, committed, aborted or open, but never the markers: ${value}.`,
  );
  const wrong: { value: number; mistake: Mistake }[] = [
    { value: readable(s, p.isolation, { markersCounted: true }), mistake: M.markersCounted },
  ];
  if (p.isolation === "read_committed")
    wrong.push(
      { value: readable(s, p.isolation, { abortedVisible: true }), mistake: M.abortedVisible },
      { value: readable(s, p.isolation, { pastOpen: true }), mistake: M.pastOpen },
    );
  else wrong.push({ value: readable(s, p.isolation, { filter: true }), mistake: M.uncommittedFilters });
  return { answer: numeric(value, "records", { abs: 0 }, wrong), steps };
}

function generate(seed: number, level: Level): TransactionsParams {
  const random = rng(hashSeed("transactions", seed));
  const producers = level === "beginner" ? ["P1"] : ["P1", "P2"];
  const plain = level === "advanced" || level === "expert";
  const n = level === "beginner" ? 4 : level === "intermediate" ? 6 : int(random, 7, 10);
  const events: TxEvent[] = [];
  const open = new Set<string>();
  for (const _ of range(n)) {
    const who = pick(random, producers);
    const roll = random();
    if (plain && roll < 0.15) events.push({ kind: "send", producer: "P3", records: int(random, 1, 2), transactional: false });
    else if (open.has(who) && roll < 0.55) {
      events.push({ kind: random() < 0.6 ? "commit" : "abort", producer: who });
      open.delete(who);
    } else {
      events.push({ kind: "send", producer: who, records: int(random, 1, 3), transactional: true });
      open.add(who);
    }
  }
  // Beginners see every transaction finished; later levels may leave one open.
  if (level === "beginner" || level === "intermediate")
    for (const who of open) events.push({ kind: pick(random, ["commit", "abort"] as const), producer: who });
  const isolation =
    level === "beginner" ? "read_committed" : pick(random, ["read_committed", "read_committed", "read_uncommitted"] as const);
  const ask = level === "advanced" || level === "expert" ? pick(random, ["records", "lso"] as const) : "records";
  return { events, isolation, ask };
}

function prompt(p: TransactionsParams): string {
  const said = p.events.map((e) => {
    if (e.kind !== "send") return `${e.producer} ${e.kind === "commit" ? "commits" : "aborts"}`;
    return e.transactional
      ? `${e.producer} sends ${plural(e.records, "record")} in its transaction`
      : `${e.producer} sends ${plural(e.records, "record")} without a transaction`;
  });
  const tx = [...new Set(p.events.filter((e) => e.kind !== "send" || e.transactional).map((e) => e.producer))];
  const lines = [
    `Producers write to one empty partition, in this order: ${said.join("; ")}.`,
    `${list(tx)} ${tx.length === 1 ? "is a transactional producer" : "are transactional producers"}; a send in a transaction begins one when none is open.`,
    "Every record is replicated, so the high watermark is the log end offset.",
  ];
  lines.push(
    p.ask === "lso"
      ? "Where is the partition's last stable offset?"
      : `A consumer with isolation.level=${p.isolation} reads the partition from offset 0 and keeps polling while nothing more is written. How many records do its polls return in all?`,
  );
  return lines.join(" ");
}

export const transactions: Family<TransactionsParams> = {
  id: "transactions",
  title: "Transactions, control markers and the last stable offset",
  topics: ["transactions", "delivery-semantics"],
  levels: ["beginner", "intermediate", "advanced", "expert"],
  glossary: ["transactions", "isolation-level", "last-stable-offset", "control-records", "high-watermark", "transactional-id"],
  sources: [SOURCES.kip98, SOURCES.isolation, SOURCES.semantics],
  generate,
  prompt,
  solve,
};
