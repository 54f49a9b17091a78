// Runs the simulator in its own process for benchmarks, so it gets its own core like a real server.
import { startSimServer } from "../src/sim/index.js";

const server = await startSimServer({ host: "127.0.0.1", port: 0 });
process.stdout.write(`${server.url}\n`);
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
