// The progress store: an append-only history (attempts.jsonl, rounds.jsonl) that is the truth, settings.json, and
// derived.json, a cache of what the history adds up to. Built from parts: files.ts (reading and writing within
// limits), history.ts (lines and records), derived.ts (the cache), settings.ts, migrations.ts, lock.ts, errors.ts.
import {
  closeSync,
  existsSync,
  fstatSync,
  ftruncateSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../paths.js";
import { type Card, review } from "../quiz/schedule.js";
import { isoTime } from "../time/iso.js";
import type { Settings } from "./defaults.js";
import { DEFAULT_SETTINGS } from "./defaults.js";
import {
  BlockHasher,
  CardsBuilder,
  type Covered,
  type Derived,
  DerivedBuilder,
  derivedFrom,
  type Filters,
  parseDerived,
  serialize,
} from "./derived.js";
import {
  DamagedFileError,
  FileSystemError,
  fsError,
  guard,
  type LineProblem,
  LockTimeoutError,
  NotRegularFileError,
  SharedFileError,
  type StoreNotice,
} from "./errors.js";
import {
  appendWhole,
  chunks,
  endsLine,
  forEachLine,
  lastBreak,
  lastByte,
  openForAppend,
  openForRead,
  readSmall,
  realPath,
  sizeOf,
  writeAtomic,
} from "./files.js";
import { fileContains, IdFilter, IdSet, judge, type Scan, type ScanOptions, scanHistory } from "./history.js";
import { acquire, checkLockFile, type LockHolder, lockHolder, STALE_MS } from "./lock.js";
import { migrate, type StoreFiles, storeVersionOf } from "./migrations.js";
import { capAnswer, checkAttempt, checkRound, type Flag, type LineCheck, MAX_LINE_BYTES } from "./records.js";
import { defaultSettingsFile, loadSettings, patchSettings, readSettingsFile, writeSettings } from "./settings.js";
import { addAttempt, addRound, dayKeys } from "./summary.js";
import type { Attempt, Round } from "./types.js";

export { replay } from "./derived.js";
export { resolveDataDir } from "./location.js";
export { MAX_ANSWER_CHARS } from "./records.js";
export { STORE_VERSION } from "./settings.js";
export type { Derived, LineProblem, Settings };
export { DEFAULT_SETTINGS };

declare const KAFKA_PREP_VERSION: string | undefined;

/** Unsaved history (in bytes, about 200 answers) after which recording an answer also saves derived.json. */
const CHECKPOINT_BYTES = 64 * 1024;
/** derived.json past this is not trusted (a real one is a few hundred KB). */
const MAX_DERIVED_BYTES = 64 * 1024 * 1024;
/** How long a writer waits for a live holder of the lock: past a stale holder's time, so it is taken over first. */
const LOCK_WAIT_MS = STALE_MS + 10_000;
/** Below this much free space the store is not writable. */
const MIN_FREE_BYTES = 256 * 1024;
/** Past this much history the cache has not seen, it is rebuilt rather than caught up. */
const MAX_TAIL_BYTES = 4 * 1024 * 1024;

export const FILES = {
  settings: "settings.json",
  attempts: "attempts.jsonl",
  rounds: "rounds.jsonl",
  /** Derived state (cards and summary), rebuildable from the history at any time. */
  derived: "derived.json",
  lock: ".lock",
  backups: "backups",
} as const;

/** Refuses a store whose files are one file on disk (rounds.jsonl a link to attempts.jsonl): every write to one
 * would replace the other. (The cache is left out: it is never written through a link.) */
function checkDistinct(files: StoreFiles): void {
  const seen = new Map<string, string>();
  for (const path of [files.attempts, files.rounds, files.settings]) {
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) continue;
    const key = `${st.dev}:${st.ino}`;
    const other = seen.get(key);
    if (other !== undefined) throw new SharedFileError([other, path], realPath(path));
    seen.set(key, path);
  }
}

export function appVersion(): string {
  if (typeof KAFKA_PREP_VERSION === "string") return KAFKA_PREP_VERSION;
  const buf = readSmall(join(packageRoot(), "package.json"), 1024 * 1024);
  return JSON.parse(buf?.toString("utf8") ?? "{}").version;
}

export type { StoreNotice };

export interface StoreOptions {
  onNotice?: (notice: StoreNotice) => void;
}

/** Byte offsets of the history the in-process derived state has applied, and what derived.json holds. */
interface At extends Covered {
  ino: number;
  /** The offset `blocks` hashes up to (behind `bytes` until the cache is saved). */
  hashed: number;
}

interface Position {
  attempts: At;
  rounds: At;
}

/** A history file as a rewrite left it: the ids of its records, its length and its number of lines. */
export interface Written {
  ids: IdSet;
  bytes: number;
  lines: number;
  /** The block hashes of what was written (see BlockHasher), when known: the file is then not read again to save
   * the cache. */
  blocks?: string[];
}

interface Memo {
  derived: Derived;
  /** The ids covered, to tell a new record from a copy of one counted already. */
  filters: Filters;
  at: Position;
  saved: { attempts: number; rounds: number };
  /** derived.json as this process last read or wrote it. */
  stamp: string;
  /** For the attempts this process applied one by one: the card before each, and each question's latest attempt, so
   * that a correction of the latest attempt (the person's own grade) needs no replay. Not saved. */
  before?: Map<string, Card | undefined>;
  latest?: Map<string, string>;
}

const stampOf = (file: string) => {
  try {
    const st = statSync(file);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return "missing";
  }
};

export class ProgressStore {
  readonly dir: string;
  readonly files: StoreFiles;
  readonly lockFile: string;
  private memo: Memo | undefined;
  /** The line this process appended last, by its offset. */
  private own: { file: string; start: number } | undefined;
  /** Where this process appended each attempt it recorded: which file (by inode) and up to which byte. */
  private readonly recorded = new Map<string, { ino: number; end: number }>();
  private readonly noticed = new Set<string>();
  private readonly onNotice?: (n: StoreNotice) => void;

  constructor(dir: string, options: StoreOptions = {}) {
    this.dir = dir;
    this.onNotice = options.onNotice;
    this.files = {
      settings: join(dir, FILES.settings),
      attempts: join(dir, FILES.attempts),
      rounds: join(dir, FILES.rounds),
      derived: join(dir, FILES.derived),
    };
    this.lockFile = join(dir, FILES.lock);
  }

  /** Creates the folder and settings if needed, and migrates an older layout. */
  open(): this {
    ensureFolder(this.dir);
    checkDistinct(this.files);
    const raw = readSettingsFile(this.files.settings);
    const version = storeVersionOf(this.files, raw, () => existsSync(this.files.attempts));
    if (version !== undefined) migrate(this.dir, this.files, version, (fn) => this.locked(fn));
    if (raw === undefined) createSettings(this.files.settings);
    return this;
  }

  private notice(n: StoreNotice): void {
    const key = `${n.kind}:${n.path}:${n.line}`;
    if (this.noticed.has(key)) return;
    this.noticed.add(key);
    this.onNotice?.(n);
  }

  /** Current settings, defaults filled in. */
  get settings(): Settings {
    return loadSettings(this.files.settings).settings;
  }

  async updateSettings(patch: Partial<Settings>): Promise<void> {
    const changedRetention = this.locked(() => {
      const { raw, settings } = loadSettings(this.files.settings);
      writeSettings(this.files.settings, patchSettings(this.files.settings, raw, patch));
      return patch.desiredRetention !== undefined && patch.desiredRetention !== settings.desiredRetention;
    });
    // The schedule depends on the target retention.
    if (changedRetention) this.rebuild();
  }

  /** Runs `fn` holding the store's lock; a LockTimeoutError when another process keeps it. */
  locked<T>(fn: (lock: LockHolder) => T, waitMs = LOCK_WAIT_MS): T {
    const lock = acquire(this.lockFile, waitMs);
    if (!lock) throw new LockTimeoutError(this.dir, this.lockFile, lockHolder(this.lockFile), waitMs);
    try {
      return fn(lock);
    } finally {
      lock.release();
    }
  }

  /** Throws a FileSystemError (or NotRegularFileError) unless an answer can be recorded now: the folder takes new
   * files, the history files can be appended to, and the disk has room. Changes nothing. */
  checkWritable(): void {
    ensureFolder(this.dir);
    const probe = join(this.dir, `.write-check.${process.pid}.tmp`);
    guard(probe, "create", () => {
      writeFileSync(probe, "x", { flag: "wx" });
      rmSync(probe, { force: true });
    });
    // A history file that exists must take appends (not a folder, not /dev/null, not read-only); one that does not
    // is created by the first answer, which the folder probe above vouches for. Nothing is created or removed here:
    // another round may be writing its first answer right now.
    for (const file of [this.files.attempts, this.files.rounds]) {
      if (!existsSync(file)) continue;
      closeSync(openForAppend(file));
    }
    // Nor may anything but a lock file sit under the lock's name: recording would wait on it for good.
    guard(this.lockFile, "lock", () => checkLockFile(this.lockFile));
    let free: number | undefined;
    try {
      const fs = statfsSync(this.dir);
      free = fs.bavail * fs.bsize;
    } catch {
      free = undefined;
    }
    if (free !== undefined && free < MIN_FREE_BYTES) throw new FileSystemError(this.dir, "ENOSPC", "write");
  }

  /** Appends one attempt to the history and updates that question's card. The answer is cut to MAX_ANSWER_CHARS. */
  recordAttempt(attempt: Attempt): void {
    const a = { ...attempt, answer: capAnswer(attempt.answer) };
    const problem = checkAttempt(a);
    if (problem) throw new Error(`refusing to record an invalid attempt: ${problem}`);
    const at = this.append(this.files.attempts, JSON.stringify(a), checkAttempt, false);
    this.recorded.set(a.id, at);
  }

  /**
   * Records the person's own grade of an attempt recorded earlier, as a line of its own after it (the history is never
   * rewritten): the attempt then counts with this rating and correctness, and the line keeps the grader's verdict.
   */
  amendAttempt(original: Attempt, change: { id: string; rating: Attempt["rating"]; correct: boolean; flag?: Flag }): void {
    const { id: _id, amends: _amends, graded: _graded, flag: _flag, ...rest } = original;
    const line: Attempt = {
      ...rest,
      id: change.id,
      amends: original.id,
      graded: original.correct,
      rating: change.rating,
      correct: change.correct,
    };
    if (change.flag) line.flag = change.flag;
    // A correction applies to the attempt before it in the history. If the attempt has left the history since it was
    // recorded (a reset while the person chose a grade), it is recorded again first, so the grade is not lost, and an
    // import of the reset's backup skips the copy it brings.
    if (!this.stillHolds(original.id)) this.recordAttempt(original);
    this.recordAttempt(line);
  }

  /** Whether the history still holds an attempt: surely when this process appended it to the same file, which only
   * grows; otherwise as its id found in the file. */
  private stillHolds(id: string): boolean {
    const fd = openForRead(this.files.attempts);
    if (fd === undefined) return false;
    try {
      const size = sizeOf(fd);
      const at = this.recorded.get(id);
      if (at && at.ino === inoOfFd(fd) && size >= at.end) return true;
      return fileContains(fd, this.files.attempts, size, [Buffer.from(JSON.stringify(id))]);
    } finally {
      closeSync(fd);
    }
  }

  recordRound(round: Round): void {
    const problem = checkRound(round);
    if (problem) throw new Error(`refusing to record an invalid round: ${problem}`);
    this.append(this.files.rounds, JSON.stringify(round), checkRound, true);
  }

  /** Under the lock: the line appended whole (or not at all), then the derived state brought up to date. */
  private append(file: string, line: string, check: LineCheck, save: boolean): { ino: number; end: number } {
    return this.locked((lock) => {
      const fd = openForAppend(file);
      let at: { ino: number; end: number };
      try {
        const prefix = this.endLine(fd, file, check);
        this.own = { file, start: sizeOf(fd) + prefix.length };
        appendWhole(fd, file, Buffer.from(`${prefix}${line}\n`));
        // Under the lock nothing else appends: the file now ends with this line.
        const st = fstatSync(fd);
        at = { ino: st.ino, end: st.size };
      } finally {
        closeSync(fd);
      }
      this.refresh(save, lock);
      return at;
    });
  }

  /** What goes before a new line: a newline after a valid last record that lacks one; a cut-off last line (a
   * write that never finished) is first copied aside and cut from the file, so it cannot become damage. */
  private endLine(fd: number, file: string, check: LineCheck): string {
    const last = lastByte(fd);
    if (last === undefined || endsLine(last)) return "";
    const size = sizeOf(fd);
    const from = Math.max(0, size - MAX_LINE_BYTES - 1);
    const tail = Buffer.alloc(size - from);
    readSync(fd, tail, 0, tail.length, from);
    const nl = lastBreak(tail);
    const start = nl < 0 ? from : from + nl + 1;
    const bytes = tail.subarray(start - from);
    const verdict = judge({ bytes, number: 0, start, end: size, final: true, tooLong: nl < 0 && from > 0, bom: false }, check);
    if (verdict.ok || !verdict.cutOff) return "\n";
    const backup = `${file}.cut-off-${stamp(new Date())}`;
    guard(backup, "create", () => writeFileSync(backup, bytes, { flag: "wx" }));
    guard(file, "write", () => ftruncateSync(fd, start));
    this.notice({ kind: "set-aside", path: file, line: this.lineAt(file, start), backup });
    return "";
  }

  private lineAt(file: string, offset: number): number {
    const fd = openForRead(file);
    if (fd === undefined) return 1;
    try {
      let n = 1;
      forEachLine(fd, file, { to: offset, maxLine: MAX_LINE_BYTES }, (line) => {
        n = line.number + 1;
      });
      return n;
    } finally {
      closeSync(fd);
    }
  }

  /** Every valid attempt, in file order, without holding the history in memory; damage is a DamagedFileError. */
  eachAttempt(fn: (a: Attempt) => void): Scan {
    return this.scanOrThrow<Attempt>(this.files.attempts, checkAttempt, (a) => fn(normalizeAttempt(a)));
  }

  eachRound(fn: (r: Round) => void): Scan {
    return this.scanOrThrow<Round>(this.files.rounds, checkRound, (r) => fn(normalizeRound(r)));
  }

  private scanOrThrow<T>(file: string, check: LineCheck, fn: (v: T) => void, opts: Parameters<typeof scanHistory>[3] = {}): Scan {
    const scan = scanHistory<T>(file, check, fn, { ids: new IdSet(), ...opts });
    if (scan.problemCount) throw new DamagedFileError(file, scan.problems);
    if (scan.cutOff) this.notice({ kind: "cut-off", path: file, line: scan.cutOff.line });
    return scan;
  }

  /** The whole history in memory (small stores and tests; commands stream with eachAttempt). */
  attempts(): Attempt[] {
    const out: Attempt[] = [];
    this.eachAttempt((a) => out.push(a));
    return out;
  }

  rounds(): Round[] {
    const out: Round[] = [];
    this.eachRound((r) => out.push(r));
    return out;
  }

  /** FSRS card per question id, brought up to date with any attempts the cache has not seen. */
  cards(): Map<string, Card> {
    return new Map(this.current().derived.cards);
  }

  /** Per-question aggregates of the whole history, for stats and weak topics. */
  summary(): Derived["summary"] {
    return structuredClone(this.current().derived.summary);
  }

  /** Cards, attempt summary and round summary together, saved to the cache when it was behind. */
  derived(): Derived {
    const { derived, changed } = this.current();
    if (changed) this.trySave(200);
    return { cards: new Map(derived.cards), summary: derived.summary, rounds: derived.rounds };
  }

  /** Rebuilds cards and summary from the whole history and saves them. */
  rebuild(): Derived {
    return this.locked(() => {
      this.memo = undefined;
      const fresh = this.build().memo;
      this.memo = fresh;
      this.save(fresh);
      return { cards: new Map(fresh.derived.cards), summary: fresh.derived.summary, rounds: fresh.derived.rounds };
    });
  }

  /**
   * Under the lock, right after import rewrote the history files: takes the derived state built from every record
   * now in them (fed in file order, with their ids and line counts) and saves it, instead of reading the history
   * again. False, with nothing changed, when a file's size is not what was written.
   */
  adopt(derived: Derived, written: { attempts: Written; rounds: Written }): boolean {
    const at = (file: string, w: Written): At | undefined => {
      let st: { size: number; ino: number };
      try {
        st = statSync(file);
      } catch {
        return undefined;
      }
      if (st.size !== w.bytes) return undefined;
      const hashed = w.blocks ? w.bytes : 0;
      return { bytes: w.bytes, blocks: w.blocks ?? [], ino: st.ino, hashed, line: w.lines + 1 };
    };
    const attempts = at(this.files.attempts, written.attempts);
    const rounds = at(this.files.rounds, written.rounds);
    if (!attempts || !rounds) return false;
    const filters = { attempts: IdFilter.of(written.attempts.ids), rounds: IdFilter.of(written.rounds.ids) };
    this.memo = { derived, filters, at: { attempts, rounds }, saved: { attempts: -1, rounds: -1 }, stamp: "" };
    this.save(this.memo);
    return true;
  }

  private retention(): number {
    return this.settings.desiredRetention;
  }

  /**
   * Under the lock (doctor): rebuilds and saves the derived state from one read of the history, if that read finds
   * nothing doctor would change (no damaged, duplicate or cut-off line, no byte-order mark, a newline at the end).
   * Returns the two scans then; undefined, with nothing saved, when there is something to repair.
   */
  rebuildIfClean(lock: LockHolder): { attempts: Scan; rounds: Scan; derived: Derived } | undefined {
    this.memo = undefined;
    const { memo, scans } = this.build(lock);
    const clean = (s: Scan) => !s.problemCount && !s.duplicates && !s.cutOff && !s.bom && !s.unterminated;
    if (!clean(scans.attempts) || !clean(scans.rounds)) return undefined;
    this.memo = memo;
    this.save(memo);
    return { ...scans, derived: memo.derived };
  }

  /** Everything from the history, read once (and the out-of-order questions once more). Damage is a
   * DamagedFileError, unless a `lock` is given (doctor): then the scans say what was found, and the state is only
   * good if they found nothing. */
  private build(lock?: LockHolder): { memo: Memo; scans: { attempts: Scan; rounds: Scan } } {
    const builder = new DerivedBuilder(this.retention());
    const hashA = new BlockHasher();
    const attemptIds = new IdSet();
    const roundIds = new IdSet();
    const read = <T>(file: string, check: LineCheck, fn: (v: T) => void, opts: ScanOptions) =>
      lock
        ? scanHistory<T>(file, check, fn, {
            ...opts,
            onChunk: (c) => {
              lock.heartbeat();
              opts.onChunk?.(c);
            },
          })
        : this.scanOrThrow<T>(file, check, fn, opts);
    const a = read<Attempt>(this.files.attempts, checkAttempt, (rec) => builder.attempt(normalizeAttempt(rec)), {
      onChunk: (c) => hashA.feed(c),
      ids: attemptIds,
    });
    if (builder.needsReplay.size) {
      const list: { questionId: string; t: number; i: number; rating: number; id?: string; amends?: string }[] = [];
      let i = 0;
      scanHistory<Attempt>(
        this.files.attempts,
        checkAttempt,
        (rec) => {
          if (builder.needsReplay.has(rec.questionId)) {
            list.push({
              questionId: rec.questionId,
              t: isoTime(rec.at),
              i,
              rating: CardsBuilder.ratingIndex(rec.rating),
              id: rec.id,
              amends: rec.amends,
            });
          }
          i++;
        },
        { ids: new IdSet(), to: a.size },
      );
      builder.replayInOrder(list);
    }
    const hashR = new BlockHasher();
    const r = read<Round>(this.files.rounds, checkRound, (rec) => builder.round(normalizeRound(rec)), {
      onChunk: (c) => hashR.feed(c),
      ids: roundIds,
    });
    const derived = builder.done();
    const at: Position = {
      attempts: {
        bytes: a.bytes,
        blocks: trimBlocks(hashA.done(), a.bytes, a.size, this.files.attempts),
        ino: inoOf(this.files.attempts),
        hashed: a.bytes,
        line: a.nextLine,
      },
      rounds: {
        bytes: r.bytes,
        blocks: trimBlocks(hashR.done(), r.bytes, r.size, this.files.rounds),
        ino: inoOf(this.files.rounds),
        hashed: r.bytes,
        line: r.nextLine,
      },
    };
    const filters = { attempts: IdFilter.of(attemptIds), rounds: IdFilter.of(roundIds) };
    return { memo: { derived, filters, at, saved: { attempts: -1, rounds: -1 }, stamp: "" }, scans: { attempts: a, rounds: r } };
  }

  /** The cache, if it passes its schema and the history still starts with exactly what it covers. */
  private loadCache(): Memo | undefined {
    let buf: Buffer | undefined;
    try {
      buf = readSmall(this.files.derived, MAX_DERIVED_BYTES);
    } catch (err) {
      if (err instanceof NotRegularFileError || err instanceof FileSystemError || (err as { kind?: string }).kind === "too-large")
        return undefined;
      throw err;
    }
    const stamp = stampOf(this.files.derived);
    const file = parseDerived(buf, this.retention());
    if (!file) return undefined;
    const attempts = verifyCovered(this.files.attempts, file.attempts);
    const rounds = verifyCovered(this.files.rounds, file.rounds);
    if (!attempts || !rounds) return undefined;
    const at: Position = {
      attempts: { ...file.attempts, ino: attempts.ino, hashed: file.attempts.bytes },
      rounds: { ...file.rounds, ino: rounds.ino, hashed: file.rounds.bytes },
    };
    return {
      derived: derivedFrom(file),
      filters: file.filters,
      at,
      saved: { attempts: file.attempts.bytes, rounds: file.rounds.bytes },
      stamp,
    };
  }

  /** The derived state brought up to date: only the history lines it has not seen are read and applied. */
  private current(): { derived: Derived; changed: boolean } {
    const stamp = stampOf(this.files.derived);
    if (!this.memo || this.memo.stamp !== stamp) this.memo = this.loadCache();
    let m = this.memo;
    if (!m || !this.catchUp(m)) {
      m = this.build().memo;
      this.memo = m;
    }
    const changed = m.at.attempts.bytes !== m.saved.attempts || m.at.rounds.bytes !== m.saved.rounds;
    return { derived: m.derived, changed };
  }

  /** Applies the lines appended since the memo's position; false when the history was rewritten or the new part
   * is damaged (the full read then reports it by line). */
  private catchUp(m: Memo): boolean {
    const retention = this.retention();
    const step = (file: string, pos: At, check: LineCheck, filter: IdFilter, apply: (v: unknown) => void) => {
      const fd = openForRead(file);
      if (fd === undefined) return pos.bytes === 0;
      try {
        const size = sizeOf(fd);
        const ino = inoOfFd(fd);
        if (size < pos.bytes || (pos.bytes > 0 && pos.ino !== ino)) return false;
        pos.ino = ino;
        if (size === pos.bytes) return true;
        // A long unseen part (another program appended a lot) is cheaper to read from the start.
        if (size - pos.bytes > MAX_TAIL_BYTES) return false;
        const got: { value: { id: string }; start: number }[] = [];
        const scan = scanHistory<{ id: string }>(file, check, (value, line) => got.push({ value, start: line.start }), {
          fd,
          from: pos.bytes,
          to: size,
          firstLine: pos.line,
          ids: new IdSet(),
        });
        if (scan.problemCount || scan.duplicates) return false;
        // A record maybe counted already (a copied line) sends the reader back to the history, which knows; the
        // line this process just appended is known to be new.
        const own = this.own?.file === file ? this.own : undefined;
        const maybe = got.filter((g) => !(own && g.start === own.start) && filter.mayHave(g.value.id));
        // The filter's "maybe": the id as a JSON string, searched for in what the cache covers. Not with its key, which
        // a hand-edited file may spell with spaces ("id": "…"); a match elsewhere only sends the reader to the history.
        if (
          fileContains(
            fd,
            file,
            pos.bytes,
            maybe.map((g) => Buffer.from(JSON.stringify(g.value.id))),
          )
        )
          return false;
        for (const g of got) {
          filter.add(g.value.id);
          apply(g.value);
        }
        if (scan.cutOff) this.notice({ kind: "cut-off", path: file, line: scan.cutOff.line });
        if (scan.bytes > pos.bytes) {
          // The block hashes are brought up to date when the cache is saved.
          pos.bytes = scan.bytes;
          pos.line = scan.nextLine;
        }
        return true;
      } finally {
        closeSync(fd);
      }
    };
    let replay = false;
    m.before ??= new Map();
    m.latest ??= new Map();
    const { before, latest } = m;
    const dayOf = dayKeys();
    const okA = step(this.files.attempts, m.at.attempts, checkAttempt, m.filters.attempts, (v) => {
      const a = normalizeAttempt(v as Attempt);
      if (a.amends !== undefined) {
        // A correction of the question's latest attempt, seen here: that review again with the person's rating.
        if (latest.get(a.questionId) !== a.amends || !before.has(a.amends)) replay = true;
        else m.derived.cards.set(a.questionId, review(before.get(a.amends), a.rating, new Date(isoTime(a.at)), retention));
      } else {
        const card = m.derived.cards.get(a.questionId);
        if (before.size > 1000) before.clear();
        before.set(a.id, card);
        latest.set(a.questionId, a.id);
        m.derived.cards.set(a.questionId, review(card, a.rating, new Date(isoTime(a.at)), retention));
      }
      addAttempt(m.derived.summary, a, dayOf);
    });
    if (!okA || replay) return false;
    return step(this.files.rounds, m.at.rounds, checkRound, m.filters.rounds, (v) =>
      addRound(m.derived.rounds, normalizeRound(v as Round)),
    );
  }

  /** After an append, under the lock: update the derived state, and save it once enough is unsaved (or `force`).
   * Unsaved state is never lost: the history has it, and the next read catches up. */
  private refresh(force: boolean, lock: LockHolder): void {
    try {
      lock.heartbeat();
      const { changed } = this.current();
      const m = this.memo;
      if (!m || !changed) return;
      const unsaved = m.at.attempts.bytes - m.saved.attempts;
      if (force || m.saved.attempts < 0 || unsaved >= CHECKPOINT_BYTES || m.saved.rounds !== m.at.rounds.bytes) this.save(m);
    } catch (err) {
      // The answer is in the history; a cache that cannot be brought up to date now is rebuilt by a later read.
      if (!(err instanceof DamagedFileError) && !(err instanceof FileSystemError) && !(err instanceof NotRegularFileError)) throw err;
    }
  }

  private save(m: Memo): void {
    try {
      for (const [file, pos] of [
        [this.files.attempts, m.at.attempts],
        [this.files.rounds, m.at.rounds],
      ] as const) {
        if (pos.hashed === pos.bytes) continue;
        const fd = openForRead(file);
        if (fd === undefined) continue;
        try {
          pos.blocks = extendBlocks(fd, file, { bytes: pos.hashed, blocks: pos.blocks }, pos.bytes);
          pos.hashed = pos.bytes;
        } finally {
          closeSync(fd);
        }
      }
      // Not synced: after a power cut a cache that is lost or stale is rebuilt or caught up from the history. Never
      // written through a link: a cache in place of a link to some other file replaces the link, not that file.
      if (lstatSync(this.files.derived, { throwIfNoEntry: false })?.isSymbolicLink()) rmSync(this.files.derived);
      writeAtomic(this.files.derived, serialize(m.derived, this.retention(), strip(m.at.attempts), strip(m.at.rounds), m.filters), false);
      m.saved = { attempts: m.at.attempts.bytes, rounds: m.at.rounds.bytes };
      m.stamp = stampOf(this.files.derived);
    } catch (err) {
      // A read-only folder or a full disk: the cache is only a cache.
      if (!(err instanceof FileSystemError)) throw err;
    }
  }

  private trySave(waitMs: number): void {
    let lock: LockHolder | undefined;
    try {
      lock = acquire(this.lockFile, waitMs);
    } catch {
      return;
    }
    if (!lock) return;
    try {
      if (this.memo) this.save(this.memo);
    } finally {
      lock.release();
    }
  }
}

const strip = ({ bytes, blocks, line }: Covered): Covered => ({ bytes, blocks, line });

function inoOf(file: string): number {
  try {
    return statSync(file).ino;
  } catch {
    return 0;
  }
}

function inoOfFd(fd: number): number {
  return fstatSync(fd).ino;
}

/** Block hashes of [0, bytes): the hasher saw [0, size), so a last block past `bytes` is hashed again to `bytes`. */
function trimBlocks(blocks: string[], bytes: number, size: number, file: string): string[] {
  if (bytes === size) return blocks;
  const fd = openForRead(file);
  if (fd === undefined) return [];
  try {
    return extendBlocks(fd, file, { bytes: 0, blocks: [] }, bytes, blocks);
  } finally {
    closeSync(fd);
  }
}

/** The block hashes of [0, to), reusing the complete blocks of `known` (or `reuse`) and rehashing the rest. */
function extendBlocks(fd: number, file: string, known: Pick<Covered, "bytes" | "blocks">, to: number, reuse?: string[]): string[] {
  const BLOCK = 1024 * 1024;
  const source = reuse ?? known.blocks;
  const full = Math.min(Math.floor((reuse ? to : known.bytes) / BLOCK), Math.floor(to / BLOCK), source.length);
  const keep = source.slice(0, full);
  const hasher = new BlockHasher(to - full * BLOCK);
  for (const c of chunks(fd, full * BLOCK, to, file)) hasher.feed({ buf: c.buf, offset: c.offset - full * BLOCK });
  return [...keep, ...hasher.done()];
}

/** The covered part of a history file still holds what the cache saw: same blocks, file at least that long. */
function verifyCovered(file: string, covered: Covered): { ino: number } | undefined {
  const fd = openForRead(file);
  if (fd === undefined) return covered.bytes === 0 ? { ino: 0 } : undefined;
  try {
    if (sizeOf(fd) < covered.bytes) return undefined;
    const hasher = new BlockHasher(covered.bytes);
    for (const c of chunks(fd, 0, covered.bytes, file)) hasher.feed(c);
    const blocks = hasher.done();
    if (blocks.length !== covered.blocks.length || blocks.some((b, i) => b !== covered.blocks[i])) return undefined;
    return { ino: inoOfFd(fd) };
  } finally {
    closeSync(fd);
  }
}

export function normalizeAttempt(a: Attempt): Attempt {
  if (a.skipped === undefined) a.skipped = false;
  if (a.timedOut === undefined) a.timedOut = false;
  return a;
}

export function normalizeRound(r: Round): Round {
  if (r.interrupted === undefined) r.interrupted = false;
  return r;
}

/** A file-name-safe timestamp: 2026-03-02T12-00-00-000Z. */
export function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, "-");
}

/** The data folder exists and is a folder. */
export function ensureFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST" || code === "ENOTDIR") throw new FileSystemError(dir, "ENOTDIR", "create");
    throw fsError(err, dir, "create");
  }
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(dir);
  } catch (err) {
    throw fsError(err, dir, "create");
  }
  if (!st.isDirectory()) throw new FileSystemError(dir, "ENOTDIR", "create");
}

/** A new store's settings.json, created only if absent (a hard link cannot replace a file), so two processes
 * starting at once cannot overwrite each other's. */
function createSettings(file: string): void {
  const data = `${JSON.stringify(defaultSettingsFile(), undefined, "\t")}\n`;
  const tmp = `${file}.${process.pid}.new.tmp`;
  guard(file, "create", () => {
    writeFileSync(tmp, data);
    try {
      linkSync(tmp, file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EPERM" || code === "ENOTSUP" || code === "ENOSYS") {
        // Folders without hard links (some network and FAT drives): create-if-absent instead.
        try {
          writeFileSync(file, data, { flag: "wx" });
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
        }
      } else if (code !== "EEXIST") {
        throw err;
      }
    } finally {
      rmSync(tmp, { force: true });
    }
  });
}

export type Store = ProgressStore;

/** Opens (and creates, migrates or refuses) the progress store in `dir`. */
export function openStore(dir: string, options: StoreOptions = {}): ProgressStore {
  return new ProgressStore(dir, options).open();
}
