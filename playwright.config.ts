import { existsSync } from "node:fs";

import { defineConfig, devices } from "@playwright/test";

import { ACCOUNT_SCOPE, DEMO_OFF, MAIN } from "./tests/e2e/servers";

// Debian's Chromium where it exists (Playwright's download is not always possible); Playwright's own otherwise.
const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);

const start = (port: number) => `npx next start -H 127.0.0.1 -p ${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
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
    { name: "load", testMatch: /load\.spec\.ts/, dependencies: ["chromium"] },
  ],
  // Servers start in order: the first builds, the others reuse its .next.
  webServer: [
    {
      command: `npm run build && ${start(MAIN.port)}`,
      url: MAIN.url,
      env: MAIN.env,
      timeout: 600_000,
      reuseExistingServer: !process.env.CI,
    },
    {
      command: start(ACCOUNT_SCOPE.port),
      url: ACCOUNT_SCOPE.url,
      env: ACCOUNT_SCOPE.env,
      reuseExistingServer: !process.env.CI,
    },
    { command: start(DEMO_OFF.port), url: DEMO_OFF.url, env: DEMO_OFF.env, reuseExistingServer: !process.env.CI },
  ],
});
