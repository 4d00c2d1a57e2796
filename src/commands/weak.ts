import { CliError } from "../errors.js";

export function run(): number {
  throw new CliError("kafka-prep weak is not available in this version.");
}
