// Layout migrations of the store, from the version in the key to the next one. Each runs under the store lock.
import { rmSync } from "node:fs";
import { DamagedFileError, MigrationError, NewerVersionError } from "./errors.js";
import { readSettingsFile, STORE_VERSION, writeSettings } from "./settings.js";

export const STORE_MIGRATIONS: Record<number, (dir: string, settings: Record<string, unknown>, files: StoreFiles) => void> = {
  // Stores written before the layout was versioned: stamp the version and drop the derived card cache.
  0: (_dir, settings, files) => {
    writeSettings(files.settings, { ...settings, storeVersion: 1 });
    rmSync(files.derived, { force: true });
  },
};

export interface StoreFiles {
  settings: string;
  attempts: string;
  rounds: string;
  derived: string;
}

/** The layout version the store is at; a store with history but no settings predates versioning. */
export function storeVersionOf(files: StoreFiles, raw: Record<string, unknown> | undefined, hasHistory: () => boolean): number | undefined {
  if (raw === undefined) return hasHistory() ? 0 : undefined;
  if (raw.storeVersion === undefined) return 0;
  const version = raw.storeVersion;
  if (!Number.isSafeInteger(version) || (version as number) < 0) {
    throw new DamagedFileError(
      files.settings,
      [{ file: files.settings, line: 1, message: '"storeVersion" must be a whole number' }],
      "settings",
    );
  }
  if ((version as number) > STORE_VERSION) throw new NewerVersionError(files.settings, version as number, STORE_VERSION, "store");
  return version as number;
}

/** Brings the store to STORE_VERSION; `locked` runs its callback under the store lock. */
export function migrate(dir: string, files: StoreFiles, from: number, locked: (fn: () => void) => void): void {
  if (from >= STORE_VERSION) return;
  locked(() => {
    let v = from;
    while (v < STORE_VERSION) {
      const step = STORE_MIGRATIONS[v];
      if (!step) throw new MigrationError(files.settings, v);
      step(dir, readSettingsFile(files.settings) ?? {}, files);
      v++;
    }
  });
}
