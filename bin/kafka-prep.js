#!/usr/bin/env node
import("../dist/cli.js").catch((err) => {
  if (err?.code !== "ERR_MODULE_NOT_FOUND" || !String(err.message).includes("dist/cli.js")) throw err;
  process.stderr.write('kafka-prep is not built yet: run "npm install" (or "npm run build") in its folder.\n');
  process.exitCode = 2;
});
