import { describe, expect, it } from "vitest";
import { wrap } from "../../src/ui/wrap.js";

describe("wrap", () => {
  it("breaks between words, continuation lines indented", () => {
    const text = "  a) When every replica currently in the in-sync replica set has the record";
    const lines = wrap(text, 30, 5).split("\n");
    expect(lines).toEqual(["  a) When every replica", "     currently in the in-sync", "     replica set has the", "     record"]);
  });

  it("breaks a word longer than a whole line only after punctuation, in pieces that fit", () => {
    const path = "listener.name.external.ssl.keystore.location=/etc/kafka/ssl/external-2.p12";
    const lines = wrap(`set ${path} now`, 40).split("\n");
    expect(lines.every((l) => l.length <= 40)).toBe(true);
    expect(lines.join("").replace(/ /g, "")).toBe(`set${path}now`);
    expect(lines[0]).toMatch(/^set listener\.\S*[./=]$/);
  });

  it("leaves a word that fits whole even when it would not fit after the words before it", () => {
    expect(wrap("aaaa bbbb min.insync.replicas", 22)).toBe("aaaa bbbb\nmin.insync.replicas");
  });
});
