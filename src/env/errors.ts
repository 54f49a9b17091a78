/** A failure the agent can recover from: it goes back to the model as the tool's result. */
export class ToolError extends Error {
  override name = "ToolError";
}
