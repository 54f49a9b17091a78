/** What a run reports as it goes (progress bars) and at the end of each stage (summaries, the store, `data show`). */

export type StageKind = "source" | "map" | "grade" | "dedup" | "decontaminate" | "select" | "export";

export interface StageSummary {
  stage: string;
  kind: StageKind;
  version: string;
  /** Items that came in. */
  input: number;
  /** Items passed on. */
  output: number;
  /** Items rejected or removed here. */
  rejected: number;
  /** Input items not processed yet (the run stopped first). */
  pending: number;
  /** Units that failed (retried on the next run). */
  failed: number;
  cachedUnits: number;
  freshUnits: number;
  /** Model requests sent by this run in this stage. */
  requests: number;
  /** Requests answered from the response cache. */
  cachedRequests: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  ms: number;
  /** One line on anything notable (a target not met, a method's counts). */
  note?: string;
}

export type PipelineEvent =
  | { type: "start"; pipelineId: string; recipe: string; resumed: boolean; items: number }
  | { type: "stage-start"; stage: string; kind: StageKind; total: number }
  | {
      type: "progress";
      stage: string;
      done: number;
      total: number;
      cached: number;
      requests: number;
      inputTokens: number;
      outputTokens: number;
      costUsd: number | null;
    }
  | { type: "stage-end"; summary: StageSummary };
