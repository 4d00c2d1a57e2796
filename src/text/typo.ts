// Typo distance: how far apart two spellings are, and when that is a typo rather than another word.

/** Optimal-string-alignment Damerau-Levenshtein distance (a transposition is one edit), giving up (returning max + 1) beyond max. */
export function damerauLevenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Three rolling rows: the one before last is needed for transpositions.
  let before = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    [before, prev, row] = [prev, row, before];
  }
  return prev[b.length];
}

// Two rows reused for every distance: a fuzzy scan compares a word with thousands of terms.
let rowA = new Uint16Array(64);
let rowB = new Uint16Array(64);

/** Levenshtein distance (insertions, deletions, substitutions), or max + 1 as soon as it must exceed max. */
export function levenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (b.length + 1 > rowA.length) {
    rowA = new Uint16Array(b.length + 1);
    rowB = new Uint16Array(b.length + 1);
  }
  let prev = rowA;
  let row = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    [prev, row] = [row, prev];
  }
  return Math.min(prev[b.length], max + 1);
}

/** Typos tolerated in a word: none below 5 letters, one from 5, two from 9. */
export function typoAllowance(word: string): number {
  return word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
}

const counts = new Int32Array(65536);

/** How many letters of each word the other lacks, added up: 0 for anagrams. */
function lettersApart(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) counts[a.charCodeAt(i)]++;
  for (let i = 0; i < b.length; i++) counts[b.charCodeAt(i)]--;
  let apart = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    apart += Math.abs(counts[c]);
    counts[c] = 0;
  }
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    apart += Math.abs(counts[c]);
    counts[c] = 0;
  }
  return apart;
}

/**
 * Whether b is a misspelling of a within max edits. A prefix is a different form of the word (replica/replication),
 * the stemmer's business, not a typo; so is another ending of the same length (producer/produced). Two edits count
 * only as letters dropped or added: with a letter changed too (transit/transact, completion/compaction) it is
 * another word.
 */
export function isTypo(a: string, b: string, max: number): boolean {
  if (a === b || a.startsWith(b) || b.startsWith(a)) return false;
  if (a.length === b.length && a.slice(0, -2) === b.slice(0, -2)) return false;
  // One edit leaves at most two letters apart (a letter changed), and two count only as letters dropped or added
  // with no more than two apart: so more than two apart is never a typo, and the cheap count comes first.
  if (lettersApart(a, b) > 2) return false;
  return damerauLevenshtein(a, b, max) <= max;
}
