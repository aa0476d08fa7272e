import { writeFile } from "node:fs/promises";

import type { ElementHandle as PlaywrightElement, Page as PlaywrightPage } from "@playwright/test";
import type { ElementHandle as PuppeteerElement, Page as PuppeteerPage } from "puppeteer-core";
import type { WebDriver, WebElement } from "selenium-webdriver";

export type EngineName = "chromium" | "firefox" | "webkit";

/** Rendered elements matching `css`, narrowed to those whose text contains `text`. */
export interface Target {
  css: string;
  text?: string;
  last?: boolean;
}
export const byTestId = (id: string, text?: string): Target => ({ css: `[data-testid="${id}"]`, text });
export const button = (text: string): Target => ({ css: 'button, [role="button"]', text });

/** Runs in the page, self-contained (drivers send it as source): the same lookup in every engine. */
function lookUp(target: Target & { count?: boolean }): Element | number | null {
  const found = Array.from(document.querySelectorAll(target.css)).filter(
    (element) =>
      element.getClientRects().length > 0 &&
      getComputedStyle(element).visibility !== "hidden" &&
      (!target.text || (element.textContent ?? "").includes(target.text)),
  );
  if (target.count) return found.length;
  return (target.last ? found[found.length - 1] : found[0]) ?? null;
}

/** The few things each driver does its own way; the waits and lookups above them are shared. */
export interface Driver<Element = unknown> {
  engine: EngineName;
  goto(url: string): Promise<void>;
  url(): Promise<string>;
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  find(target: Target): Promise<Element | null>;
  click(element: Element): Promise<void>;
  type(element: Element, text: string): Promise<void>;
  resize(width: number, height: number): Promise<void>;
  screenshot(): Promise<Buffer>;
  /** Runs `act` in the window that `open` makes this page open (the SDK's sign-in popups), then returns here. */
  inPopup(open: () => Promise<void>, act: (popup: Driver) => Promise<void>): Promise<void>;
}

const WAIT_MS = 15_000;
const POLL_MS = 100;

/** A page in any engine, with Playwright-like waits that poll the page itself. */
export class EnginePage {
  constructor(
    private readonly driver: Driver,
    /** Where relative paths lead; without it they go to the driver as they are (Playwright's own baseURL). */
    readonly baseUrl?: string,
  ) {}

  get engine(): EngineName {
    return this.driver.engine;
  }

  goto(path: string): Promise<void> {
    return this.driver.goto(this.baseUrl ? new URL(path, this.baseUrl).href : path);
  }

  url(): Promise<string> {
    return this.driver.url();
  }

  /** Runs `fn(arg)` in the page. `fn` is sent as source: it may use nothing from this file. */
  evaluate<T, A = null>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> {
    return this.driver.evaluate(fn, (arg ?? null) as A);
  }

  async click(target: Target): Promise<void> {
    await this.driver.click(await this.waitFor(target));
  }

  /** Key by key, as a person types: the SDK's fields listen to keyup. */
  async type(target: Target, text: string): Promise<void> {
    await this.driver.type(await this.waitFor(target), text);
  }

  resize(width: number, height: number): Promise<void> {
    return this.driver.resize(width, height);
  }

  /** Clicks `target`, which opens a window, and runs `act` there; this page is current again afterwards. */
  async inPopup(target: Target, act: (popup: EnginePage) => Promise<void>): Promise<void> {
    const element = await this.waitFor(target);
    await this.driver.inPopup(
      () => this.driver.click(element),
      (popup) => act(new EnginePage(popup)),
    );
  }

  async screenshot(path: string): Promise<void> {
    await writeFile(path, await this.driver.screenshot());
  }

  async waitFor(target: Target, timeout = WAIT_MS): Promise<unknown> {
    let found: unknown = null;
    await this.until(
      `${describe(target)} to be visible`,
      async () => (found = await this.driver.find(target)) !== null,
      timeout,
    );
    return found;
  }

  count(target: Target): Promise<number> {
    return this.evaluate(lookUp, { ...target, count: true }) as Promise<number>;
  }

  async expectCount(target: Target, expected: number, timeout = WAIT_MS): Promise<void> {
    let seen = -1;
    await this.until(
      () => `${describe(target)} to count ${expected} (saw ${seen})`,
      async () => (seen = await this.count(target)) === expected,
      timeout,
    );
  }

  async expectUrl(pattern: RegExp, timeout = WAIT_MS): Promise<void> {
    let seen = "";
    await this.until(
      () => `the URL to match ${pattern} (at ${seen})`,
      async () => pattern.test((seen = await this.url())),
      timeout,
    );
  }

  /** Polls `check` until it holds; throws after `timeout`, saying what it waited for. */
  async until(what: string | (() => string), check: () => Promise<boolean>, timeout = WAIT_MS): Promise<void> {
    const deadline = Date.now() + timeout;
    for (;;) {
      if (await check().catch(() => false)) return;
      if (Date.now() > deadline) {
        throw new Error(`${this.engine}: waited ${timeout} ms for ${typeof what === "string" ? what : what()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}

function describe({ css, text }: Target): string {
  return text ? `${css} containing "${text}"` : css;
}

const TYPING_DELAY_MS = 30;

/** A Playwright page of the Chromium-only specs, for the shared journey helpers. */
export function asEnginePage(page: PlaywrightPage): EnginePage {
  return new EnginePage(playwrightDriver(page));
}

export function playwrightDriver(page: PlaywrightPage): Driver<PlaywrightElement> {
  return {
    engine: "chromium",
    goto: async (url) => void (await page.goto(url)),
    url: async () => page.url(),
    evaluate: <T, A>(fn: (arg: A) => T | Promise<T>, arg: A) =>
      page.evaluate(fn as (arg: unknown) => T | Promise<T>, arg as unknown),
    find: async (target) => (await page.evaluateHandle(lookUp, target)).asElement(),
    click: (element) => element.click(),
    type: async (element, text) => {
      await element.click();
      await page.keyboard.type(text, { delay: TYPING_DELAY_MS });
    },
    resize: (width, height) => page.setViewportSize({ width, height }),
    screenshot: () => page.screenshot(),
    inPopup: async (open, act) => {
      const [popup] = await Promise.all([page.waitForEvent("popup"), open()]);
      await act(playwrightDriver(popup));
    },
  };
}

export function puppeteerDriver(page: PuppeteerPage): Driver<PuppeteerElement> {
  return {
    engine: "firefox",
    // Firefox aborts a navigation that starts while the page is still busy with an earlier command (seen after a
    // resize, under CI load): the same navigation, once more, then starts on a settled page.
    goto: async (url) => {
      await page.goto(url).catch(async (error: unknown) => {
        if (!String(error).includes("NS_BINDING_ABORTED")) throw error;
        await page.goto(url);
      });
    },
    url: async () => page.url(),
    evaluate: <T, A>(fn: (arg: A) => T | Promise<T>, arg: A) =>
      page.evaluate(fn as (arg: unknown) => T | Promise<T>, arg as unknown) as Promise<T>,
    find: async (target) => (await page.evaluateHandle(lookUp, target)).asElement() as PuppeteerElement | null,
    click: (element) => element.click(),
    type: (element, text) => element.type(text, { delay: TYPING_DELAY_MS }),
    // puppeteer sends a screen-orientation override beside the new viewport, which Firefox ESR 140 does not know;
    // the viewport itself still applies, and every caller checks the width it got.
    resize: (width, height) =>
      page.setViewport({ width, height }).catch((error: unknown) => {
        if (!String(error).includes("unknown command emulation.setScreenOrientationOverride")) throw error;
      }),
    screenshot: async () => Buffer.from(await page.screenshot()),
    inPopup: async (open, act) => {
      // Any other page of this page's context: WebDriver BiDi does not always tell puppeteer a target's opener.
      const opened = page
        .browser()
        .waitForTarget(
          (target) =>
            target !== page.target() && target.type() === "page" && target.browserContext() === page.browserContext(),
          { timeout: WAIT_MS },
        );
      await open();
      const popup = await (await opened).page();
      if (!popup) throw new Error("firefox: the popup has no page");
      await act(puppeteerDriver(popup));
    },
  };
}

export function webDriverDriver(driver: WebDriver): Driver<WebElement> {
  return {
    engine: "webkit",
    goto: (url) => driver.get(url),
    url: () => driver.getCurrentUrl(),
    evaluate: (fn, arg) => driver.executeScript(fn, arg),
    find: async (target) => ((await driver.executeScript(lookUp, target)) as WebElement | null) ?? null,
    click: (element) => element.click(),
    type: (element, text) => element.sendKeys(text),
    // The window's outer size: MiniBrowser keeps a toolbar, and will not go below about 447 px wide.
    resize: async (width, height) => void (await driver.manage().window().setRect({ width, height })),
    screenshot: async () => Buffer.from(await driver.takeScreenshot(), "base64"),
    // One session, several windows: commands go to the window switched to, so switch there and back.
    inPopup: async (open, act) => {
      const opener = await driver.getWindowHandle();
      const before = new Set(await driver.getAllWindowHandles());
      await open();
      let popup: string | undefined;
      for (const deadline = Date.now() + WAIT_MS; !popup && Date.now() < deadline;) {
        popup = (await driver.getAllWindowHandles()).find((handle) => !before.has(handle));
        if (!popup) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      if (!popup) throw new Error("webkit: no popup opened");
      await driver.switchTo().window(popup);
      try {
        await act(webDriverDriver(driver));
      } finally {
        await driver.switchTo().window(opener);
      }
    },
  };
}
