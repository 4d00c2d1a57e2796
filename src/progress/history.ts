// Reading the append-only history line by line: each line checked by the one definition of a record (records.ts),
// duplicates by id counted once, damage reported by line number, a cut-off last line treated as not recorded.
import { isUtf8 } from "node:buffer";
import { closeSync } from "node:fs";
import type { LineProblem } from "./errors.js";
import { type Chunk, chunks, forEachLine, type Line, openForRead, sizeOf } from "./files.js";
import { type LineCheck, MAX_LINE_BYTES } from "./records.js";

/** Problems kept in full; past this only counted. */
const MAX_PROBLEMS = 100;

export interface Scan {
  /** Usable records passed on. */
  records: number;
  /** Unusable lines (at most MAX_PROBLEMS of them), and how many there were in all. */
  problems: LineProblem[];
  problemCount: number;
  /** A last line without a newline that is not a complete record: not recorded, and not damage. */
  cutOff?: LineProblem & { start: number };
  duplicates: number;
  /** Offset after the last line that counts (complete or a valid final line): where a cache's coverage may end. */
  bytes: number;
  /** The number of the line that starts at `bytes`. */
  nextLine: number;
  /** Size of the file as read. */
  size: number;
  /** Line 1 starts with a UTF-8 byte-order mark (skipped). */
  bom: boolean;
  /** The file ends without a newline. */
  unterminated: boolean;
}

export interface ScanOptions {
  /** Byte offset and line number to start at; bytes before are not read. */
  from?: number;
  firstLine?: number;
  /** Offset to stop at (the file's size when the scan starts, by default). */
  to?: number;
  /** Every byte read, for the cache's hash. */
  onChunk?: (c: Chunk) => void;
  /** Ids seen so far: a record whose id is in it is a duplicate and is skipped. */
  ids?: IdSet;
  /** Called with every line, usable or not, before it is judged (doctor copies lines). */
  onLine?: (line: Line, verdict: Verdict) => void;
  /** An already open descriptor of the file. */
  fd?: number;
}

export type Verdict =
  | { ok: true; value: { id: string } }
  | { ok: false; problem?: string; cutOff?: boolean; duplicate?: boolean; blank?: boolean };

const EMPTY: Scan = {
  nextLine: 1,
  records: 0,
  problems: [],
  problemCount: 0,
  duplicates: 0,
  bytes: 0,
  size: 0,
  bom: false,
  unterminated: false,
};

/** Judges one line. */
export function judge(line: Line, check: LineCheck): Verdict {
  if (line.tooLong) return { ok: false, problem: `the line is longer than ${MAX_LINE_BYTES} bytes` };
  const text = line.text;
  const bytes = text === undefined ? line.bytes : undefined;
  let blank = true;
  const length = text === undefined ? (bytes as Buffer).length : text.length;
  for (let i = 0; i < length; i++) {
    const b = text === undefined ? (bytes as Buffer)[i] : text.charCodeAt(i);
    if (b !== 32 && b !== 9 && b !== 13) {
      blank = false;
      break;
    }
  }
  if (blank) return { ok: false, blank: true };
  if (bytes && !isUtf8(bytes)) return { ok: false, problem: "the line is not valid UTF-8 text" };
  let value: unknown;
  try {
    value = JSON.parse(text ?? (bytes as Buffer).toString("utf8"));
  } catch {
    if (line.final) return { ok: false, cutOff: true, problem: "the last line is cut off (not complete JSON)" };
    return { ok: false, problem: "the line is not valid JSON" };
  }
  const problem = check(value);
  if (problem) return { ok: false, problem };
  return { ok: true, value: value as { id: string } };
}

/** Reads a history file (missing is empty), passing each usable record to `fn`. */
export function scanHistory<T>(path: string, check: LineCheck, fn: (record: T, line: Line) => void, opts: ScanOptions = {}): Scan {
  const fd = opts.fd ?? openForRead(path);
  if (fd === undefined) return { ...EMPTY, problems: [] };
  try {
    const size = opts.to ?? sizeOf(fd);
    const scan: Scan = { ...EMPTY, problems: [], size, bytes: opts.from ?? 0, nextLine: opts.firstLine ?? 1 };
    forEachLine(
      fd,
      path,
      { from: opts.from, to: size, firstLine: opts.firstLine, maxLine: MAX_LINE_BYTES, onChunk: opts.onChunk },
      (line) => {
        if (line.bom) scan.bom = true;
        let verdict = judge(line, check);
        if (verdict.ok && opts.ids && !opts.ids.add(verdict.value.id)) verdict = { ok: false, duplicate: true };
        opts.onLine?.(line, verdict);
        if (line.final) scan.unterminated = true;
        if (verdict.ok) {
          scan.records++;
          scan.bytes = line.end;
          scan.nextLine = line.number + 1;
          fn(verdict.value as T, line);
          return;
        }
        if (verdict.cutOff) {
          scan.cutOff = { file: path, line: line.number, message: verdict.problem ?? "", start: line.start };
          return;
        }
        if (verdict.duplicate) {
          // A complete record, counted already: covered like any other.
          scan.duplicates++;
          scan.bytes = line.end;
          scan.nextLine = line.number + 1;
          return;
        }
        if (verdict.problem) {
          scan.problemCount++;
          if (scan.problems.length < MAX_PROBLEMS) scan.problems.push({ file: path, line: line.number, message: verdict.problem });
        }
        if (!line.final) {
          scan.bytes = line.end;
          scan.nextLine = line.number + 1;
        }
      },
    );
    return scan;
  } finally {
    if (opts.fd === undefined) closeSync(fd);
  }
}

/** A set of ids by 64-bit fingerprint: eight bytes an id, so a million answers need 16 MB, not the 70 MB of a Set of
 * strings. Two different ids share a fingerprint with odds of about 1 in 10^8 at a million ids. Ids made to share
 * one (the fingerprint is not keyed: a keyed hash doubled the time of a cold read) can only come from a file given
 * to import, whose records are checked against what the history already holds: the worst such a file can do is
 * have its own record skipped as known. */
export class IdSet {
  private table: Int32Array;
  private count = 0;
  constructor(capacity = 1 << 12) {
    let n = 1 << 12;
    while (n < capacity * 2) n <<= 1;
    this.table = new Int32Array(n * 2);
  }
  get size(): number {
    return this.count;
  }
  /** Adds an id; false when it was already there. */
  add(id: string): boolean {
    const [h1, h2] = fingerprint(id);
    const added = this.insert(this.table, h1, h2);
    if (added) {
      this.count++;
      if (this.count * 2 > this.table.length / 2) this.grow();
    }
    return added;
  }
  has(id: string): boolean {
    const [h1, h2] = fingerprint(id);
    const slots = this.table.length / 2;
    for (let i = (h1 >>> 0) & (slots - 1); ; i = (i + 1) & (slots - 1)) {
      const k = this.table[i * 2 + 1];
      if (k === 0) return false;
      if (k === h2 && this.table[i * 2] === h1) return true;
    }
  }
  /** Every fingerprint held. */
  eachFingerprint(fn: (h1: number, h2: number) => void): void {
    for (let i = 0; i < this.table.length; i += 2) if (this.table[i + 1] !== 0) fn(this.table[i], this.table[i + 1]);
  }
  private insert(table: Int32Array, h1: number, h2: number): boolean {
    const slots = table.length / 2;
    let i = (h1 >>> 0) & (slots - 1);
    for (;;) {
      const k = table[i * 2 + 1];
      if (k === 0) {
        table[i * 2] = h1;
        table[i * 2 + 1] = h2;
        return true;
      }
      if (k === h2 && table[i * 2] === h1) return false;
      i = (i + 1) & (slots - 1);
    }
  }
  private grow(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.insert(table, old[i], old[i + 1]);
    this.table = table;
  }
}

/** Two independent 32-bit hashes of an id (the second never 0). */
export function fingerprint(id: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ id.length;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return [h1, h2 === 0 ? 1 : h2];
}

const BITS_PER_ID = 8;
const PROBES = 3;

/** A Bloom filter of the ids a cache covers (8 bits an id, three probes: about 3 false alarms in 100), kept in
 * derived.json, so a record appended after the cache can be told from one already counted without rereading the
 * history; a "maybe" is settled by searching the history for the id. */
export class IdFilter {
  readonly bits: Uint8Array;
  count: number;
  constructor(capacity: number, bits?: Uint8Array, count = 0) {
    let bytes = 1024;
    while (bytes * 8 < capacity * BITS_PER_ID) bytes *= 2;
    this.bits = bits ?? new Uint8Array(bytes);
    this.count = count;
  }
  /** How many ids it holds before false alarms grow: past this the cache is not trusted, and the rebuild sizes it anew. */
  get capacity(): number {
    return (this.bits.length * 8) / BITS_PER_ID;
  }
  /** A filter holding every id of a set. */
  static of(ids: IdSet): IdFilter {
    const filter = new IdFilter(Math.max(2 * ids.size, 4096));
    ids.eachFingerprint((h1, h2) => {
      filter.addHash(h1, h2);
    });
    return filter;
  }
  /** Sets (or, with `set` false, tests) the id's PROBES bits; true when every one is set. */
  private probeHash(h1: number, h2: number, set: boolean): boolean {
    const bits = this.bits;
    const m = bits.length * 8;
    const a = h1 >>> 0;
    const b = h2 >>> 0;
    for (let i = 0; i < PROBES; i++) {
      const bit = (a + i * b) % m;
      if (set) bits[bit >>> 3] |= 1 << (bit & 7);
      else if ((bits[bit >>> 3] & (1 << (bit & 7))) === 0) return false;
    }
    return true;
  }
  private addHash(h1: number, h2: number): void {
    this.probeHash(h1, h2, true);
    this.count++;
  }
  add(id: string): void {
    const [h1, h2] = fingerprint(id);
    this.addHash(h1, h2);
  }
  mayHave(id: string): boolean {
    const [h1, h2] = fingerprint(id);
    return this.probeHash(h1, h2, false);
  }
  toJSON(): { count: number; bits: string } {
    return { count: this.count, bits: Buffer.from(this.bits.buffer, this.bits.byteOffset, this.bits.length).toString("base64") };
  }
  static fromJSON(v: unknown): IdFilter | undefined {
    if (typeof v !== "object" || v === null) return undefined;
    const { count, bits } = v as { count?: unknown; bits?: unknown };
    if (!Number.isSafeInteger(count) || (count as number) < 0 || typeof bits !== "string") return undefined;
    const buf = Buffer.from(bits, "base64");
    if (buf.length < 1024 || (buf.length & (buf.length - 1)) !== 0 || buf.toString("base64") !== bits) return undefined;
    const filter = new IdFilter(0, new Uint8Array(buf.buffer, buf.byteOffset, buf.length), count as number);
    return filter.count > filter.capacity ? undefined : filter;
  }
}

/** Whether any of `needles` occurs in [0, to) of an open file, searched chunk by chunk (overlapping, so a needle
 * across two chunks is found). */
export function fileContains(fd: number, path: string, to: number, needles: Buffer[]): boolean {
  if (!needles.length) return false;
  const overlap = Math.max(...needles.map((n) => n.length)) - 1;
  let carry = Buffer.alloc(0);
  for (const c of chunks(fd, 0, to, path)) {
    const hay = carry.length ? Buffer.concat([carry, c.buf]) : c.buf;
    if (needles.some((n) => hay.indexOf(n) >= 0)) return true;
    carry = Buffer.from(hay.subarray(Math.max(0, hay.length - overlap)));
  }
  return false;
}
