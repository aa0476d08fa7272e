import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";

export interface Receiver {
  origin: string;
  /** The POSTs it has taken so far. */
  posts: () => Promise<number>;
  stop: () => Promise<void>;
}

const START_TIMEOUT_MS = 10_000;

/** Starts tests/bench/receiver-process.mjs in its own process, on a free port of 127.0.0.1. */
export async function startReceiver(): Promise<Receiver> {
  const child = spawn(process.execPath, ["tests/bench/receiver-process.mjs"], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout });
  const timeout = AbortSignal.timeout(START_TIMEOUT_MS);
  const [port] = (await once(lines, "line", { signal: timeout })) as [string];
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    posts: async () => ((await (await fetch(origin)).json()) as { posts: number }).posts,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill();
      await once(child, "exit");
    },
  };
}
