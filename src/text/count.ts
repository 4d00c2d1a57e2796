// Counted words, for every floor: "1 round", "2 rounds".

/** "1 round", "2 rounds", "1 entry", "3 entries". */
export function count(n: number, word: string, plural = `${word}s`): string {
  return `${thousands(n)} ${n === 1 ? word : plural}`;
}

/** 100000 as 100,000; without toLocaleString, whose locale data costs start-up time. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
