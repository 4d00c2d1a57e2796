import { readFileSync } from "node:fs";
import { z } from "zod";
import { CliError } from "../errors.js";
import { appendLines, jsonErrorLine } from "./jsonl.js";
import { appVersion, type Store } from "./store.js";
import { type Attempt, attemptSchema, type Round, roundSchema } from "./types.js";

export const EXPORT_FORMAT = "kafka-prep-progress";
/** Raise with a conversion in parseExport when the document changes shape. */
export const EXPORT_VERSION = 1;

export const exportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int().min(1),
  exportedAt: z.string().datetime(),
  app: z.string().optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  attempts: z.array(attemptSchema),
  rounds: z.array(roundSchema).default([]),
});
export type ProgressExport = z.infer<typeof exportSchema>;

export function buildExport(store: Store, now = new Date()): ProgressExport {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    app: appVersion(),
    settings: { ...store.settings },
    attempts: store.attempts(),
    rounds: store.rounds(),
  };
}

function issuePath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("") || "(top level)";
}

/** Reads and validates an exported file; every problem is a CliError naming the file, nothing is written. */
export function parseExport(file: string): ProgressExport {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new CliError(
      `Cannot read ${file}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const line = jsonErrorLine(text, err);
    throw new CliError(
      `${file}${line ? `:${line}` : ""}: not valid JSON. Nothing was imported; use a file written by "kafka-prep export".`,
    );
  }
  const head = value as { format?: unknown; version?: unknown } | null;
  if (!head || typeof head !== "object" || head.format !== EXPORT_FORMAT) {
    throw new CliError(`${file}: not a kafka-prep progress export (expected "format": "${EXPORT_FORMAT}"). Nothing was imported.`);
  }
  if (typeof head.version === "number" && head.version > EXPORT_VERSION) {
    throw new CliError(
      `${file} was written by a newer kafka-prep (export version ${head.version}; this one reads up to ${EXPORT_VERSION}). Nothing was imported; update kafka-prep first.`,
    );
  }
  const parsed = exportSchema.safeParse(value);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 10).map((i) => `  ${issuePath(i.path)}: ${i.message}`);
    if (parsed.error.issues.length > 10) lines.push(`  … and ${parsed.error.issues.length - 10} more`);
    throw new CliError(`${file} is not a valid progress export:\n${lines.join("\n")}\nNothing was imported.`);
  }
  return parsed.data;
}

export interface ImportResult {
  attemptsAdded: number;
  attemptsSkipped: number;
  roundsAdded: number;
  roundsSkipped: number;
}

/** Merges an export into the store: attempts and rounds whose id is already there are skipped. */
export function importInto(store: Store, doc: ProgressExport): ImportResult {
  return store.locked(() => {
    const haveAttempts = new Set(store.attempts().map((a) => a.id));
    const haveRounds = new Set(store.rounds().map((r) => r.id));
    const newAttempts: Attempt[] = [];
    for (const a of doc.attempts) {
      if (haveAttempts.has(a.id)) continue;
      haveAttempts.add(a.id);
      newAttempts.push(a);
    }
    const newRounds: Round[] = [];
    for (const r of doc.rounds) {
      if (haveRounds.has(r.id)) continue;
      haveRounds.add(r.id);
      newRounds.push(r);
    }
    appendLines(
      store.files.attempts,
      newAttempts.map((a) => JSON.stringify(a)),
    );
    appendLines(
      store.files.rounds,
      newRounds.map((r) => JSON.stringify(r)),
    );
    return {
      attemptsAdded: newAttempts.length,
      attemptsSkipped: doc.attempts.length - newAttempts.length,
      roundsAdded: newRounds.length,
      roundsSkipped: doc.rounds.length - newRounds.length,
    };
  });
}

export function importFile(store: Store, file: string): ImportResult {
  const doc = parseExport(file);
  const result = importInto(store, doc);
  // Imported attempts may be older than the ones here, so the schedule is replayed in time order.
  if (result.attemptsAdded) store.rebuild();
  return result;
}
