export {
  ConstitutionError,
  SECTION_KEYWORDS,
  loadConstitution,
  parseConstitution,
  relevantSections,
  renderSections,
  slugify,
  type Constitution,
  type ConstitutionSection,
} from "./constitution.js";
export { DEFAULT_CONSTITUTION_NAME, DEFAULT_CONSTITUTION_TEXT } from "./default.js";
