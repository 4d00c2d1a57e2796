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

  it("keeps a command to run on one line, so a pasted copy runs all of it", () => {
    const line = "Retry the ones you missed: kafka-prep quiz --id fault-tolerance-overview,acks-config-name,transaction-spans-topics";
    expect(wrap(line, 80)).toBe(
      "Retry the ones you missed:\nkafka-prep quiz --id fault-tolerance-overview,acks-config-name,transaction-spans-topics",
    );
    const prose = "Drill a failing topic: kafka-prep quiz --topic <topic> --level <level> (--due when only recall is short).";
    const lines = wrap(prose, 60).split("\n");
    expect(lines.some((l) => l.includes("kafka-prep quiz --topic <topic> --level <level>"))).toBe(true);
    expect(lines.every((l) => l.length <= 60)).toBe(true);
    expect(wrap("Same round again: --seed 7 · progress: kafka-prep stats · weakest topics: kafka-prep weak", 40)).toBe(
      "Same round again: --seed 7 · progress:\nkafka-prep stats · weakest topics:\nkafka-prep weak",
    );
  });
});
