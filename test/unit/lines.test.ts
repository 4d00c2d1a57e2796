import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { pipedLines } from "../../src/ui/lines.js";

const all = async (source: ReturnType<typeof pipedLines>) => {
  const out: { text: string; cut: boolean }[] = [];
  for (;;) {
    const line = await source.next().line;
    if (!line) return out;
    out.push(line);
  }
};

describe("piped lines", () => {
  it("splits lines across chunks, drops a CR before the line end, keeps a last line without one", async () => {
    const input = new PassThrough();
    const lines = pipedLines(input, 100);
    input.write(Buffer.from("fir"));
    input.write(Buffer.from("st\r\nsecond\n\nth"));
    // A character of three bytes split between two chunks.
    const euro = Buffer.from("€");
    input.write(Buffer.concat([Buffer.from("ird "), euro.subarray(0, 1)]));
    input.end(euro.subarray(1));
    expect(await all(lines)).toEqual([
      { text: "first", cut: false },
      { text: "second", cut: false },
      { text: "", cut: false },
      { text: "third €", cut: false },
    ]);
  });

  it("hands on a line over the limit as soon as it reaches it, cut, and drops the rest of it", async () => {
    const input = new PassThrough();
    const lines = pipedLines(input, 10);
    const first = lines.next().line;
    input.write("x".repeat(25));
    // No line end yet: the cut line is there already.
    expect(await first).toEqual({ text: "x".repeat(10), cut: true });
    input.write(`${"y".repeat(1000)}\nshort\n`);
    input.end();
    expect(await all(lines)).toEqual([{ text: "short", cut: false }]);
  });

  it("stops reading while lines wait to be asked for, and reads on when they are", async () => {
    const input = new PassThrough({ highWaterMark: 64 });
    const lines = pipedLines(input, 100);
    let written = 0;
    const writer = (async () => {
      for (; written < 2000; written++) {
        if (!input.write(`line ${written}\n`)) await new Promise((r) => input.once("drain", r));
      }
      input.end();
    })();
    await new Promise((r) => setTimeout(r, 30));
    // Nothing asked for yet: the reader paused after a few dozen lines, so the writer waits.
    expect(input.isPaused()).toBe(true);
    expect(written).toBeLessThan(200);
    const got = await all(lines);
    await writer;
    expect(got.map((l) => l.text)).toEqual(Array.from({ length: 2000 }, (_, i) => `line ${i}`));
  });

  it("gives a cancelled wait's line to the next caller, and ends every wait at the end of the input", async () => {
    const input = new PassThrough();
    const lines = pipedLines(input, 100);
    const cancelled = lines.next();
    cancelled.cancel();
    const next = lines.next().line;
    const after = lines.next().line;
    input.end("one\n");
    expect(await next).toEqual({ text: "one", cut: false });
    expect(await after).toBeUndefined();
  });
});
