import { describe, expect, it } from "vitest";
import { isDocSource, sourceKey, sourceLabel } from "../../src/bank/sources.js";

describe("sources", () => {
  const doc = { doc: "000_1390a3d7602e6b05.txt", ref: "Q9" };
  const kip = { url: "https://cwiki.apache.org/confluence/display/KAFKA/KIP-966", title: "KIP-966: Eligible Leader Replicas" };

  it("tells document items and official references apart", () => {
    expect(isDocSource(doc)).toBe(true);
    expect(isDocSource(kip)).toBe(false);
    expect(sourceKey(doc)).toBe("000_1390a3d7602e6b05.txt Q9");
    expect(sourceKey(kip)).toBe(kip.url);
  });

  it("shows a document item by its short name and title, and a reference by its title and URL", () => {
    expect(sourceLabel(doc, "What are the acknowledgment modes?")).toBe("doc 000 Q9: What are the acknowledgment modes?");
    expect(sourceLabel(doc)).toBe("doc 000 Q9");
    expect(sourceLabel({ doc: "my_notes.md", ref: "ch1" }, "Producers")).toBe("doc my_notes.md ch1: Producers");
    expect(sourceLabel(kip)).toBe("KIP-966: Eligible Leader Replicas <https://cwiki.apache.org/confluence/display/KAFKA/KIP-966>");
  });
});
