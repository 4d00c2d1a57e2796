// The line being typed in an open or fill-in answer. readline's own editing is not used: it swaps in earlier lines
// on Up and Down, and puts the first character of a pasted chunk at the end of the line.

export interface Line {
  text: string;
  cursor: number;
}

export interface Key {
  name?: string;
  ctrl?: boolean;
  meta?: boolean;
  sequence?: string;
}

import { withoutControl } from "../text/control.js";

const wordStart = (text: string, from: number) => {
  let i = from;
  while (i > 0 && text[i - 1] === " ") i--;
  while (i > 0 && text[i - 1] !== " ") i--;
  return i;
};

/** The line after one key: typing and pasting at the cursor, Backspace and Delete, the arrows, Home and End, and the
 * usual Ctrl keys (A, E, U, K, W). Up, Down and anything else change nothing. */
export function editLine(line: Line, key: Key): Line {
  const { text, cursor } = line;
  const at = (t: string, c: number): Line => ({ text: t, cursor: Math.max(0, Math.min(t.length, c)) });
  if (key.ctrl) {
    switch (key.name) {
      case "a":
        return at(text, 0);
      case "e":
        return at(text, text.length);
      case "u":
        return at(text.slice(cursor), 0);
      case "k":
        return at(text.slice(0, cursor), cursor);
      case "w": {
        const from = wordStart(text, cursor);
        return at(text.slice(0, from) + text.slice(cursor), from);
      }
      default:
        return line;
    }
  }
  switch (key.name) {
    case "backspace":
      return cursor > 0 ? at(text.slice(0, cursor - 1) + text.slice(cursor), cursor - 1) : line;
    case "delete":
      return at(text.slice(0, cursor) + text.slice(cursor + 1), cursor);
    case "left":
      return at(text, cursor - 1);
    case "right":
      return at(text, cursor + 1);
    case "home":
      return at(text, 0);
    case "end":
      return at(text, text.length);
    case "up":
    case "down":
    case "return":
    case "enter":
    case "escape":
    case "tab":
      return line;
  }
  if (key.meta) return line;
  // Control characters never enter an answer: a pasted escape sequence must not reach the screen or the history.
  const typed = withoutControl((key.sequence ?? "").replace(/\r?\n|\r|\t/g, " "));
  if (!typed) return line;
  return at(text.slice(0, cursor) + typed + text.slice(cursor), cursor + typed.length);
}
