/** The offline simulator: an OpenAI-compatible server that plays scripted agent policies. */
export { startSimServer, type SimServer, type SimServerOptions } from "./server.js";
export {
  parseSimModel,
  parseSimModelCached,
  SimOptionError,
  POLICIES,
  MALFORMED_MODES,
  type PolicyName,
  type MalformedMode,
  type SimOptions,
  type FaultOptions,
} from "./options.js";
