// Runs the CLI from source in a child process (tests spawn it with `node --import tsx`).
import { main } from "../../src/cli/main.js";

const code = await main(process.argv.slice(2));
process.stdout.write("", () => process.exit(code));
