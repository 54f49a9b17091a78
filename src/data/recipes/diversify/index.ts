export {
  DIVERSIFY_RECIPE,
  DIVERSIFY_STAGE,
  runDiversify,
  type DiversifyMeta,
  type DiversifyOptions,
  type DiversifyReport,
  type DiversifyResult,
  type DiversifySkip,
} from "./diversify.js";
export { ChatJsonlError, chatExampleFromOpenAI, parseChatJsonl, readChatJsonl, type ReadChatJsonlOptions } from "./jsonl.js";
export { PLACEHOLDER_POOLS, POOLS_VERSION } from "./pools.js";
export { TOOL_CATALOGUE, TOOL_CATALOGUE_VERSION, type CatalogueTool } from "./tool-catalogue.js";
export { diversifyRecipe, DiversifyRecipeOptionsSchema, type DiversifyRecipeOptions } from "./recipe.js";
