import { existsSync } from "node:fs";

import { defineConfig, devices } from "@playwright/test";

import type { EngineName } from "./tests/support/engine-page";
import { ACCOUNT_SCOPE, DEMO_OFF, MAIN } from "./tests/support/servers";

// Debian's Chromium where it exists (Playwright's download is not always possible); Playwright's own otherwise.
const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);

// --keepAliveTimeout: as in tests/support/servers.ts, so no request lands on a socket the server is closing.
const start = (port: number) => `npx next start -H 127.0.0.1 -p ${port} --keepAliveTimeout 65000`;

export default defineConfig<object, { engine: EngineName }>({
  testDir: "tests/e2e",
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  // Three engines share two cores: a journey that takes 10 s alone can take three times that beside two others.
  timeout: 60_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  expect: { timeout: 10_000 },
  use: {
    baseURL: MAIN.url,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      // The load test runs alone, after the rest, so its traffic cannot slow another test into a timeout.
      testIgnore: /load\.spec\.ts/,
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
    // The journeys every engine must pass, through Debian's browsers (tests/support/engines.ts).
    { name: "firefox", testMatch: /journeys\.spec\.ts/, use: { engine: "firefox" } },
    { name: "webkit", testMatch: /journeys\.spec\.ts/, use: { engine: "webkit" } },
    { name: "load", testMatch: /load\.spec\.ts/, dependencies: ["chromium", "firefox", "webkit"] },
  ],
  // Servers start in order: the first builds (with no app env, as Docker or CI would), the others reuse its .next.
  webServer: [
    {
      command: `npx tsx tests/support/build.ts && ${start(MAIN.port)}`,
      url: `${MAIN.url}/api/health`,
      env: MAIN.env,
      timeout: 600_000,
      reuseExistingServer: !process.env.CI,
    },
    ...[ACCOUNT_SCOPE, DEMO_OFF].map((server) => ({
      command: start(server.port),
      url: `${server.url}/api/health`,
      env: server.env,
      reuseExistingServer: !process.env.CI,
    })),
  ],
});
