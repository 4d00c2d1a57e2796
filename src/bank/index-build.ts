// Builds explain's search index with MiniSearch: at build time, and at run time only for packs or edited files.
import MiniSearch from "minisearch";
import { type PlainIndex, toPlainIndex } from "./plain-index.js";
import { INDEX_OPTIONS, type IndexedEntry } from "./search.js";

export function buildIndex(entries: readonly IndexedEntry[]): MiniSearch<IndexedEntry> {
  const index = new MiniSearch<IndexedEntry>(INDEX_OPTIONS);
  index.addAll(entries as IndexedEntry[]);
  return index;
}

export function buildPlainIndex(entries: readonly IndexedEntry[]): PlainIndex {
  return toPlainIndex(buildIndex(entries).toJSON());
}
