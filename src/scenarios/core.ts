// Shared building blocks: drawing parameters, building answers, formatting numbers the way prompts state them.
import type { ChoiceAnswer, ChoiceOption, Mistake, NumberAnswer, Tolerance, Unit, YesNoAnswer } from "./types.js";

export type Random = () => number;

/** An integer in [lo, hi], both included. */
export function int(random: Random, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

export function chance(random: Random, p: number): boolean {
  return random() < p;
}

export const mistake = (id: string, text: string): Mistake => ({ id, text });

const normal = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * The right option first, then up to `max` distractors: each distinct from the answer and from the others.
 * Candidates come in order of preference, so later ones are the fallback when earlier ones collapse onto the answer.
 */
export function choice(correct: string, candidates: ChoiceOption[], max = 3): ChoiceAnswer {
  const seen = new Set([normal(correct)]);
  const options: ChoiceOption[] = [{ text: correct }];
  for (const c of candidates) {
    if (options.length > max) break;
    const key = normal(c.text);
    if (seen.has(key) || !c.mistake) continue;
    seen.add(key);
    options.push(c);
  }
  if (options.length < 3) throw new Error(`too few distinct distractors for "${correct}"`);
  return { kind: "choice", options, correct: 0 };
}

export function within(tolerance: Tolerance, expected: number, actual: number): boolean {
  const slack = "abs" in tolerance ? tolerance.abs : Math.abs(expected) * tolerance.rel;
  return Math.abs(actual - expected) <= slack + 1e-9;
}

/** A number answer; mistaken values that fall inside the tolerance of the answer or of an earlier mistake are dropped. */
export function numeric(value: number, unit: Unit, tolerance: Tolerance, candidates: { value: number; mistake: Mistake }[]): NumberAnswer {
  const kept: { value: number; mistake: Mistake }[] = [];
  for (const c of candidates) {
    if (!Number.isFinite(c.value) || c.value < 0) continue;
    if (within(tolerance, value, c.value)) continue;
    if (kept.some((k) => within(tolerance, k.value, c.value) || within(tolerance, c.value, k.value))) continue;
    if (kept.some((k) => k.mistake.id === c.mistake.id)) continue;
    kept.push(c);
  }
  return { kind: "number", value, unit, tolerance, mistakes: kept };
}

export const yesno = (value: boolean, reason: string, wrong: Mistake): YesNoAnswer => ({ kind: "yesno", value, reason, mistake: wrong });

/** 1500 -> "1,500"; 1.25 -> "1.25"; at most `digits` decimals, trailing zeros dropped. */
export function fmt(n: number, digits = 2): string {
  const rounded = Number(n.toFixed(digits));
  const [whole, frac] = String(Math.abs(rounded)).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${rounded < 0 ? "-" : ""}${grouped}${frac ? `.${frac}` : ""}`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;

/** "a, b and c" */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * Draws parameters until their answer can be built (a choice needs two distinct distractors), from the same random
 * stream, so a seed still fixes the result. The last draw is returned even if it fails, so the error surfaces.
 */
export function solvable<P>(draw: () => P, solve: (p: P) => unknown, tries = 25): P {
  for (let i = 1; ; i++) {
    const p = draw();
    if (i >= tries) return p;
    try {
      solve(p);
      return p;
    } catch {
      // draw again
    }
  }
}
