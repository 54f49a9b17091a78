export { DEFAULT_DOC_TYPES, DOC_TYPES_VERSION, type DocType } from "./doc-types.js";
export {
  CONSTITUTION_DOCS_RECIPE,
  ConstitutionDocsOptionsSchema,
  constitutionDocsRecipe,
  readDocTypes,
  type ConstitutionDocsOptions,
  type DocTypeEntry,
} from "./recipe.js";
