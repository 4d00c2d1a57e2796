import { addDays } from "date-fns/addDays";
import { lightFormat } from "date-fns/lightFormat";
import { startOfDay } from "date-fns/startOfDay";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeStats } from "../../src/progress/stats.js";
import { summarize } from "../../src/progress/summary.js";
import { dueForecast, review } from "../../src/quiz/schedule.js";
import { dayKey, daysBetween, parseDay, previousDayKey } from "../../src/time/calendar.js";
import { makeAttempt } from "../helpers/history.js";

// Daylight saving in New York: clocks go forward on 8 March 2026 and back on 1 November 2026.
const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = "America/New_York";
});
afterAll(() => {
  process.env.TZ = zone;
});

const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);

describe("the calendar across daylight-saving changes", () => {
  it("steps and counts local days, not 24-hour blocks", () => {
    expect(previousDayKey("2026-03-09")).toBe("2026-03-08");
    expect(previousDayKey("2026-11-02")).toBe("2026-11-01");
    expect(daysBetween(local(2026, 3, 8, 23, 30), local(2026, 3, 9, 0, 30))).toBe(1);
    expect(daysBetween(local(2026, 11, 1, 0, 30), local(2026, 11, 1, 23, 30))).toBe(0);
  });

  it("keeps a streak over the night the clocks go forward", () => {
    const now = local(2026, 3, 9, 0, 30);
    const attempts = [makeAttempt("q1", true, local(2026, 3, 8, 12)), makeAttempt("q2", true, local(2026, 3, 9, 0, 10))];
    const stats = computeStats({ summary: summarize(attempts), cards: new Map(), now });
    expect(stats.streak).toEqual({ current: 2, longest: 2, activeToday: true });
  });

  it("lists each day once in the due forecast over the night the clocks go back", () => {
    const now = local(2026, 11, 1, 0, 30);
    const card = review(undefined, "good", local(2026, 10, 30, 12));
    const days = dueForecast([card], now, 8).map((d) => d.date);
    expect(days).toEqual(["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06", "2026-11-07", "2026-11-08"]);
  });
});

describe("day keys", () => {
  it("are date-fns's yyyy-MM-dd of the local day, and step back one local day, in every zone and year", () => {
    for (const tz of ["America/New_York", "Australia/Lord_Howe", "Pacific/Apia", "UTC"]) {
      process.env.TZ = tz;
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(1, 0, 1), max: Date.UTC(9999, 11, 31) }), (t) => {
          const d = new Date(t);
          const key = dayKey(d);
          expect(key).toBe(lightFormat(d, "yyyy-MM-dd"));
          expect(previousDayKey(key)).toBe(lightFormat(addDays(startOfDay(d), -1), "yyyy-MM-dd"));
        }),
        { numRuns: 300 },
      );
    }
    process.env.TZ = "America/New_York";
  });
});

describe("parseDay", () => {
  it("accepts real days only", () => {
    expect(dayKey(parseDay("2026-12-03") as Date)).toBe("2026-12-03");
    expect(parseDay("2027-02-30")).toBeUndefined();
    expect(parseDay("2026-13-01")).toBeUndefined();
    expect(parseDay("3 Dec 2026")).toBeUndefined();
    expect(parseDay("2024-02-29")).toBeDefined();
  });
});
