// Damage for property tests: one value inside a parsed file replaced or removed, or raw bytes put into a file.

/** The value with the one at a path (each step picks a key or an index, wrapping around) replaced by `to`, or removed
 * when `remove`. The value itself is not changed. */
export function mutate(value: unknown, pick: number[], to: unknown, remove: boolean): unknown {
  if (value === null || typeof value !== "object" || !pick.length) return to;
  const keys = Object.keys(value);
  if (!keys.length) return to;
  const key = keys[(pick[0] as number) % keys.length] as string;
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
  if (remove && pick.length === 1) {
    if (Array.isArray(copy)) copy.splice(Number(key), 1);
    else delete copy[key];
  } else copy[key] = mutate((value as Record<string, unknown>)[key], pick.slice(1), to, remove);
  return copy;
}

/** The bytes with `insert` put in at `at` (wrapping around their length). */
export function insertBytes(bytes: Buffer, at: number, insert: Uint8Array): Buffer {
  const i = at % (bytes.length + 1);
  return Buffer.concat([bytes.subarray(0, i), Buffer.from(insert), bytes.subarray(i)]);
}
