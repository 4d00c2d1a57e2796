// Kafka's key hash: a port of org.apache.kafka.common.utils.Utils.murmur2 and toPositive, as used by
// BuiltInPartitioner.partitionForKey (toPositive(murmur2(keyBytes)) % numPartitions).

const encoder = new TextEncoder();

/** murmur2 over the bytes, as a signed 32-bit int exactly like the Java method returns. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  const m = 0x5bd1e995;
  const r = 24;
  let h = (0x9747b28c ^ length) | 0;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = data[i4] | (data[i4 + 1] << 8) | (data[i4 + 2] << 16) | (data[i4 + 3] << 24);
    k = Math.imul(k, m);
    k ^= k >>> r;
    k = Math.imul(k, m);
    h = Math.imul(h, m);
    h ^= k;
  }
  // The Java switch falls through from case 3 to case 1.
  const tail = length & ~3;
  switch (length % 4) {
    // biome-ignore lint/suspicious/noFallthroughSwitchClause: mirrors the Java fall-through
    case 3:
      h ^= data[tail + 2] << 16;
    // biome-ignore lint/suspicious/noFallthroughSwitchClause: mirrors the Java fall-through
    case 2:
      h ^= data[tail + 1] << 8;
    case 1:
      h ^= data[tail];
      h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

/** Utils.toPositive: clears the sign bit (not Math.abs). */
export const toPositive = (n: number) => n & 0x7fffffff;

/** The key's bytes as StringSerializer sends them (UTF-8). */
export const keyBytes = (key: string) => encoder.encode(key);

/** The partition the default producer picks for a non-null key. */
export const partitionForKey = (key: string, partitions: number) => toPositive(murmur2(keyBytes(key))) % partitions;
