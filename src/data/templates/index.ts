export {
  BUILT_IN_TEMPLATES,
  TemplateError,
  loadTemplates,
  parseTemplateFile,
  renderPromptTemplate,
  templatePlaceholders,
  type LoadedTemplate,
  type PromptTemplate,
  type TemplateOverride,
  type TemplateRegistry,
  type TemplateVars,
} from "./registry.js";
export { INJECTION_TEMPLATES, INJECTION_TEMPLATE_IDS, type InjectionTemplateId } from "./builtin/injections.js";
export { OPERATOR_PROMPT_TEMPLATES } from "./builtin/operator-prompts.js";
export { GRADE_RUBRIC_TEMPLATE_ID, GRADING_TEMPLATES } from "./builtin/grading.js";
export { CONSTITUTION_DOCS_TEMPLATES, CONSTITUTION_DOCS_TEMPLATE_IDS } from "./builtin/constitution-docs.js";
export { STORIES_TEMPLATES, STORIES_TEMPLATE_IDS } from "./builtin/stories.js";
export { compareSemver, isSemver } from "./semver.js";
