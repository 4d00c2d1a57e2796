#!/usr/bin/env node
// The installed package ships dist/ built. A clone builds it on its first run, so that neither needs an install
// script (npm asks people to approve those).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const missing = (err) => err?.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes("dist/cli.js");

import("../dist/cli.js").catch(async (err) => {
  if (!missing(err)) throw err;
  if (existsSync(`${root}scripts/build.mjs`) && existsSync(`${root}node_modules/esbuild`)) {
    process.stderr.write("Building kafka-prep (the first run after a fresh clone takes a few seconds)...\n");
    const build = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: ["ignore", 2, 2] });
    if (build.status === 0 && existsSync(`${root}dist/cli.js`)) return import("../dist/cli.js");
    process.stderr.write('kafka-prep could not be built (see above): fix what the build says, then run "npm run build".\n');
    process.exitCode = 2;
    return;
  }
  process.stderr.write('kafka-prep is not built yet: run "npm install", then "npm run build", in its folder.\n');
  process.exitCode = 2;
});
