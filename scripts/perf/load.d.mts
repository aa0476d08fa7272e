import type { SignedInUser } from "./sessions.mjs";

export interface LoadRun {
  path: string;
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  checked?: number;
  wrongHashes?: number;
  wrongExamples: unknown[];
}

export function runLoad(options: {
  url: string;
  path: string;
  users: SignedInUser[];
  connections: number;
  durationSeconds: number;
  appSecret?: string;
}): Promise<LoadRun>;

export function loadFailures(run: LoadRun): string[];

export function paramsLoadTest(options: {
  url: string;
  users: SignedInUser[];
  appSecret: string;
  connectionCounts: number[];
  durationSeconds: number;
  log?: (line: string) => void;
}): Promise<LoadRun[]>;
