// File access for the store: regular files only, read as streams within byte limits, appended whole, replaced
// atomically through symlinks. Every errno a person can fix comes out as a FileSystemError naming the path.

import { isUtf8 } from "node:buffer";
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { FileTooLargeError, fileTypeOf, fsError, guard, NotRegularFileError } from "./errors.js";

const CHUNK = 1024 * 1024;

/** Hears how far each read of a file has come, in bytes of the part read (a terminal shows it for long ones). */
export type ReadListener = (path: string, done: number, total: number) => void;
let readListener: ReadListener | undefined;
/** The one listener to every read from now on; undefined for none. */
export function listenToReads(listener: ReadListener | undefined): void {
  readListener = listener;
}

/** Opens a regular file for reading without blocking on a FIFO; undefined when it does not exist. */
export function openForRead(path: string): number | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw fsError(err, path, "read");
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new NotRegularFileError(path, fileTypeOf(st));
  } catch (err) {
    closeSync(fd);
    throw fsError(err, path, "read");
  }
  return fd;
}

/** A whole small file (settings, the cache), refused past `limit` bytes; undefined when it does not exist. */
export function readSmall(path: string, limit: number): Buffer | undefined {
  const fd = openForRead(path);
  if (fd === undefined) return undefined;
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, limit + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > limit) throw new FileTooLargeError(path, limit, "file");
    }
    return Buffer.concat(chunks, total);
  } catch (err) {
    throw fsError(err, path, "read");
  } finally {
    closeSync(fd);
  }
}

export function sizeOf(fd: number): number {
  return fstatSync(fd).size;
}

export interface Chunk {
  buf: Buffer;
  /** File offset of buf[0]. */
  offset: number;
}

/** Reads [from, to) of an open file in chunks aligned to CHUNK boundaries of the file, so that the chunks are also
 * the blocks the cache hashes. */
export function* chunks(fd: number, from: number, to: number, path: string): Generator<Chunk> {
  let pos = from;
  const buf = Buffer.allocUnsafe(CHUNK);
  try {
    while (pos < to) {
      const want = Math.min(CHUNK - (pos % CHUNK), to - pos);
      let n: number;
      try {
        n = readSync(fd, buf, 0, want, pos);
      } catch (err) {
        throw fsError(err, path, "read");
      }
      if (n === 0) return;
      yield { buf: buf.subarray(0, n), offset: pos };
      pos += n;
      readListener?.(path, pos - from, to - from);
    }
  } finally {
    // However the read ends, it is over.
    readListener?.(path, to - from, to - from);
  }
}

export interface Line {
  /** The line's bytes, without the newline (and without a byte-order mark on line 1): a view of the reader's
   * buffer, valid only while the callback runs (copy it to keep it). */
  readonly bytes: Buffer;
  /** 1-based. */
  number: number;
  /** Offsets of the line's first byte and of the byte after its newline. */
  start: number;
  end: number;
  /** The file ends here without a newline. */
  final: boolean;
  /** Longer than the limit: `bytes` holds only its start. */
  tooLong: boolean;
  /** Line 1 started with a UTF-8 byte-order mark, which `bytes` leaves out. */
  bom: boolean;
  /** The line as text, when it is known to be valid UTF-8 (decoded with the rest of its chunk). */
  text?: string;
}

export const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A whole line inside the chunk being read; its bytes are a view made only when asked for. */
class ChunkLine implements Line {
  readonly final = false;
  readonly tooLong = false;
  constructor(
    private readonly buf: Buffer,
    private readonly from: number,
    private readonly to: number,
    readonly number: number,
    readonly start: number,
    readonly end: number,
    readonly bom: boolean,
    readonly text: string | undefined,
  ) {}
  get bytes(): Buffer {
    return this.buf.subarray(this.from, this.to);
  }
}

/** Calls `fn` for every line of [from, to) of an open file, holding at most one chunk and one line in memory.
 * `firstLine` is the number of the line at `from`. `onChunk` sees every byte read, for hashing. */
export function forEachLine(
  fd: number,
  path: string,
  opts: { from?: number; to: number; firstLine?: number; maxLine: number; onChunk?: (c: Chunk) => void },
  fn: (line: Line) => void,
): void {
  const from = opts.from ?? 0;
  let number = opts.firstLine ?? 1;
  let parts: Buffer[] = [];
  let partLength = 0;
  let lineStart = from;
  let tooLong = false;
  const emit = (end: number, final: boolean) => {
    let bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts, partLength);
    const bom = lineStart === 0 && bytes.subarray(0, 3).equals(BOM);
    if (bom) bytes = bytes.subarray(3);
    fn({ bytes, number, start: lineStart, end, final, tooLong, bom });
    number++;
    parts = [];
    partLength = 0;
    lineStart = end;
    tooLong = false;
  };
  const take = (piece: Buffer) => {
    if (tooLong) return;
    if (partLength + piece.length > opts.maxLine) {
      tooLong = true;
      const keep = piece.subarray(0, Math.max(0, Math.min(piece.length, 256 - partLength)));
      parts.push(Buffer.from(keep));
      partLength += keep.length;
      return;
    }
    // The chunk buffer is reused: a piece that outlives it is copied.
    parts.push(Buffer.from(piece));
    partLength += piece.length;
  };
  for (const c of chunks(fd, from, opts.to, path)) {
    opts.onChunk?.(c);
    breakAtLoneReturns(fd, c, opts.to);
    let pos = 0;
    // The chunk's whole lines are checked and decoded as one text when they are valid UTF-8 (one call each per
    // chunk rather than per line); otherwise each line is judged on its own bytes.
    let decoded: string | undefined;
    let tried = false;
    let tpos = 0;
    for (;;) {
      const nl = c.buf.indexOf(10, pos);
      if (nl < 0) {
        take(c.buf.subarray(pos));
        break;
      }
      if (!parts.length && !tooLong && nl - pos <= opts.maxLine) {
        if (!tried) {
          tried = true;
          const whole = c.buf.subarray(pos, c.buf.lastIndexOf(10));
          if (isUtf8(whole)) decoded = whole.toString("utf8");
        }
        let text: string | undefined;
        if (decoded !== undefined) {
          const tnl = decoded.indexOf("\n", tpos);
          text = decoded.slice(tpos, tnl < 0 ? decoded.length : tnl);
          tpos = tnl + 1;
        }
        const start = c.offset + pos;
        const bom = start === 0 && c.buf.subarray(0, 3).equals(BOM);
        if (bom) text = text?.slice(1);
        const end = c.offset + nl + 1;
        fn(new ChunkLine(c.buf, bom ? pos + 3 : pos, nl, number, start, end, bom, text));
        number++;
        lineStart = end;
      } else {
        if (decoded !== undefined) tpos = decoded.indexOf("\n", tpos) + 1;
        take(c.buf.subarray(pos, nl));
        emit(c.offset + nl + 1, false);
      }
      pos = nl + 1;
    }
  }
  if (partLength > 0 || tooLong) emit(opts.to, true);
}

/** A carriage return not followed by a newline (the line end of old Mac files) ends a line as a newline does, so
 * it becomes one in the chunk read (the same length, so every offset holds; the hash has seen the bytes as they
 * are). One before a newline stays in the line, where JSON reads it as white space. */
function breakAtLoneReturns(fd: number, c: Chunk, to: number): void {
  for (let i = c.buf.indexOf(13); i >= 0; i = c.buf.indexOf(13, i + 1)) {
    const at = c.offset + i + 1;
    const next = i + 1 < c.buf.length ? c.buf[i + 1] : at < to ? byteAt(fd, at) : undefined;
    if (next !== 10) c.buf[i] = 10;
  }
}

function byteAt(fd: number, offset: number): number | undefined {
  const b = Buffer.alloc(1);
  return readSync(fd, b, 0, 1, offset) === 1 ? b[0] : undefined;
}

/** Writes all of `data` at the end of an open file; on any failure (a full disk) cuts the file back to where it
 * was, so no half line is ever left. Once written, the line survives the process being killed; it is not synced
 * to the disk (that costs a round trip to the drive per answer, past the 20 ms an answer may take to record). */
export function appendWhole(fd: number, path: string, data: Buffer): void {
  const size = fstatSync(fd).size;
  let written = 0;
  try {
    while (written < data.length) written += writeSync(fd, data, written, data.length - written);
  } catch (err) {
    try {
      ftruncateSync(fd, size);
    } catch {
      // The write failed and so did cutting it back: readers treat the cut-off last line as not recorded.
    }
    throw fsError(err, path, "write");
  }
}

/** Opens a history file for appending, creating it; refuses anything but a regular file (a folder, /dev/null). */
export function openForAppend(path: string): number {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK, 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EISDIR") throw new NotRegularFileError(path, "directory");
    throw fsError(err, path, "write");
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new NotRegularFileError(path, fileTypeOf(st));
  } catch (err) {
    closeSync(fd);
    throw fsError(err, path, "write");
  }
  return fd;
}

/** The last byte of an open file, or undefined when it is empty. */
export function lastByte(fd: number): number | undefined {
  const size = fstatSync(fd).size;
  return size ? byteAt(fd, size - 1) : undefined;
}

/** Whether a byte ends a line: a newline, or a carriage return (old Mac line ends). */
export const endsLine = (b: number | undefined): boolean => b === 10 || b === 13;

/** Where the last line break of a buffer is, -1 when it has none. */
export const lastBreak = (buf: Buffer): number => Math.max(buf.lastIndexOf(10), buf.lastIndexOf(13));

/** The file a path names, through symlinks; the path itself when it does not exist yet. */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return path;
    throw fsError(err, path, "read");
  }
}

/** Buffered writes to an open file descriptor. */
export class Writer {
  private readonly buf = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  private flushed = 0;
  /** Bytes written so far. */
  bytes = 0;
  /** Sees every byte as it goes to the file, in order (to hash what is written without reading it back). */
  onData?: (c: Chunk) => void;
  constructor(
    private readonly fd: number,
    private readonly path: string,
  ) {}
  write(text: string): void {
    const n = Buffer.byteLength(text);
    if (n > CHUNK - this.used) this.flush();
    if (n > CHUNK) this.put(Buffer.from(text));
    else this.used += this.buf.write(text, this.used);
    this.bytes += n;
  }
  /** Bytes (a line as read, which may hold bytes that are not text) written as they are. */
  writeBytes(b: Buffer): void {
    if (b.length > CHUNK - this.used) this.flush();
    if (b.length > CHUNK) this.put(b);
    else {
      b.copy(this.buf, this.used);
      this.used += b.length;
    }
    this.bytes += b.length;
  }
  flush(): void {
    if (!this.used) return;
    const n = this.used;
    this.used = 0;
    this.put(this.buf.subarray(0, n));
  }
  private put(data: Buffer): void {
    let written = 0;
    while (written < data.length) {
      try {
        written += writeSync(this.fd, data, written, data.length - written);
      } catch (err) {
        // A pipe opened without blocking is full until its reader catches up.
        if ((err as NodeJS.ErrnoException).code === "EAGAIN") Atomics.wait(PAUSE, 0, 0, 2);
        else throw fsError(err, this.path, "write");
      }
    }
    this.onData?.({ buf: data, offset: this.flushed });
    this.flushed += data.length;
  }
}

/** A file being replaced: written beside its target (through a symlink, to the file it points at), then synced
 * and renamed over it. A crash leaves the old or the new content, never half of each. */
export class AtomicFile {
  readonly target: string;
  readonly tmp: string;
  readonly out: Writer;
  private fd: number | undefined;
  /** `durable`: synced to disk before the rename (history, settings, exports); a cache need not be. */
  constructor(
    readonly path: string,
    private readonly durable = true,
  ) {
    this.target = realPath(path);
    // Only a regular file is replaced: renaming over a device, a pipe or a folder would destroy it (/dev/null).
    const st = guard(path, "replace", () => statSync(this.target, { throwIfNoEntry: false }));
    if (st && !st.isFile()) throw new NotRegularFileError(this.target, fileTypeOf(st));
    const dir = dirname(this.target);
    this.tmp = join(dir, `.${this.target.slice(dir.length + 1)}.${process.pid}.${Date.now().toString(36)}.tmp`);
    try {
      this.fd = openSync(this.tmp, "wx", 0o644);
    } catch (err) {
      throw fsError(err, path, "replace");
    }
    this.out = new Writer(this.fd, this.tmp);
  }
  /** Syncs and renames the new content into place. */
  commit(): void {
    try {
      this.out.flush();
      if (this.fd !== undefined) {
        if (this.durable) fsyncSync(this.fd);
        closeSync(this.fd);
        this.fd = undefined;
      }
      renameSync(this.tmp, this.target);
    } catch (err) {
      this.abort();
      throw fsError(err, this.path, "replace");
    }
  }
  /** Leaves the target as it was. */
  abort(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // Already closed.
      }
      this.fd = undefined;
    }
    rmSync(this.tmp, { force: true });
  }
}

/** Replaces a file all at once with what `write` writes. */
export function replaceFile(path: string, write: (out: Writer) => void, durable = true): void {
  const file = new AtomicFile(path, durable);
  try {
    write(file.out);
  } catch (err) {
    file.abort();
    throw fsError(err, path, "replace");
  }
  file.commit();
}

/** Copies [0, to) of an open file to a writer. */
export function copyRange(fd: number, path: string, to: number, out: Writer, from = 0): void {
  for (const c of chunks(fd, from, to, path)) out.writeBytes(c.buf);
}

/** Replaces a small file with `data`. */
export function writeAtomic(path: string, data: string, durable = true): void {
  replaceFile(path, (out) => out.write(data), durable);
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** Whether a path names a pipe or a terminal (/dev/stdout, a shell's >(gzip > file)): written into, never replaced. */
export function isStream(path: string): boolean {
  try {
    const st = statSync(path, { throwIfNoEntry: false });
    return !!st && (st.isFIFO() || st.isCharacterDevice());
  } catch {
    // Not there to be opened (a file where a folder should be): writing says why.
    return false;
  }
}

/**
 * Writes a file the person named (an export, a deck, a report): a pipe or a terminal is written into as it is, and
 * anything else replaced all at once. A pipe nothing reads from is refused (ENXIO) rather than waited on: the open
 * would block for ever, deaf to Ctrl-C.
 */
export function writeOutput(path: string, write: (out: Writer) => void): void {
  if (!isStream(path)) {
    replaceFile(path, write);
    return;
  }
  const fd = guard(path, "write", () => openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
  try {
    const out = new Writer(fd, path);
    write(out);
    out.flush();
  } finally {
    closeSync(fd);
  }
}
