import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { CliError } from "../errors.js";
import { buildExport } from "./exchange.js";
import { DamagedFileError, type LineCheck, type LineProblem, readJsonl, writeAtomic } from "./jsonl.js";
import { DEFAULT_SETTINGS, FILES, openStore, STORE_VERSION, type Store } from "./store.js";
import { attemptSchema, roundSchema } from "./types.js";

/** A file-name-safe timestamp: 2026-03-02T12-00-00-000Z. */
export function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, "-");
}

function zodCheck(schema: typeof attemptSchema | typeof roundSchema): LineCheck {
  return (value) => {
    const r = schema.safeParse(value);
    if (r.success) return undefined;
    const issue = r.error.issues[0];
    const where = issue.path.length ? `"${issue.path.join(".")}" ` : "";
    return `${where}${issue.message}`.trim();
  };
}

export interface FileReport {
  file: string;
  records: number;
  problems: LineProblem[];
  duplicates: number;
  backup?: string;
}

export interface DoctorReport {
  dir: string;
  settings: { ok: boolean; message?: string; backup?: string };
  files: FileReport[];
  removedTempFiles: number;
  rebuilt: number;
}

/** Keeps every readable line, sets the damaged file aside as a backup, and rewrites the rest atomically. */
function repairHistory(file: string, check: LineCheck, now: Date): FileReport {
  const { records, problems } = readJsonl<{ id: string }>(file, check);
  const seen = new Set<string>();
  const kept = records.filter((r) => {
    if (seen.has(r.id)) return false;
    seen.add(r.id);
    return true;
  });
  const report: FileReport = { file, records: kept.length, problems, duplicates: records.length - kept.length };
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  if (!problems.length && !report.duplicates && (text === "" || text.endsWith("\n"))) return report;
  report.backup = `${file}.damaged-${stamp(now)}`;
  copyFileSync(file, report.backup);
  writeAtomic(file, kept.length ? `${kept.map((r) => JSON.stringify(r)).join("\n")}\n` : "", true);
  return report;
}

/** `kafka-prep doctor`: check every store file, repair what can be repaired, never delete anything. */
export function repair(dir: string, now = new Date()): DoctorReport {
  mkdirSync(dir, { recursive: true });
  const settingsFile = join(dir, FILES.settings);
  const report: DoctorReport = { dir, settings: { ok: true }, files: [], removedTempFiles: 0, rebuilt: 0 };

  let store: Store;
  try {
    store = openStore(dir);
    // Reading the settings checks their values as well as their JSON.
    if (!store.settings) throw new CliError(`${settingsFile} could not be read.`);
  } catch (err) {
    if (!(err instanceof CliError) || /newer kafka-prep/.test(err.message)) throw err;
    // Damaged settings: keep a copy, start again from the defaults (the history is untouched).
    const backup = `${settingsFile}.damaged-${stamp(now)}`;
    renameSync(settingsFile, backup);
    writeAtomic(settingsFile, JSON.stringify({ ...DEFAULT_SETTINGS, storeVersion: STORE_VERSION }, undefined, "\t"), true);
    report.settings = { ok: false, message: err.message.split("\n")[0], backup };
    store = openStore(dir);
  }

  store.locked(() => {
    report.files.push(repairHistory(store.files.attempts, zodCheck(attemptSchema), now));
    report.files.push(repairHistory(store.files.rounds, zodCheck(roundSchema), now));
    // Temp files are what a crash mid-write leaves behind; the real files were never touched.
    for (const name of readdirSync(dir)) {
      if (!name.endsWith(".tmp")) continue;
      const p = join(dir, name);
      if (Date.now() - statSync(p).mtimeMs > 60_000) {
        rmSync(p, { force: true });
        report.removedTempFiles++;
      }
    }
  });
  report.rebuilt = store.rebuild().summary.attempts;
  return report;
}

export interface ResetResult {
  backupDir: string;
  exportFile?: string;
  moved: string[];
}

/** Moves the history and derived state into backups/reset-<time>/; settings stay. */
export function reset(dir: string, now = new Date()): ResetResult {
  const store = openStore(dir);
  const backupDir = join(dir, FILES.backups, `reset-${stamp(now)}`);
  return store.locked(() => {
    mkdirSync(backupDir, { recursive: true });
    const result: ResetResult = { backupDir, moved: [] };
    try {
      const exportFile = join(backupDir, "progress.json");
      writeAtomic(exportFile, `${JSON.stringify(buildExport(store, now), null, 2)}\n`, true);
      result.exportFile = exportFile;
    } catch (err) {
      // A damaged history is still moved aside as it is; doctor can read it from there.
      if (!(err instanceof DamagedFileError)) throw err;
    }
    for (const file of [store.files.attempts, store.files.rounds, store.files.derived]) {
      if (!existsSync(file)) continue;
      renameSync(file, join(backupDir, basename(file)));
      result.moved.push(basename(file));
    }
    if (!result.moved.length) {
      rmSync(backupDir, { recursive: true, force: true });
      result.exportFile = undefined;
    }
    return result;
  });
}
