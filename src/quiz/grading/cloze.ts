// Grading a fill-in blank: the answer as typed, less what repeats the prompt, compared in one canonical form.
import type { QuestionOf } from "../../bank/schema.js";
import { durationMs } from "../../text/duration.js";
import { LETTERS } from "../../text/letters.js";
import { joinThousands } from "../../text/normalize.js";

/** The cloze blank, as in the schema; not imported from there so that grading does not load zod. */
const BLANK = /_{3,}/;
const NAME_SEPARATOR = new RegExp(`(?<=[${LETTERS}])[\\s._-]+(?=[${LETTERS}])`, "g");
const NAME = /[\w.-]+/;

/** Canonical form of a cloze answer: case, quotes, spacing, a trailing period, thousands separators and . _ - in names. */
export function normalizeCloze(s: string): string {
  return joinThousands(
    s
      .normalize("NFKC")
      .toLowerCase()
      .replace(/['"`‘’“”]/g, "")
      .trim()
      .replace(/\.+$/, "")
      .trim(),
    ",_ ",
  )
    .replace(/\s*([=:])\s*/g, "$1")
    .replace(NAME_SEPARATOR, ".")
    .replace(/\s+/g, " ");
}

/** Whether the blank holds milliseconds: "___ ms", or a name ending in .ms just before it ("linger.ms=___"). */
function isMillisecondsBlank(prompt: string): boolean {
  const [before = "", after = ""] = prompt.split(BLANK);
  return /^\s*(ms|milliseconds)\b/i.test(after) || /[._]ms\b[^.\w]*(\w+\s+){0,3}$/i.test(before);
}

/**
 * The answer as given, and without words that repeat the prompt around the blank:
 * "acks=all" for "acks=___", "30000 ms" for "___ ms".
 */
function clozeReadings(prompt: string, answer: string): string[] {
  const [before = "", after = ""] = prompt.split(BLANK);
  const readings = [answer];
  const name = before.match(new RegExp(`(${NAME.source})\\s*[=:]?\\s*$`))?.[1];
  const eq = answer.search(/[=:]/);
  if (name && eq > 0 && normalizeCloze(answer.slice(0, eq)) === normalizeCloze(name)) readings.push(answer.slice(eq + 1));
  const unit = after.match(new RegExp(`^\\s*(${NAME.source})`))?.[1]?.replace(/\.+$/, "");
  if (unit) {
    for (const r of [...readings]) {
      const trimmed = r.trim().replace(/\.$/, "");
      if (trimmed.toLowerCase().endsWith(unit.toLowerCase()) && trimmed.length > unit.length) {
        readings.push(trimmed.slice(0, -unit.length));
      }
    }
  }
  return readings;
}

export function clozeCorrect(q: QuestionOf<"cloze">, answer: string): boolean {
  const accepted = q.answers.map(normalizeCloze);
  const millis = isMillisecondsBlank(q.prompt);
  return clozeReadings(q.prompt, answer).some((reading) => {
    const given = normalizeCloze(reading);
    return accepted.some(
      (a) => a === given || a === `${given}.ms` || (millis && /^\d+$/.test(a) && durationMs(normalizeCloze(reading)) === Number(a)),
    );
  });
}
