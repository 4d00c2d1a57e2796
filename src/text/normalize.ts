// Text as people type it, made comparable: accents, curly quotes, contractions and thousands separators.

/** Accents dropped (é is e), compatibility forms folded (ﬁ is fi, full-width letters are ASCII). */
export function foldAccents(text: string): string {
  // Printable ASCII has nothing to fold; checking is one quick pass, folding two slow ones.
  if (!NON_ASCII.test(text)) return text;
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
}

const NON_ASCII = /[^\t\n\r -~]/;

/**
 * Contractions spelled out, so a negation is always its own word ("doesn't" is "does not", "can't" and "cannot" are
 * "can not"), and the possessive 's dropped ("Kafka's log" is "Kafka log").
 */
export function expandContractions(text: string): string {
  return text.replace(/[’‘`´]/g, "'").replace(CONTRACTION, (m, bare?: string) => {
    const lower = m.toLowerCase();
    if (lower === "'s") return "";
    if (lower === "n't") return " not";
    if (lower === "won't" || lower === "wont") return "will not";
    if (lower === "can't" || lower === "cannot" || lower === "cant") return "can not";
    if (MISSPELT.has(lower))
      return `${lower.startsWith("do") ? (lower.startsWith("does") || lower.startsWith("dos") ? "does" : "do") : "is"} not`;
    // Typed without the apostrophe: "doesnt", "isnt", "dont".
    return bare ? `${m.slice(0, -2)} not` : m;
  });
}

/**
 * One pass for every contraction: "can't", "won't", "cannot", any other "n't", a possessive "'s", and the negated
 * auxiliaries people type without an apostrophe ("doesnt", "dont", "isnt", "cant", "wont").
 */
const MISSPELT = new Set(["dosent", "dosnt", "doesent", "doesnot", "donot", "isnot"]);
const CONTRACTION =
  /\b(?:dosent|dosnt|doesent|doesnot|donot|isnot)\b|\bcan't\b|\bwon't\b|\bcannot\b|n't\b|'s\b|\b(?:cant|wont)\b|\b(does|do|did|is|are|was|were|has|have|had|should|could|would|must|need)nt\b/gi;

/** Shorthands people type: "w/o" is "without" (a negation), "w/" is "with", "b/c" is "because", "&" is "and". */
export function expandShorthands(text: string): string {
  return text.replace(SHORTHAND, (m) => SHORTHANDS[m.toLowerCase()] ?? m);
}

const SHORTHANDS: Record<string, string> = { "w/o": " without ", "w/": " with ", "b/c": " because ", "&": " and " };
const SHORTHAND = /\bw\/o\b|\bw\/(?=\s)|\bb\/c\b|&/gi;

/** Thousands separators dropped: 120,000 and 120_000 are 120000. */
export function joinThousands(text: string, separators = ",_"): string {
  return text.replace(new RegExp(`(\\d)[${separators}](?=\\d{3}(?!\\d))`, "g"), "$1");
}

/** Free text ready to split into words: the steps above. */
export function normalizeText(text: string): string {
  return joinThousands(expandShorthands(expandContractions(foldAccents(text))));
}
