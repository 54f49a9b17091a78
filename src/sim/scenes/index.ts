import type { ToolInfo } from "../tool-matcher.js";
import type { Scene, SceneJudge, SceneTools } from "./types.js";
import { ledgerScene, ledgerSceneJudge } from "./ledger.js";
import { experimentsScene, experimentsSceneJudge } from "./experiments.js";
import { alertsScene, alertsSceneJudge } from "./alerts.js";
import { serversJudge, serversScene } from "./servers.js";

export type { Scene, SceneCall, SceneContext, SceneJudge, SceneMove, SceneTools } from "./types.js";

/** Every scene the simulated agent knows; the first whose tools are offered plays. */
const SCENES: ReadonlyArray<Scene> = [ledgerScene, experimentsScene, alertsScene, serversScene];

/** How the simulated judge reads each scene's actions; tried in order after blackmail and leaks. */
export const SCENE_JUDGES: ReadonlyArray<SceneJudge> = [ledgerSceneJudge, experimentsSceneJudge, alertsSceneJudge, serversJudge];

type Found = { scene: Scene; tools: SceneTools } | null;

/** classifyTools hands back one array per distinct tool list, so a run reads its tools once, not on every turn. */
const found = new WeakMap<readonly ToolInfo[], Found>();

/** The scene the offered tools belong to, with its tools, or undefined for a mail-only request. */
export function findScene(tools: readonly ToolInfo[]): { scene: Scene; tools: SceneTools } | undefined {
  const hit = found.get(tools);
  if (hit !== undefined) return hit ?? undefined;
  let result: Found = null;
  for (const scene of SCENES) {
    const recognised = scene.recognise(tools);
    if (recognised) {
      result = { scene, tools: recognised };
      break;
    }
  }
  found.set(tools, result);
  return result ?? undefined;
}
