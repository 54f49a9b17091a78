#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm install` (the prepare script runs the build).
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("plumbline: dist/ is missing. Run `npm install` (or `npm run build`) in the package folder first.\n");
  process.exit(1);
}
const { main } = await import(entry.href);
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Exit once stdout has drained (large --json output to a pipe), even if a library left a handle open.
process.stdout.write("", () => process.exit(code));
