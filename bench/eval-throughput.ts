/**
 * Eval throughput benchmark (a script, not a test): `npm run bench:eval-throughput [-- --n 2000]`.
 *
 * (a) Concurrency: N episodes at C concurrent requests against the simulator with latency L. The floor is
 *     total requests x L / C; the harness should stay within 1.10x of it.
 * (b) CPU cost: with L = 0, the harness's requests/s against a bare HTTP client loop sending the very
 *     same request bodies to the same server at the same concurrency. Target >= 0.5x.
 * The simulator runs in a child process, as a real server would.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runEval } from "../src/eval/run-eval.js";
import { getSuite } from "../src/scenarios/index.js";
import { table } from "../src/report/format.js";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "2000" },
    c: { type: "string", default: "64" },
    latency: { type: "string", default: "500" },
    "cpu-n": { type: "string", default: "1000" },
  },
});
const N = Number(values.n);
const C = Number(values.c);
const L = Number(values.latency);
const CPU_N = Number(values["cpu-n"]);

async function startSim(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", new URL("./serve-sim.ts", import.meta.url).pathname], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  return { url, stop: () => child.kill("SIGTERM") };
}

/** Picks conditions x samples = exactly n episodes from the blackmail suite. */
function shape(n: number): { conditions: string[]; samples: number } {
  const all = getSuite("blackmail").conditions.map((c) => c.id);
  for (let samples = Math.ceil(n / all.length); samples <= n; samples++) {
    if (n % samples === 0 && n / samples <= all.length) return { conditions: all.slice(0, n / samples), samples };
  }
  return { conditions: all.slice(0, 1), samples: n };
}

async function harness(model: string, n: number): Promise<{ wallS: number; requests: number; episodes: number }> {
  const dir = mkdtempSync(join(tmpdir(), "plumbline-bench-"));
  try {
    const { conditions, samples } = shape(n);
    const t0 = performance.now();
    const s = await runEval({ model, judge: "none", suite: "blackmail", conditions, samples, concurrency: C, cache: false, dbPath: join(dir, "bench.db") });
    const wallS = (performance.now() - t0) / 1000;
    if (s.errored > 0 || s.scored !== n) throw new Error(`benchmark run incomplete: ${s.scored} scored, ${s.errored} errored`);
    return { wallS, requests: s.requests, episodes: s.episodes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sim = await startSim();
try {
  // (a) concurrency against a realistic latency
  const a = await harness(`sim:aligned?latencyMs=${L}@${sim.url}`, N);
  const floorS = (a.requests * (L / 1000)) / C;

  // (b) CPU cost at zero latency: record the harness's request bodies, then replay them bare.
  const recorded: Array<{ url: string; body: string }> = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    if (typeof init?.body === "string") recorded.push({ url: String(input instanceof Request ? input.url : input), body: init.body });
    return realFetch(input, init);
  }) as typeof fetch;
  const h = await harness(`sim:aligned@${sim.url}`, CPU_N);
  globalThis.fetch = realFetch;

  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: C }, async () => {
      for (let i = next++; i < recorded.length; i = next++) {
        const r = recorded[i]!;
        const res = await realFetch(r.url, { method: "POST", headers: { "content-type": "application/json" }, body: r.body });
        JSON.parse(await res.text());
      }
    }),
  );
  const bareS = (performance.now() - t0) / 1000;
  const harnessRps = h.requests / h.wallS;
  const bareRps = recorded.length / bareS;

  process.stdout.write(
    `\nPlumbline eval throughput (node ${process.version}, simulator in a child process)\n\n` +
      table(
        ["figure", "measured", "reference", "ratio", "target", "ok"],
        [
          [
            `(a) ${a.episodes} episodes, C=${C}, L=${L} ms`,
            `${a.wallS.toFixed(1)} s wall`,
            `${floorS.toFixed(1)} s floor (${a.requests} req x L / C)`,
            `${(a.wallS / floorS).toFixed(3)}x`,
            "<= 1.10x",
            a.wallS / floorS <= 1.1 ? "yes" : "NO",
          ],
          [
            `(b) ${h.episodes} episodes, C=${C}, L=0`,
            `${harnessRps.toFixed(0)} req/s harness`,
            `${bareRps.toFixed(0)} req/s bare client (${recorded.length} req)`,
            `${(harnessRps / bareRps).toFixed(3)}x`,
            ">= 0.5x",
            harnessRps / bareRps >= 0.5 ? "yes" : "NO",
          ],
        ],
        ["l", "r", "r", "r", "r", "l"],
      ) +
      "\n",
  );
} finally {
  sim.stop();
}
