// The one builder of the commands people are told to run next.

export interface Drill {
  ids?: readonly string[];
  topic?: string;
  level?: string;
  weak?: boolean;
  due?: boolean;
}

/** "kafka-prep quiz --id a,b", "kafka-prep quiz --topic streams --level advanced --due". */
export function drillCommand(d: Drill): string {
  const parts = ["kafka-prep quiz"];
  if (d.ids?.length) parts.push(`--id ${d.ids.join(",")}`);
  if (d.topic) parts.push(`--topic ${d.topic}`);
  if (d.level) parts.push(`--level ${d.level}`);
  if (d.weak) parts.push("--weak");
  if (d.due) parts.push("--due");
  return parts.join(" ");
}
