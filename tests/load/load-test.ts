/**
 * `npm run load [-- --short]`: the correctness load test. Every demo user, signed in, hammers
 * GET /api/integry-params at 16 and then 64 connections; exits 1 on any error, any non-2xx, or any
 * hash that is not the asking user's own. Starts its own `next start` unless given --url of a
 * server with the sandbox and demo sign-in (`npm run dev`, say).
 */
import { parseArgs } from "node:util";

import { startServer } from "../support/servers";
import { signInDemoUsers } from "../support/sessions";

import { benchServerEnv, buildIfStale } from "../bench/server";
import { paramsLoadTest } from "./params-load-test";

const SHORT_SECONDS = 3;

async function loadTest(url: string, connectionCounts: number[], durationSeconds: number): Promise<void> {
  const users = await signInDemoUsers(url);
  const nextAuthSecret = benchServerEnv(url).NEXTAUTH_SECRET!;
  await paramsLoadTest({ url, users, nextAuthSecret, connectionCounts, durationSeconds });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: "string", default: "20" },
      connections: { type: "string", default: "16,64" },
      port: { type: "string", default: "3200" },
      url: { type: "string" },
      short: { type: "boolean", default: false },
    },
  });
  const durationSeconds = values.short ? SHORT_SECONDS : Number(values.duration);
  const connectionCounts = values.connections.split(",").map(Number);
  if (!(durationSeconds > 0 && durationSeconds <= 300) || connectionCounts.some((n) => !(n > 0 && n <= 512))) {
    console.error("--duration must be 1 to 300 seconds, and each of --connections 1 to 512");
    process.exitCode = 2;
    return;
  }
  if (values.url) return loadTest(values.url, connectionCounts, durationSeconds);

  buildIfStale();
  const port = Number(values.port);
  const server = await startServer(port, benchServerEnv(`http://127.0.0.1:${port}`));
  try {
    await loadTest(server.url, connectionCounts, durationSeconds);
  } finally {
    await server.stop();
  }
}

main().then(
  () => {
    if (!process.exitCode) console.log("Load test passed.");
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
