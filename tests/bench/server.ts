import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

import { PUBLISHED_API_KEY_SECRETS, PUBLISHED_NEXTAUTH_SECRETS } from "@/lib/auth/published-secrets";

import { sandboxEnv, type ServerEnv } from "../support/servers";

/** What a build is made from: when any of it is newer than .next, the build is stale. */
const BUILD_SOURCES = ["app", "lib", "next.config.mjs", "package.json", "package-lock.json"];

/**
 * The e2e suite's sandbox server, plus the bench's bare-SDK floor page and its own published secrets
 * (API keys on, so the params route does all it does in production). The sandbox hashes with its
 * own secret, whatever INTEGRY_APP_SECRET says.
 */
export function benchServerEnv(url: string, overrides: ServerEnv = {}): ServerEnv {
  return sandboxEnv(url, {
    NEXTAUTH_SECRET: PUBLISHED_NEXTAUTH_SECRETS.bench,
    INTEGRY_API_KEY_SECRET: PUBLISHED_API_KEY_SECRETS.bench,
    INTEGRY_BENCH_PAGE: "true",
    // The bench's one token makes thousands of MCP requests a minute, far past what an agent gets.
    MCP_REQUESTS_PER_MINUTE: "1000000",
    ...overrides,
  });
}

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestChange(join(path, entry))));
}

/**
 * Builds with the e2e suite's script (tests/support/build.ts: no app env) when .next is missing or
 * older than the sources, so numbers never come from stale code. A fresh build is reused as it is:
 * nothing is read at build time, so the test suite's build serves the bench exactly like its own.
 */
export function buildIfStale(): void {
  const buildId = ".next/BUILD_ID";
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  if (builtAt > Math.max(...BUILD_SOURCES.map(newestChange))) return;
  console.log(builtAt ? "Sources changed since the last build: building" : "No build yet: building");
  const result = spawnSync("node_modules/.bin/tsx", ["tests/support/build.ts"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error(`tests/support/build.ts failed (status ${result.status})`);
}
