import type { DemoSession } from "../support/sessions";

import { runAutocannon, runFailures, type AutocannonRun } from "./autocannon-run";
import { median, round2, type Measured } from "./statistics";

export const PARAMS = "/api/integry-params";
/** Constant JSON, no session, no secret: what Next.js itself costs per request. */
export const FLOOR = "/api/health";
export const CONNECTED_APPS = "/api/connected-apps";
export const CONNECTED_APPS_CONNECTIONS = 16;

const WARM_UP_SECONDS = 2;

export interface ThroughputOptions {
  url: string;
  users: readonly DemoSession[];
  durationSeconds: number;
  rounds: number;
}

export interface RouteSummary {
  requestsPerSecond: number;
  /** Medians of the rounds' own percentiles. */
  p50Ms: number;
  p99Ms: number;
  p99WorstMs: number;
}

export interface ConnectedAppsRow extends RouteSummary {
  connections: number;
}

export interface ThroughputRow {
  connections: number;
  floor: RouteSummary;
  params: RouteSummary;
  /** Median of the per-round params / floor request ratios. */
  ratio: number;
}

function summary(runs: readonly AutocannonRun[]): RouteSummary {
  const seconds = runs.reduce((total, run) => total + run.durationSeconds, 0);
  return {
    requestsPerSecond: Math.round(runs.reduce((total, run) => total + run.requests, 0) / seconds),
    p50Ms: median(runs.map((run) => run.p50Ms)),
    p99Ms: median(runs.map((run) => run.p99Ms)),
    p99WorstMs: Math.max(...runs.map((run) => run.p99Ms)),
  };
}

/** One run of `durationSeconds / rounds` seconds, its failures named by path and connections. */
async function measuredRun(
  options: ThroughputOptions,
  path: string,
  connections: number,
): Promise<Measured<AutocannonRun>> {
  const durationSeconds = Math.max(1, Math.round(options.durationSeconds / options.rounds));
  const run = await runAutocannon({ ...options, path, connections, durationSeconds });
  return {
    value: run,
    failures: runFailures(run).map((failure) => `${path} at ${connections} connections: ${failure}`),
  };
}

/**
 * Params against the floor at each connection count, `durationSeconds` per route split into
 * rounds that alternate floor and params, so load from anything else on the machine hits both
 * alike: each round's pair ran back to back, so the median of their ratios is the robust one.
 */
export async function paramsThroughput(
  options: ThroughputOptions,
  connectionCounts: readonly number[],
): Promise<Measured<ThroughputRow[]>> {
  for (const path of [FLOOR, PARAMS]) {
    await runAutocannon({ ...options, path, connections: 16, durationSeconds: WARM_UP_SECONDS });
  }
  const rows: ThroughputRow[] = [];
  const failures: string[] = [];
  for (const connections of connectionCounts) {
    const byPath = { [FLOOR]: [] as AutocannonRun[], [PARAMS]: [] as AutocannonRun[] };
    for (let round = 0; round < options.rounds; round++) {
      for (const path of [FLOOR, PARAMS] as const) {
        const { value, failures: runFailed } = await measuredRun(options, path, connections);
        byPath[path].push(value);
        failures.push(...runFailed);
      }
    }
    const ratios = byPath[FLOOR].map((floor, round) => byPath[PARAMS][round]!.requests / floor.requests);
    rows.push({
      connections,
      floor: summary(byPath[FLOOR]),
      params: summary(byPath[PARAMS]),
      ratio: round2(median(ratios)),
    });
  }
  return { value: rows, failures };
}

/** The connected-apps panel's server time: GET /api/connected-apps (the in-process sandbox behind it). */
export async function connectedAppsLatency(options: ThroughputOptions): Promise<Measured<ConnectedAppsRow>> {
  await runAutocannon({
    ...options,
    path: CONNECTED_APPS,
    connections: CONNECTED_APPS_CONNECTIONS,
    durationSeconds: WARM_UP_SECONDS,
  });
  const runs: AutocannonRun[] = [];
  const failures: string[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const { value, failures: runFailed } = await measuredRun(options, CONNECTED_APPS, CONNECTED_APPS_CONNECTIONS);
    runs.push(value);
    failures.push(...runFailed);
  }
  return { value: { connections: CONNECTED_APPS_CONNECTIONS, ...summary(runs) }, failures };
}
