import { BudgetExhaustedError } from "./errors.js";

/**
 * Spending limits over every model request of a run (teacher and grader together).
 *
 * A request reserves its slot, and its estimated cost, before it is sent, so concurrent requests can never
 * jointly pass a limit: with --max-requests 10 exactly 10 are sent. Cost is held to the limit the same way,
 * using an estimate made before the request (prompt tokens counted with the tokenizer, plus maxOutputTokens
 * of completion) that is replaced by the real cost when the answer arrives. Requests served from the cache
 * cost nothing and never reach the budget.
 */

export interface BudgetLimits {
  maxRequests?: number;
  maxCostUsd?: number;
}

export interface Reservation {
  estimatedCostUsd: number;
  settled: boolean;
}

export class Budget {
  /** Requests sent (answered or failed). */
  requests = 0;
  /** Cost of answered requests; null once a request had no known price. */
  costUsd: number | null = 0;
  private inFlight = 0;
  private reservedCost = 0;
  /** Why the budget refused a request, once it has. */
  exhausted: string | undefined;

  constructor(readonly limits: BudgetLimits = {}) {}

  /** Reserves one request; throws BudgetExhaustedError (and remembers why) when it would pass a limit. */
  reserve(estimatedCostUsd: number): Reservation {
    const { maxRequests, maxCostUsd } = this.limits;
    if (maxRequests !== undefined && this.requests + this.inFlight + 1 > maxRequests) {
      this.exhausted ??= `--max-requests ${maxRequests} reached (${maxRequests} request(s) sent)`;
      throw new BudgetExhaustedError(this.exhausted);
    }
    if (maxCostUsd !== undefined) {
      const spent = this.costUsd ?? 0;
      if (spent + this.reservedCost + estimatedCostUsd > maxCostUsd) {
        this.exhausted ??=
          `--max-cost $${maxCostUsd} reached ($${spent.toFixed(4)} spent; the next request, estimated at $${estimatedCostUsd.toFixed(4)}, would pass the limit)`;
        throw new BudgetExhaustedError(this.exhausted);
      }
    }
    this.inFlight++;
    this.reservedCost += estimatedCostUsd;
    return { estimatedCostUsd, settled: false };
  }

  /** Records the request as sent, with its real cost (null: unknown price; 0 for a failed request). */
  settle(reservation: Reservation, costUsd: number | null): void {
    if (reservation.settled) return;
    reservation.settled = true;
    this.inFlight--;
    this.reservedCost -= reservation.estimatedCostUsd;
    this.requests++;
    this.costUsd = this.costUsd === null || costUsd === null ? null : this.costUsd + costUsd;
  }
}
