import { existsSync } from "node:fs";

import { chromium, type Browser } from "@playwright/test";

import { browserCookies, type DemoSession } from "../support/sessions";

import { median, round2 } from "./statistics";

// The e2e suite's browser: Debian's Chromium where it exists, Playwright's own otherwise.
const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const READY_TIMEOUT_MS = 30_000;
/** Set by lib/integry/browser/use-integry-sdk.ts when the SDK emits `ready`, on /integrations and the floor page alike. */
const READY_MARK = "integry:ready";

export interface ReadyPage {
  name: string;
  url: string;
}

export interface ReadyTimes {
  medianMs: number;
  minMs: number;
  maxMs: number;
  samplesMs: number[];
}

/** Milliseconds from navigation start to the SDK's `ready`, in a fresh browser context (cold cache). */
async function timeToReady(browser: Browser, { name, url }: ReadyPage, session: DemoSession): Promise<number> {
  const context = await browser.newContext();
  try {
    await context.addCookies(browserCookies(url, session));
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "commit", timeout: READY_TIMEOUT_MS });
    try {
      const handle = await page.waitForFunction(
        (mark) => performance.getEntriesByName(mark)[0]?.startTime ?? 0,
        READY_MARK,
        { timeout: READY_TIMEOUT_MS, polling: 20 },
      );
      return Math.round((await handle.jsonValue()) * 10) / 10;
    } catch (error) {
      throw new Error(
        `time to ready on the ${name} page (${url}, now at ${page.url()}): no performance mark "${READY_MARK}" ` +
          `(the SDK's ready event) within ${READY_TIMEOUT_MS} ms`,
        { cause: error },
      );
    }
  } finally {
    await context.close();
  }
}

/**
 * Median time to a live embed on each page, as `session`'s user: runs alternate between pages so
 * a busy machine slows both alike; one unrecorded warm-up run each fills the server's caches.
 */
export async function measureTimeToReady(
  pages: readonly ReadyPage[],
  session: DemoSession,
  runs: number,
): Promise<Record<string, ReadyTimes>> {
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined),
    args: CHROMIUM_ARGS,
  });
  try {
    const samples = new Map(pages.map((page) => [page.name, [] as number[]]));
    for (let run = -1; run < runs; run++) {
      for (const page of pages) {
        const ms = await timeToReady(browser, page, session);
        if (run >= 0) samples.get(page.name)!.push(ms);
      }
    }
    return Object.fromEntries(
      [...samples].map(([name, values]) => [
        name,
        { medianMs: median(values), minMs: Math.min(...values), maxMs: Math.max(...values), samplesMs: values },
      ]),
    );
  } finally {
    await browser.close();
  }
}

export type Embed =
  | { integrations: ReadyTimes; floor: ReadyTimes; ratio: number }
  | { skipped: string; integrations?: undefined; ratio?: undefined };

/** /integrations against the bare-SDK floor page, or why it was skipped. */
export async function measureEmbed(baseUrl: string, session: DemoSession, runs: number): Promise<Embed> {
  const integrations = `${baseUrl}/integrations`;
  const response = await fetch(integrations, { headers: { cookie: session.cookie }, redirect: "manual" });
  if (response.status !== 200) return { skipped: `/integrations answered ${response.status}` };
  const pages = [
    { name: "integrations", url: integrations },
    { name: "floor", url: `${baseUrl}/bench/sdk-floor` },
  ];
  const times = await measureTimeToReady(pages, session, runs);
  const [page, floor] = [times.integrations!, times.floor!];
  return { integrations: page, floor, ratio: round2(page.medianMs / floor.medianMs) };
}
