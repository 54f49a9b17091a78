/**
 * Why a pipeline stopped. Input errors are raised before any request or write (the CLI exits 2); the other
 * outcomes are reported in the result, with everything finished kept in the store for the next run.
 */

/** Bad input (unknown recipe, bad option, missing or invalid file, wrong format for the recipe): nothing was run. */
export class PipelineInputError extends Error {
  override name = "PipelineInputError";
}

/** A budget limit (--max-requests, --max-cost) was reached; thrown by the model layer of the pipeline. */
export class BudgetExhaustedError extends Error {
  override name = "BudgetExhaustedError";
}

/** A failure every unit would share (endpoint down, key rejected, unknown model): the run stops at once. */
export class FatalPipelineError extends Error {
  override name = "FatalPipelineError";
}
