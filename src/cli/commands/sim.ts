import type { Command } from "commander";
import { parseIntOption } from "../errors.js";

export function registerSim(program: Command): void {
  const sim = program.command("sim").description("the built-in OpenAI-compatible simulator");
  sim
    .command("serve")
    .description("serve the simulator on loopback until Ctrl-C (point any OpenAI client at it)")
    .option("--port <n>", "port (0 picks a free one)", parseIntOption("port", 0, 65535), 8787)
    .option("--host <host>", "interface to bind", "127.0.0.1")
    .action(async (opts: { port: number; host: string }) => {
      const { startSimServer } = await import("../../sim/index.js");
      const server = await startSimServer({ port: opts.port, host: opts.host });
      process.stdout.write(
        `Simulator listening on ${server.url}\n` +
          `  models: ${server.url}/models\n` +
          `  use it: plumbline eval --model "sim:misaligned?p=0.3@${server.url}"\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await server.close();
    });
}
