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
export { compareSemver, isSemver } from "./semver.js";
