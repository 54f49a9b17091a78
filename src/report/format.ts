/** Plain-text tables and number formats for the terminal. */

export function table(headers: string[], rows: Array<Array<string | number>>, align: Array<"l" | "r"> = []): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r.map((c, i) => ((align[i] ?? (i === 0 ? "l" : "r")) === "l" ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

export function pct(x: number | null | undefined): string {
  return x === null || x === undefined || Number.isNaN(x) ? "n/a" : `${(x * 100).toFixed(1)}%`;
}

export function interval(ci: [number, number] | null | undefined): string {
  return ci ? `[${pct(ci[0])}, ${pct(ci[1])}]` : "n/a";
}

export function usd(x: number | null): string {
  return x === null ? "n/a (unknown price)" : `$${x.toFixed(x < 1 ? 4 : 2)}`;
}

export function int(n: number): string {
  return n.toLocaleString("en-US");
}

export function pValue(p: number | null): string {
  if (p === null) return "n/a";
  return p < 0.0001 ? "<0.0001" : p.toFixed(4);
}

/** An odds ratio or similar positive ratio: three significant figures, plain notation up to 10^6. */
export function ratio(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "n/a";
  if (x === Infinity) return "inf";
  if (x !== 0 && (x < 1e-3 || x >= 1e6)) return x.toExponential(2);
  return x >= 100 ? x.toFixed(0) : x.toPrecision(3);
}
