import { closeSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { BOM, chunks, forEachLine, listenToReads } from "../../src/progress/files.js";
import { tempDir } from "../helpers/cli.js";

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir("kafka-prep-lines-")));
afterEach(() => cleanup());

/** Every line forEachLine gives for a file: its bytes, its text as the reader decoded it (if it did), and offsets. */
function readLines(content: Buffer, maxLine = 1024 * 1024) {
  const path = join(dir, "file.jsonl");
  writeFileSync(path, content);
  const fd = openSync(path, "r");
  const out: {
    bytes: Buffer;
    text?: string;
    number: number;
    start: number;
    end: number;
    final: boolean;
    bom: boolean;
    tooLong: boolean;
  }[] = [];
  try {
    forEachLine(fd, path, { to: content.length, maxLine }, (line) => {
      out.push({ ...line, bytes: Buffer.from(line.bytes), text: line.text });
    });
  } finally {
    closeSync(fd);
  }
  return out;
}

it("gives every line of a file of several chunks with its bytes, offsets and (when valid UTF-8) its text", () => {
  // Lines of every length with multi-byte characters, so lines cross the 1 MB chunk boundaries at every kind of byte.
  const lines: Buffer[] = [];
  for (let i = 0; lines.reduce((n, l) => n + l.length + 1, 0) < 2.6 * 1024 * 1024; i++) {
    lines.push(Buffer.from(`{"n":${i},"text":"${"é€𝄞x".repeat(i % 97)}"}`));
  }
  lines[1234] = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]); // not UTF-8
  lines[2000] = Buffer.from("   ");
  const content = Buffer.concat([...lines.flatMap((l) => [l, Buffer.from("\n")]), Buffer.from('{"cut":')]);
  const got = readLines(content);
  expect(got).toHaveLength(lines.length + 1);
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const g = got[i];
    expect(g.number).toBe(i + 1);
    expect(g.start).toBe(offset);
    expect(g.bytes.equals(lines[i])).toBe(true);
    // Text is given only when it decodes the bytes exactly; never for the invalid line.
    if (g.text !== undefined) expect(Buffer.from(g.text, "utf8").equals(lines[i])).toBe(true);
    if (i === 1234) expect(g.text).toBeUndefined();
    offset += lines[i].length + 1;
    expect(g.end).toBe(offset);
    expect(g.final).toBe(false);
  }
  // Lines that start in a chunk without bad bytes are decoded with it, not one by one (the invalid line is in the
  // second chunk, which falls back to line by line).
  const third = got.slice(0, -1).filter((g) => g.start >= 2 * 1024 * 1024);
  expect(third.length).toBeGreaterThan(100);
  expect(third.every((g) => g.text !== undefined)).toBe(true);
  expect(got.find((g) => g.number === 1235)?.start).toBeLessThan(2 * 1024 * 1024);
  expect(got.at(-1)).toMatchObject({ final: true, start: offset, end: content.length });
  expect(got.at(-1)?.bytes.toString()).toBe('{"cut":');
});

it("leaves a byte-order mark out of line 1's bytes and text", () => {
  const got = readLines(Buffer.concat([BOM, Buffer.from('{"a":1}\n{"b":2}\n')]));
  expect(got[0].bom).toBe(true);
  expect(got[0].bytes.toString()).toBe('{"a":1}');
  expect(got[0].text ?? got[0].bytes.toString()).toBe('{"a":1}');
  expect(got[1]).toMatchObject({ bom: false, start: 11, end: 19 });
  expect(got[1].bytes.toString()).toBe('{"b":2}');
});

it("cuts a line past the limit to its start and keeps the text of the lines after it in step", () => {
  const long = "x".repeat(600);
  const got = readLines(Buffer.from(`a\n${long}\nb\nc\n`), 500);
  expect(got.map((g) => g.tooLong)).toEqual([false, true, false, false]);
  expect(got[1].bytes.length).toBe(256);
  expect(got.map((g) => g.text ?? g.bytes.toString())).toEqual(["a", long.slice(0, 256), "b", "c"]);
  expect(got[2].text ?? "b").toBe("b");
});

it("tells a read listener how far each read has come, and that it is over, even when the reader stops early", () => {
  const path = join(dir, "big.jsonl");
  writeFileSync(path, Buffer.alloc(3 * 1024 * 1024 + 10, "x\n"));
  const heard: [number, number][] = [];
  listenToReads((p, done, total) => {
    expect(p).toBe(path);
    heard.push([done, total]);
  });
  try {
    const fd = openSync(path, "r");
    const size = 3 * 1024 * 1024 + 10;
    forEachLine(fd, path, { to: size, maxLine: 100 }, () => {});
    expect(heard).toEqual([
      [1024 * 1024, size],
      [2 * 1024 * 1024, size],
      [3 * 1024 * 1024, size],
      [size, size],
      [size, size],
    ]);
    heard.length = 0;
    for (const _ of chunks(fd, 0, size, path)) break;
    expect(heard.at(-1)).toEqual([size, size]);
    closeSync(fd);
  } finally {
    listenToReads(undefined);
  }
});
