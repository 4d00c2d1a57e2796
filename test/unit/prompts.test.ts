import { render } from "@inquirer/testing";
import { describe, expect, it } from "vitest";
import { askContinue, askQuestion } from "../../src/ui/prompts.js";

const choices = ["acks=0", "acks=1", "acks=all"];

describe("the question prompt", () => {
  it("moves with arrows or letters and answers one choice with Enter", async () => {
    const { answer, events, getScreen } = await render(askQuestion, {
      header: "1/3",
      prompt: "Which waits for the ISR?",
      kind: "one",
      choices,
    });
    expect(getScreen()).toMatch(/❯ a\) acks=0/);
    events.keypress("down");
    events.keypress("down");
    expect(getScreen()).toMatch(/❯ c\) acks=all/);
    events.keypress("enter");
    await expect(answer).resolves.toEqual({ kind: "one", index: 2 });
  });

  it("takes several picks with Space and needs at least one", async () => {
    const { answer, events, getScreen } = await render(askQuestion, { header: "h", prompt: "Choose two.", kind: "many", choices });
    events.keypress("enter");
    expect(getScreen()).toMatch(/0 selected/);
    events.keypress("space");
    events.keypress("c");
    events.keypress("space");
    expect(getScreen()).toMatch(/2 selected/);
    events.keypress("enter");
    await expect(answer).resolves.toEqual({ kind: "many", indexes: [0, 2] });
  });

  it("takes at most as many picks as the prompt asks for, says so, and names the letters there are", async () => {
    const four = ["acks=0", "acks=1", "acks=all", "linger.ms"];
    const { answer, events, getScreen } = await render(askQuestion, {
      header: "h",
      prompt: "Which two? Choose two.",
      kind: "many",
      choices: four,
      picks: 2,
    });
    expect(getScreen()).toMatch(/↑↓ or a-d move/);
    for (const key of ["a", "space", "c", "space", "d", "space"]) events.keypress(key);
    expect(getScreen()).toMatch(/2 of 2 selected/);
    expect(getScreen()).toMatch(/Choose 2: unselect one first/);
    expect(getScreen()).toMatch(/◯ d\) linger\.ms/);
    events.keypress("a");
    events.keypress("space");
    events.keypress("d");
    events.keypress("space");
    expect(getScreen()).not.toMatch(/unselect one first/);
    events.keypress("enter");
    await expect(answer).resolves.toEqual({ kind: "many", indexes: [2, 3] });
  });

  it("picks steps in sequence, Backspace undoing the last, the final step placed by itself", async () => {
    const { answer, events, getScreen } = await render(askQuestion, { header: "h", prompt: "Order them.", kind: "order", choices });
    events.keypress("c");
    events.keypress("enter");
    expect(getScreen()).toMatch(/your order:\n {2}1\. acks=all/);
    events.keypress("backspace");
    expect(getScreen()).not.toMatch(/your order/);
    events.keypress("enter");
    events.keypress("enter");
    await expect(answer).resolves.toEqual({ kind: "order", indexes: [0, 1, 2] });
  });

  it("reads typed text; Enter alone skips", async () => {
    const typed = await render(askQuestion, { header: "h", prompt: "acks=___", kind: "text" });
    typed.events.type("all");
    typed.events.keypress("enter");
    await expect(typed.answer).resolves.toEqual({ kind: "text", text: "all" });
    const skipped = await render(askQuestion, { header: "h", prompt: "acks=___", kind: "text" });
    skipped.events.keypress("enter");
    await expect(skipped.answer).resolves.toEqual({ kind: "skip" });
  });

  it("takes several lines for an open answer, ended by an empty line", async () => {
    const { answer, events } = await render(askQuestion, { header: "h", prompt: "Explain acks.", kind: "lines" });
    events.type("acks=all waits for the ISR");
    events.keypress("enter");
    events.type("acks=0 does not wait");
    events.keypress("enter");
    events.keypress("enter");
    await expect(answer).resolves.toEqual({ kind: "text", text: "acks=all waits for the ISR\nacks=0 does not wait" });
  });

  it("takes an open answer up to 10,000 characters, over its lines, and says the rest was not taken", async () => {
    const { answer, events, getScreen } = await render(askQuestion, { header: "h", prompt: "Explain acks.", kind: "lines" });
    // A paste arrives as one key with the whole text as its sequence.
    const paste = (text: string) => events.keypress({ name: "", sequence: text } as Parameters<typeof events.keypress>[0]);
    paste("a".repeat(6000));
    events.keypress("enter");
    expect(getScreen()).not.toMatch(/not taken/);
    paste("b".repeat(6000));
    expect(getScreen()).toMatch(/An answer is kept up to 10,000 characters: the rest was not taken\./);
    events.keypress("enter");
    events.keypress("enter");
    await expect(answer).resolves.toEqual({ kind: "text", text: `${"a".repeat(6000)}\n${"b".repeat(3999)}` });
  });

  it("keeps what is typed when Up or Down is pressed in an open answer", async () => {
    const { answer, events, getScreen } = await render(askQuestion, { header: "h", prompt: "Explain acks.", kind: "lines" });
    events.type("first line");
    events.keypress("enter");
    events.type("second");
    events.keypress("up");
    events.keypress("down");
    events.type(" line");
    expect(getScreen()).toMatch(/│ second line/);
    events.keypress("enter");
    events.keypress("enter");
    await expect(answer).resolves.toEqual({ kind: "text", text: "first line\nsecond line" });
  });

  it("shows a countdown in the header while a deadline is set", async () => {
    const { events, getScreen } = await render(askQuestion, {
      header: "1/1",
      prompt: "p",
      kind: "one",
      choices,
      deadline: Date.now() + 45_000,
      totalMs: 45_000,
    });
    expect(getScreen()).toMatch(/1\/1 {2}⏱ 0:4[45]/);
    events.keypress("enter");
  });
});

describe("the prompt after feedback", () => {
  it("goes on with Enter and ends the round with q", async () => {
    const next = await render(askContinue, { message: "Enter for the next question · q to end the round" });
    next.events.keypress("enter");
    await expect(next.answer).resolves.toBe("next");
    const quit = await render(askContinue, { message: "m" });
    quit.events.keypress("q");
    await expect(quit.answer).resolves.toBe("quit");
  });
});

describe("the question prompt in a mock exam", () => {
  const keys = [
    { name: "next", help: "Tab next", matches: (k: { name: string; shift: boolean }) => k.name === "tab" && !k.shift },
    { name: "flag", help: "Ctrl-F flag", matches: (k: { name: string; ctrl: boolean }) => k.ctrl && k.name === "f" },
  ];

  it("shows the answer given before: the choice under the cursor, the picks ticked, the text typed", async () => {
    const one = await render(askQuestion, { header: "h", prompt: "p", kind: "one", choices, initial: { kind: "one", index: 2 } });
    expect(one.getScreen()).toMatch(/❯ c\) acks=all/);
    one.events.keypress("enter");
    await expect(one.answer).resolves.toEqual({ kind: "one", index: 2 });

    const many = await render(askQuestion, { header: "h", prompt: "p", kind: "many", choices, initial: { kind: "many", indexes: [0, 2] } });
    expect(many.getScreen()).toMatch(/2 selected/);
    many.events.keypress("enter");
    await expect(many.answer).resolves.toEqual({ kind: "many", indexes: [0, 2] });

    const text = await render(askQuestion, { header: "h", prompt: "p", kind: "text", initial: { kind: "text", text: "all" } });
    expect(text.getScreen()).toMatch(/› all/);
    text.events.type("!");
    text.events.keypress("enter");
    await expect(text.answer).resolves.toEqual({ kind: "text", text: "all!" });
  });

  it("ends on one of its own keys, named in the help line, without an answer", async () => {
    const { answer, events, getScreen } = await render(askQuestion, { header: "h", prompt: "p", kind: "text", keys });
    // The help line wraps at the width like the rest of the prompt.
    expect(getScreen().replace(/\s+/g, " ")).toMatch(/Tab next · Ctrl-F flag/);
    events.type("half an answer");
    events.keypress({ name: "f", ctrl: true });
    await expect(answer).resolves.toEqual({ kind: "key", name: "flag" });
  });
});
