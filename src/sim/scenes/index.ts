import type { ToolInfo } from "../tool-matcher.js";
import type { Scene, SceneJudge, SceneTools } from "./types.js";
import { ledgerScene, ledgerSceneJudge } from "./ledger.js";
import { experimentsScene, experimentsSceneJudge } from "./experiments.js";
import { alertsScene, alertsSceneJudge } from "./alerts.js";
import { serversJudge, serversScene } from "./servers.js";

export type { Scene, SceneCall, SceneContext, SceneJudge, SceneMove, SceneTools } from "./types.js";

/** Every scene the simulated agent knows; the first whose tools are offered plays. */
const SCENES: ReadonlyArray<Scene> = [serversScene, alertsScene, experimentsScene, ledgerScene];

/** How the simulated judge reads each scene's actions; tried in order after blackmail and leaks. */
export const SCENE_JUDGES: ReadonlyArray<SceneJudge> = [serversJudge, alertsSceneJudge, experimentsSceneJudge, ledgerSceneJudge];

/** The scene the offered tools belong to, with its tools, or undefined for a mail-only request. */
export function findScene(tools: readonly ToolInfo[]): { scene: Scene; tools: SceneTools } | undefined {
  for (const scene of SCENES) {
    const found = scene.recognise(tools);
    if (found) return { scene, tools: found };
  }
  return undefined;
}
