// The search's stem, apart from the grading one so that `explain` never loads the Porter stemmer.

/**
 * The search stem: only a plural s, -ing, -ed and a final e go, so a stem stays a prefix of the word and prefix search
 * still finds "partitioner" from "partition". Index and query go through it alike, so a stem need not be a word.
 */
export function lightStem(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ed")) w = w.slice(0, -2);
  if (w.length > 4 && w.endsWith("e")) w = w.slice(0, -1);
  return w;
}
