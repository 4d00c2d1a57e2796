// Durations as people write them: "45 seconds", "2 min", "1.5h" in an answer, "30m" or "90" on the command line.

const UNIT_MS: [RegExp, number][] = [
  [/^(ms|msecs?|millis|milliseconds?)$/, 1],
  [/^(s|secs?|seconds?)$/, 1000],
  [/^(m|mins?|minutes?)$/, 60_000],
  [/^(h|hrs?|hours?)$/, 3_600_000],
  [/^(d|days?)$/, 86_400_000],
];

/**
 * A duration with its unit ("45 seconds", "2 min", "1.5h", "300000 ms") in milliseconds; undefined when the text is
 * not one, has no unit, or is not a whole number of milliseconds. Spaces and a period between number and unit are
 * allowed ("5 . min" is how a name-normalised "5.min" reads).
 */
export function durationMs(text: string): number | undefined {
  const m = text
    .trim()
    .toLowerCase()
    .match(/^(\d+(?:\.\d+)?)\s*\.?\s*([a-z]+)$/);
  const factor = m && UNIT_MS.find(([unit]) => unit.test(m[2]))?.[1];
  if (!m || !factor) return undefined;
  const ms = Number(m[1]) * factor;
  return Number.isInteger(ms) ? ms : undefined;
}

const ARG_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** A command-line duration ("30m", "1h", "90s", or plain seconds such as "90") in whole seconds; undefined when it is not one. */
export function parseDurationArg(value: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(value.trim());
  if (!m) return undefined;
  return Math.round(Number(m[1]) * ARG_UNITS[m[2] ?? "s"]);
}
