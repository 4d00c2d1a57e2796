// Local calendar days: keys, steps and spans by date-fns, never by adding 86,400,000 ms, which is wrong on the
// days a daylight-saving change makes 23 or 25 hours long.
import { addDays } from "date-fns/addDays";
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { endOfDay } from "date-fns/endOfDay";
import { isValid } from "date-fns/isValid";
import { lightFormat } from "date-fns/lightFormat";
import { parseISO } from "date-fns/parseISO";
import { startOfDay } from "date-fns/startOfDay";

export { addDays, endOfDay, startOfDay };

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** A local calendar day as YYYY-MM-DD (date-fns's "yyyy-MM-dd", written out: stats makes one per day of a history). */
export function dayKey(d: Date): string {
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}`;
}

/** Calendar days from `from` to `to` (0 on the same local day, negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return differenceInCalendarDays(to, from);
}

/** The day before, as a key: for counting streaks backwards. The local day before noon of the key's day (a
 * daylight-saving change never moves noon to another day). */
export function previousDayKey(key: string): string {
  const d = parseISO(key);
  return dayKey(new Date(d.getFullYear(), d.getMonth(), d.getDate() - 1, 12));
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
