import chalk from "chalk";

const TICKS = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

/** A horizontal bar for a share from 0 to 1; the numbers beside it carry the meaning, colour only repeats it. */
export function bar(share: number, width = 20): string {
  const s = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
  const full = Math.round(s * width);
  return colourFor(s)("█".repeat(full)) + chalk.dim("░".repeat(width - full));
}

/** Green at 80% and above, yellow from 60%, red below. */
export function colourFor(share: number): (text: string) => string {
  if (share >= 0.8) return chalk.green;
  if (share >= 0.6) return chalk.yellow;
  return chalk.red;
}

/** One character per value from 0 to 1, oldest first: round scores over time. */
export function sparkline(values: number[]): string {
  return values
    .map((v) => {
      const s = Math.min(1, Math.max(0, v));
      return colourFor(s)(TICKS[Math.min(TICKS.length - 1, Math.floor(s * TICKS.length))]);
    })
    .join("");
}
