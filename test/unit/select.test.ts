import { describe, expect, it } from "vitest";
import type { Question } from "../../src/bank/schema.js";
import { type SelectInput, select } from "../../src/quiz/select.js";

const q = (id: string, extra: Partial<Question> = {}): Question =>
  ({
    id,
    level: "beginner",
    topics: ["producers"],
    type: "truefalse",
    prompt: `${id}?`,
    answer: true,
    explanation: "e",
    sources: [{ doc: "d", ref: "r" }],
    ...extra,
  }) as Question;

const now = new Date("2026-11-22T12:00:00Z");
const day = 86_400_000;
const bank = [
  q("p1"),
  q("p2"),
  q("c1", { topics: ["consumers"], level: "advanced" }),
  q("c2", { topics: ["consumers"], level: "advanced" }),
  q("s1", { topics: ["streams"], level: "expert", followUps: ["s2"] }),
  q("s2", { topics: ["streams"], level: "expert" }),
];

function input(over: Partial<SelectInput> = {}): SelectInput {
  return {
    questions: bank,
    filter: {},
    count: 10,
    seed: 1,
    now,
    dueAt: new Map(),
    confidentMistakes: new Set(),
    weak: new Set(),
    followUps: true,
    ...over,
  };
}

describe("select", () => {
  it("is reproducible with a seed and varies with another", () => {
    const a = select(input({ seed: 7 })).questions.map((x) => x.id);
    const b = select(input({ seed: 7 })).questions.map((x) => x.id);
    expect(a).toEqual(b);
    const orders = new Set(
      Array.from({ length: 20 }, (_, s) =>
        select(input({ seed: s }))
          .questions.map((x) => x.id)
          .join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
  });

  it("puts due reviews first, then weak, then new, then later reviews", () => {
    const dueAt = new Map([
      ["p1", new Date(now.getTime() - day)],
      ["c1", new Date(now.getTime() + day)],
      ["c2", new Date(now.getTime() + 2 * day)],
    ]);
    const r = select(input({ dueAt, weak: new Set(["c2"]) }));
    expect(r.questions.map((x) => x.id)[0]).toBe("p1");
    expect(r.why.get("p1")).toBe("due");
    expect(r.questions[1].id).toBe("c2");
    expect(r.why.get("c2")).toBe("weak");
    expect(r.questions.slice(2, 4).map((x) => r.why.get(x.id))).toEqual(["new", "new"]);
    expect(r.questions.at(-1)?.id).toBe("c1");
  });

  it("orders confident mistakes before other due reviews", () => {
    const dueAt = new Map([
      ["p1", new Date(now.getTime() - 5 * day)],
      ["p2", new Date(now.getTime() - day)],
    ]);
    const r = select(input({ dueAt, confidentMistakes: new Set(["p2"]) }));
    expect(r.questions.slice(0, 2).map((x) => x.id)).toEqual(["p2", "p1"]);
  });

  it("applies filters and count", () => {
    const r = select(input({ filter: { topic: ["consumers"] }, count: 1 }));
    expect(r.questions).toHaveLength(1);
    expect(r.questions[0].topics).toContain("consumers");
    expect(select(input({ filter: { level: ["expert"] } })).questions.map((x) => x.id)).toEqual(["s1"]);
  });

  it("restricts to one kind with --due, --new and --weak", () => {
    const dueAt = new Map([
      ["p1", new Date(now.getTime() - day)],
      ["p2", new Date(now.getTime() + day)],
    ]);
    expect(select(input({ dueAt, only: "due" })).questions.map((x) => x.id)).toEqual(["p1"]);
    expect(select(input({ dueAt, only: "new" })).questions.map((x) => x.id)).not.toContain("p1");
    expect(
      select(input({ dueAt, only: "weak", weak: new Set(["p2", "c1"]) }))
        .questions.map((x) => x.id)
        .sort(),
    ).toEqual(["c1", "p2"]);
    expect(select(input({ dueAt, only: "weak" })).questions).toEqual([]);
  });

  it("drills exactly the named ids in order", () => {
    expect(select(input({ ids: ["c2", "p1"] })).questions.map((x) => x.id)).toEqual(["c2", "p1"]);
  });

  it("does not pick a new follow-up on its own when its parent can be asked", () => {
    expect(select(input()).questions.map((x) => x.id)).not.toContain("s2");
    expect(select(input({ followUps: false })).questions.map((x) => x.id)).toContain("s2");
  });
});
