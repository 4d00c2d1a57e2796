import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoTime } from "../../src/time/iso.js";

const pad = (n: number, w: number) => String(n).padStart(w, "0");

describe("isoTime", () => {
  it("gives Date.parse's value for every UTC date-time the history can hold", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("0000-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true }),
        (d) => {
          const s = d.toISOString();
          expect(isoTime(s)).toBe(Date.parse(s));
          const noFraction = s.replace(/\.\d+Z$/, "Z");
          expect(isoTime(noFraction)).toBe(Date.parse(noFraction));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("agrees with Date.parse on fractions of any length and on fields out of range", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.stringMatching(/^(\.\d{0,9})?$/),
        (y, mo, d, h, mi, se, frac) => {
          const s = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(se, 2)}${frac}Z`;
          expect(Object.is(isoTime(s), Date.parse(s)) || (Number.isNaN(isoTime(s)) && Number.isNaN(Date.parse(s)))).toBe(true);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("leaves other shapes to Date.parse", () => {
    for (const s of [
      "2026-03-02",
      "2026-03-02T12:00:00+01:00",
      "not a date",
      "",
      "2026-02-29T00:00:00Z",
      "2024-02-29T00:00:00Z",
      "2026-0a-02T12:00:00Z",
    ]) {
      expect(Object.is(isoTime(s), Date.parse(s))).toBe(true);
    }
  });
});
