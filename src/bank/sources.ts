// How sources are told apart and shown; kept apart from the zod schema so that start-up does not load zod.
import type { DocSource, Source } from "./schema.js";

export const isDocSource = (s: Source): s is DocSource => "doc" in s;

/** A key that names one source: a document item, or a URL. */
export const sourceKey = (s: Source): string => (isDocSource(s) ? `${s.doc} ${s.ref}` : s.url);

/** The built-in interview documents are named by number and hash, "000_1390a3d7602e6b05.txt": shown as "000". */
const BUILTIN_DOC = /^(\d{3})_[0-9a-f]+\.txt$/;

/** One source as shown: "doc 000 Q9: title" for a document item (a pack's own as "doc my-notes.md ch1: title"),
 * "KIP-966: … <url>" for a reference on the web. */
export function sourceLabel(s: Source, title?: string): string {
  if (!isDocSource(s)) return `${s.title} <${s.url}>`;
  const doc = BUILTIN_DOC.exec(s.doc)?.[1] ?? s.doc;
  return `doc ${doc} ${s.ref}${title ? `: ${title}` : ""}`;
}
