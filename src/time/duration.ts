/** "30m", "1h", "90s", "1h30m" or plain seconds, as whole seconds; undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t));
  const parts = [...t.matchAll(/(\d+(?:\.\d+)?)\s*(h|m|s)/g)];
  if (
    !parts.length ||
    parts
      .map((p) => p[0])
      .join("")
      .replace(/\s+/g, "") !== t.replace(/\s+/g, "")
  )
    return undefined;
  const scale = { h: 3600, m: 60, s: 1 } as const;
  return Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * scale[p[2] as keyof typeof scale], 0));
}

/** Milliseconds as a person reads a time taken: "0.8 s", "12 s", "1 min 5 s", "1 h 2 min". */
export function durationText(ms: number): string {
  if (ms < 1000) return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${Math.floor(m / 60)} h`;
}
