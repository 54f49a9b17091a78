import { readFileSync } from "node:fs";

/** The package version, read once from package.json so results always record the code that made them. */
export const PACKAGE_VERSION: string = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;
