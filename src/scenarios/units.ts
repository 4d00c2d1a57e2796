// Units an answer is stated in, and the words and symbols a learner may type for them.

export type Unit = "GB" | "TB" | "records" | "partitions" | "consumers" | "keys" | "seconds" | "minutes" | "offset";

type Dimension = "data" | "time" | "records" | "partitions" | "consumers" | "keys" | "offset";

interface UnitInfo {
  dimension: Dimension;
  /** Size of one unit in the dimension's base (bytes, seconds, or one item). */
  factor: number;
}

export const UNITS: Record<Unit, UnitInfo> = {
  GB: { dimension: "data", factor: 1e9 },
  TB: { dimension: "data", factor: 1e12 },
  records: { dimension: "records", factor: 1 },
  partitions: { dimension: "partitions", factor: 1 },
  consumers: { dimension: "consumers", factor: 1 },
  keys: { dimension: "keys", factor: 1 },
  seconds: { dimension: "time", factor: 1 },
  minutes: { dimension: "time", factor: 60 },
  offset: { dimension: "offset", factor: 1 },
};

/** What a learner may type after a number, lower-cased. Data sizes are decimal (1 GB = 1000 MB); GiB and friends are binary. */
const WORDS: Record<string, UnitInfo> = {
  b: { dimension: "data", factor: 1 },
  byte: { dimension: "data", factor: 1 },
  bytes: { dimension: "data", factor: 1 },
  kb: { dimension: "data", factor: 1e3 },
  mb: { dimension: "data", factor: 1e6 },
  gb: { dimension: "data", factor: 1e9 },
  tb: { dimension: "data", factor: 1e12 },
  pb: { dimension: "data", factor: 1e15 },
  kib: { dimension: "data", factor: 2 ** 10 },
  mib: { dimension: "data", factor: 2 ** 20 },
  gib: { dimension: "data", factor: 2 ** 30 },
  tib: { dimension: "data", factor: 2 ** 40 },
  ms: { dimension: "time", factor: 0.001 },
  s: { dimension: "time", factor: 1 },
  sec: { dimension: "time", factor: 1 },
  secs: { dimension: "time", factor: 1 },
  second: { dimension: "time", factor: 1 },
  seconds: { dimension: "time", factor: 1 },
  m: { dimension: "time", factor: 60 },
  min: { dimension: "time", factor: 60 },
  mins: { dimension: "time", factor: 60 },
  minute: { dimension: "time", factor: 60 },
  minutes: { dimension: "time", factor: 60 },
  h: { dimension: "time", factor: 3600 },
  hour: { dimension: "time", factor: 3600 },
  hours: { dimension: "time", factor: 3600 },
  record: { dimension: "records", factor: 1 },
  records: { dimension: "records", factor: 1 },
  message: { dimension: "records", factor: 1 },
  messages: { dimension: "records", factor: 1 },
  msg: { dimension: "records", factor: 1 },
  msgs: { dimension: "records", factor: 1 },
  partition: { dimension: "partitions", factor: 1 },
  partitions: { dimension: "partitions", factor: 1 },
  consumer: { dimension: "consumers", factor: 1 },
  consumers: { dimension: "consumers", factor: 1 },
  key: { dimension: "keys", factor: 1 },
  keys: { dimension: "keys", factor: 1 },
  offset: { dimension: "offset", factor: 1 },
};

export type Conversion = { value: number } | { error: string };

/** Converts a typed amount into the answer's unit, or says why it cannot. */
export function convert(value: number, word: string, into: Unit): Conversion {
  const target = UNITS[into];
  const from = WORDS[word.toLowerCase()];
  if (!from) return { error: `unknown unit "${word}"; answer in ${into}` };
  if (from.dimension !== target.dimension) return { error: `"${word}" is not a unit of ${describe(target.dimension)}; answer in ${into}` };
  return { value: (value * from.factor) / target.factor };
}

function describe(d: Dimension): string {
  return d === "data" ? "data size" : d === "time" ? "time" : d;
}
