import { Help } from "commander";

// Commander's own word wrapper is already loaded for every command and measures text without colour codes.
const help = new Help();
help.minWidthToWrap = 10;

/** Where a word too long for any line may be broken: after one of these. */
const BREAK_AFTER = /[/.=,&?:_-]/;

/** A word longer than a line, in pieces of at most `limit` columns, each cut after punctuation where there is some. */
function pieces(word: string, limit: number): string[] {
  const out: string[] = [];
  let rest = word;
  while (rest.length > limit) {
    let cut = limit;
    for (let i = limit; i > limit / 3; i--) {
      if (BREAK_AFTER.test(rest[i - 1])) {
        cut = i;
        break;
      }
    }
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  out.push(rest);
  return out;
}

/**
 * A command people are told to run ("kafka-prep quiz --topic streams --level advanced"): the program, a command word,
 * then options each with at most one value. A line break inside it would make a pasted copy run only its first half.
 */
const COMMAND = /kafka-prep(?: [a-z]+)?(?: --?[a-z][\w-]*(?: (?!-)[^\s·()]+)?)*/g;
/** Stands for a space inside a command while the text is wrapped: not whitespace, one column wide like a space. */
const GLUE = "\u2060";

/**
 * Word-wrap text to `width` columns, continuation lines indented by `indent` spaces (the first line is not).
 * Lines break between words; only a word longer than a whole line (a path, a URL) is broken, after punctuation. A
 * command to run is never broken: it moves to a line of its own, however long.
 */
export function wrap(text: string, width: number, indent = 0): string {
  const pad = " ".repeat(indent);
  const limit = Math.max(20, width - indent);
  const glued = text.replace(COMMAND, (command) => command.replaceAll(" ", GLUE));
  const fitted = glued.replace(/\S+/g, (w) =>
    w.length > limit && !w.includes("\u001b") && !w.includes(GLUE) ? pieces(w, limit).join("\n") : w,
  );
  return help.boxWrap(fitted, limit).replaceAll(GLUE, " ").split("\n").join(`\n${pad}`);
}

/** One line of at most `width` columns, cut with an ellipsis; for text without colour codes. */
export function truncate(text: string, width: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= width) return flat;
  return `${flat.slice(0, Math.max(1, width - 1)).trimEnd()}…`;
}
