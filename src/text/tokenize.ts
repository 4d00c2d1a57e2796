// Splitting text into words. Two views of the same letters: the search wants compound names with their parts,
// grading wants words in order with the punctuation that ends a clause.
import { CAMEL } from "./letters.js";

/** Separators inside a name such as `min.insync.replicas`, `min_insync_replicas` or `acks=all`: . _ - = / : + */
const isInner = (c: number) => c === 46 || c === 95 || c === 45 || c === 61 || c === 47 || c === 58 || c === 43;

/**
 * The words of a piece of text, and each compound word (`min.insync.replicas`) joined (`mininsyncreplicas`) and as
 * its parts. A word is a run of LETTERS; inner separators join words into a compound, anything else ends it; a
 * camelCase word is split where a lower-case letter meets an upper-case one. One pass over the characters: the
 * search tokenizes whole entries with it.
 */
export function compounds(text: string): { parts: string[]; joined: string[]; compounds: string[][] } {
  const parts: string[] = [];
  const joined: string[] = [];
  const groups: string[][] = [];
  let split: string[] = [];
  let start = -1;
  const endWord = (end: number) => {
    if (start < 0) return;
    let from = start;
    for (let i = start + 1; i < end; i++) {
      if (isUpper(text.charCodeAt(i)) && isLower(text.charCodeAt(i - 1))) {
        split.push(text.slice(from, i));
        from = i;
      }
    }
    split.push(text.slice(from, end));
    start = -1;
  };
  const endCompound = () => {
    if (!split.length) return;
    for (const p of split) parts.push(p);
    if (split.length > 1) {
      joined.push(split.join(""));
      groups.push(split);
    }
    split = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isLetter(c)) {
      if (start < 0) start = i;
    } else {
      endWord(i);
      if (!isInner(c)) endCompound();
    }
  }
  endWord(text.length);
  endCompound();
  return { parts, joined, compounds: groups };
}

/** A word or a punctuation mark, in text order. */
export interface Lexeme {
  /** As written; a mark is one of , ; : ! ? ( ) . */
  text: string;
  kind: "word" | "mark";
  /** Joined to the next word by . or _ (`max.poll`, `NOT_ENOUGH`): part of a name. */
  joinsNext: boolean;
  /** The words of a camelCase name (`toStream`: to, Stream); one part for a plain word. */
  parts: string[];
}

/** Whether a UTF-16 code is a letter or digit of LETTERS. */
function isLetter(c: number): boolean {
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return (c >= 0xc0 && c <= 0x1fff && c !== 0xd7 && c !== 0xf7) || (c >= 0x2c00 && c <= 0xd7ff);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLower = (c: number) => c >= 97 && c <= 122;
const isUpper = (c: number) => c >= 65 && c <= 90;
const MARKS = new Set([",", ";", ":", "!", "?", "(", ")"]);
/** What joins the parts of a name: `acks=all`, `min.insync.replicas`, `read_committed`, `at-least-once`. */
const SEPARATORS = new Set(["=", ".", "_", "-", "/"]);

/** Digits, then each ".digits" group; the end index. */
function digitsEnd(text: string, i: number, groups: boolean): number {
  let j = i;
  while (j < text.length && isDigit(text.charCodeAt(j))) j++;
  if (!groups) return j;
  while (j + 1 < text.length && text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
    j++;
    while (j < text.length && isDigit(text.charCodeAt(j))) j++;
  }
  return j;
}

/**
 * Calls visit for each word and mark in order: a negative number (acks=-1), a dotted number (3.0, 2.8.1), a run of
 * letters and digits, one of , ; : ! ? ( ), or a period that ends a sentence (a period before a letter joins a name).
 * joinsNext: the word is followed by . or _ and a letter, so it is part of a name (`max.poll`, `NOT_ENOUGH`); camel:
 * it has a lower-case letter before a capital (`toStream`); glued: only a separator (= . _ - /) stands between it
 * and the word before (`acks=0`, `exactly-once`). A hand-written scanner, not a regular expression, so a
 * long answer costs no more than one pass and allocates nothing but the words.
 */
export function eachLexeme(
  text: string,
  visit: (word: string, mark: boolean, joinsNext: boolean, camel: boolean, glued: boolean) => void,
): void {
  const n = text.length;
  let i = 0;
  // The end of the last word, and whether only separators (= . _ - / :) stand between it and here.
  let lastEnd = -1;
  let gap = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    let end = -1;
    let camel = false;
    if (c === 45 && i + 1 < n && isDigit(text.charCodeAt(i + 1)) && (i === 0 || !isLetter(text.charCodeAt(i - 1)))) {
      end = digitsEnd(text, i + 1, true);
    } else if (isDigit(c)) {
      const dotted = digitsEnd(text, i, true);
      end = dotted > digitsEnd(text, i, false) ? dotted : -1;
    }
    if (end < 0 && isLetter(c)) {
      end = i + 1;
      let prev = c;
      while (end < n) {
        const d = text.charCodeAt(end);
        if (!isLetter(d)) break;
        if (isUpper(d) && isLower(prev)) camel = true;
        prev = d;
        end++;
      }
    }
    if (end > i) {
      const joinsNext = end + 1 < n && (text.charCodeAt(end) === 46 || text.charCodeAt(end) === 95) && isLetter(text.charCodeAt(end + 1));
      visit(text.slice(i, end), false, joinsNext, camel, lastEnd >= 0 && !gap && i > lastEnd);
      lastEnd = end;
      gap = false;
      i = end;
      continue;
    }
    const ch = text[i];
    if (MARKS.has(ch) || (c === 46 && !(i + 1 < n && isLetter(text.charCodeAt(i + 1))))) {
      visit(ch, true, false, false, false);
      gap = true;
    } else if (!SEPARATORS.has(ch)) gap = true;
    i++;
  }
}

/** Words and marks in order; config names split on . _ - = so `min.insync.replicas` is three words. */
export function lexemes(text: string): Lexeme[] {
  const out: Lexeme[] = [];
  eachLexeme(text, (word, mark, joinsNext, camel) =>
    out.push({ text: word, kind: mark ? "mark" : "word", joinsNext, parts: camel ? word.split(CAMEL) : [word] }),
  );
  return out;
}
