export {
  composeSystemPrompt,
  DEFAULT_INJECTION,
  ECHO_WORDS,
  INJECTION_PREFIX,
  injectionId,
  injectionText,
  PLACEMENTS,
  selectInjections,
  shortName,
  stripInjection,
  type Placement,
  type StripResult,
} from "./injection.js";
export { DELIBERATION_RECIPE, deliberationRecipe, DeliberationOptionsSchema, RULE_INJECTION_STRIPPED, type DeliberationOptions } from "./recipe.js";
