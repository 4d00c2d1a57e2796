// Local calendar days: keys, steps and spans by date-fns, never by adding 86,400,000 ms, which is wrong on the
// days a daylight-saving change makes 23 or 25 hours long.
import { addDays, differenceInCalendarDays, endOfDay, isValid, lightFormat, parseISO, startOfDay } from "date-fns";

export { addDays, endOfDay, startOfDay };

/** A local calendar day as YYYY-MM-DD. */
export function dayKey(d: Date): string {
  return lightFormat(d, "yyyy-MM-dd");
}

/** Calendar days from `from` to `to` (0 on the same local day, negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return differenceInCalendarDays(to, from);
}

/** The day before, as a key: for counting streaks backwards. */
export function previousDayKey(key: string): string {
  return dayKey(addDays(parseISO(key), -1));
}

/** A strict YYYY-MM-DD as the start of that local day; undefined for anything else, 2027-02-30 included. */
export function parseDay(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const d = parseISO(text);
  return isValid(d) && dayKey(d) === text ? d : undefined;
}

/** A local time of day as HH:mm. */
export function clockTime(d: Date): string {
  return lightFormat(d, "HH:mm");
}

/** A local date and time as YYYY-MM-DD HH:mm, the same in every screen and locale. */
export function dateTime(d: Date): string {
  return lightFormat(d, "yyyy-MM-dd HH:mm");
}

/** When something happens, seen from `now`: "now", "today at 14:05", "tomorrow at 09:30", "on 2026-12-04 at 09:30
 * (in 3 days)", or for the past "on 2026-11-28 (5 days ago)". */
export function whenText(d: Date, now: Date): string {
  const days = daysBetween(now, d);
  if (d.getTime() <= now.getTime() && days === 0) return "now";
  if (days === 0) return `today at ${clockTime(d)}`;
  if (days === 1) return `tomorrow at ${clockTime(d)}`;
  if (days > 1) return `on ${dayKey(d)} at ${clockTime(d)} (in ${days} days)`;
  if (days === -1) return `yesterday at ${clockTime(d)}`;
  return `on ${dayKey(d)} (${-days} days ago)`;
}
