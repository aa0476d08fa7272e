import { setTimeout as sleep } from "node:timers/promises";

import { startServer } from "../support/servers";

import { benchServerEnv } from "./server";
import { median } from "./statistics";
import { PARAMS } from "./throughput";

const COLD_START_TIMEOUT_MS = 60_000;
const POLL_MS = 10;

export interface ColdStart {
  medianMs: number;
  samplesMs: number[];
}

/**
 * Spawn `next start` → first 200 from the params route, for a session made before (sessions are
 * JWTs: they outlive the server). Polled every 10 ms beside startServer's own, coarser readiness check.
 */
async function coldStartOnce(port: number, cookie: string): Promise<number> {
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const starting = startServer(port, benchServerEnv(url));
  let startFailed = false;
  starting.catch(() => (startFailed = true));
  try {
    while (!startFailed && performance.now() - started < COLD_START_TIMEOUT_MS) {
      const ok = await fetch(`${url}${PARAMS}`, { headers: { cookie } }).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return Math.round(performance.now() - started);
      await sleep(POLL_MS);
    }
    await starting; // throws why the server did not start, if it did not
    throw new Error(`no successful params response within ${COLD_START_TIMEOUT_MS} ms of spawning next start`);
  } finally {
    await starting.then(
      (server) => server.stop(),
      () => undefined, // startServer stopped it itself
    );
  }
}

export async function measureColdStart(port: number, cookie: string, spawns: number): Promise<ColdStart> {
  const samplesMs: number[] = [];
  for (let spawn = 0; spawn < spawns; spawn++) samplesMs.push(await coldStartOnce(port, cookie));
  return { medianMs: median(samplesMs), samplesMs };
}
