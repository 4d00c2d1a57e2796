// How sources are told apart and shown; kept apart from the zod schema so that start-up does not load zod.
import type { DocSource, Source } from "./schema.js";

export const isDocSource = (s: Source): s is DocSource => "doc" in s;

/** A key that names one source: a document item, or a URL. */
export const sourceKey = (s: Source): string => (isDocSource(s) ? `${s.doc} ${s.ref}` : s.url);

/** One source as shown: "doc 000 Q9: title" for a document item, "KIP-966: … <url>" for an official reference. */
export function sourceLabel(s: Source, title?: string): string {
  if (!isDocSource(s)) return `${s.title} <${s.url}>`;
  return `doc ${s.doc.replace(/_.*$/, "")} ${s.ref}${title ? `: ${title}` : ""}`;
}
