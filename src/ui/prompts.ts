import {
  createPrompt,
  isBackspaceKey,
  isDownKey,
  isEnterKey,
  isSpaceKey,
  isUpKey,
  type KeypressEvent,
  useEffect,
  useKeypress,
  useState,
} from "@inquirer/core";
import chalk from "chalk";
import { MAX_ANSWER_CHARS } from "../progress/records.js";
import { letter, letterRange } from "../quiz/present.js";
import { editLine, type Key, type Line } from "./line-edit.js";
import { wrap } from "./wrap.js";

export function clock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The countdown, in the warning colour near the end; the words stay the same without colour. */
export function countdown(left: number, total: number): string {
  const text = `⏱ ${clock(left)}`;
  if (left <= 5000 || left <= total * 0.1) return chalk.red.bold(text);
  if (left <= 10_000 || left <= total * 0.25) return chalk.yellow(text);
  return chalk.dim(text);
}

/** Re-renders every 200 ms while a deadline is set, so the countdown moves. */
export function useNow(deadline: number | undefined): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (deadline === undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, [deadline]);
  return now;
}

export type Kind = "one" | "many" | "text" | "lines" | "order";

export interface QuestionConfig {
  /** Position, level and topics: the line above the prompt; the countdown is added to it. */
  header: string;
  prompt: string;
  kind: Kind;
  choices?: string[];
  /** When the answer is due (ms since epoch); undefined for untimed. */
  deadline?: number;
  /** The full time for this question, to colour the countdown. */
  totalMs?: number;
  /** What to type, for a text answer: "a number, in minutes". */
  hint?: string;
  /** Several answers: at most this many may be picked. */
  picks?: number;
  /** At the deadline the prompt ends by itself with a "timeout" response (otherwise the caller's signal ends it). */
  endAtDeadline?: boolean;
  /** Columns to wrap the question, its choices and the echoed answer to (80 unless given). */
  width?: number;
  /** The answer given before, shown picked or typed (a question visited again). */
  initial?: Response;
  /** Keys that end the prompt without an answer, each with its help text: a mock exam's Tab, Shift-Tab, Ctrl-F. */
  keys?: PromptKey[];
}

export interface PromptKey {
  name: string;
  help: string;
  matches(key: KeypressEvent): boolean;
}

/** What the person answered: choice indexes for one/many/order, text for text/lines. */
export type Response =
  | { kind: "one"; index: number }
  | { kind: "many"; indexes: number[] }
  | { kind: "order"; indexes: number[] }
  | { kind: "text"; text: string }
  | { kind: "skip" }
  /** One of the config's `keys` was pressed. */
  | { kind: "key"; name: string }
  /** The deadline passed, with `endAtDeadline`: the prompt ends itself, so its last frame says so instead of a countdown at 0:01. */
  | { kind: "timeout" };

const keysHelp = (parts: string[], width: number) => chalk.dim(wrap(parts.join(" · "), width));

function moveTo(key: KeypressEvent, active: number, count: number): number | undefined {
  if (isUpKey(key)) return (active - 1 + count) % count;
  if (isDownKey(key)) return (active + 1) % count;
  const n = key.name?.length === 1 ? key.name.charCodeAt(0) - 97 : -1;
  if (n >= 0 && n < count) return n;
  const digit = Number(key.name) - 1;
  if (Number.isInteger(digit) && digit >= 0 && digit < count) return digit;
  return undefined;
}

/**
 * One prompt for every question type, with a live countdown in its header.
 * The caller passes an AbortSignal that fires at the deadline; the prompt then rejects with AbortPromptError.
 */
export const askQuestion = createPrompt<Response, QuestionConfig>((config, done) => {
  const choices = config.choices ?? [];
  const initial = config.initial;
  const [active, setActive] = useState(initial?.kind === "one" ? initial.index : 0);
  const [picked, setPicked] = useState<number[]>(initial?.kind === "many" || initial?.kind === "order" ? initial.indexes : []);
  const typed = initial?.kind === "text" ? initial.text.split("\n") : [];
  const last = config.kind === "lines" ? (typed.at(-1) ?? "") : typed.join(" ");
  const [edit, setEdit] = useState<Line>({ text: last, cursor: last.length });
  const value = edit.text;
  const [lines, setLines] = useState<string[]>(config.kind === "lines" ? typed.slice(0, -1) : []);
  const [status, setStatus] = useState<"idle" | "done" | "key" | "timeout">("idle");
  const [warning, setWarning] = useState("");
  const now = useNow(status === "idle" ? config.deadline : undefined);
  useEffect(() => {
    if (config.deadline === undefined || !config.endAtDeadline) return;
    const timer = setTimeout(
      () => {
        setStatus("timeout");
        done({ kind: "timeout" });
      },
      Math.max(0, config.deadline - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [config.deadline]);

  const remaining = config.kind === "order" ? choices.map((_, i) => i).filter((i) => !picked.includes(i)) : choices.map((_, i) => i);

  useKeypress((key, rl) => {
    if (status !== "idle") return;
    const finish = (response: Response) => {
      setStatus(response.kind === "key" ? "key" : "done");
      done(response);
    };
    const own = config.keys?.find((k) => k.matches(key));
    if (own) {
      finish({ kind: "key", name: own.name });
      return;
    }
    if (config.kind === "text" || config.kind === "lines") {
      if (isEnterKey(key)) {
        // Enter with nothing typed skips: "I don't know" is an answer too.
        if (config.kind === "text") {
          finish(value.trim() ? { kind: "text", text: value.trim() } : { kind: "skip" });
          return;
        }
        if (value.trim() === "") {
          finish(lines.length ? { kind: "text", text: lines.join("\n") } : { kind: "skip" });
          return;
        }
        setLines([...lines, value]);
        setEdit({ text: "", cursor: 0 });
        return;
      }
      let next = editLine(edit, key as KeypressEvent & Key);
      // An answer is kept up to MAX_ANSWER_CHARS: what would go past it is not taken, and the person is told.
      const room = MAX_ANSWER_CHARS - lines.reduce((n, l) => n + l.length + 1, 0);
      if (next.text.length > room && next.text.length > edit.text.length) {
        const cut = Math.max(0, room - edit.text.length);
        const typed = next.text.slice(edit.cursor, next.cursor);
        next = {
          text: edit.text.slice(0, edit.cursor) + typed.slice(0, cut) + edit.text.slice(edit.cursor),
          cursor: edit.cursor + Math.min(cut, typed.length),
        };
        setWarning(`An answer is kept up to ${MAX_ANSWER_CHARS.toLocaleString("en-US")} characters: the rest was not taken.`);
      }
      setEdit(next);
      // readline draws the terminal's cursor from its own line and cursor: keep them the same as ours.
      const own = rl as typeof rl & { cursor: number };
      own.line = next.text;
      own.cursor = next.cursor;
      return;
    }
    // Choice lists: typed letters move the cursor, they are not text.
    rl.clearLine(0);
    if (config.kind === "order") {
      if (isBackspaceKey(key)) {
        setPicked(picked.slice(0, -1));
        setActive(0);
      } else if (isEnterKey(key)) {
        const chosen = remaining[active];
        if (chosen === undefined) return;
        const next = [...picked, chosen];
        const left = remaining.filter((i) => i !== chosen);
        if (left.length === 1) next.push(left[0]);
        setActive(0);
        if (next.length === choices.length) {
          setPicked(next);
          finish({ kind: "order", indexes: next });
        } else setPicked(next);
      } else {
        const to = moveTo(key, active, remaining.length);
        if (to !== undefined) setActive(to);
      }
      return;
    }
    if (isEnterKey(key)) {
      if (config.kind === "one") finish({ kind: "one", index: active });
      else if (picked.length) finish({ kind: "many", indexes: [...picked].sort((a, b) => a - b) });
      return;
    }
    if (config.kind === "many" && isSpaceKey(key)) {
      if (picked.includes(active)) {
        setPicked(picked.filter((i) => i !== active));
        setWarning("");
      } else if (config.picks !== undefined && picked.length >= config.picks) {
        setWarning(`Choose ${config.picks}: unselect one first`);
      } else setPicked([...picked, active]);
      return;
    }
    const to = moveTo(key, active, choices.length);
    if (to !== undefined) setActive(to);
  });

  const width = config.width ?? 80;
  /** A line that wraps under its own text: `lead` (its visible width counts) stays in front of the first line only. */
  const hang = (lead: string, text: string, leadWidth: number) => wrap(`${lead}${text}`, width, leadWidth);
  const timer = config.deadline !== undefined ? `  ${countdown(config.deadline - now, config.totalMs ?? 1)}` : "";
  const top = `${wrap(`${config.header}${status === "idle" ? timer : ""}`, width)}\n${chalk.bold(wrap(config.prompt, width))}`;
  const help = (parts: string[]) => keysHelp([...parts, ...(config.keys ?? []).map((k) => k.help)], width);
  const steps = (order: number[]) => order.map((i, n) => hang(`  ${n + 1}. `, choices[i], 5));

  if (status === "key") return top;
  if (status === "timeout") return `${top}\n${chalk.cyan("›")} ${chalk.dim("(no answer)")}`;
  if (status === "done") {
    // The answer as given, one choice or step per line, each wrapped under its own text.
    const given =
      config.kind === "one"
        ? [hang(`  ${letter(active)}) `, choices[active], 5)]
        : config.kind === "many"
          ? [...picked].sort((a, b) => a - b).map((i) => hang(`  ${letter(i)}) `, choices[i], 5))
          : config.kind === "order"
            ? steps(picked)
            : [...lines, value].filter(Boolean).map((l) => hang("  ", l, 2));
    const answer = given.length ? given.join("\n") : `  ${chalk.dim("(skipped)")}`;
    return `${top}\n${chalk.cyan("›")}${answer.slice(1)}`;
  }

  const capped = warning ? chalk.yellow(wrap(warning, width)) : "";
  if (config.kind === "text") {
    return [
      `${top}\n${chalk.cyan("›")} ${value}`,
      [help([config.hint ? `type ${config.hint}` : "type the missing word or value", "Enter to answer", "Enter alone skips"]), capped]
        .filter(Boolean)
        .join("\n"),
    ];
  }
  if (config.kind === "lines") {
    // Lines already typed wrap under the bar; the line being typed is left whole, so the cursor stays on it.
    const body = [...lines.map((l) => hang(`${chalk.cyan("│")} `, l, 2)), `${chalk.cyan("│")} ${value}`].join("\n");
    return [
      `${top}\n${body}`,
      [help(["Enter for a new line", "Enter on an empty line to answer", "Enter alone skips"]), capped].filter(Boolean).join("\n"),
    ];
  }
  if (config.kind === "order") {
    const sofar = picked.length ? `\n${chalk.dim("your order:")}\n${steps(picked).join("\n")}` : "";
    const list = remaining.map((i, n) => hang(`${n === active ? chalk.cyan("❯") : " "} `, choices[i], 2)).join("\n");
    return [
      `${top}${sofar}\n${chalk.dim(`pick step ${picked.length + 1} of ${choices.length}:`)}\n${list}`,
      help(["↑↓ move", "Enter pick next step", "Backspace undo"]),
    ];
  }
  const list = choices
    .map((c, i) => {
      const box = config.kind === "many" ? (picked.includes(i) ? chalk.green("◉ ") : "◯ ") : "";
      return hang(`${i === active ? chalk.cyan("❯") : " "} ${box}${letter(i)}) `, c, box ? 7 : 5);
    })
    .join("\n");
  const move = `↑↓ or ${letterRange(choices.length)} move`;
  const selected = config.picks !== undefined ? `${picked.length} of ${config.picks} selected` : `${picked.length} selected`;
  return [
    `${top}\n${list}`,
    config.kind === "many"
      ? [help([move, "Space select", "Enter answer", selected]), warning ? chalk.yellow(wrap(warning, width)) : ""]
          .filter(Boolean)
          .join("\n")
      : help([move, "Enter answer"]),
  ];
});

/** After feedback: Enter goes on, q ends the round. */
export const askContinue = createPrompt<"next" | "quit", { message: string }>((config, done) => {
  const [status, setStatus] = useState<"idle" | "done">("idle");
  useKeypress((key, rl) => {
    if (status !== "idle") return;
    if (isEnterKey(key)) {
      setStatus("done");
      done("next");
    } else if (key.name === "q") {
      setStatus("done");
      done("quit");
    } else rl.clearLine(0);
  });
  return status === "done" ? "" : chalk.dim(config.message);
});
