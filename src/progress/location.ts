// Where the store lives: --data-dir, then $KAFKA_PREP_HOME, then the OS config folder (the one env-paths gave
// before, so existing stores are found where they are). An empty or relative home is refused, never taken as the
// working directory.
import { userInfo } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { StoreLocationError } from "./errors.js";

type Env = Readonly<Record<string, string | undefined>>;

const NAME = "kafka-prep-nodejs";

function homeOf(env: Env, platform: NodeJS.Platform): string {
  const variable = platform === "win32" ? "USERPROFILE" : "HOME";
  const value = env[variable];
  if (value === undefined) {
    let home: string | undefined;
    try {
      home = userInfo().homedir;
    } catch {
      home = undefined;
    }
    if (!home || !isAbsolute(home)) throw new StoreLocationError("no-home", variable);
    return home;
  }
  if (value.trim() === "") throw new StoreLocationError("empty-variable", variable, value);
  if (!isAbsolute(value)) throw new StoreLocationError("relative-variable", variable, value);
  return value;
}

/** A folder from an optional variable: unset or empty means the fallback; relative is ignored, as XDG says. */
function absoluteOr(value: string | undefined, fallback: () => string): string {
  return value && isAbsolute(value) ? value : fallback();
}

/** The OS config folder for kafka-prep. */
export function configDir(env: Env = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === "darwin") return join(homeOf(env, platform), "Library", "Preferences", NAME);
  if (platform === "win32")
    return join(
      absoluteOr(env.APPDATA, () => join(homeOf(env, platform), "AppData", "Roaming")),
      NAME,
      "Config",
    );
  return join(
    absoluteOr(env.XDG_CONFIG_HOME, () => join(homeOf(env, platform), ".config")),
    NAME,
  );
}

/** --data-dir (relative to `cwd`), then $KAFKA_PREP_HOME, then the OS config folder. */
export function resolveDataDir(opts: { dataDir?: string; cwd?: string } = {}, env: Env = process.env): string {
  const cwd = opts.cwd ?? process.cwd();
  if (opts.dataDir !== undefined) {
    if (opts.dataDir.trim() === "") throw new StoreLocationError("empty-data-dir");
    return resolve(cwd, opts.dataDir);
  }
  const home = env.KAFKA_PREP_HOME;
  if (home !== undefined) {
    if (home.trim() === "") throw new StoreLocationError("empty-variable", "KAFKA_PREP_HOME", home);
    return resolve(cwd, home);
  }
  return configDir(env);
}
