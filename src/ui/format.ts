// Numbers and words as every screen shows them.

export { count, thousands } from "../text/count.js";

/** 0.456 as "46%"; a dash for no value. */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "–";
  return `${Math.round(share * 100)}%`;
}

/** Text safe inside XML or HTML, attributes included. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
