/** Exit codes: 0 ok, 1 the run failed, 2 bad input, 3 stopped at a budget limit (resumable), 130 interrupted (as shells report Ctrl-C). */
export const EXIT = { ok: 0, failed: 1, usage: 2, budget: 3, interrupted: 130 } as const;

/** A command that finished its work but must exit non-zero: `message` is printed as is, then the process exits with `code`. */
export class CommandExit extends Error {
  override name = "CommandExit";
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Bad input from the user: printed as one clear line, exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export function parseIntOption(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new UsageError(`--${name} must be an integer from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : " up"}, got "${value}"`);
    }
    return n;
  };
}

export function parseNumberOption(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${value}"`);
    return n;
  };
}
