// The Java consumer's built-in assignors for members with identical subscriptions, as in
// org.apache.kafka.clients.consumer.RangeAssignor and RoundRobinAssignor (trunk, 3.9/4.0).

export interface TopicSpec {
  name: string;
  partitions: number;
}

export type Assignment = Map<string, string[]>;

/** Member ids sort as Java strings (UTF-16 code units), so "c10" comes before "c2". */
export const sortMembers = (members: readonly string[]) => [...members].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const empty = (members: readonly string[]): Assignment => new Map(sortMembers(members).map((m) => [m, []]));

/** Per topic: members sorted, partitions in order; the first (P mod C) members get one extra. */
export function range(topics: readonly TopicSpec[], members: readonly string[]): Assignment {
  const out = empty(members);
  const sorted = sortMembers(members);
  for (const t of topics) {
    const per = Math.floor(t.partitions / sorted.length);
    const extra = t.partitions % sorted.length;
    let next = 0;
    sorted.forEach((m, i) => {
      const n = per + (i < extra ? 1 : 0);
      for (let k = 0; k < n; k++) out.get(m)?.push(`${t.name}-${next++}`);
    });
  }
  return out;
}

/** Every topic-partition, topics sorted by name, dealt in turn to members sorted by id. */
export function roundRobin(topics: readonly TopicSpec[], members: readonly string[]): Assignment {
  const out = empty(members);
  const sorted = sortMembers(members);
  const names = [...topics].sort((a, b) => (a.name < b.name ? -1 : 1));
  let i = 0;
  for (const t of names) {
    for (let p = 0; p < t.partitions; p++) out.get(sorted[i++ % sorted.length])?.push(`${t.name}-${p}`);
  }
  return out;
}

/** How many partitions change owner between two assignments (a partition of a member that left always moves). */
export function moved(before: Assignment, afterwards: Assignment): number {
  const owner = new Map<string, string>();
  for (const [m, ps] of afterwards) for (const p of ps) owner.set(p, m);
  let n = 0;
  for (const [m, ps] of before) for (const p of ps) if (owner.get(p) !== m) n++;
  return n;
}
