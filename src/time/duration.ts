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
