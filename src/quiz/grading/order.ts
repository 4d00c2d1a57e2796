// Grading an ordering: the steps out of place are the fewest that, moved, make the answer right; credit goes down
// by one share for each, so one swap or one step moved scores high, and the reverse order scores nothing.

export interface OrderGrade {
  /** 0..1: (steps in place − 1) / (steps − 1), where the steps in place are the longest run in the right order. */
  score: number;
  correct: boolean;
  /** Steps (texts of `right`) out of place in the answer, or missing from it, in the right order. */
  misplaced: string[];
}

/** Grades `given` (step texts in the person's order) against `right` (the steps in the right order). */
export function gradeOrdering(right: string[], given: string[]): OrderGrade {
  const kept = new Set(longestInOrder(right, given));
  const misplaced = right.filter((s) => !kept.has(s));
  const score = right.length > 1 ? Math.max(0, (kept.size - 1) / (right.length - 1)) : kept.size;
  return { score: misplaced.length ? score : 1, correct: misplaced.length === 0, misplaced };
}

/** The longest run of steps that the answer has in the right relative order: they can stay where they are. */
function longestInOrder(right: string[], given: string[]): string[] {
  const rank = new Map(right.map((s, i) => [s, i]));
  // Steps not in the question, and a step given twice after its first place, are not steps of the answer.
  const seq = given.filter((s, i) => rank.has(s) && given.indexOf(s) === i).map((s) => rank.get(s) ?? 0);
  // Longest increasing subsequence of ranks, O(n²): an ordering has at most nine steps.
  const best = seq.map(() => 1);
  const prev = seq.map(() => -1);
  for (let i = 0; i < seq.length; i++) {
    for (let j = 0; j < i; j++) {
      if (seq[j] < seq[i] && best[j] + 1 > best[i]) {
        best[i] = best[j] + 1;
        prev[i] = j;
      }
    }
  }
  const out: string[] = [];
  for (let end = best.indexOf(Math.max(0, ...best)); end >= 0; end = prev[end]) out.unshift(right[seq[end]]);
  return out;
}
