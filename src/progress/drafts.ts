// An exam holds its answers until it is submitted. Its draft, saved after every change, keeps them through a crash
// or a kill -9: the next quiz or exam records what a draft of a process that is gone holds.
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { readSmall, writeAtomic } from "./files.js";
import { alive } from "./lock.js";

export interface DraftSlot {
  /** The question's id; a scenario's is its instance id (`family#seed`). */
  id: string;
  answer?: string | string[] | boolean;
  seen: boolean;
  flagged: boolean;
  ms: number;
}

export interface ExamDraft {
  version: 1;
  roundId: string;
  pid: number;
  /** Epoch milliseconds. */
  startedAt: number;
  /** When it was saved last: the time its answers are recorded with. */
  savedAt: number;
  recallPass: number;
  slots: DraftSlot[];
}

/** Where a store keeps its exam drafts. */
export const draftsDir = (dir: string) => join(dir, "exams");
/** Far more than an exam of long open answers takes. */
const MAX_DRAFT_BYTES = 8 * 1024 * 1024;
const fileOf = (dir: string, roundId: string) => join(draftsDir(dir), `${roundId}.json`);

export function saveDraft(dir: string, draft: ExamDraft): void {
  mkdirSync(draftsDir(dir), { recursive: true });
  writeAtomic(fileOf(dir, draft.roundId), JSON.stringify(draft));
}

export function dropDraft(dir: string, roundId: string): void {
  rmSync(fileOf(dir, roundId), { force: true });
}

/** A time a Date can hold, from 1970 on. */
const isEpochTime = (t: unknown): t is number => typeof t === "number" && t >= 0 && t <= 8.64e15;

const isDraft = (d: Partial<ExamDraft> | null): d is ExamDraft =>
  d?.version === 1 &&
  typeof d.roundId === "string" &&
  typeof d.pid === "number" &&
  isEpochTime(d.startedAt) &&
  isEpochTime(d.savedAt) &&
  typeof d.recallPass === "number" &&
  d.recallPass >= 0 &&
  d.recallPass <= 1 &&
  Array.isArray(d.slots) &&
  d.slots.every((s) => typeof s?.id === "string" && typeof s.ms === "number" && s.ms >= 0 && Number.isFinite(s.ms));

/** The drafts whose exam is no longer running: left by a process that died before it could record them. */
export function orphanedDrafts(dir: string): ExamDraft[] {
  let names: string[];
  try {
    names = readdirSync(draftsDir(dir)).filter((n) => n.endsWith(".json"));
  } catch {
    return [];
  }
  const out: ExamDraft[] = [];
  for (const name of names) {
    try {
      // A regular file of a draft's size only: a pipe named like one would block the read for good.
      const d = JSON.parse(readSmall(join(draftsDir(dir), name), MAX_DRAFT_BYTES)?.toString("utf8") ?? "null") as Partial<ExamDraft> | null;
      if (isDraft(d) && `${d.roundId}.json` === name && d.pid !== process.pid && !alive(d.pid)) out.push(d);
    } catch {
      // Unreadable: left as it is rather than guessed at.
    }
  }
  return out;
}
