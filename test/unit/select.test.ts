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
    expect(select(input({ filter: { level: ["expert"] } })).questions.map((x) => x.id)).toEqual(["s1", "s2"]);
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

  it("meets a new follow-up right after its parent, never on its own", () => {
    const r = select(input());
    const ids = r.questions.map((x) => x.id);
    expect(ids.indexOf("s2")).toBe(ids.indexOf("s1") + 1);
    expect(r.followUpOf.get("s2")).toBe("s1");
    expect(r.why.get("s2")).toBe("follow-up");
    expect(select(input({ followUps: false })).questions.map((x) => x.id)).toContain("s2");
    expect(select(input({ followUps: false })).followUpOf.size).toBe(0);
  });
});

describe("follow-ups inside the round", () => {
  const fu = [
    q("b1", { followUps: ["x1", "x2", "x3", "x4"] }),
    q("x1"),
    q("x2", { level: "expert" }),
    q("x3", { type: "mcq" } as Partial<Question>),
    q("x4"),
    q("b2"),
    q("b3"),
    q("b4"),
    q("b5"),
  ];
  const round = (over: Partial<SelectInput> = {}) => select(input({ questions: fu, ...over }));

  it("take slots inside the count: ten asked for is ten", () => {
    for (let seed = 0; seed < 20; seed++) {
      expect(round({ count: 3, seed }).questions).toHaveLength(3);
      expect(round({ count: 8, seed }).questions).toHaveLength(8);
    }
  });

  it("keep to the round's level and type, and bring at most two each", () => {
    const beginner = round({ filter: { level: ["beginner"] } });
    expect(beginner.questions.map((x) => x.id)).not.toContain("x2");
    const brought = [...beginner.followUpOf].filter(([, p]) => p === "b1").map(([c]) => c);
    expect(brought).toEqual(["x1", "x3"]);
    const tf = round({ filter: { type: ["truefalse"] } });
    expect(tf.questions.every((x) => x.type === "truefalse")).toBe(true);
    expect([...tf.followUpOf.keys()]).toEqual(["x1", "x2"]);
  });

  it("skip a follow-up answered before and not yet due", () => {
    const dueAt = new Map([["x1", new Date(now.getTime() + day)]]);
    const r = round({ dueAt, filter: { level: ["beginner"] } });
    expect(r.followUpOf.get("x1")).toBeUndefined();
    expect(r.followUpOf.get("x3")).toBe("b1");
  });

  it("keep a reserve of other questions to take a dropped follow-up's place", () => {
    const r = round({ count: 4 });
    const inRound = new Set(r.questions.map((x) => x.id));
    expect(r.reserve.length).toBeGreaterThan(0);
    expect(r.reserve.some((x) => inRound.has(x.id))).toBe(false);
    expect(r.reserve.some((x) => r.followUpOf.has(x.id) || ["x1", "x2", "x3", "x4"].includes(x.id))).toBe(false);
  });

  const scene = [
    q("story", { type: "recall", prompt: "Scenario: a payment service…", followUps: ["story-next"] } as Partial<Question>),
    q("story-next", { type: "mcq", prompt: "Follow-up: the consumer then crashes. What happens?" } as Partial<Question>),
    q("other"),
  ];

  it("bring the scenario a due follow-up continues right before it, inside the count", () => {
    const dueAt = new Map([
      ["story-next", new Date(now.getTime() - day)],
      ["story", new Date(now.getTime() + day)],
      ["other", new Date(now.getTime() + day)],
    ]);
    const r = select(input({ questions: scene, dueAt, count: 2, only: "due" }));
    expect(r.questions.map((x) => x.id)).toEqual(["story", "story-next"]);
    expect(r.followUpOf.get("story-next")).toBe("story");
    // No room for both: not asked alone either.
    expect(select(input({ questions: scene, dueAt, count: 1, only: "due" })).questions).toEqual([]);
    // Its scenario outside the filters: left out, not shown alone.
    expect(select(input({ questions: scene, dueAt, filter: { type: ["mcq"] } })).questions).toEqual([]);
    expect(select(input({ questions: scene, dueAt, followUps: false })).questions.map((x) => x.id)).not.toContain("story-next");
  });

  it("asked by id, a follow-up that continues a scenario comes after it, and an id brings its own follow-ups", () => {
    const byId = select(input({ questions: scene, ids: ["story-next", "other"] }));
    expect(byId.questions.map((x) => x.id)).toEqual(["story", "story-next", "other"]);
    expect(byId.followUpOf.get("story-next")).toBe("story");
    expect(select(input({ questions: scene, ids: ["story"] })).questions.map((x) => x.id)).toEqual(["story", "story-next"]);
    expect(select(input({ questions: scene, ids: ["story"], followUps: false })).questions.map((x) => x.id)).toEqual(["story"]);
  });
});
