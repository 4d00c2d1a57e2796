// The built-in bank as read from questions/*.yaml by the loader, once per test process: parsing it takes about a
// second, and a dozen test files read it. The in-process files share one module graph per worker (isolate: false),
// so they share this result too. It is frozen: a test that changed it would fail here, not in another file.
import { builtinQuestionsDir, type LoadResult, loadFromYaml } from "../../src/bank/load.js";

let cached: LoadResult | undefined;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** `loadFromYaml([builtinQuestionsDir()])`, read once. */
export function builtinFromYaml(): LoadResult {
  cached ??= deepFreeze(loadFromYaml([builtinQuestionsDir()]));
  return cached;
}
