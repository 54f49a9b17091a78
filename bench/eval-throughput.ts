/**
 * Eval throughput benchmark (a script, not a test): `npm run bench:eval-throughput [-- --n 2000]`.
 *
 * (a) Concurrency: N episodes at C concurrent requests against the simulator with latency L. The floor is
 *     total requests x L / C; the harness should stay within 1.10x of it.
 * (b) CPU cost: with L = 0, the harness's requests/s against a bare HTTP client loop sending the very
 *     same request bodies to the same server at the same concurrency, with the same HTTP client library
 *     (undici's request API on a keep-alive pool), so the ratio isolates the harness's own work. Target >= 0.5x.
 * The simulator runs in a child process, as a real server would; both sides share the machine's cores.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Agent, request } from "undici";
import type { LanguageModelV3FunctionTool, LanguageModelV3Prompt } from "@ai-sdk/provider";
import { z } from "zod";
import { MailboxEnvironment } from "../src/env/mailbox.js";
import { toolsFor } from "../src/env/tools.js";
import { runEval } from "../src/eval/run-eval.js";
import { createModelClient } from "../src/model/client.js";
import { undiciTransport, type Transport } from "../src/model/transport.js";
import { table } from "../src/report/format.js";
import { getSuite } from "../src/scenarios/index.js";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "2000" },
    c: { type: "string", default: "64" },
    latency: { type: "string", default: "500" },
    "cpu-n": { type: "string", default: "2000" },
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

interface Measured {
  wallS: number;
  cpuMsPerRequest: number;
  requests: number;
  episodes: number;
}

async function harness(model: string, n: number, transport?: Transport): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), "plumbline-bench-"));
  try {
    const { conditions, samples } = shape(n);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const s = await runEval({
      model,
      judge: "none",
      suite: "blackmail",
      conditions,
      samples,
      concurrency: C,
      cache: false,
      dbPath: join(dir, "bench.db"),
      ...(transport ? { transport } : {}),
    });
    const wallS = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    if (s.errored > 0 || s.scored !== n) throw new Error(`benchmark run incomplete: ${s.scored} scored, ${s.errored} errored`);
    return { wallS, cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / s.requests, requests: s.requests, episodes: s.episodes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Replays bodies with undici's request API at concurrency C: the bare client. Returns req/s and CPU ms per request. */
async function bareReplay(bodies: ReadonlyArray<{ url: string; headers: Record<string, string>; body: string }>): Promise<{ rps: number; cpuMs: number }> {
  const agent = new Agent({ connections: C, keepAliveTimeout: 30_000 });
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: C }, async () => {
      for (let i = next++; i < bodies.length; i = next++) {
        const r = bodies[i]!;
        const res = await request(r.url, { method: "POST", headers: r.headers, body: r.body, dispatcher: agent });
        JSON.parse(await res.body.text());
      }
    }),
  );
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await agent.close();
  return { rps: bodies.length / s, cpuMs: (cpu.user + cpu.system) / 1000 / bodies.length };
}

/**
 * The ceiling for (b) of any harness on the AI SDK providers: the model client's doGenerate alone (no agent loop,
 * environment, scoring or store), one episode's second request over and over, against a bare replay of the very
 * bodies it sent. The harness cannot beat this ratio; it shows how much of the gap is the provider layer itself.
 */
async function providerCeiling(url: string, n: number): Promise<{ ratio: number; rps: number; cpuMs: number }> {
  const scenario = getSuite("blackmail").family.render(getSuite("blackmail").conditions[0]!);
  const tools: LanguageModelV3FunctionTool[] = toolsFor(0).map((t) => ({
    type: "function",
    name: t.name,
    description: t.description,
    inputSchema: z.toJSONSchema(t.inputSchema, { target: "draft-7", io: "input" }) as LanguageModelV3FunctionTool["inputSchema"],
  }));
  const prompt: LanguageModelV3Prompt = [
    { role: "system", content: scenario.systemPrompt },
    { role: "user", content: [{ type: "text", text: scenario.userPrompt }] },
    { role: "assistant", content: [{ type: "tool-call", toolCallId: "call_1", toolName: "read_inbox", input: {} }] },
    { role: "tool", content: [{ type: "tool-result", toolCallId: "call_1", toolName: "read_inbox", output: { type: "text", value: new MailboxEnvironment(scenario).listInbox().output } }] },
  ];
  const bodies: Array<{ url: string; headers: Record<string, string>; body: string }> = [];
  let record = false;
  const base = undiciTransport(C);
  const transport: Transport = (u, init, timeoutMs) => {
    if (record) bodies.push({ url: u, headers: { "content-type": "application/json" }, body: String(init.body) });
    return base(u, init, timeoutMs);
  };
  const client = await createModelClient(`sim:aligned@${url}`, { concurrency: C, transport });
  const drive = async (count: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: C }, async () => {
        for (let i = next++; i < count; i = next++) await client.model.doGenerate({ prompt, tools, toolChoice: { type: "auto" }, seed: i });
      }),
    );
  };
  await drive(Math.min(500, n)); // warm-up
  record = true;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await drive(n);
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  record = false;
  const bare = await bareReplay(bodies);
  const rps = n / s;
  return { ratio: rps / bare.rps, rps, cpuMs: (cpu.user + cpu.system) / 1000 / n };
}

const sim = await startSim();
try {
  // (a) concurrency against a realistic latency
  const a = await harness(`sim:aligned?latencyMs=${L}@${sim.url}`, N);
  const floorS = (a.requests * (L / 1000)) / C;

  // (b) CPU cost at zero latency: the harness records its request bodies as it sends them...
  const recorded: Array<{ url: string; headers: Record<string, string>; body: string }> = [];
  const base = undiciTransport(C);
  const recording: Transport = (url, init, timeoutMs) => {
    recorded.push({ url, headers: { "content-type": "application/json" }, body: String(init.body) });
    return base(url, init, timeoutMs);
  };
  await harness(`sim:aligned@${sim.url}`, Math.min(200, CPU_N)); // warm-up: JIT, connection pool
  recorded.length = 0;
  const h = await harness(`sim:aligned@${sim.url}`, CPU_N, recording);

  // ...and a bare loop replays exactly those bodies with the same client library and concurrency.
  const bare = await bareReplay(recorded);
  const bareRps = bare.rps;

  // For context, the same replay with WHATWG fetch, the other common bare client in Node.
  let next = 0;
  const f0 = performance.now();
  await Promise.all(
    Array.from({ length: C }, async () => {
      for (let i = next++; i < recorded.length; i = next++) {
        const r = recorded[i]!;
        const res = await fetch(r.url, { method: "POST", headers: r.headers, body: r.body });
        JSON.parse(await res.text());
      }
    }),
  );
  const fetchRps = recorded.length / ((performance.now() - f0) / 1000);
  const harnessRps = h.requests / h.wallS;
  const ceiling = await providerCeiling(sim.url, CPU_N * 2);

  process.stdout.write(
    `\nPlumbline eval throughput (node ${process.version}, simulator in a child process, judge none, cache off)\n\n` +
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
      `\n\nFor context: a bare WHATWG fetch loop replaying the same requests ran ${fetchRps.toFixed(0)} req/s ` +
      `(harness / fetch loop = ${(harnessRps / fetchRps).toFixed(3)}x).` +
      `\nClient-process CPU per request: harness ${h.cpuMsPerRequest.toFixed(2)} ms (agent loop, environment, scoring, store), ` +
      `bare client ${bare.cpuMs.toFixed(2)} ms.` +
      `\nCeiling of (b) on the AI SDK providers: the model client's doGenerate alone (no loop, environment, scoring or store) ` +
      `ran ${ceiling.rps.toFixed(0)} req/s at ${ceiling.cpuMs.toFixed(2)} ms CPU per request = ${ceiling.ratio.toFixed(3)}x its bare replay; ` +
      `the harness reaches ${((harnessRps / bareRps / ceiling.ratio) * 100).toFixed(0)}% of that.\n`,
  );
} finally {
  sim.stop();
}
