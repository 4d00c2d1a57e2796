// A search query as long as a question, at most: every word is matched against the whole vocabulary (with typo
// tolerance), so a pasted page would take seconds for nothing a question needs.

export const MAX_QUERY_WORDS = 64;

/** The query's first MAX_QUERY_WORDS words, and whether it was cut. */
export function boundedQuery(query: string): { query: string; cut: boolean } {
  const words = query.trim().split(/\s+/);
  if (words.length <= MAX_QUERY_WORDS) return { query: query.trim(), cut: false };
  return { query: words.slice(0, MAX_QUERY_WORDS).join(" "), cut: true };
}

export const CUT_NOTICE = `The search used the first ${MAX_QUERY_WORDS} words of the query.\n`;
