/**
 * `sim:` specs without a URL share one in-process simulator per process. It still serves over real
 * loopback HTTP, so the provider code path is exactly the one a remote endpoint gets.
 */
let shared: { url: Promise<string>; close: () => Promise<void>; users: number } | undefined;

export async function acquireSimServer(): Promise<{ url: string; release: () => Promise<void> }> {
  if (!shared) {
    // Loaded on demand: runs against real providers never pay for the simulator.
    const started = import("../sim/index.js").then(({ startSimServer }) => startSimServer({ host: "127.0.0.1", port: 0 }));
    const entry = {
      url: started.then((s) => s.url),
      close: async () => (await started).close(),
      users: 0,
    };
    shared = entry;
    started.catch(() => {
      if (shared === entry) shared = undefined;
    });
  }
  const entry = shared;
  entry.users++;
  let released = false;
  const url = await entry.url;
  return {
    url,
    release: async () => {
      if (released) return;
      released = true;
      entry.users--;
      if (entry.users === 0 && shared === entry) {
        shared = undefined;
        await entry.close();
      }
    },
  };
}
