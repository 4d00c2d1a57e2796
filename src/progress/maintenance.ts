// doctor and reset. Both stream the history, never hold it in memory, and never drop a line without keeping it:
// doctor copies the file as it was to a backup before it replaces it, and replays whatever was appended while it
// worked before the replacement goes in.
import { closeSync, existsSync, fstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { draftsDir, orphanedDrafts } from "./drafts.js";
import { DamagedFileError, guard, type LineProblem, LockLostError, NewerVersionError } from "./errors.js";
import { exportTo } from "./exchange.js";
import {
  AtomicFile,
  copyRange,
  endsLine,
  forEachLine,
  type Line,
  lastByte,
  openForRead,
  realPath,
  replaceFile,
  sizeOf,
  type Writer,
} from "./files.js";
import { IdSet, judge } from "./history.js";
import { alive, type LockHolder, tempPid } from "./lock.js";
import { capAnswer, checkAttempt, checkRound, type LineCheck, MAX_LINE_BYTES } from "./records.js";
import {
  defaultSettingsFile,
  readSettingsFile,
  repairedSettings,
  type SettingProblem,
  settingsProblems,
  writeSettings,
} from "./settings.js";
import { ensureFolder, FILES, openStore, stamp } from "./store.js";

export { stamp };

export interface FileReport {
  file: string;
  records: number;
  problems: LineProblem[];
  /** All damaged lines, when there were more than `problems` lists. */
  problemCount: number;
  duplicates: number;
  /** A last line cut off mid-write, set aside. */
  cutOff?: LineProblem;
  /** Records kept with their answer shortened to the limit. */
  shortened: number;
  /** A byte-order mark removed from line 1. */
  bom: boolean;
  /** Lines appended by another process while doctor worked, carried over. */
  appendedMeanwhile: number;
  backup?: string;
}

export interface DoctorReport {
  dir: string;
  settings: {
    ok: boolean;
    /** What was wrong: the problems found, each naming the setting or the line. */
    problems?: { key?: string; line?: number; message: string }[];
    /** Settings reset to their defaults (the others were kept). */
    reset?: string[];
    backup?: string;
  };
  files: FileReport[];
  removedTempFiles: number;
  /** Exams whose process died before recording their answers; the next quiz or check records them. */
  examDrafts?: number;
  rebuilt: number;
}

/** Test seams: `beforeReplace` runs after a file was read and copied, just before it is replaced. */
export interface RepairHooks {
  beforeReplace?: (file: string) => void;
}

interface Decision {
  drop: Set<number>;
  fix: Map<number, string>;
}

/** A record whose only fault is an answer over the limit, shortened; undefined otherwise. */
function rescue(line: Line, check: LineCheck): string | undefined {
  if (line.tooLong) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line.bytes.toString("utf8"));
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || !("answer" in value)) return undefined;
  const fixed = { ...(value as Record<string, unknown>), answer: capAnswer((value as { answer: unknown }).answer) };
  return check(fixed) ? undefined : JSON.stringify(fixed);
}

/** Judges the lines of [from, to) of an open file, deciding what to keep, fix and drop. */
function judgeRange(
  fd: number,
  path: string,
  check: LineCheck,
  ids: IdSet,
  range: { from: number; to: number; firstLine: number },
  report: FileReport,
  decision: Decision,
  lock: LockHolder,
): number {
  let next = range.firstLine;
  forEachLine(fd, path, { from: range.from, to: range.to, firstLine: range.firstLine, maxLine: MAX_LINE_BYTES }, (line) => {
    lock.heartbeat();
    next = line.number + 1;
    if (line.bom) report.bom = true;
    let verdict = judge(line, check);
    if (!verdict.ok && verdict.problem && !verdict.cutOff) {
      const fixed = rescue(line, check);
      if (fixed) {
        const v = JSON.parse(fixed) as { id: string };
        if (ids.add(v.id)) {
          decision.fix.set(line.number, fixed);
          report.shortened++;
          report.records++;
        } else {
          decision.drop.add(line.number);
          report.duplicates++;
        }
        return;
      }
    }
    if (verdict.ok && !ids.add(verdict.value.id)) verdict = { ok: false, duplicate: true };
    if (verdict.ok) {
      report.records++;
      return;
    }
    decision.drop.add(line.number);
    if (verdict.blank) return;
    if (verdict.duplicate) report.duplicates++;
    else if (verdict.cutOff) report.cutOff = { file: path, line: line.number, message: verdict.problem ?? "cut off" };
    else {
      report.problemCount++;
      if (report.problems.length < 100) report.problems.push({ file: path, line: line.number, message: verdict.problem ?? "" });
    }
  });
  return next;
}

/** Writes the kept lines of [from, to) to `out`. */
function copyKept(fd: number, path: string, range: { from: number; to: number; firstLine: number }, decision: Decision, out: Writer): void {
  forEachLine(fd, path, { from: range.from, to: range.to, firstLine: range.firstLine, maxLine: MAX_LINE_BYTES }, (line) => {
    if (decision.drop.has(line.number)) return;
    const fixed = decision.fix.get(line.number);
    if (fixed !== undefined) out.write(`${fixed}\n`);
    else {
      out.writeBytes(line.bytes);
      out.write("\n");
    }
  });
}

/** Keeps every readable line, sets the file as it was aside as a backup, and replaces it atomically (through a
 * symlink, so a linked history stays linked). Lines appended meanwhile are carried over before the replacement. */
function repairHistory(file: string, check: LineCheck, now: Date, lock: LockHolder, hooks: RepairHooks): FileReport {
  const report = fileReport(file, 0);
  const path = realPath(file);
  const fd = openForRead(path);
  if (fd === undefined) return report;
  try {
    const ino = fstatSync(fd).ino;
    let size = sizeOf(fd);
    const ids = new IdSet();
    const decision: Decision = { drop: new Set(), fix: new Map() };
    let nextLine = judgeRange(fd, path, check, ids, { from: 0, to: size, firstLine: 1 }, report, decision, lock);
    const unterminated = size > 0 && !endsLine(lastByte(fd));
    const damaged = report.problemCount > 0 || report.duplicates > 0 || report.cutOff !== undefined || report.shortened > 0;
    if (!damaged && !report.bom && !unterminated) return report;

    report.backup = `${file}.damaged-${stamp(now)}`;
    const backup = new AtomicFile(report.backup);
    const out = new AtomicFile(file);
    try {
      copyRange(fd, path, size, backup.out);
      copyKept(fd, path, { from: 0, to: size, firstLine: 1 }, decision, out.out);
      // Another writer may have appended while this one read: carry its lines over until nothing more comes.
      for (let round = 0; ; round++) {
        if (round === 0) hooks.beforeReplace?.(file);
        lock.heartbeat();
        const st = statSync(path);
        if (st.ino !== ino) throw new Error(`${path} was replaced by another process during repair`);
        if (st.size <= size) break;
        const range = { from: size, to: st.size, firstLine: nextLine };
        const before = report.records;
        nextLine = judgeRange(fd, path, check, ids, range, report, decision, lock);
        report.appendedMeanwhile += report.records - before;
        copyRange(fd, path, st.size, backup.out, size);
        copyKept(fd, path, range, decision, out.out);
        size = st.size;
      }
      if (!lock.held()) throw new LockLostError(lock.path, "repair");
      backup.commit();
      out.commit();
    } catch (err) {
      backup.abort();
      out.abort();
      throw err;
    }
    return report;
  } finally {
    closeSync(fd);
  }
}

/** Settings made usable: a file that is not JSON is set aside for the defaults; bad values are dropped (their
 * defaults apply) and every good one is kept. Returns the report's settings part. */
function repairSettings(dir: string, now: Date): DoctorReport["settings"] {
  const file = join(dir, FILES.settings);
  let raw: Record<string, unknown> | undefined;
  try {
    raw = readSettingsFile(file);
  } catch (err) {
    if (!(err instanceof DamagedFileError)) throw err;
    const backup = `${file}.damaged-${stamp(now)}`;
    guard(file, "replace", () => renameSync(file, backup));
    writeSettings(file, defaultSettingsFile());
    return { ok: false, problems: err.problems.map((p) => ({ line: p.line, message: p.message })), reset: ["all"], backup };
  }
  if (!raw) return { ok: true };
  const version = raw.storeVersion;
  if (typeof version === "number" && Number.isSafeInteger(version) && version > defaultSettingsFile().storeVersion) {
    throw new NewerVersionError(file, version, defaultSettingsFile().storeVersion, "store");
  }
  const problems: SettingProblem[] = settingsProblems(raw);
  if (!problems.length) return { ok: true };
  const backup = `${file}.damaged-${stamp(now)}`;
  const fixed = repairedSettings(raw);
  replaceFile(backup, (out) => out.write(`${JSON.stringify(raw, undefined, "\t")}\n`));
  writeSettings(file, fixed.raw);
  return { ok: false, problems: problems.map((p) => ({ key: p.key, message: p.expected })), reset: problems.map((p) => p.key), backup };
}

/** `kafka-prep doctor`: check every store file, repair what can be repaired, never delete anything. */
export function repair(dir: string, now = new Date(), hooks: RepairHooks = {}): DoctorReport {
  ensureFolder(dir);
  const report: DoctorReport = { dir, settings: repairSettings(dir, now), files: [], removedTempFiles: 0, rebuilt: 0 };
  const store = openStore(dir);
  const clean = store.locked((lock) => {
    // The usual case, nothing to repair, is found and rebuilt from in one read of the history.
    const scans = store.rebuildIfClean(lock);
    if (scans) {
      report.files.push(fileReport(store.files.attempts, scans.attempts.records), fileReport(store.files.rounds, scans.rounds.records));
      report.rebuilt = scans.derived.summary.attempts;
    } else {
      report.files.push(repairHistory(store.files.attempts, checkAttempt, now, lock, hooks));
      report.files.push(repairHistory(store.files.rounds, checkRound, now, lock, hooks));
    }
    // Temp files are what a crash mid-write leaves behind; the real files were never touched.
    const drafts = draftsDir(dir);
    // A reset killed while it wrote its backup leaves the export half-written in backups/reset-<time>/.
    const backups = join(dir, FILES.backups);
    const resets = existsSync(backups)
      ? readdirSync(backups)
          .filter((n) => n.startsWith("reset-"))
          .map((n) => join(FILES.backups, n))
      : [];
    const inside = (sub: string) =>
      existsSync(join(dir, sub)) && statSync(join(dir, sub)).isDirectory() ? readdirSync(join(dir, sub)).map((n) => join(sub, n)) : [];
    const names = [...readdirSync(dir), ...inside(basename(drafts)), ...resets.flatMap(inside)];
    for (const name of names) {
      if (!name.endsWith(".tmp")) continue;
      const p = join(dir, name);
      try {
        const pid = tempPid(basename(name));
        if (Date.now() - statSync(p).mtimeMs > 60_000 || (pid !== undefined && pid !== process.pid && !alive(pid))) {
          rmSync(p, { force: true });
          report.removedTempFiles++;
        }
      } catch {
        // Gone already.
      }
    }
    // ...and nothing else, when it was killed before anything was moved there.
    for (const sub of resets) {
      try {
        if (!readdirSync(join(dir, sub)).length) rmdirSync(join(dir, sub));
      } catch {
        // Not a folder, or not empty after all.
      }
    }
    return scans !== undefined;
  });
  if (!clean) report.rebuilt = store.rebuild().summary.attempts;
  report.examDrafts = orphanedDrafts(dir).length;
  return report;
}

/** The report of a file with nothing found wrong (yet): its count of records. */
function fileReport(file: string, records: number): FileReport {
  return {
    file,
    records,
    problems: [],
    problemCount: 0,
    duplicates: 0,
    shortened: 0,
    bom: false,
    appendedMeanwhile: 0,
  };
}

export interface ResetResult {
  backupDir: string;
  exportFile?: string;
  /** Attempts and rounds in the export. */
  exported?: { attempts: number; rounds: number };
  /** Damaged lines left out of the export; they are in the moved files. */
  damagedLines: number;
  moved: string[];
}

/** Moves the history and derived state into backups/reset-<time>/, with an export of every valid record beside
 * them that import restores; settings stay. */
export function reset(dir: string, now = new Date()): ResetResult {
  const store = openStore(dir);
  const backupDir = join(dir, FILES.backups, `reset-${stamp(now)}`);
  return store.locked((lock) => {
    const result: ResetResult = { backupDir, moved: [], damagedLines: 0 };
    const present = [store.files.attempts, store.files.rounds, store.files.derived].filter((f) => existsSync(f));
    if (!present.some((f) => f !== store.files.derived)) return result;
    guard(backupDir, "create", () => mkdirSync(backupDir, { recursive: true }));
    const exportFile = join(backupDir, "progress.json");
    replaceFile(exportFile, (out) => {
      const r = exportTo(store, (text) => out.write(text), now, { skipDamaged: true, lock });
      result.exported = { attempts: r.attempts, rounds: r.rounds };
      result.damagedLines = r.damagedLines;
    });
    result.exportFile = exportFile;
    // A reset that stalled past the stale time (suspended with Ctrl-Z) may have lost the lock to a round that recorded
    // answers its export does not have: it stops before moving anything, and its export, made from an older read, goes.
    if (!lock.held()) {
      rmSync(backupDir, { recursive: true, force: true });
      throw new LockLostError(lock.path, "reset");
    }
    for (const file of present) {
      guard(file, "replace", () => renameSync(file, join(backupDir, basename(file))));
      result.moved.push(basename(file));
    }
    // Drafts of exams that never recorded their answers belong to the history reset, not to the fresh one.
    const drafts = draftsDir(dir);
    if (existsSync(drafts)) guard(drafts, "replace", () => renameSync(drafts, join(backupDir, basename(drafts))));
    return result;
  });
}
