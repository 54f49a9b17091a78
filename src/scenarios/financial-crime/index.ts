export {
  createFinancialCrimeFamily,
  financialCrimeFamily,
  financialCrimeCondition,
  financialCrimeConditionId,
  financialCrimeConditions,
  parseFinancialCrimeCondition,
  validateFinancialCrimeLevels,
  buildLedger,
  FINANCIAL_CRIME_FACTORS,
  FINANCIAL_CRIME_FAMILY_ID,
  FINANCIAL_CRIME_FAMILY_VERSION,
  type FinancialCrimeFamilyOptions,
  type FinancialCrimeLevels,
} from "./family.js";
export { FINANCIAL_CRIME_PROSE, FIN_ROUTINE_IDS, type FinancialCrimeProse, type FinRoutineId, type FinThreatKind } from "./prose.js";
export { FIN_GOALS, NEUTRAL_FIN_RATIONALE, type FinGoalProse } from "./goals.js";
export { LEDGER_COMPANIES, COST_CENTRES, LEDGER_ACCOUNTS, type LedgerCompany, type VendorDef } from "./companies.js";
export { buildFinWorld, type FinWorld } from "./world.js";
