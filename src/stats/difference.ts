import { wilsonInterval } from "./wilson.js";

export interface ProportionDifference {
  /** k1 / n1, or null when n1 = 0. */
  p1: number | null;
  /** k2 / n2, or null when n2 = 0. */
  p2: number | null;
  /** p1 - p2, or null when either group is empty. */
  diff: number | null;
  /** Newcombe hybrid score interval for p1 - p2; [-1, 1] when either group is empty. */
  ci: [number, number];
  confidence: number;
}

/**
 * Difference of two independent proportions p1 - p2 with Newcombe's hybrid score interval
 * (Newcombe 1998, "Interval estimation for the difference between independent proportions",
 * method 10), built from the two Wilson score intervals (l1, u1) and (l2, u2):
 *
 *   lower = d - sqrt((p1 - l1)^2 + (u2 - p2)^2)
 *   upper = d + sqrt((u1 - p1)^2 + (p2 - l2)^2)
 */
export function proportionDifference(k1: number, n1: number, k2: number, n2: number, confidence = 0.95): ProportionDifference {
  const [l1, u1] = wilsonInterval(k1, n1, confidence);
  const [l2, u2] = wilsonInterval(k2, n2, confidence);
  const p1 = n1 === 0 ? null : k1 / n1;
  const p2 = n2 === 0 ? null : k2 / n2;
  if (p1 === null || p2 === null) return { p1, p2, diff: null, ci: [-1, 1], confidence };
  const diff = p1 - p2;
  const lower = diff - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
  const upper = diff + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2);
  return { p1, p2, diff, ci: [Math.max(-1, lower), Math.min(1, upper)], confidence };
}
