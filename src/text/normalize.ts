// Text as people type it, made comparable: accents, curly quotes, contractions and thousands separators.

/** Accents dropped (é is e), compatibility forms folded (ﬁ is fi, full-width letters are ASCII). */
export function foldAccents(text: string): string {
  // Plain ASCII has nothing to fold; checking is one quick pass, folding two slow ones.
  if (!NON_ASCII.test(text)) return text;
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Contractions spelled out, so a negation is always its own word ("doesn't" is "does not", "can't" and "cannot" are
 * "can not"), and the possessive 's dropped ("Kafka's log" is "Kafka log").
 */
export function expandContractions(text: string): string {
  return text.replace(/[’‘`´]/g, "'").replace(CONTRACTION, (m) => {
    const lower = m.toLowerCase();
    if (lower === "'s") return "";
    if (lower === "n't") return " not";
    return lower === "won't" ? "will not" : "can not";
  });
}

/** One pass for every contraction: "can't", "won't", "cannot", any other "n't", and a possessive "'s". */
const CONTRACTION = /\bcan't\b|\bwon't\b|\bcannot\b|n't\b|'s\b/gi;

/** Thousands separators dropped: 120,000 and 120_000 are 120000. */
export function joinThousands(text: string, separators = ",_"): string {
  return text.replace(new RegExp(`(\\d)[${separators}](?=\\d{3}(?!\\d))`, "g"), "$1");
}

/** Free text ready to split into words: the three steps above. */
export function normalizeText(text: string): string {
  return joinThousands(expandContractions(foldAccents(text)));
}
