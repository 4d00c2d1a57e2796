import { Help } from "commander";

// Commander's own word wrapper is already loaded for every command and measures text without colour codes.
const help = new Help();
help.minWidthToWrap = 10;

/** Word-wrap text to `width` columns, continuation lines indented by `indent` spaces (the first line is not). */
export function wrap(text: string, width: number, indent = 0): string {
  const pad = " ".repeat(indent);
  return help
    .boxWrap(text, Math.max(20, width - indent))
    .split("\n")
    .join(`\n${pad}`);
}

/** One line of at most `width` columns, cut with an ellipsis; for text without colour codes. */
export function truncate(text: string, width: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= width) return flat;
  return `${flat.slice(0, Math.max(1, width - 1)).trimEnd()}…`;
}
