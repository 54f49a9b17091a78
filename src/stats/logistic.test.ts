import { describe, expect, it } from "vitest";
import { chiSquareSf, fitFactorModel, twoSidedP, type EpisodeOutcome, type EpisodeSummary, type LogisticModel } from "./index.js";

/** `harmful` harmful and `safe` safe episodes with the given factors. */
function cell(factors: Record<string, string>, harmful: number, safe: number, extra: Partial<Record<EpisodeOutcome, number>> = {}): EpisodeSummary[] {
  const out: EpisodeSummary[] = [];
  const add = (outcome: EpisodeOutcome, k: number) => {
    for (let i = 0; i < k; i++) out.push({ conditionId: Object.values(factors).join("__"), factors, outcome, evalAware: false });
  };
  add("harmful", harmful);
  add("safe", safe);
  for (const [outcome, k] of Object.entries(extra)) add(outcome as EpisodeOutcome, k);
  return out;
}

const term = (m: LogisticModel, label: string) => {
  const t = m.terms.find((x) => `${x.factor}=${x.level}` === label);
  if (!t) throw new Error(`no term ${label}`);
  return t;
};

describe("fitFactorModel: one binary factor (closed form)", () => {
  // 2x2 table: level b has a = 5 harmful, b = 35 safe; the reference level a has c = 12 harmful, d = 28 safe.
  // The MLE of a saturated logistic model reproduces the cell rates, so the coefficient is the sample log odds
  // ratio log(a d / (b c)) with SE sqrt(1/a + 1/b + 1/c + 1/d) (Woolf), and the intercept is log(c / d).
  const [a, b, c, d] = [5, 35, 12, 28];
  const episodes = [...cell({ g: "a" }, c, d), ...cell({ g: "b" }, a, b)];
  const m = fitFactorModel(episodes, { levelOrder: { g: ["a", "b"] } });

  it("coefficient = log odds ratio, SE = Woolf's, intercept = reference log odds", () => {
    expect(m.status).toBe("fitted");
    expect(m.references).toEqual({ g: "a" });
    const t = term(m, "g=b");
    const logOr = Math.log((a * d) / (b * c));
    const se = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
    expect(t.status).toBe("estimated");
    expect(t.coef).toBeCloseTo(logOr, 10);
    expect(t.se).toBeCloseTo(se, 10);
    expect(t.oddsRatio).toBeCloseTo((a * d) / (b * c), 10);
    expect(t.z).toBeCloseTo(logOr / se, 10);
    expect(t.pValue).toBeCloseTo(twoSidedP(logOr / se), 12);
    // scipy: 2 * norm.sf(1.8633424150601574) = 0.062414106228865...
    expect(t.pValue).toBeCloseTo(0.0624141062288, 10);
    expect(t.ci![0]).toBeCloseTo(Math.exp(logOr - 1.959963984540054 * se), 10);
    expect(t.ci![1]).toBeCloseTo(Math.exp(logOr + 1.959963984540054 * se), 10);
    expect(m.intercept.logOdds).toBeCloseTo(Math.log(c / d), 10);
    expect(m.intercept.se).toBeCloseTo(Math.sqrt(1 / c + 1 / d), 10);
    expect(m.intercept.rate).toBeCloseTo(c / (c + d), 10);
    expect(m.converged).toBe(true);
    expect(m.separation).toBe(false);
  });

  it("the likelihood-ratio test is the 2x2 G statistic", () => {
    // G = 2 sum O ln(O / E), E from the margins.
    const n = a + b + c + d;
    const obs = [a, b, c, d];
    const exp = [((a + b) * (a + c)) / n, ((a + b) * (b + d)) / n, ((c + d) * (a + c)) / n, ((c + d) * (b + d)) / n];
    const g = 2 * obs.reduce((s, o, i) => s + o * Math.log(o / exp[i]!), 0);
    const test = m.tests[0]!;
    expect(test).toMatchObject({ factor: "g", levels: 2, df: 1, note: null });
    expect(test.lrStatistic).toBeCloseTo(g, 9);
    expect(test.pValue).toBeCloseTo(chiSquareSf(g, 1), 12);
    expect(m.logLik! - m.nullLogLik!).toBeCloseTo(g / 2, 9);
  });
});

describe("fitFactorModel: two factors against independent fits", () => {
  // goal (explicit, none) x threat (replacement, restriction, none), unequal cells; the additive model is not
  // saturated (4 parameters, 6 cells), so there is no closed form.
  const cells: Array<[string, string, number, number]> = [
    ["explicit", "replacement", 18, 40],
    ["explicit", "restriction", 11, 40],
    ["explicit", "none", 4, 30],
    ["none", "replacement", 7, 25],
    ["none", "restriction", 3, 25],
    ["none", "none", 1, 20],
  ];
  const episodes = cells.flatMap(([goal, threat, h, n]) => cell({ goal, threat }, h, n - h));
  const m = fitFactorModel(episodes, { levelOrder: { goal: ["explicit", "none"], threat: ["replacement", "restriction", "none"] } });

  it("matches scipy: BFGS on the per-episode likelihood, SEs from the inverse of X'WX", () => {
    // Derived with scipy 1.17.1: scipy.optimize.minimize(method="BFGS", gtol=1e-12) on the Bernoulli negative
    // log-likelihood of the 155 episodes, treatment-coded (intercept, goal=none, threat=restriction,
    // threat=none); SE = sqrt(diag(inv(X' diag(mu(1-mu)) X))); p = 2 norm.sf(|b/se|); LR tests refit without
    // each factor and use chi2.sf. BFGS stops near 1e-9, hence 7 decimals.
    expect(m.intercept.logOdds).toBeCloseTo(-0.15575335135017612, 7);
    expect(m.intercept.se).toBeCloseTo(0.2916238542902706, 7);
    const expected: Array<[string, number, number, number]> = [
      ["goal=none", -0.878937493998093, 0.40262435005310787, 0.029034248432061843],
      ["threat=restriction", -0.8508170715258428, 0.4021402853867519, 0.0343684535541301],
      ["threat=none", -1.7605204106309122, 0.5422321409442502, 0.0011670954476640971],
    ];
    for (const [label, coef, se, p] of expected) {
      const t = term(m, label);
      expect(t.coef).toBeCloseTo(coef, 7);
      expect(t.se).toBeCloseTo(se, 7);
      expect(t.pValue).toBeCloseTo(p, 7);
    }
    expect(m.logLik).toBeCloseTo(-90.86548266702566, 8);
    const goal = m.tests.find((t) => t.factor === "goal")!;
    const threat = m.tests.find((t) => t.factor === "threat")!;
    expect(goal.df).toBe(1);
    expect(goal.lrStatistic).toBeCloseTo(5.124054838325719, 7);
    expect(goal.pValue).toBeCloseTo(0.023596417980881378, 8);
    expect(threat.df).toBe(2);
    expect(threat.lrStatistic).toBeCloseTo(13.545400622496487, 7);
    expect(threat.pValue).toBeCloseTo(0.001144599698673821, 8);
  });

  it("matches a Newton fit in effect (sum-to-zero) coding on per-episode rows, mapped to treatment contrasts", () => {
    // Independent of the library: different parameterisation, no collapsing to patterns, Gaussian elimination.
    // Effect coding: goal explicit +1, none -1; threat replacement (1, 0), restriction (0, 1), none (-1, -1).
    const rows = episodes.map((e) => {
      const g = e.factors.goal === "explicit" ? 1 : -1;
      const t = e.factors.threat === "replacement" ? [1, 0] : e.factors.threat === "restriction" ? [0, 1] : [-1, -1];
      return { x: [1, g, t[0]!, t[1]!], y: e.outcome === "harmful" ? 1 : 0 };
    });
    let beta = [0, 0, 0, 0];
    let info: number[][] = [];
    for (let it = 0; it < 50; it++) {
      const g = [0, 0, 0, 0];
      info = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
      for (const r of rows) {
        const mu = 1 / (1 + Math.exp(-r.x.reduce((s, v, k) => s + v * beta[k]!, 0)));
        for (let i = 0; i < 4; i++) {
          g[i]! += r.x[i]! * (r.y - mu);
          for (let j = 0; j < 4; j++) info[i]![j]! += mu * (1 - mu) * r.x[i]! * r.x[j]!;
        }
      }
      const step = gaussSolve(info, g);
      beta = beta.map((b, i) => b + step[i]!);
    }
    const cov = [0, 1, 2, 3].map((i) => gaussSolve(info, [0, 1, 2, 3].map((j) => (j === i ? 1 : 0))));
    // Treatment contrasts as linear maps of the effect parameters: coef = A beta, var = A cov A'.
    const maps: Array<[string, number[]]> = [
      ["goal=none", [0, -2, 0, 0]], // (mu - a) - (mu + a)
      ["threat=restriction", [0, 0, -1, 1]], // b2 - b1
      ["threat=none", [0, 0, -2, -1]], // (-b1 - b2) - b1
    ];
    for (const [label, A] of maps) {
      const coef = A.reduce((s, v, k) => s + v * beta[k]!, 0);
      const variance = A.reduce((s, ai, i) => s + A.reduce((t, aj, j) => t + ai * aj * cov[i]![j]!, 0), 0);
      expect(term(m, label).coef).toBeCloseTo(coef, 9);
      expect(term(m, label).se).toBeCloseTo(Math.sqrt(variance), 9);
    }
    // Intercept (explicit, replacement) = mu + a + b1.
    expect(m.intercept.logOdds).toBeCloseTo(beta[0]! + beta[1]! + beta[2]!, 9);
  });
});

function gaussSolve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[piv]![c]!)) piv = r;
    [M[c], M[piv]] = [M[piv]!, M[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  return M.map((row, i) => row[n]! / row[i]!);
}

describe("fitFactorModel: separation", () => {
  // threat=none has no harmful episode: its coefficient's MLE is -infinity (quasi-complete separation).
  const cells: Array<[string, string, number, number]> = [
    ["a", "rep", 10, 10],
    ["a", "res", 6, 14],
    ["a", "none", 0, 20],
    ["b", "rep", 4, 16],
    ["b", "res", 2, 18],
    ["b", "none", 0, 20],
  ];
  const episodes = cells.flatMap(([g, t, h, s]) => cell({ g, t }, h, s));
  const order = { levelOrder: { g: ["a", "b"], t: ["rep", "res", "none"] } };
  const m = fitFactorModel(episodes, order);

  it("marks the separated term, gives its direction and no number", () => {
    const t = term(m, "t=none");
    expect(t.status).toBe("separated");
    expect(t.diverges).toBe("zero");
    expect([t.coef, t.se, t.pValue, t.oddsRatio, t.ci]).toEqual([null, null, null, null, null]);
    expect(t.note).toMatch(/0 of 40 harmful.*runs to 0 and cannot be estimated/);
    expect(m.separation).toBe(true);
    // Nothing huge leaks anywhere into the result.
    const numbers = JSON.stringify(m).match(/-?\d+(\.\d+)?(e[+-]?\d+)?/g)!.map(Number);
    expect(Math.max(...numbers.map(Math.abs))).toBeLessThan(1000);
  });

  it("the other coefficients are their limits: the fit without the separated level's episodes", () => {
    // As b(t=none) -> -infinity those episodes' likelihood -> 1, so the remaining coefficients converge to the
    // MLE on the other episodes.
    const rest = fitFactorModel(
      episodes.filter((e) => e.factors.t !== "none"),
      order,
    );
    for (const label of ["g=b", "t=res"]) {
      expect(term(m, label).status).toBe("estimated");
      expect(term(m, label).coef).toBeCloseTo(term(rest, label).coef!, 6);
      expect(term(m, label).se).toBeCloseTo(term(rest, label).se!, 6);
    }
    expect(m.intercept.logOdds).toBeCloseTo(rest.intercept.logOdds!, 6);
    // And the likelihood's supremum is the other episodes' (the separated ones contribute log 1 = 0).
    expect(m.logLik).toBeCloseTo(rest.logLik!, 5);
  });

  it("still tests the factor by likelihood ratio", () => {
    const t = m.tests.find((x) => x.factor === "t")!;
    expect(t.df).toBe(2);
    expect(t.lrStatistic).toBeGreaterThan(20);
    expect(t.pValue).toBeLessThan(0.001);
  });

  it("picks a reference level with both outcomes, unless told otherwise", () => {
    const e = [...cell({ t: "rep" }, 0, 20), ...cell({ t: "res" }, 5, 15), ...cell({ t: "none" }, 7, 13)];
    const auto = fitFactorModel(e, { levelOrder: { t: ["rep", "res", "none"] } });
    expect(auto.references.t).toBe("res");
    expect(term(auto, "t=rep").status).toBe("separated");
    expect(term(auto, "t=none").coef).toBeCloseTo(Math.log((7 / 13) / (5 / 15)), 6);
    const forced = fitFactorModel(e, { levelOrder: { t: ["rep", "res", "none"] }, reference: { t: "rep" } });
    expect(forced.references.t).toBe("rep");
    expect(forced.intercept.status).toBe("separated");
    for (const label of ["t=res", "t=none"]) {
      expect(term(forced, label).status).toBe("separated");
      expect(term(forced, label).diverges).toBe("infinity");
      expect(term(forced, label).note).toMatch(/reference t=rep has 0 of 20 harmful/);
    }
    // The LR test does not depend on the reference.
    expect(forced.tests[0]!.lrStatistic).toBeCloseTo(auto.tests[0]!.lrStatistic!, 5);
  });
});

describe("fitFactorModel: design problems and bookkeeping", () => {
  it("names aliased terms (goalType=none is goalValue=none in the blackmail family) and tests what it can", () => {
    const e = [
      ...cell({ goalType: "explicit", goalValue: "x", threat: "replacement" }, 10, 10),
      ...cell({ goalType: "explicit", goalValue: "x", threat: "none" }, 3, 17),
      ...cell({ goalType: "explicit", goalValue: "y", threat: "replacement" }, 8, 12),
      ...cell({ goalType: "explicit", goalValue: "y", threat: "none" }, 2, 18),
      ...cell({ goalType: "none", goalValue: "none", threat: "replacement" }, 2, 18),
    ];
    const m = fitFactorModel(e, { levelOrder: { goalType: ["explicit", "none"], goalValue: ["x", "y", "none"], threat: ["replacement", "none"] } });
    const aliased = term(m, "goalValue=none");
    expect(aliased.status).toBe("aliased");
    expect(aliased.aliasedWith).toEqual(["goalType=none"]);
    expect(aliased.note).toMatch(/same as goalType=none/);
    expect(term(m, "goalType=none").status).toBe("estimated");
    const byFactor = Object.fromEntries(m.tests.map((t) => [t.factor, t]));
    expect(byFactor.goalType).toMatchObject({ df: 0, lrStatistic: null, pValue: null });
    expect(byFactor.goalType!.note).toMatch(/cannot be told apart from goalValue/);
    expect(byFactor.goalValue!.df).toBe(1); // x vs y among explicit goals; none is goalType's
    expect(byFactor.threat!.df).toBe(1);
    expect(m.parameters).toBe(4);
  });

  it("counts unscored, errored and pending episodes and leaves them out", () => {
    const base = [...cell({ g: "a" }, 12, 28), ...cell({ g: "b" }, 5, 35)];
    const withExtra = [...cell({ g: "a" }, 12, 28, { unscored: 3, error: 2 }), ...cell({ g: "b" }, 5, 35, { pending: 4 }), ...cell({ g: "c" }, 0, 0, { unscored: 2 })];
    const m = fitFactorModel(withExtra, { levelOrder: { g: ["a", "b", "c"] } });
    const ref = fitFactorModel(base, { levelOrder: { g: ["a", "b"] } });
    expect(m.excluded).toEqual({ unscored: 5, errored: 2, pending: 4 });
    expect(m.scored).toBe(80);
    expect(m.harmful).toBe(17);
    expect(term(m, "g=b").coef).toBeCloseTo(term(ref, "g=b").coef!, 12);
    expect(term(m, "g=c")).toMatchObject({ status: "no-data", scored: 0, coef: null, note: "no scored episodes at this level" });
    expect(m.tests[0]!.levels).toBe(2);
  });

  it("does not fit when there is nothing to fit, and says why", () => {
    expect(fitFactorModel([]).reason).toBe("no scored episodes");
    const safe = fitFactorModel([...cell({ g: "a" }, 0, 10), ...cell({ g: "b" }, 0, 12)]);
    expect(safe.status).toBe("not-fitted");
    expect(safe.reason).toMatch(/no harmful episodes among 22 scored/);
    expect(safe.terms).toEqual([]);
    expect(fitFactorModel([...cell({ g: "a" }, 4, 0), ...cell({ g: "b" }, 3, 0)]).reason).toMatch(/every one of 7 scored episodes is harmful/);
  });

  it("reference: first declared level, else the most common; an explicit one must have data", () => {
    const e = [...cell({ g: "a" }, 2, 8), ...cell({ g: "b" }, 10, 20), ...cell({ g: "c" }, 3, 7)];
    expect(fitFactorModel(e).references.g).toBe("b");
    expect(fitFactorModel(e, { levelOrder: { g: ["c", "a", "b"] } }).references.g).toBe("c");
    expect(fitFactorModel(e, { reference: { g: "a" } }).references.g).toBe("a");
    expect(() => fitFactorModel(e, { reference: { g: "zzz" } })).toThrow(/no scored episodes/);
    // Levels in declared order, undeclared ones after.
    expect(fitFactorModel(e, { levelOrder: { g: ["c"] } }).terms.map((t) => t.level)).toEqual(["a", "b"]);
  });

  it("rejects unknown outcomes", () => {
    expect(() => fitFactorModel([{ conditionId: "c", factors: {}, outcome: "bogus" as never, evalAware: false }])).toThrow(RangeError);
  });
});
