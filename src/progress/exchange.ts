// Export and import of all progress as one JSON document, both streamed: export writes one record per line as it
// reads the history; import reads the document piece by piece within byte limits, keeps every valid record and
// reports the rest by path, and puts the merged history in place all at once.
import { isUtf8 } from "node:buffer";
import { closeSync, statSync } from "node:fs";
import { basename } from "node:path";
import { BlockHasher, DerivedBuilder } from "./derived.js";
import {
  DamagedFileError,
  FileSystemError,
  type LineProblem,
  LockLostError,
  NewerVersionError,
  NotAnExportError,
  NotRegularFileError,
} from "./errors.js";
import { AtomicFile, chunks, copyRange, endsLine, forEachLine, lastByte, openForRead, sizeOf } from "./files.js";
import { IdSet, judge, scanHistory } from "./history.js";
import type { LockHolder } from "./lock.js";
import { checkAttempt, checkRound, isObject, type LineCheck, MAX_LINE_BYTES } from "./records.js";
import { appVersion, normalizeAttempt, normalizeRound, type ProgressStore, type Written } from "./store.js";
import type { Attempt, Round } from "./types.js";

export const EXPORT_FORMAT = "kafka-prep-progress";
/** Raise with a conversion in the import when the document changes shape. */
export const EXPORT_VERSION = 1;
/** The most nesting a progress export has: the document, a list, a record, an answer list. */
const MAX_DEPTH = 8;
/** A value outside the record lists (settings, the header) is small. */
const MAX_HEADER_VALUE_BYTES = 64 * 1024;

export interface ProgressExport {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  app?: string;
  settings?: Record<string, unknown>;
  attempts: Attempt[];
  rounds: Round[];
}

export interface ExportCounts {
  attempts: number;
  rounds: number;
  /** Damaged lines left out (with skipDamaged; otherwise damage is a DamagedFileError before anything is written). */
  damagedLines: number;
}

/** Streams the export document to `write`, one record per line. Damage in the history is a DamagedFileError before
 * the first byte is written, unless `skipDamaged` (reset, which keeps the damaged files beside the export). */
export function exportTo(
  store: ProgressStore,
  write: (text: string) => void,
  now = new Date(),
  opts: { skipDamaged?: boolean; lock?: LockHolder } = {},
): ExportCounts {
  const files = [
    { file: store.files.attempts, check: checkAttempt, normalize: normalizeAttempt as (v: never) => object },
    { file: store.files.rounds, check: checkRound, normalize: normalizeRound as (v: never) => object },
  ];
  // Both passes read the same open files: a history replaced meanwhile (doctor, import) is still read as it was.
  const fds = files.map(({ file }) => openForRead(file));
  try {
    return exportFrom(files, fds, write, now, { ...opts, settings: store.settings });
  } finally {
    for (const fd of fds) if (fd !== undefined) closeSync(fd);
  }
}

function exportFrom(
  files: { file: string; check: LineCheck; normalize: (v: never) => object }[],
  fds: (number | undefined)[],
  write: (text: string) => void,
  now: Date,
  opts: { skipDamaged?: boolean; lock?: LockHolder; settings: unknown },
): ExportCounts {
  // First pass: judge every line, so damage is found before anything is written, and note the few lines that are
  // not copied as they are (left out, or given their defaults); the second pass copies the rest without parsing.
  let damagedLines = 0;
  const plans = files.map(({ file, check, normalize }, i) => {
    const fd = fds[i];
    if (fd === undefined) return { end: 0, skip: new Set<number>(), rewrite: new Map<number, string>() };
    const skip = new Set<number>();
    const rewrite = new Map<number, string>();
    const scan = scanHistory<Record<string, unknown>>(
      file,
      check,
      (record, line) => {
        opts.lock?.heartbeat();
        const before = Object.keys(record).length;
        const normalized = normalize(record as never);
        if (Object.keys(normalized).length !== before) rewrite.set(line.number, JSON.stringify(normalized));
      },
      {
        fd,
        ids: new IdSet(),
        onLine: (line, verdict) => {
          if (!verdict.ok) skip.add(line.number);
        },
      },
    );
    if (scan.problemCount && !opts.skipDamaged) throw new DamagedFileError(file, scan.problems);
    damagedLines += scan.problemCount;
    return { end: scan.size, skip, rewrite };
  });
  const settings = opts.settings;
  write(
    `{\n  "format": ${JSON.stringify(EXPORT_FORMAT)},\n  "version": ${EXPORT_VERSION},\n  "exportedAt": ${JSON.stringify(now.toISOString())},\n  "app": ${JSON.stringify(appVersion())},\n  "settings": ${JSON.stringify(settings)},\n`,
  );
  const counts = [0, 0];
  files.forEach(({ file }, i) => {
    const plan = plans[i];
    write(`  ${JSON.stringify(i === 0 ? "attempts" : "rounds")}: [`);
    const fd = fds[i];
    if (fd !== undefined) {
      forEachLine(fd, file, { to: plan.end, maxLine: MAX_LINE_BYTES }, (line) => {
        if (plan.skip.has(line.number)) return;
        const text = plan.rewrite.get(line.number) ?? (line.text ?? line.bytes.toString("utf8")).trim();
        if (!text) return;
        write(`${counts[i] ? "," : ""}\n    ${text}`);
        counts[i]++;
      });
    }
    write(counts[i] ? "\n  ]" : "]");
    write(i === 0 ? ",\n" : "\n}\n");
  });
  return { attempts: counts[0], rounds: counts[1], damagedLines };
}

/** The whole export in memory (tests and small stores). */
export function buildExport(store: ProgressStore, now = new Date()): ProgressExport {
  let text = "";
  exportTo(
    store,
    (t) => {
      text += t;
    },
    now,
  );
  return JSON.parse(text);
}

/** Reads a JSON document from chunks without holding it: the header values whole, the record lists one element at
 * a time. */
class JsonReader {
  private buf = Buffer.alloc(0);
  private pos = 0;
  private done = false;
  line = 1;
  constructor(
    private readonly next: () => Buffer | undefined,
    private readonly path: string,
  ) {}

  private fill(): boolean {
    if (this.done) return false;
    const chunk = this.next();
    if (!chunk) {
      this.done = true;
      return false;
    }
    this.buf = this.pos < this.buf.length ? Buffer.concat([this.buf.subarray(this.pos), chunk]) : Buffer.from(chunk);
    this.pos = 0;
    return true;
  }

  private fail(): never {
    throw new NotAnExportError(this.path, "not-json", this.line);
  }

  /** The next byte that is not white space, without taking it; undefined at the end. */
  peek(): number | undefined {
    for (;;) {
      while (this.pos < this.buf.length) {
        const b = this.buf[this.pos];
        if (b === 0x20 || b === 0x09 || b === 0x0d) this.pos++;
        else if (b === 0x0a) {
          this.line++;
          this.pos++;
        } else if (b === 0xef && this.line === 1 && this.buf[this.pos + 1] === 0xbb && this.buf[this.pos + 2] === 0xbf) this.pos += 3;
        else return b;
      }
      if (!this.fill()) return undefined;
    }
  }

  expect(byte: number): void {
    if (this.peek() !== byte) this.fail();
    this.pos++;
  }

  /** Takes `byte` if it comes next. */
  take(byte: number): boolean {
    if (this.peek() !== byte) return false;
    this.pos++;
    return true;
  }

  /** The raw text of the next value, at most `limit` bytes and MAX_DEPTH deep. */
  value(limit: number): { text: string; line: number } {
    const first = this.peek();
    if (first === undefined) this.fail();
    const line = this.line;
    const container = first === 0x7b || first === 0x5b;
    const out: Buffer[] = [];
    let taken = 0;
    let i = this.pos;
    let origin = this.pos;
    let depth = 0;
    let inString = false;
    let escaped = false;
    for (;;) {
      if (i >= this.buf.length) {
        if (i > origin) {
          out.push(Buffer.from(this.buf.subarray(origin, i)));
          taken += i - origin;
        }
        if (taken > limit) throw new NotAnExportError(this.path, "too-large", line);
        this.pos = i;
        if (!this.fill()) {
          if (!container && !inString) break;
          this.fail();
        }
        i = this.pos;
        origin = this.pos;
        continue;
      }
      if (inString) {
        // Jump to the closing quote, past any escaped character.
        if (escaped) {
          escaped = false;
          i++;
          continue;
        }
        const quote = this.buf.indexOf(0x22, i);
        const end = quote < 0 ? this.buf.length : quote;
        let backslash = -1;
        for (let j = i; j < end; j++) {
          if (this.buf[j] === 0x5c) {
            backslash = j;
            break;
          }
        }
        if (backslash >= 0) {
          i = backslash + 1;
          escaped = true;
          continue;
        }
        i = end;
        if (quote < 0) continue;
        i++;
        inString = false;
        if (depth === 0) break;
        continue;
      }
      const b = this.buf[i];
      if (b === 0x22) {
        inString = true;
        i++;
        continue;
      }
      if (b === 0x7b || b === 0x5b) {
        if (++depth > MAX_DEPTH) throw new NotAnExportError(this.path, "too-deep", this.line);
        i++;
        continue;
      }
      if (b === 0x7d || b === 0x5d) {
        if (depth === 0) break;
        i++;
        if (--depth === 0) break;
        continue;
      }
      if (depth === 0 && (b === 0x2c || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x3a)) break;
      if (b === 0x0a) this.line++;
      i++;
    }
    if (i > origin) {
      out.push(this.buf.subarray(origin, i));
      taken += i - origin;
    }
    if (taken > limit) throw new NotAnExportError(this.path, "too-large", line);
    this.pos = i;
    return { text: (out.length === 1 ? out[0] : Buffer.concat(out)).toString("utf8"), line };
  }

  /** The next value parsed, with its text; a record on a line of its own (as export writes them) is taken whole,
   * with its bytes (a view valid until the next read). */
  record(limit: number): { value: unknown; line: number; text: string; bytes?: Buffer } {
    return this.lineRecord(limit) ?? this.json(limit);
  }

  /** The object that fills the rest of the current line (but a trailing comma), when it parses and is too shallow
   * to pass MAX_DEPTH: what value() would find, without walking it byte by byte. */
  private lineRecord(limit: number): { value: unknown; line: number; text: string; bytes: Buffer } | undefined {
    if (this.peek() !== 0x7b) return undefined;
    const start = this.pos;
    const nl = this.buf.indexOf(0x0a, start);
    if (nl < 0) return undefined;
    let end = nl;
    const blank = (b: number) => b === 0x20 || b === 0x09 || b === 0x0d;
    while (end > start && blank(this.buf[end - 1])) end--;
    if (this.buf[end - 1] === 0x2c) {
      end--;
      while (end > start && blank(this.buf[end - 1])) end--;
    }
    if (end - start > limit || this.buf[end - 1] !== 0x7d) return undefined;
    const bytes = this.buf.subarray(start, end);
    let brackets = 0;
    for (const open of [0x7b, 0x5b])
      for (let i = bytes.indexOf(open); i >= 0 && brackets <= MAX_DEPTH; i = bytes.indexOf(open, i + 1)) brackets++;
    if (brackets > MAX_DEPTH) return undefined;
    const text = bytes.toString("utf8");
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return undefined;
    }
    this.pos = end;
    return { value, line: this.line, text, bytes };
  }

  /** The next value parsed, with its text. */
  json(limit: number): { value: unknown; line: number; text: string } {
    const { text, line } = this.value(limit);
    try {
      return { value: JSON.parse(text), line, text };
    } catch {
      throw new NotAnExportError(this.path, "not-json", line);
    }
  }

  end(): void {
    if (this.peek() !== undefined) this.fail();
  }
}

export interface ImportProblem {
  /** Where in the document: attempts[3], rounds[0]. */
  path: string;
  line: number;
  message: string;
}

export interface ImportResult {
  attemptsAdded: number;
  attemptsSkipped: number;
  roundsAdded: number;
  roundsSkipped: number;
  /** Records that are not valid, by path in the document (the first 100), and how many in all. */
  rejected: ImportProblem[];
  rejectedCount: number;
}

/** A history being rewritten with more lines: what was there copied first, then the new records. Every record the
 * new file holds is passed to `feed` in file order, so the derived state needs no second read. */
class Merge {
  readonly file: AtomicFile;
  readonly ids = new IdSet();
  /** The block hashes of the new file, taken as it is written. */
  private readonly hasher = new BlockHasher();
  private size = 0;
  private ino = 0;
  added = 0;
  skipped = 0;
  /** Lines in the new file. */
  lines = 0;
  private committed = false;
  /** The history copied held no damaged line: `feed` saw every record of the new file. */
  clean = true;
  constructor(
    private readonly path: string,
    private readonly check: LineCheck,
    private readonly feed: (record: never) => void,
  ) {
    this.file = new AtomicFile(path);
    this.file.out.onData = (c) => this.hasher.feed(c);
    this.copy(0);
  }
  /** Copies the history from `from` on (the lines there at first, or appended since), learning its ids. */
  private copy(from: number): void {
    const fd = openForRead(this.file.target);
    if (fd === undefined) return;
    try {
      const size = sizeOf(fd);
      this.ino = statSync(this.file.target).ino;
      let end = size;
      forEachLine(fd, this.path, { from, to: size, maxLine: MAX_LINE_BYTES }, (line) => {
        const v = judge(line, this.check);
        // A cut-off last line is left out: it was never recorded.
        if (v.ok === false && v.cutOff) {
          end = line.start;
          return;
        }
        this.lines++;
        if (v.ok) {
          if (this.ids.add(v.value.id)) this.feed(v.value as never);
        } else if (!v.blank) this.clean = false;
      });
      copyRange(fd, this.path, end, this.file.out, from);
      if (end > from && !endsLine(lastByte(fd)) && end === size) this.file.out.write("\n");
      this.size = size;
    } finally {
      closeSync(fd);
    }
  }
  /** Adds a valid record, written as it came (its bytes, when known) when that is one line. */
  add(record: { id: string }, text: string, bytes?: Buffer): void {
    if (!this.ids.add(record.id)) {
      this.skipped++;
      return;
    }
    if (text.includes("\n") || text.includes("\r")) this.file.out.write(`${JSON.stringify(record)}\n`);
    else {
      // Bytes that are not UTF-8 were read as text with replacement characters: that text is what is kept.
      if (bytes && isUtf8(bytes)) this.file.out.writeBytes(bytes);
      else this.file.out.write(text);
      this.file.out.write("\n");
    }
    this.added++;
    this.lines++;
    this.feed(record as never);
  }
  /** Puts the merged file in place, after copying anything appended meanwhile. */
  commit(): void {
    try {
      const st = statSync(this.file.target);
      if (st.ino !== this.ino && this.ino !== 0) throw new Error(`${this.path} was replaced during the import`);
      if (st.size > this.size) this.copy(this.size);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    this.file.commit();
    this.committed = true;
  }
  /** What the file holds now (after commit or abort, when nothing was added: the history as it was copied, whose
   * blocks are then not known). */
  written(): Written {
    return { ids: this.ids, bytes: this.file.out.bytes, lines: this.lines, blocks: this.committed ? this.hasher.done() : undefined };
  }
}

/** Opens the file given to import: a regular file, and it must exist. */
function openImport(file: string): number {
  let fd: number | undefined;
  try {
    fd = openForRead(file);
  } catch (err) {
    if (err instanceof NotRegularFileError) throw new NotAnExportError(file, "not-a-file", undefined, err.type);
    throw err;
  }
  if (fd === undefined) throw new FileSystemError(file, "ENOENT", "read");
  return fd;
}

/** A JSON reader over the whole of an open file, chunk by chunk; `heartbeat` runs before each chunk (the lock's). */
function readerOf(fd: number, file: string, heartbeat: () => void): JsonReader {
  const gen = chunks(fd, 0, sizeOf(fd), file);
  return new JsonReader(() => {
    heartbeat();
    const n = gen.next();
    return n.done ? undefined : Buffer.from(n.value.buf);
  }, file);
}

/** The top-level values of an export but its lists (format, version, exportedAt), read past the lists: for a file
 * whose keys were reordered (jq -S sorts "attempts" before "format"), so its lists can be checked as they are met. */
function headerOf(fd: number, file: string, heartbeat: () => void): Record<string, unknown> {
  const reader = readerOf(fd, file, heartbeat);
  const header: Record<string, unknown> = {};
  reader.expect(0x7b);
  if (reader.take(0x7d)) return header;
  do {
    const key = reader.json(1024).value;
    if (typeof key !== "string") throw new NotAnExportError(file, "not-json", reader.line);
    reader.expect(0x3a);
    if ((key === "attempts" || key === "rounds") && reader.peek() === 0x5b) {
      reader.expect(0x5b);
      if (!reader.take(0x5d)) {
        do reader.record(MAX_LINE_BYTES);
        while (reader.take(0x2c));
        reader.expect(0x5d);
      }
    } else header[key] = reader.json(MAX_HEADER_VALUE_BYTES).value;
  } while (reader.take(0x2c));
  return header;
}

/** Merges an exported file into the store: records whose id is already there are skipped, invalid ones reported
 * by path. Nothing in the store changes unless the whole document was read; then each history file is replaced at
 * once (never a half-written line). */
export function importFile(store: ProgressStore, file: string): ImportResult {
  // A reset's backup holds the history files beside its export; the history is not an export.
  if (/^(attempts|rounds)\.jsonl$/.test(basename(file))) throw new NotAnExportError(file, "history-file");
  const fd = openImport(file);
  let adopted = false;
  try {
    const result = store.locked((lock) => {
      const reader = readerOf(fd, file, () => lock.heartbeat());
      if (reader.peek() !== 0x7b) {
        if (reader.peek() === undefined) throw new NotAnExportError(file, "not-json", reader.line);
        throw new NotAnExportError(file, "not-export");
      }
      const merges: { attempts?: Merge; rounds?: Merge } = {};
      // The derived state of the merged files, built as they are written; a key seen twice means a second read.
      const builder = new DerivedBuilder(store.settings.desiredRetention);
      let once = true;
      const rejected: ImportProblem[] = [];
      let rejectedCount = 0;
      const header: Record<string, unknown> = {};
      try {
        reader.expect(0x7b);
        if (!reader.take(0x7d)) {
          do {
            const key = reader.json(1024).value;
            if (typeof key !== "string") throw new NotAnExportError(file, "not-json", reader.line);
            reader.expect(0x3a);
            // A list before the format and version (keys sorted or reordered): those are read first, past the lists.
            if ((key === "attempts" || key === "rounds") && !("format" in header && "version" in header)) {
              const ahead = headerOf(fd, file, () => lock.heartbeat());
              if (ahead.format !== EXPORT_FORMAT) throw new NotAnExportError(file, "not-export");
              header.format = ahead.format;
              header.version = ahead.version;
            }
            if ((key === "attempts" || key === "rounds") && header.format === EXPORT_FORMAT) {
              checkVersion(file, header.version);
              // A list given twice (a hand-joined file) is merged like one list: both are kept.
              if (merges[key]) once = false;
              const merge =
                merges[key] ??
                (key === "attempts"
                  ? new Merge(store.files.attempts, checkAttempt, (a: Attempt) => builder.attempt(normalizeAttempt(a)))
                  : new Merge(store.files.rounds, checkRound, (r: Round) => builder.round(normalizeRound(r))));
              merges[key] = merge;
              const check = key === "attempts" ? checkAttempt : checkRound;
              if (reader.peek() !== 0x5b) throw new NotAnExportError(file, `${key}-not-list`, reader.line);
              reader.expect(0x5b);
              let i = 0;
              if (!reader.take(0x5d)) {
                do {
                  const { value, line, text, bytes } = reader.record(MAX_LINE_BYTES);
                  const problem = check(value);
                  if (problem) {
                    rejectedCount++;
                    if (rejected.length < 100) rejected.push({ path: `${key}[${i}]`, line, message: problem });
                  } else merge.add(value as { id: string }, text, bytes);
                  i++;
                } while (reader.take(0x2c));
                reader.expect(0x5d);
              }
            } else {
              const { value } = reader.json(MAX_HEADER_VALUE_BYTES);
              header[key] = value;
              if (key === "format" && value !== EXPORT_FORMAT) throw new NotAnExportError(file, "not-export");
            }
          } while (reader.take(0x2c));
          reader.expect(0x7d);
        }
        reader.end();
        if (header.format !== EXPORT_FORMAT) throw new NotAnExportError(file, "not-export");
        checkVersion(file, header.version);
        if (!lock.held()) throw new LockLostError(lock.path, "import");
        // Attempts first: a kill between the two leaves the rounds to a second import, which skips what is there.
        for (const m of [merges.attempts, merges.rounds]) {
          if (m?.added) m.commit();
          else m?.file.abort();
        }
        const { attempts, rounds } = merges;
        const changed = !!(attempts?.added || rounds?.added);
        if (changed && once && attempts?.clean && rounds?.clean && !builder.needsReplay.size) {
          adopted = store.adopt(builder.done(), { attempts: attempts.written(), rounds: rounds.written() });
        }
      } catch (err) {
        merges.attempts?.file.abort();
        merges.rounds?.file.abort();
        throw err;
      }
      return {
        attemptsAdded: merges.attempts?.added ?? 0,
        attemptsSkipped: merges.attempts?.skipped ?? 0,
        roundsAdded: merges.rounds?.added ?? 0,
        roundsSkipped: merges.rounds?.skipped ?? 0,
        rejected,
        rejectedCount,
      };
    });
    // Imported attempts older than the ones here need the schedule replayed in time order, from the new files. Damage
    // the history had before the import (copied as it was) leaves that to the next read, which reports it.
    if (!adopted && (result.attemptsAdded || result.roundsAdded)) {
      try {
        store.rebuild();
      } catch (err) {
        if (!(err instanceof DamagedFileError)) throw err;
      }
    }
    return result;
  } finally {
    closeSync(fd);
  }
}

function checkVersion(file: string, version: unknown): void {
  if (typeof version === "number" && version > EXPORT_VERSION) throw new NewerVersionError(file, version, EXPORT_VERSION, "export");
  if (!Number.isSafeInteger(version) || (version as number) < 1) throw new NotAnExportError(file, "not-export");
}

export type { LineProblem };
export { isObject };
