import { stripVTControlCharacters } from "node:util";

export interface Column {
  header: string;
  align?: "left" | "right";
}

const visible = (s: string) => stripVTControlCharacters(s).length;

/** Pads text that may hold colour codes to a visible width. */
export function pad(text: string, width: number, align: "left" | "right" = "left"): string {
  const fill = " ".repeat(Math.max(0, width - visible(text)));
  return align === "right" ? fill + text : text + fill;
}

/** Rows under a header, each column as wide as its widest cell, two spaces apart, indented by `indent`. */
export function table(columns: Column[], rows: string[][], indent = 0, dimHeader: (s: string) => string = (s) => s): string[] {
  const widths = columns.map((c, i) => Math.max(visible(c.header), ...rows.map((r) => visible(r[i] ?? ""))));
  const line = (cells: string[]) =>
    " ".repeat(indent) +
    cells
      .map((cell, i) => pad(cell, i === cells.length - 1 && columns[i]?.align !== "right" ? 0 : widths[i], columns[i]?.align))
      .join("  ")
      .trimEnd();
  return [dimHeader(line(columns.map((c) => c.header))), ...rows.map(line)];
}
