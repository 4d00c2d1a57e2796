// Delivery semantics on the consumer side: where the committed offset stands when the consumer crashes.
// The Java consumer auto-commits inside poll() (ConsumerCoordinator.maybeAutoCommitOffsetsAsync, before fetching):
// once auto.commit.interval.ms has passed since the last commit it commits the position, which covers every record
// returned by earlier polls, and restarts the interval. After a crash the group resumes at the committed offset.
import type { Level } from "../bank/constants.js";
import { hashSeed, rng } from "../quiz/random.js";
import { fmt, int, mistake, numeric, pick, plural } from "./core.js";
import { SOURCES } from "./sources.js";
import type { Family, Mistake, Solution } from "./types.js";

export type CommitMode = "commit-after" | "commit-before" | "auto" | "auto-async";

export interface DeliveryParams {
  mode: CommitMode;
  /** Records each poll() returns (max.poll.records, with a backlog). */
  batch: number;
  /** Time from one poll() to the next: processing the batch, or for auto-async only handing it off. */
  pollMs: number;
  /** auto.commit.interval.ms */
  interval: number;
  /** The crash happens during the k-th batch (1-based) ... */
  crashBatch: number;
  /** ... after this many of its records were processed (auto-async: after the k-th poll returned). */
  crashAfter: number;
  /** auto-async: how many records the worker thread had finished at the crash. */
  workerDone: number;
  ask: "duplicates" | "lost";
}

const M = {
  wallClock: mistake("auto-commit-wall-clock", "Assumed auto-commit fires on a timer; the Java consumer commits only inside poll()"),
  perRecord: mistake("auto-commit-per-record", "Assumed auto-commit commits each record as soon as it is processed"),
  returnedBatch: mistake(
    "auto-commit-includes-returned",
    "Assumed a poll() commits the batch it returns; it commits what earlier polls returned",
  ),
  fromStart: mistake("restart-from-zero", "Assumed the consumer restarts from the first offset instead of the committed one"),
  afterIsExact: mistake(
    "commit-after-exactly-once",
    "Assumed committing after processing is exactly-once; a crash before the commit replays the batch",
  ),
  beforeIsSafe: mistake(
    "commit-before-at-least-once",
    "Assumed committing before processing is at-least-once; records after the commit are skipped",
  ),
  asyncProcessed: mistake(
    "auto-commit-waits-for-worker",
    "Assumed auto-commit waits for the worker thread; it commits what poll() returned",
  ),
  wholeBatch: mistake("whole-batch", "Counted the whole batch instead of the records processed before the crash"),
};

/** Offsets committed by auto-commit up to and including the k-th poll. */
function autoCommitted(p: DeliveryParams, steps?: string[]): number {
  let deadline = p.interval;
  let committed = 0;
  let last = 0;
  for (let n = 1; n <= p.crashBatch; n++) {
    const t = (n - 1) * p.pollMs;
    if (t >= deadline) {
      committed = (n - 1) * p.batch;
      deadline = t + p.interval;
      steps?.push(
        `poll() #${n} at ${fmt(t)} ms: ${fmt(t - last)} ms have passed since ${last ? "the last commit" : "the consumer started"}, at least auto.commit.interval.ms=${fmt(p.interval, 0).replace(/,/g, "")}, so it commits the position, offset ${fmt(committed)}.`,
      );
      last = t;
    }
  }
  if (committed === 0)
    steps?.push(
      `No poll() ran ${fmt(p.interval)} ms or more after the consumer started, so nothing was committed: the restart begins at offset 0.`,
    );
  return committed;
}

/** Wrong rule: commits at every multiple of the interval, of everything returned so far. */
function wallClockCommitted(p: DeliveryParams): number {
  const crashAt = (p.crashBatch - 1) * p.pollMs + (p.mode === "auto" ? (p.crashAfter * p.pollMs) / p.batch : 0);
  const tick = Math.floor(crashAt / p.interval) * p.interval;
  if (tick <= 0) return 0;
  return (Math.floor(tick / p.pollMs) + 1) * p.batch;
}

function returnedCommitted(p: DeliveryParams): number {
  let deadline = p.interval;
  let committed = 0;
  for (let n = 1; n <= p.crashBatch; n++) {
    const t = (n - 1) * p.pollMs;
    if (t >= deadline) {
      committed = n * p.batch;
      deadline = t + p.interval;
    }
  }
  return committed;
}

const processed = (p: DeliveryParams) => (p.mode === "auto-async" ? p.workerDone : (p.crashBatch - 1) * p.batch + p.crashAfter);

function counts(p: DeliveryParams, committed: number) {
  const done = processed(p);
  return { duplicates: Math.max(0, done - committed), lost: Math.max(0, committed - done) };
}

function solve(p: DeliveryParams): Solution {
  const steps: string[] = [];
  let committed: number;
  const wrong: { value: number; mistake: Mistake }[] = [];
  const pickAsk = (c: { duplicates: number; lost: number }) => (p.ask === "duplicates" ? c.duplicates : c.lost);
  if (p.mode === "commit-after") {
    committed = (p.crashBatch - 1) * p.batch;
    steps.push(`commitSync() runs after each batch, so the last commit is the end of batch ${p.crashBatch - 1}: offset ${fmt(committed)}.`);
    wrong.push({ value: 0, mistake: M.afterIsExact }, { value: p.batch, mistake: M.wholeBatch });
  } else if (p.mode === "commit-before") {
    committed = p.crashBatch * p.batch;
    steps.push(
      `commitSync() runs right after each poll(), before processing, so offset ${fmt(committed)} is committed while batch ${p.crashBatch} is still being processed.`,
    );
    wrong.push({ value: p.ask === "lost" ? 0 : p.crashAfter, mistake: M.beforeIsSafe }, { value: p.batch, mistake: M.wholeBatch });
  } else {
    committed = autoCommitted(p, steps);
    wrong.push(
      { value: pickAsk(counts(p, wallClockCommitted(p))), mistake: M.wallClock },
      { value: pickAsk(counts(p, returnedCommitted(p))), mistake: M.returnedBatch },
      {
        value: p.mode === "auto-async" ? pickAsk(counts(p, p.workerDone)) : 0,
        mistake: p.mode === "auto-async" ? M.asyncProcessed : M.perRecord,
      },
    );
  }
  wrong.push({ value: pickAsk(counts(p, 0)), mistake: M.fromStart });
  const c = counts(p, committed);
  const done = processed(p);
  steps.push(
    `${plural(done, "record")} had been processed (offsets 0 to ${fmt(done - 1)}), and the group resumes at offset ${fmt(committed)}.`,
  );
  steps.push(
    p.ask === "duplicates"
      ? `${plural(c.duplicates, "record")} between the committed offset and the crash ${c.duplicates === 1 ? "is" : "are"} processed again.`
      : `${plural(c.lost, "record")} below the committed offset ${c.lost === 1 ? "was" : "were"} never processed and ${c.lost === 1 ? "is" : "are"} skipped.`,
  );
  return { answer: numeric(pickAsk(c), "records", { abs: 0 }, wrong), steps };
}

function generate(seed: number, level: Level): DeliveryParams {
  const random = rng(hashSeed("delivery-semantics", seed));
  const batch = pick(random, [100, 200, 250, 500]);
  const mode: CommitMode =
    level === "beginner"
      ? pick(random, ["commit-after", "commit-before"])
      : level === "expert"
        ? pick(random, ["auto", "auto-async"])
        : "auto";
  const interval = level === "intermediate" ? 5000 : pick(random, [1000, 2000, 5000]);
  const pollMs =
    mode === "auto-async"
      ? pick(random, [50, 100, 200])
      : level === "intermediate"
        ? pick(random, [1000, 2000, 2500])
        : pick(random, [300, 700, 1200, 1500, 3000]);
  const crashBatch = int(random, 2, Math.max(3, Math.ceil((4 * interval) / pollMs)));
  const crashAfter = int(random, 1, batch - 1);
  const received = crashBatch * batch;
  const workerDone = mode === "auto-async" ? int(random, Math.floor(received / 4), received - 1) : 0;
  const ask =
    mode === "commit-before"
      ? pick(random, ["lost", "duplicates"] as const)
      : mode === "auto-async"
        ? pick(random, ["lost", "duplicates"] as const)
        : "duplicates";
  return { mode, batch, pollMs, interval, crashBatch, crashAfter, workerDone, ask };
}

function prompt(p: DeliveryParams): string {
  const lines = [
    `A Java consumer (classic protocol) starts a new group with auto.offset.reset=earliest on a one-partition topic whose backlog begins at offset 0; every poll() returns ${p.batch} records.`,
  ];
  if (p.mode === "commit-after") lines.push("enable.auto.commit=false, and the loop calls commitSync() after it has processed each batch.");
  if (p.mode === "commit-before")
    lines.push("enable.auto.commit=false, and the loop calls commitSync() right after poll() returns, before processing the batch.");
  if (p.mode === "auto" || p.mode === "auto-async")
    lines.push(
      `enable.auto.commit=true with auto.commit.interval.ms=${p.interval}; the consumer is created and polls for the first time at 0 ms.`,
    );
  if (p.mode === "auto") lines.push(`Processing a batch takes ${fmt(p.pollMs)} ms, and the loop calls poll() again as soon as it is done.`);
  if (p.mode === "auto-async")
    lines.push(
      `The loop hands each batch to a worker thread and calls poll() again ${fmt(p.pollMs)} ms later, without waiting for the worker.`,
    );
  if (p.mode === "auto-async")
    lines.push(
      `Right after poll() #${p.crashBatch} returns, the process crashes; the worker had finished ${plural(p.workerDone, "record")} (offsets 0 to ${fmt(p.workerDone - 1)}).`,
    );
  else
    lines.push(`The process crashes after processing ${plural(p.crashAfter, "record")} of the batch returned by poll() #${p.crashBatch}.`);
  lines.push(
    "Commits succeed at once, and the restarted consumer resumes at the group's committed offset, or at offset 0 (earliest) if nothing was committed.",
  );
  lines.push(p.ask === "duplicates" ? "How many records are processed a second time?" : "How many records are never processed?");
  return lines.join(" ");
}

export const delivery: Family<DeliveryParams> = {
  id: "delivery-semantics",
  title: "Consumer commits, crashes and delivery semantics",
  topics: ["delivery-semantics", "offsets", "consumers"],
  levels: ["beginner", "intermediate", "advanced", "expert"],
  glossary: ["enable-auto-commit", "auto-commit-interval-ms", "committed-offset", "at-least-once", "at-most-once", "delivery-semantics"],
  sources: [SOURCES.semantics, SOURCES.autoCommit, SOURCES.consumerPosition],
  generate,
  prompt,
  solve,
};
