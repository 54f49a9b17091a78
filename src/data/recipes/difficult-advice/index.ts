export { BEHAVIOURS_VERSION, BUILT_IN_BEHAVIOURS, DOMAINS, type Behaviour, type Domain } from "./behaviours.js";
export { BehaviourInputError, parseBehaviourSummaries, readBehaviourSummaries, MIN_SUMMARY_WORDS } from "./input.js";
export { DifficultAdviceOptionsSchema, planDomains, TARGET_OVERSHOOT, type DifficultAdviceOptions, type DomainPlan } from "./options.js";
export { DIFFICULT_ADVICE_RECIPE, difficultAdviceRecipe, sectionsFor } from "./recipe.js";
export {
  cleanModelText,
  DIFFICULT_ADVICE_RULES,
  ECHO_WORDS,
  MIN_ANSWER_WORDS,
  MIN_USER_WORDS,
  RULE_ANSWER_SUBSTANTIVE,
  RULE_NO_GUIDANCE_REFERENCE,
  RULE_NO_REWRITE_ARTIFACTS,
  RULE_USER_DILEMMA,
  verbatimOverlap,
} from "./rules.js";
export {
  answerRequest,
  DIFFICULT_ADVICE_STAGES,
  rewriteRequest,
  type AnsweredValue,
  type DifficultAdviceMeta,
  type PrincipleValue,
  type PromptsValue,
  type PromptTypeValue,
  type RealisticValue,
  type ScenarioValue,
  type SeedValue,
} from "./stages.js";
