import { EXIT } from "./errors.js";

/** Thrown when the user pressed Ctrl-C: what finished is saved, the rest runs on the next invocation. */
export class InterruptedError extends Error {
  override name = "InterruptedError";
}

/**
 * Runs `work` with an AbortSignal tied to SIGINT/SIGTERM. The first signal stops scheduling and aborts
 * in-flight requests (their episodes stay pending); a second one exits at once.
 */
export async function runWithInterrupt<T>(
  work: (signal: AbortSignal) => Promise<T>,
  beforeMessage: () => void,
  messages: { stopping: string; interrupted: string } = {
    stopping: "Stopping: finishing writes, in-flight episodes will run next time (Ctrl-C again to quit now).",
    interrupted: "interrupted: completed episodes are saved; re-run the same command to resume",
  },
): Promise<T> {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    beforeMessage();
    process.stderr.write(`\n${messages.stopping}\n`);
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const result = await work(controller.signal);
    if (controller.signal.aborted) throw new InterruptedError(messages.interrupted);
    return result;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
