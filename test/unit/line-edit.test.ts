import { describe, expect, it } from "vitest";
import { editLine, type Key, type Line } from "../../src/ui/line-edit.js";

const type = (line: Line, ...keys: (Key | string)[]) =>
  keys.reduce((l, k) => editLine(l, typeof k === "string" ? { sequence: k, name: k.length === 1 ? k : undefined } : k), line);
const empty: Line = { text: "", cursor: 0 };

describe("editing the answer line", () => {
  it("types and pastes at the cursor", () => {
    const l = type(empty, "ab cd", { name: "left" }, { name: "left" }, "XY");
    expect(l).toEqual({ text: "ab XYcd", cursor: 5 });
  });

  it("keeps the line on Up and Down", () => {
    const l = type(empty, "same key", { name: "left" }, { name: "up" }, { name: "down" });
    expect(l).toEqual({ text: "same key", cursor: 7 });
  });

  it("deletes with Backspace, Delete and the Ctrl keys", () => {
    const l: Line = { text: "acks all wait", cursor: 8 };
    expect(editLine(l, { name: "backspace" })).toEqual({ text: "acks al wait", cursor: 7 });
    expect(editLine(l, { name: "delete" })).toEqual({ text: "acks allwait", cursor: 8 });
    expect(editLine(l, { name: "w", ctrl: true })).toEqual({ text: "acks  wait", cursor: 5 });
    expect(editLine(l, { name: "u", ctrl: true })).toEqual({ text: " wait", cursor: 0 });
    expect(editLine(l, { name: "k", ctrl: true })).toEqual({ text: "acks all", cursor: 8 });
    expect(editLine(l, { name: "a", ctrl: true }).cursor).toBe(0);
    expect(editLine({ ...l, cursor: 0 }, { name: "e", ctrl: true }).cursor).toBe(13);
    expect(editLine({ ...l, cursor: 0 }, { name: "backspace" })).toEqual({ ...l, cursor: 0 });
  });

  it("never takes in control characters", () => {
    expect(type(empty, "a\u001b[31mb\u0007c")).toEqual({ text: "a[31mbc", cursor: 7 });
    expect(type(empty, "line one\nline two")).toEqual({ text: "line one line two", cursor: 17 });
  });
});
