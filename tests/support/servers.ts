import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { cpSync, existsSync } from "node:fs";

import { PUBLISHED_API_KEY_SECRETS, PUBLISHED_NEXTAUTH_SECRETS } from "@/lib/auth/published-secrets";

import { derivedSandboxSecret } from "./reference-hash";

/** A real-looking app secret set on every test server: the sandbox must never sign with it or show it. */
export const E2E_APP_SECRET = "e2e-marker-secret-5c1f0a9d7b3e";
export const E2E_NEXTAUTH_SECRET = PUBLISHED_NEXTAUTH_SECRETS.test;
/** What the sandbox hashes with under `npm run dev`, whatever INTEGRY_APP_SECRET says: published, so dev only. */
export const PUBLISHED_SANDBOX_SECRET = "sandbox-secret-not-for-production";
/** What the test servers' sandbox hashes with: derived from their NEXTAUTH_SECRET, as on any production server. */
export const sandboxSecret = (nextAuthSecret: string = E2E_NEXTAUTH_SECRET) => derivedSandboxSecret(nextAuthSecret);

/** A server's variables, by the schema's names: "" blocks a value from .env files, undefined leaves it unset. */
export type ServerEnv = Partial<Record<string, string>>;

/**
 * Every variable the app reads but NODE_ENV (startServer sets it), empty, so neither the machine's
 * env nor a developer's .env.local leaks in; unset for the three next-auth reads itself, where "" is
 * not the same as unset.
 */
export const NO_APP_ENV = {
  INTEGRY_APP_KEY: "",
  INTEGRY_APP_SECRET: "",
  INTEGRY_DEPLOYMENT_ID: "",
  INTEGRY_SCOPE: "",
  INTEGRY_SANDBOX: "",
  INTEGRY_BENCH_PAGE: "",
  INTEGRY_API_BASE_URL: "",
  INTEGRY_CALLBACK_HOSTS: "",
  INTEGRY_API_KEY_SECRET: "",
  CRON_SECRET: "",
  NEXTAUTH_SECRET: "",
  AUTH_DEMO_LOGIN: "",
  AUTH_REVOKED_IDS: "",
  GITHUB_ID: "",
  GITHUB_SECRET: "",
  DATABASE_URL: "",
  PGLITE_DATA_DIR: "",
  NEXTAUTH_URL: undefined,
  AUTH_TRUST_HOST: undefined,
  VERCEL: undefined,
} satisfies Record<string, string | undefined>;

/** A production server with the sandbox and demo sign-in on, as most specs use it. */
export function sandboxEnv(url: string, overrides: ServerEnv = {}): ServerEnv {
  return {
    ...NO_APP_ENV,
    NEXTAUTH_URL: url,
    NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET,
    INTEGRY_API_KEY_SECRET: PUBLISHED_API_KEY_SECRETS.test,
    INTEGRY_SANDBOX: "true",
    // Each test server its own embedded database: PGlite allows one process per folder.
    PGLITE_DATA_DIR: "memory://",
    AUTH_DEMO_LOGIN: "true",
    INTEGRY_APP_SECRET: E2E_APP_SECRET,
    ...overrides,
  };
}

/** The variables to hand a child process: the unset ones left out. */
export function definedEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

function server(port: number, overrides: ServerEnv = {}) {
  const url = `http://127.0.0.1:${port}`;
  return { port, url, env: definedEnv(sandboxEnv(url, overrides)) };
}

/** The long-running servers of playwright.config.ts: one build (made with no app env), three starts. */
export const MAIN = server(3100);
export const ACCOUNT_SCOPE = server(3101, { INTEGRY_SCOPE: "account" });
/** Production defaults: demo sign-in off. */
export const DEMO_OFF = server(3102, { AUTH_DEMO_LOGIN: "" });

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export interface SpawnedServer {
  url: string;
  /** Resident memory of the server's whole process group, in bytes. */
  rss: () => number;
  /** Everything the server printed so far, stdout and stderr. */
  output: () => string;
  stop: () => Promise<void>;
  /** SIGKILL, as a crash or an out-of-memory kill would end it: no shutdown, no after() callbacks. */
  kill: () => Promise<void>;
}

// A test that times out ends its worker before its `finally` runs: stop its servers with the worker, not after.
const running = new Set<number>();
process.on("exit", () => {
  for (const groupId of running) {
    try {
      process.kill(-groupId, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
});

function groupRss(groupId: number): number {
  const kilobytes = execFileSync("ps", ["-o", "rss=", "-g", `${groupId}`], { encoding: "utf8" });
  return kilobytes.split("\n").reduce((total, line) => total + (Number(line.trim()) || 0), 0) * 1024;
}

/** The two ways this app is served in production, `next start` or a Docker image's standalone server; and `npm run dev`. */
export type ServerEntry = "next-start" | "standalone" | "next-dev";

function command(entry: ServerEntry, port: number): string[] {
  if (entry !== "standalone") {
    return [
      "node_modules/next/dist/bin/next",
      entry === "next-dev" ? "dev" : "start",
      "-H",
      "127.0.0.1",
      "-p",
      `${port}`,
      // Node closes a kept-alive socket after 5 s idle: on a busy machine a test's next request can land on one the
      // server is closing (ECONNRESET). Any idle socket a test's client keeps is reused well within a minute.
      ...(entry === "next-start" ? ["--keepAliveTimeout", "65000"] : []),
    ];
  }
  // The Dockerfile's layout: the static files beside the standalone server.
  if (!existsSync(".next/standalone/.next/static"))
    cpSync(".next/static", ".next/standalone/.next/static", { recursive: true });
  return [".next/standalone/server.js"];
}

/**
 * Starts the existing build on 127.0.0.1 with exactly `env` on top of the machine's, and waits
 * until it answers. Its own process group, so stop() ends whatever it spawned, and only that.
 */
export async function startServer(
  port: number,
  env: ServerEnv,
  entry: ServerEntry = "next-start",
): Promise<SpawnedServer> {
  const url = `http://127.0.0.1:${port}`;
  // A server left over from an interrupted run would answer in this one's place, with its old state.
  if (
    await fetch(`${url}/api/health`).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`port ${port} is already in use`);
  const NODE_ENV = entry === "next-dev" ? "development" : "production";
  const variables = { ...process.env, ...env, NODE_ENV, PORT: `${port}`, HOSTNAME: "127.0.0.1" };
  const child = spawn(process.execPath, command(entry, port), {
    env: definedEnv(variables) as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  running.add(child.pid!);
  child.once("exit", () => running.delete(child.pid!));
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, "exit");

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(-child.pid!, "SIGTERM");
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(-child.pid!, "SIGKILL");
    await exited;
  };

  // The dev server compiles /api/health on its first request.
  const deadline = Date.now() + START_TIMEOUT_MS * (entry === "next-dev" ? 4 : 1);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited early:\n${output}`);
    const ready = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { url, rss: () => groupRss(child.pid!), output: () => output, stop, kill };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`server on ${port} did not answer within ${START_TIMEOUT_MS} ms:\n${output}`);
}

/** A sandbox server of the test's own on `port`, stopped afterwards: its sandbox and database start empty. */
export async function withSandboxServer(port: number, env: ServerEnv, run: (server: SpawnedServer) => Promise<void>) {
  const server = await startServer(port, sandboxEnv(`http://127.0.0.1:${port}`, env));
  try {
    await run(server);
  } finally {
    await server.stop();
  }
}
