import { existsSync } from "node:fs";

import { chromium } from "@playwright/test";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const READY_TIMEOUT_MS = 30_000;

// The embed marks `integry:ready` when the SDK emits `ready`; window.__integryReadyAt is the fallback.
function readyAt() {
  const mark = performance.getEntriesByName("integry:ready")[0];
  return mark?.startTime ?? window.__integryReadyAt ?? null;
}

function cookiePairs(header) {
  return header.split("; ").map((pair) => {
    const at = pair.indexOf("=");
    return { name: pair.slice(0, at), value: pair.slice(at + 1) };
  });
}

/** Milliseconds from navigation start to the SDK's `ready`, in a fresh browser context (cold cache). */
async function timeToReady(browser, url, cookie) {
  const context = await browser.newContext();
  try {
    if (cookie) await context.addCookies(cookiePairs(cookie).map((pair) => ({ ...pair, url })));
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "commit", timeout: READY_TIMEOUT_MS });
    const handle = await page.waitForFunction(readyAt, undefined, { timeout: READY_TIMEOUT_MS, polling: 20 });
    return Math.round((await handle.jsonValue()) * 10) / 10;
  } finally {
    await context.close();
  }
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Median time to a live embed on each page, runs alternating between pages so a busy
 * machine slows both alike. One unrecorded warm-up run each fills the server's caches.
 */
export async function measureTimeToReady({ pages, runs }) {
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined),
    args: CHROMIUM_ARGS,
  });
  try {
    const samples = Object.fromEntries(pages.map(({ name }) => [name, []]));
    for (let run = -1; run < runs; run++) {
      for (const { name, url, cookie } of pages) {
        const ms = await timeToReady(browser, url, cookie);
        if (run >= 0) samples[name].push(ms);
      }
    }
    return Object.fromEntries(
      Object.entries(samples).map(([name, values]) => [
        name,
        { medianMs: median(values), minMs: Math.min(...values), maxMs: Math.max(...values), samplesMs: values },
      ]),
    );
  } finally {
    await browser.close();
  }
}
