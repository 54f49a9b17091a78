import { registerRecipe } from "../pipeline/registry.js";
import type { Recipe } from "../pipeline/types.js";
import { difficultAdviceRecipe } from "./difficult-advice/recipe.js";
import { diversifyRecipe } from "./diversify/recipe.js";
import { constitutionDocsRecipe } from "./constitution-docs/recipe.js";
import { storiesRecipe } from "./stories/recipe.js";
import { honeypotDemosRecipe } from "./honeypot-demos/recipe.js";
import { deliberationRecipe } from "./deliberation/recipe.js";

/**
 * The built-in recipes, registered for `plumbline generate <name>`. Add a recipe by writing
 * src/data/recipes/<name>/recipe.ts (see src/data/pipeline/README.md) and listing it here.
 */
export const BUILT_IN_RECIPES: readonly Recipe[] = [diversifyRecipe, difficultAdviceRecipe, constitutionDocsRecipe, storiesRecipe, honeypotDemosRecipe, deliberationRecipe];

for (const recipe of BUILT_IN_RECIPES) registerRecipe(recipe);
