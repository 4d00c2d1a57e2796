import { closeSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { forEachLine } from "../../src/progress/files.js";
import { tempDir } from "../helpers/cli.js";

const work = tempDir("kafka-prep-files-");
afterAll(() => work.cleanup());

const MB = 1024 * 1024;
let n = 0;

/** The lines forEachLine reads from a file of `text`: their text, number and start and end offsets. */
function linesOf(text: string | Buffer): { text: string; number: number; start: number; end: number }[] {
  const path = join(work.dir, `lines-${n++}`);
  writeFileSync(path, text);
  const fd = openSync(path, "r");
  try {
    const out: { text: string; number: number; start: number; end: number }[] = [];
    forEachLine(fd, path, { to: Buffer.byteLength(text), maxLine: 4 * MB }, (line) => {
      out.push({ text: line.bytes.toString("utf8"), number: line.number, start: line.start, end: line.end });
    });
    return out;
  } finally {
    closeSync(fd);
  }
}

describe("reading a file line by line", () => {
  it("ends lines at a newline, a carriage return and the two together, each counted once", () => {
    const texts = (s: string) => linesOf(s).map((l) => l.text.replace(/\r$/, ""));
    expect(texts("a\nb\nc\n")).toEqual(["a", "b", "c"]);
    expect(texts("a\rb\rc\r")).toEqual(["a", "b", "c"]);
    expect(texts("a\r\nb\r\nc\r\n")).toEqual(["a", "b", "c"]);
    expect(texts("a\rb\r\nc\nd")).toEqual(["a", "b", "c", "d"]);
    expect(linesOf("a\rb\rc").map((l) => [l.number, l.start, l.end])).toEqual([
      [1, 0, 2],
      [2, 2, 4],
      [3, 4, 5],
    ]);
  });

  it("tells a carriage return ending one read chunk from the first half of a CR LF pair", () => {
    // The reader reads 1 MB at a time: the carriage return is the last byte of the first chunk.
    const head = "x".repeat(MB - 1);
    const alone = linesOf(`${head}\rnext\r`);
    expect(alone.map((l) => [l.text.length, l.number])).toEqual([
      [MB - 1, 1],
      [4, 2],
    ]);
    const pair = linesOf(`${head}\r\nnext\r\n`);
    expect(pair.map((l) => [l.text.replace(/\r$/, "").length, l.number])).toEqual([
      [MB - 1, 1],
      [4, 2],
    ]);
  });
});
