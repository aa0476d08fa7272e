import { errors, expect, test, type Page } from "@playwright/test";

import { DEMO_USERS } from "@/lib/auth/demo-users";

import { sandboxEnv, startServer } from "../support/servers";
import { openIntegrationsAs } from "../support/sessions";

// One embed at a time: each new identity or render mode replaces the last, and nothing of it is left behind.
const SANDBOX_BASE_PATH = "/api/sandbox";
const setupButtons = (page: Page) => page.getByRole("button", { name: "Setup and enable" });

test("the benchmark's bare SDK page is a 404 in production unless the bench turns it on, and then for signed-in users only", async ({
  page,
}) => {
  await openIntegrationsAs(page, "Alice");
  expect((await page.request.get("/bench/sdk-floor")).status()).toBe(404);

  const port = 3128;
  const bench = await startServer(port, sandboxEnv(`http://127.0.0.1:${port}`, { INTEGRY_BENCH_PAGE: "true" }));
  try {
    // Cookies ignore ports: sign out of MAIN's session before asking the bench server as nobody.
    await page.context().clearCookies();
    expect((await page.request.get(`${bench.url}/bench/sdk-floor`)).status()).toBe(404);
    await page.goto(`${bench.url}/sign-in?callbackUrl=/bench/sdk-floor`);
    await page.getByRole("button", { name: /Alice/ }).click();
    await expect(page.getByRole("button", { name: "Setup and enable" }).first()).toBeVisible();
  } finally {
    await bench.stop();
  }
});

test("signing in as someone else gives a fresh embed for the new identity, and only one", async ({ page }) => {
  const verifiedIds: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === `${SANDBOX_BASE_PATH}/verify-sdk-config/`) verifiedIds.push(url.searchParams.get("user_id")!);
  });
  const [alice, , carol] = DEMO_USERS;

  await openIntegrationsAs(page, "Alice");
  await openIntegrationsAs(page, "Carol");
  await expect(setupButtons(page).first()).toBeVisible();

  expect(verifiedIds[0]).toBe(alice!.id);
  expect(verifiedIds.at(-1)).toBe(carol!.id);
  await expect(page.locator('[id^="integry-embed-"]')).toHaveCount(1);
});

test("remounting in place leaves one mount, no stray modal root, and the old SDK silent", async ({ page }) => {
  test.setTimeout(45_000);
  const flowsPath = "/api/v1/sdk/flows/";
  const flowPolls: number[] = [];
  page.on("request", (request) => {
    if (request.url().includes(flowsPath)) flowPolls.push(Date.now());
  });
  await openIntegrationsAs(page, "Alice");
  // Each MODAL init() appends its own root to <body>, which the SDK never removes.
  await expect(page.locator('[id^="x-integry-modal-"]')).toHaveCount(1);
  const firstMount = await page.locator('[id^="integry-embed-"]').getAttribute("id");

  // A new render mode is a new embed: same page, no navigation, the old SDK torn down.
  await page.getByRole("navigation", { name: "Form render mode" }).getByRole("link", { name: "Inline" }).click();
  await expect(page).toHaveURL(/mode=inline/);
  await expect(setupButtons(page).first()).toBeVisible();
  await expect(page.locator('[id^="integry-embed-"]')).toHaveCount(1);
  expect(await page.locator('[id^="integry-embed-"]').getAttribute("id")).not.toBe(firstMount);
  await expect(page.locator('[id^="x-integry-modal-"]')).toHaveCount(0);

  // One embed polls its flows at its own pace; a leftover instance would double the pace. Only the first poll past
  // that pace ends the 12 s watch early: that no such poll comes cannot be seen sooner.
  const remountedAt = Date.now();
  const before = flowPolls.filter((at) => at < remountedAt);
  expect(before.length).toBeGreaterThan(0);
  const onePace = Math.ceil((12_000 / Math.max(remountedAt - before[0]!, 1)) * before.length) + 1;
  const pollsAfter = () => flowPolls.filter((at) => at >= remountedAt).length;
  await page
    .waitForRequest((request) => request.url().includes(flowsPath) && pollsAfter() > onePace, { timeout: 12_000 })
    .catch((error: unknown) => {
      if (!(error instanceof errors.TimeoutError)) throw error;
    });
  expect(pollsAfter()).toBeLessThanOrEqual(onePace);
});
