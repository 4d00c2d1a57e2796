import { describe, expect, it } from "vitest";
import type { Question } from "../../src/bank/schema.js";
import { ankiDeck, ankiField, ankiGuid, ankiNote } from "../../src/progress/anki.js";

const cloze = (answers: string[], prompt = "The default is ___ ms.") =>
  ({
    id: "c-one",
    level: "beginner",
    topics: ["producers"],
    type: "cloze",
    prompt,
    answers,
    explanation: "Because.",
    sources: [],
  }) as unknown as Question;

describe("the Anki deck", () => {
  it("turns a cloze question into a cloze note, the other accepted answers on the back", () => {
    expect(ankiNote(cloze(["30000", "30 s"]))).toEqual({
      notetype: "Cloze",
      fields: ["The default is {{c1::30000}} ms.", "Also accepted: 30 s<br><br>Because."],
    });
  });

  it("keeps a cloze answer that would break the cloze syntax as a basic note", () => {
    expect(ankiNote(cloze(["a::b"])).notetype).toBe("Basic");
    expect(ankiNote(cloze(["x}}"])).notetype).toBe("Basic");
  });

  it("escapes markup and keeps every note on one line", () => {
    expect(ankiField('a <b> & "c"\tx\ny')).toBe("a &lt;b&gt; &amp; &quot;c&quot; x<br>y");
    const deck = ankiDeck([cloze(["1"], "Line one\nline two ___.")], "My\tdeck");
    const rows = deck
      .trimEnd()
      .split("\n")
      .filter((l) => !l.startsWith("#"));
    expect(rows).toHaveLength(1);
    expect(rows[0].split("\t")).toEqual([
      ankiGuid({ id: "c-one" }),
      "Cloze",
      "My deck",
      "Line one<br>line two {{c1::1}}.",
      "Because.",
      expect.any(String),
    ]);
  });
});
