import { describe, expect, it } from "vitest";
import { readingText, readProgress } from "../../src/ui/progress.js";

describe("the progress of long reads", () => {
  const screen = () => {
    const out = { text: "", write: (s: string) => (out.text += s) };
    return out;
  };

  it("stays quiet for the first second, then shows at most five times a second, and is erased when the read ends", () => {
    const out = screen();
    let t = 0;
    const heard = readProgress(out, () => t);
    const MB = 1024 * 1024;
    for (const at of [300, 900]) {
      t = at;
      heard("/data/attempts.jsonl", 10 * MB, 100 * MB);
    }
    expect(out.text).toBe("");
    t = 1000;
    heard("/data/attempts.jsonl", 20 * MB, 100 * MB);
    t = 1100;
    heard("/data/attempts.jsonl", 30 * MB, 100 * MB);
    t = 1250;
    heard("/data/attempts.jsonl", 45 * MB, 100 * MB);
    expect(out.text).toBe("\r\u001b[KReading attempts.jsonl… 20% of 100 MB\r\u001b[KReading attempts.jsonl… 45% of 100 MB");
    heard("/data/attempts.jsonl", 100 * MB, 100 * MB);
    expect(out.text.endsWith("\r\u001b[K")).toBe(true);
    // A read that ends before anything was shown erases nothing.
    const quiet = screen();
    const other = readProgress(quiet, () => 0);
    other("/data/rounds.jsonl", 5, 10);
    other("/data/rounds.jsonl", 10, 10);
    expect(quiet.text).toBe("");
  });

  it("names the file, the share read and the size", () => {
    expect(readingText("/x/attempts.jsonl", 1, 3)).toBe("Reading attempts.jsonl… 33% of 1 KB");
    expect(readingText("/x/progress.json", 512 * 1024 * 1024, 1024 * 1024 * 1024)).toBe("Reading progress.json… 50% of 1024 MB");
  });
});
