import { PipelineInputError } from "./errors.js";
import type { Recipe } from "./types.js";

/**
 * The recipes `plumbline generate` knows. Built-in recipes register themselves from src/data/recipes/index.ts;
 * library users can register their own before calling runPipeline (or pass the Recipe object directly).
 */

/** Stage names the finishing chain uses; a recipe's stages must not take them. */
export const FINISHING_STAGES = ["grade", "dedup", "decontaminate", "select", "export"] as const;

const NAME = /^[a-z0-9][a-z0-9-]*$/;
const recipes = new Map<string, Recipe>();

/** Checks a recipe's shape; throws naming the problem. */
export function checkRecipe(recipe: Recipe): void {
  const where = `recipe "${recipe.name}"`;
  if (!NAME.test(recipe.name)) throw new Error(`${where}: names are lowercase letters, digits and "-"`);
  if (!recipe.version) throw new Error(`${where}: needs a version`);
  if (recipe.stages.length === 0) throw new Error(`${where}: needs at least one stage`);
  const names = new Set<string>([recipe.sourceName ?? "source"]);
  for (const stage of recipe.stages) {
    if (!NAME.test(stage.name)) throw new Error(`${where}: stage name "${stage.name}" must be lowercase letters, digits and "-"`);
    if ((FINISHING_STAGES as readonly string[]).includes(stage.name)) throw new Error(`${where}: stage name "${stage.name}" is taken by the finishing chain (${FINISHING_STAGES.join(", ")})`);
    if (names.has(stage.name)) throw new Error(`${where}: two stages are named "${stage.name}"`);
    if (!stage.version) throw new Error(`${where}: stage "${stage.name}" needs a version`);
    if (stage.uses?.teacher && !recipe.needsTeacher) throw new Error(`${where}: stage "${stage.name}" uses the teacher, so the recipe must set needsTeacher: true`);
    names.add(stage.name);
  }
}

/** Adds a recipe (replacing one of the same name, so tests and plugins can override). */
export function registerRecipe(recipe: Recipe): void {
  checkRecipe(recipe);
  recipes.set(recipe.name, recipe);
}

export function getRecipe(name: string): Recipe {
  const recipe = recipes.get(name);
  if (recipe) return recipe;
  const known = [...recipes.keys()].sort();
  throw new PipelineInputError(`unknown recipe "${name}". Known recipes: ${known.length > 0 ? known.join(", ") : "(none)"} (see \`plumbline recipes\`).`);
}

export function listRecipes(): Recipe[] {
  return [...recipes.values()].sort((a, b) => a.name.localeCompare(b.name));
}
