import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const ROOT = new URL("../..", import.meta.url).pathname;
const NEXT_BIN = join(ROOT, "node_modules/.bin/next");
const SOURCES = ["app", "lib", "next.config.mjs", "package.json", "package-lock.json"];

/** The sandbox signs with its own secret (lib/integry-sandbox/credentials.ts): what the load test checks each hash against. */
export const PERF_APP_SECRET = "sandbox-secret-not-for-production";
const PERF_NEXTAUTH_SECRET = "perf-nextauth-secret-not-for-production-91bd";

/** The e2e suite's MAIN server on another port: sandbox, user scope, demo sign-in on. */
export function perfServerEnv(port) {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_SECRET: PERF_NEXTAUTH_SECRET,
    // Empty, not absent: a developer's .env.local must not change what is measured.
    INTEGRY_APP_KEY: "",
    INTEGRY_DEPLOYMENT_ID: "",
    INTEGRY_SANDBOX: "true",
    INTEGRY_BENCH_PAGE: "true",
    INTEGRY_SCOPE: "",
    GITHUB_ID: "",
    GITHUB_SECRET: "",
    AUTH_DEMO_LOGIN: "true",
    INTEGRY_APP_SECRET: "",
  };
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

/** Builds when .next is missing or older than the sources, so numbers never come from stale code. */
export function buildIfNeeded(port, { force = false } = {}) {
  const buildId = join(ROOT, ".next/BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changedAt = Math.max(...SOURCES.map((source) => newestMtime(join(ROOT, source))));
  if (!force && builtAt > changedAt) return false;
  console.log(builtAt ? "Sources changed since the last build: next build" : "No build yet: next build");
  const result = spawnSync(NEXT_BIN, ["build"], {
    cwd: ROOT,
    env: perfServerEnv(port),
    stdio: "inherit",
    timeout: 600_000,
  });
  if (result.status !== 0) throw new Error(`next build failed (status ${result.status})`);
  return true;
}

/** Spawns `next start` on 127.0.0.1; the caller awaits `ready` (or polls itself) and calls `stop`. */
export function startServer(port) {
  const child = spawn(NEXT_BIN, ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT,
    env: perfServerEnv(port),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const url = `http://127.0.0.1:${port}`;

  async function ready(timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}): ${stderr}`);
      try {
        if ((await fetch(`${url}/api/health`)).ok) return;
      } catch {
        // Not listening yet.
      }
      await sleep(50);
    }
    throw new Error(`next start did not answer within ${timeoutMs} ms`);
  }

  async function stop() {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    const killed = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
    if (!killed) child.kill("SIGKILL");
  }

  return { url, child, ready, stop };
}
