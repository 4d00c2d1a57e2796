import { closeSync, fstatSync, fsyncSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { basename } from "node:path";
import { CliError, EXIT } from "../errors.js";

/** One unreadable line of a store file. */
export interface LineProblem {
  file: string;
  line: number;
  message: string;
}

/** Checks one parsed line; returns what is wrong, or undefined when the record is usable. */
export type LineCheck = (value: unknown) => string | undefined;

export interface ReadResult<T> {
  records: T[];
  problems: LineProblem[];
  /** Bytes of complete lines read: the offset where the next unread line starts. */
  bytes: number;
}

function parseLines<T>(file: string, text: string, check: LineCheck, firstLine: number): { records: T[]; problems: LineProblem[] } {
  const records: T[] = [];
  const problems: LineProblem[] = [];
  let start = 0;
  let line = firstLine;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    start = end + 1;
    if (raw.trim() !== "") {
      let value: unknown;
      let problem: string | undefined;
      try {
        value = JSON.parse(raw);
        problem = check(value);
      } catch {
        problem = end === text.length ? "the line is cut off (not complete JSON)" : "the line is not valid JSON";
      }
      if (problem) problems.push({ file, line, message: problem });
      else records.push(value as T);
    }
    line++;
  }
  return { records, problems };
}

/** Every line of a JSON Lines file, with the lines that cannot be used reported by number. */
export function readJsonl<T>(file: string, check: LineCheck): ReadResult<T> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { records: [], problems: [], bytes: 0 };
    throw err;
  }
  return { ...parseLines<T>(file, text, check, 1), bytes: Buffer.byteLength(text) };
}

/** The complete lines from byte `from` to the end: the part of a history a cache has not seen yet. */
export function readJsonlTail<T>(file: string, from: number, check: LineCheck): ReadResult<T> & { size: number; partial: boolean } {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(Math.max(0, size - from));
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, from + got);
      if (n === 0) break;
      got += n;
    }
    // Every line is written whole by one write(2), so text after the last newline is a cut-off line.
    const lastNewline = got ? buf.lastIndexOf(10, got - 1) : -1;
    const complete = lastNewline < 0 ? 0 : lastNewline + 1;
    const text = buf.subarray(0, complete).toString("utf8");
    return { ...parseLines<T>(file, text, check, 0), bytes: from + complete, size, partial: complete < got };
  } finally {
    closeSync(fd);
  }
}

/** Appends whole lines with one write(2) in append mode, so lines from two processes never interleave.
 * A file left without a final newline (a damaged tail) gets one first, so the damage stays on its own line. */
export function appendLines(file: string, lines: string[]): void {
  if (!lines.length) return;
  const fd = openSync(file, "a+");
  try {
    let prefix = "";
    const size = fstatSync(fd).size;
    if (size > 0) {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 10) prefix = "\n";
    }
    const data = Buffer.from(`${prefix}${lines.join("\n")}\n`);
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written, data.length - written);
  } finally {
    closeSync(fd);
  }
}

/** Replaces a file all at once: a crash leaves either the old or the new content, never half of each. */
export function writeAtomic(file: string, data: string, durable = false): void {
  const tmp = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    if (durable) {
      const fd = openSync(tmp, "w");
      try {
        writeSync(fd, data);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } else {
      writeFileSync(tmp, data);
    }
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** The position in a JSON.parse error message, as a 1-based line number of `text`. */
export function jsonErrorLine(text: string, err: unknown): number | undefined {
  const message = err instanceof Error ? err.message : "";
  const explicit = /line (\d+)/.exec(message);
  if (explicit) return Number(explicit[1]);
  const pos = /position (\d+)/.exec(message);
  if (pos) return text.slice(0, Number(pos[1])).split("\n").length;
  if (/end of JSON|Unterminated/i.test(message)) return text.split("\n").length;
  return undefined;
}

export const REPAIR_HINT =
  'Nothing was changed. Run "kafka-prep doctor" to repair it: it keeps every readable record, moves the damaged file aside as a backup and rebuilds the review schedule.';

/** A store file that cannot be read as it is: names the file and the lines, and how to recover. */
export class DamagedFileError extends CliError {
  readonly problems: LineProblem[];
  constructor(file: string, problems: LineProblem[]) {
    const shown = problems.slice(0, 5).map((p) => `  ${basename(file)}:${p.line}: ${p.message}`);
    if (problems.length > 5) shown.push(`  … and ${problems.length - 5} more damaged lines`);
    super(`${file} is damaged:\n${shown.join("\n")}\n${REPAIR_HINT}`, EXIT.usage);
    this.problems = problems;
  }
}
