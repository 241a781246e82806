// npm run build:cli: bundles the command line's remote commands (submit, gate) into one file,
// dist/countersign.mjs, that a CI job runs with plain node 20+: no checkout of Countersign, no
// npm install (README, "Command line"). esbuild does the bundling.
import { chmodSync } from "node:fs";
import { build } from "esbuild";

const outfile = "dist/countersign.mjs";
await build({
  entryPoints: ["scripts/remote/main.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile,
  logLevel: "warning",
  // commander is CommonJS: give its require() calls one in an ES module.
  banner: {
    js: '#!/usr/bin/env node\nimport { createRequire as __cr } from "node:module";\nconst require = __cr(import.meta.url);',
  },
});
chmodSync(outfile, 0o755);
process.stderr.write(`wrote ${outfile}\n`);
