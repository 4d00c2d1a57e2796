/**
 * Letters and digits: ASCII, then Latin to Greek and the scripts after the punctuation blocks, as one character-class
 * body. Spelled out as ranges because a Unicode property class costs a millisecond to compile at every start; the
 * blocks left out are punctuation, arrows and mathematical signs (× ÷ → ≥), which never make a word.
 */
export const LETTERS = "A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u1FFF\u2C00-\uD7FF";

/** camelCase and PascalCase boundaries: "toStream" is "to Stream", "NotEnoughReplicas" is "Not Enough Replicas". */
export const CAMEL = /(?<=[a-z])(?=[A-Z])/;

/** The words of a camelCase name; a plain word is its only part. */
export function camelParts(word: string): string[] {
  return word.split(CAMEL);
}
