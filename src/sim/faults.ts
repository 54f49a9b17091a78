import { createRng } from "../util/rng.js";
import type { FaultOptions } from "./options.js";

export type Fault = "none" | "429" | "500" | "hang" | "truncate";

/**
 * Draws transport faults. Each faultSeed has its own RNG stream, advanced once per request, so a
 * retry of an identical request draws afresh (and can succeed) while a fresh server with the same
 * faultSeed replays the same sequence (for requests arriving in the same order).
 */
export class FaultInjector {
  private readonly streams = new Map<string, () => number>();

  draw(f: FaultOptions): Fault {
    const total = f.fail429 + f.fail500 + f.hang + f.truncate;
    if (total <= 0) return "none";
    let rng = this.streams.get(f.faultSeed);
    if (!rng) {
      rng = createRng(`sim-faults:${f.faultSeed}`);
      this.streams.set(f.faultSeed, rng);
    }
    let r = rng();
    if ((r -= f.fail429) < 0) return "429";
    if ((r -= f.fail500) < 0) return "500";
    if ((r -= f.hang) < 0) return "hang";
    if ((r -= f.truncate) < 0) return "truncate";
    return "none";
  }
}

/** Cuts a JSON body in the middle so no parser accepts it. */
export function truncateBody(body: string): string {
  const cut = Math.max(1, Math.floor(body.length / 2));
  return body.slice(0, cut);
}
