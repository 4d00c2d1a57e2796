// Numbers and words as every screen shows them.

/** 0.456 as "46%"; a dash for no value. */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "–";
  return `${Math.round(share * 100)}%`;
}

/** "1 round", "2 rounds", "1 entry", "3 entries". */
export function count(n: number, word: string, plural = `${word}s`): string {
  return `${thousands(n)} ${n === 1 ? word : plural}`;
}

/** 100000 as 100,000; without toLocaleString, whose locale data costs start-up time. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Text safe inside XML or HTML, attributes included. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
