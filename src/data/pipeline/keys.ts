import { hashValue } from "../../util/hash.js";
import type { LoadedTemplate, TemplateRegistry } from "../templates/index.js";
import { PipelineInputError } from "./errors.js";

/**
 * Cache keys. A unit (one item through one stage) is keyed by everything that decides its output and nothing
 * else, so an unrelated change (another stage's template, the out dir, the export format) never discards work:
 * stage name and version, the versions and text hashes of the templates it declares, the model specs it
 * declares, the constitution hash (when declared), the run seed, the recipe's options, and the input item.
 */

/** Bump when the meaning of a cached unit changes for every stage at once. */
export const UNIT_FORMAT = 1;

export interface UnitKeyParts {
  stage: string;
  stageVersion: string;
  templates: ReadonlyArray<{ id: string; version: string; textHash: string }>;
  models: { teacher?: string; grader?: string };
  constitutionHash: string | null;
  seed: number;
  /** Hash of the recipe's parsed options. */
  optionsHash: string;
  /** Hash of the input item ({ id, value }). */
  inputHash: string;
}

export function unitKey(parts: UnitKeyParts): string {
  return `u-${hashValue({ v: UNIT_FORMAT, ...parts })}`;
}

/** The templates a stage declares ("grade/rubric", or "system/" for every template under the prefix). */
export function declaredTemplates(registry: TemplateRegistry, ids: readonly string[] | undefined, stage: string): LoadedTemplate[] {
  const out = new Map<string, LoadedTemplate>();
  for (const id of ids ?? []) {
    if (id.endsWith("/")) {
      const list = registry.list(id);
      if (list.length === 0) throw new PipelineInputError(`stage "${stage}" declares templates "${id}*" but there are none. Fix: add templates under "${id}" or change the stage's templates.`);
      for (const t of list) out.set(t.id, t);
    } else {
      try {
        out.set(id, registry.get(id));
      } catch (error) {
        throw new PipelineInputError(`stage "${stage}": ${(error as Error).message}`);
      }
    }
  }
  return [...out.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export function templateKey(templates: readonly LoadedTemplate[]): UnitKeyParts["templates"] {
  return templates.map((t) => ({ id: t.id, version: t.version, textHash: t.textHash }));
}
