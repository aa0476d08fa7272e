import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

import { test as base, type LaunchOptions, type PlaywrightWorkerArgs } from "@playwright/test";
import puppeteer from "puppeteer-core";
import { Builder } from "selenium-webdriver";

import {
  EnginePage,
  playwrightDriver,
  puppeteerDriver,
  webDriverDriver,
  type Driver,
  type EngineName,
} from "./engine-page";

/** One engine's browser for a worker: a fresh, cookie-free page per test. */
interface EngineBrowser {
  newPage(): Promise<{ driver: Driver; close: () => Promise<void> }>;
  close(): Promise<void>;
}

async function launchChromium(
  playwright: PlaywrightWorkerArgs["playwright"],
  launchOptions: LaunchOptions,
): Promise<EngineBrowser> {
  const browser = await playwright.chromium.launch(launchOptions);
  return {
    newPage: async () => {
      const context = await browser.newContext();
      return { driver: playwrightDriver(await context.newPage()), close: () => context.close() };
    },
    close: () => browser.close(),
  };
}

const FIREFOX =
  process.env.E2E_FIREFOX_PATH ?? ["/usr/bin/firefox-esr", "/usr/bin/firefox"].find((path) => existsSync(path));

// Debian's Firefox ESR here; any Firefox named by E2E_FIREFOX_PATH elsewhere.
async function launchFirefox(): Promise<EngineBrowser> {
  if (!FIREFOX) {
    throw new Error(
      "No Firefox found: install firefox-esr (Debian/Ubuntu) or set E2E_FIREFOX_PATH, " +
        "or run one engine alone with `npm run test:e2e -- --project=chromium`.",
    );
  }
  const browser = await puppeteer.launch({ browser: "firefox", headless: true, executablePath: FIREFOX });
  return {
    newPage: async () => {
      const context = await browser.createBrowserContext();
      return { driver: puppeteerDriver(await context.newPage()), close: () => context.close() };
    },
    close: () => browser.close(),
  };
}

const WEBKIT_DRIVER = process.env.E2E_WEBKIT_DRIVER ?? "/usr/bin/WebKitWebDriver";
const MINIBROWSER =
  process.env.E2E_WEBKIT_BROWSER ??
  readdirSync("/usr/lib")
    .map((folder) => `/usr/lib/${folder}/webkit2gtk-4.1/MiniBrowser`)
    .find((path) => existsSync(path));
const DRIVER_START_MS = 15_000;

/**
 * WebKitGTK's WebDriver (Debian's webkit2gtk-driver) with its MiniBrowser, on a virtual display when
 * there is no real one; Safari's own safaridriver on macOS.
 */
async function launchWebKit(workerIndex: number): Promise<EngineBrowser> {
  if (process.platform === "darwin") {
    return {
      newPage: async () => {
        const driver = await new Builder().forBrowser("safari").build();
        return { driver: webDriverDriver(driver), close: () => driver.quit() };
      },
      close: async () => {},
    };
  }
  if (!existsSync(WEBKIT_DRIVER)) {
    throw new Error(
      `WebKit's WebDriver is not at ${WEBKIT_DRIVER}: install webkit2gtk-driver and xvfb (Debian/Ubuntu), ` +
        "set E2E_WEBKIT_DRIVER, or run one engine alone with `npm run test:e2e -- --project=chromium`.",
    );
  }
  const port = 4444 + workerIndex;
  const command = process.env.DISPLAY
    ? [WEBKIT_DRIVER, `--port=${port}`]
    : ["xvfb-run", "-a", "-n", `${90 + workerIndex}`, WEBKIT_DRIVER, `--port=${port}`];
  const child = spawn(command[0]!, command.slice(1), { detached: true, stdio: "ignore" });
  const server = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + DRIVER_START_MS;
  while (
    !(await fetch(`${server}/status`).then(
      (response) => response.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`WebKitWebDriver did not start on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const capabilities = {
    browserName: "MiniBrowser",
    "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
  };
  return {
    newPage: async () => {
      const driver = await new Builder().usingServer(server).withCapabilities(capabilities).build();
      return { driver: webDriverDriver(driver), close: () => driver.quit() };
    },
    close: async () => void process.kill(-child.pid!, "SIGTERM"),
  };
}

/**
 * Playwright's runner with an engine-neutral page: a spec that uses `openPage` runs unchanged in
 * each project that sets `engine` (Chromium through Playwright, Firefox through puppeteer-core's
 * WebDriver BiDi, WebKit through a WebDriver client).
 */
export const test = base.extend<
  { openPage: (baseUrl?: string) => Promise<EnginePage> },
  { engine: EngineName; engineBrowser: EngineBrowser }
>({
  engine: ["chromium", { option: true, scope: "worker" }],
  engineBrowser: [
    async ({ engine, playwright, launchOptions }, provide, workerInfo) => {
      const browser =
        engine === "chromium"
          ? await launchChromium(playwright, launchOptions)
          : engine === "firefox"
            ? await launchFirefox()
            : await launchWebKit(workerInfo.parallelIndex);
      await provide(browser);
      await browser.close();
    },
    { scope: "worker", timeout: 60_000 },
  ],
  openPage: async ({ engineBrowser, baseURL }, provide, testInfo) => {
    const opened: { page: EnginePage; close: () => Promise<void> }[] = [];
    await provide(async (baseUrl = baseURL!) => {
      const { driver, close } = await engineBrowser.newPage();
      const page = new EnginePage(driver, baseUrl);
      opened.push({ page, close });
      return page;
    });
    for (const [index, { page, close }] of opened.entries()) {
      if (testInfo.status !== testInfo.expectedStatus) {
        await page.screenshot(testInfo.outputPath(`failure-${index}.png`)).catch(() => {});
      }
      await close();
    }
  },
});

export { expect } from "@playwright/test";
