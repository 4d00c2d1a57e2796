import xterm from "@xterm/headless";

/** One line of a rendered screen; `wrapped` when the terminal itself carried it over from the line above. */
export interface ScreenLine {
  text: string;
  wrapped: boolean;
}

/**
 * What a person sees: the raw output of a pseudo-terminal played into a headless terminal emulator of the same
 * size, with its scrollback, so cursor moves, erased lines and the terminal's own wrapping count as on a real screen.
 */
export async function render(raw: string, cols: number, rows = 40): Promise<ScreenLine[]> {
  const term = new xterm.Terminal({ cols, rows, scrollback: 10_000, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(raw, resolve));
  const buffer = term.buffer.active;
  const lines: ScreenLine[] = [];
  for (let i = 0; i < buffer.length; i++) {
    const line = buffer.getLine(i);
    if (line) lines.push({ text: line.translateToString(true), wrapped: line.isWrapped });
  }
  term.dispose();
  while (lines.length && lines[lines.length - 1].text === "") lines.pop();
  return lines;
}

/**
 * Words of `texts` cut across two lines: the last word of one line and the first of the next make up one of them
 * ("pri" / "ncipal"). Punctuation at a word's ends is ignored. A word too long for a line of `max` columns less an
 * indent (a path, a URL) may be cut after punctuation such as "/" or ".".
 */
export function splitWords(screen: ScreenLine[], texts: string[], max: number): string[] {
  const words = new Set(
    texts
      .flatMap((t) => t.split(/\s+/))
      .map(bare)
      .filter(Boolean),
  );
  const split: string[] = [];
  for (let i = 0; i + 1 < screen.length; i++) {
    const end = screen[i].text.trimEnd().split(/\s+/).pop() ?? "";
    const start = screen[i + 1].text.trimStart().split(/\s+/)[0] ?? "";
    const joined = bare(end + start);
    if (!end || !start || !words.has(joined) || bare(end) === joined || bare(start) === joined) continue;
    if (joined.length > max - 10 && /[/.=,&?:_-]$/.test(end)) continue;
    split.push(`${end} / ${start}`);
  }
  return split;
}

const bare = (word: string) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");

/**
 * Lines longer than `max` columns, counting a line the terminal carried over as part of the line above: the program
 * should have wrapped them itself. A line that is one word longer than `max` by itself (a URL) cannot be wrapped
 * without splitting it, and is left out.
 */
export function overlong(screen: ScreenLine[], max: number): string[] {
  const logical: string[] = [];
  for (const line of screen) {
    if (line.wrapped && logical.length) logical[logical.length - 1] += line.text;
    else logical.push(line.text);
  }
  return logical.filter((l) => l.trimEnd().length > max && /\s/.test(l.trim())).map((l) => `${l.length}: ${l}`);
}
