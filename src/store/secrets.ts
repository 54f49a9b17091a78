/**
 * A last line of defence against writing credentials to disk: run manifests and episode results
 * are checked before they are persisted, and the write is refused (an exception, never a silent
 * redaction) when the text looks like it contains an API key.
 */

export class SecretLeakError extends Error {
  override name = "SecretLeakError";
}

interface SecretPattern {
  what: string;
  re: RegExp;
}

const PATTERNS: readonly SecretPattern[] = [
  { what: "an Anthropic-style API key (sk-ant-...)", re: /(?<![A-Za-z0-9])sk-ant-[A-Za-z0-9_-]{16,}/ },
  { what: "an OpenAI-style API key (sk-...)", re: /(?<![A-Za-z0-9])sk-[A-Za-z0-9_-]{20,}/ },
  { what: "a bearer token (Bearer ...)", re: /\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*/i },
];

/** Environment variables whose current values must never appear in stored text. */
export const SECRET_ENV_VARS = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "PLUMBLINE_API_KEY"] as const;

const MIN_ENV_SECRET_LENGTH = 8;

/**
 * Throws {@link SecretLeakError} when `text` (usually serialised JSON) contains something that
 * looks like an API key: `sk-...` / `sk-ant-...` keys, `Bearer <token>`, or the current value
 * of OPENAI_API_KEY / ANTHROPIC_API_KEY / PLUMBLINE_API_KEY (when set and at least 8 characters),
 * raw or JSON-escaped. The message names the kind of secret and where, never the secret itself.
 *
 * @param where what is being stored, for the error message (e.g. "run manifest").
 */
export function assertNoSecrets(text: string, where = "value"): void {
  for (const name of SECRET_ENV_VARS) {
    const value = process.env[name];
    if (value === undefined || value.length < MIN_ENV_SECRET_LENGTH) continue;
    const escaped = JSON.stringify(value).slice(1, -1);
    if (text.includes(value) || text.includes(escaped)) {
      throw new SecretLeakError(
        `refusing to store ${where}: it contains the value of $${name}; remove credentials before persisting`,
      );
    }
  }
  for (const { what, re } of PATTERNS) {
    const m = re.exec(text);
    if (m) {
      throw new SecretLeakError(
        `refusing to store ${where}: it contains what looks like ${what} at character ${m.index}; remove credentials before persisting`,
      );
    }
  }
}

/**
 * Replaces anything {@link assertNoSecrets} would refuse with "[redacted]". Only for text that is ours
 * to shorten, such as provider error messages, before they are stored or printed.
 */
export function redactSecrets(text: string): string {
  let out = text;
  for (const name of SECRET_ENV_VARS) {
    const value = process.env[name];
    if (value !== undefined && value.length >= MIN_ENV_SECRET_LENGTH) out = out.split(value).join("[redacted]");
  }
  for (const { re } of PATTERNS) out = out.replace(new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`), "[redacted]");
  return out;
}
