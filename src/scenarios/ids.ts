// How a scenario instance is named: its family and a seed, as in partitions-needed#8141. Reading a name needs no
// family, so a command that only names instances (history) loads none.

/** Seeds of an instance are below this: 32 bits. */
export const SEEDS = 2 ** 32;

/** `family#seed`: the family and the seed as written. */
export const INSTANCE_ID = /^([a-z0-9-]+)#(\d+)$/;

export const isInstanceId = (id: string): boolean => INSTANCE_ID.test(id);

/** The family an instance id names (lag for lag#371400694); any other id as it is. */
export const familyOf = (id: string): string => INSTANCE_ID.exec(id)?.[1] ?? id;
