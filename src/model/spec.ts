/**
 * Model specs are plain strings so a run's manifest can record exactly what was evaluated:
 *   sim:<policy>[?options]                  the built-in simulator (in-process, over loopback HTTP)
 *   sim:<policy>[?options]@<baseURL>        a simulator already serving elsewhere (`plumbline sim serve`)
 *   openai:<model>                          OpenAI (OPENAI_API_KEY)
 *   anthropic:<model>                       Anthropic (ANTHROPIC_API_KEY)
 *   openai-compatible:<model>@<baseURL>     vLLM, llama.cpp server, Ollama... (PLUMBLINE_API_KEY, optional)
 */

export type ModelSpec =
  | { provider: "sim"; model: string; baseURL?: string; canonical: string }
  | { provider: "openai"; model: string; canonical: string }
  | { provider: "anthropic"; model: string; canonical: string }
  | { provider: "openai-compatible"; model: string; baseURL: string; canonical: string };

export type ProviderName = ModelSpec["provider"];

export class ModelSpecError extends Error {
  constructor(
    readonly spec: string,
    reason: string,
  ) {
    super(`invalid model spec "${spec}": ${reason}. ${SPEC_HELP}`);
    this.name = "ModelSpecError";
  }
}

export const SPEC_HELP =
  "Use one of: sim:<policy>[?options], openai:<model>, anthropic:<model>, openai-compatible:<model>@<baseURL> " +
  '(e.g. "sim:misaligned?p=0.3", "openai:gpt-4.1", "openai-compatible:qwen3-32b@http://127.0.0.1:8000/v1")';

const PROVIDERS: readonly ProviderName[] = ["sim", "openai", "anthropic", "openai-compatible"];

export function parseModelSpec(input: string): ModelSpec {
  const spec = input.trim();
  const colon = spec.indexOf(":");
  if (colon <= 0) throw new ModelSpecError(input, "missing '<provider>:' prefix");
  const provider = spec.slice(0, colon) as ProviderName;
  const rest = spec.slice(colon + 1);
  if (!PROVIDERS.includes(provider)) {
    throw new ModelSpecError(input, `unknown provider "${provider}" (known: ${PROVIDERS.join(", ")})`);
  }
  if (rest.length === 0) throw new ModelSpecError(input, "missing model name after the provider");

  switch (provider) {
    case "sim": {
      const { model, baseURL } = splitAt(rest);
      if (baseURL !== undefined) checkBaseURL(input, baseURL);
      return { provider, model, ...(baseURL ? { baseURL } : {}), canonical: spec };
    }
    case "openai":
    case "anthropic":
      if (/\s/.test(rest)) throw new ModelSpecError(input, "model names cannot contain spaces");
      return { provider, model: rest, canonical: spec };
    case "openai-compatible": {
      const { model, baseURL } = splitAt(rest);
      if (!baseURL) throw new ModelSpecError(input, "openai-compatible needs '@<baseURL>' after the model name");
      checkBaseURL(input, baseURL);
      return { provider, model, baseURL: baseURL.replace(/\/+$/, ""), canonical: spec };
    }
  }
}

/** Splits "model@http://host/v1" at the '@' that starts a URL (model names may contain '@' themselves). */
function splitAt(rest: string): { model: string; baseURL?: string } {
  const at = rest.search(/@https?:\/\//);
  if (at < 0) return { model: rest };
  return { model: rest.slice(0, at), baseURL: rest.slice(at + 1) };
}

function checkBaseURL(spec: string, baseURL: string): void {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    throw new ModelSpecError(spec, `"${baseURL}" is not a valid URL`);
  }
  if (url.username || url.password) {
    // Credentials in a URL would end up in manifests and logs; keys belong in environment variables.
    throw new ModelSpecError(spec, "do not put credentials in the URL; set PLUMBLINE_API_KEY instead");
  }
}

/** The judge to use when the user did not name one: the same provider family as the evaluated model. */
export function defaultJudgeFor(spec: ModelSpec): string {
  switch (spec.provider) {
    case "sim":
      return spec.baseURL ? `sim:judge@${spec.baseURL}` : "sim:judge";
    case "openai":
      return "openai:gpt-4.1";
    case "anthropic":
      return "anthropic:claude-sonnet-4-5";
    case "openai-compatible":
      return spec.canonical;
  }
}
