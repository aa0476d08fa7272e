import { readFile } from "node:fs/promises";

import { expect, test, type Page } from "@playwright/test";

import { referenceHash } from "../support/reference-hash";

import { asEnginePage } from "../support/engine-page";
import { saveSlackFlow } from "../support/pages";
import { openIntegrationsAs } from "../support/sessions";

const SANDBOX_BASE_PATH = "/api/sandbox";
// A string only the SDK's bundle contains.
const SDK_MARKER = "IntegrySDK: Auth config verification failed";
const setupButtons = (page: Page) => page.getByRole("button", { name: "Setup and enable" });

test("a signed-in user sees the sandbox marketplace and opens a setup form in a modal", async ({ page }) => {
  await openIntegrationsAs(page, "Alice");

  await expect(page.getByTestId("sandbox-badge")).toBeVisible();
  const container = page.getByTestId("integry-container");
  await expect(container.getByText("Send new leads to Slack")).toBeVisible();
  await expect(container.getByText("Add orders to Google Sheets")).toBeVisible();
  await expect(setupButtons(page)).toHaveCount(7);
  await expect(page.getByTestId("event-log").getByTestId("event-ready").first()).toBeVisible();

  await setupButtons(page).first().click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText("Post a message to Slack")).toBeVisible();
  await expect(dialog.getByText("What to post for each new lead.")).toBeVisible();
  await expect(dialog.locator("#message input")).toBeEditable();
  await expect(page.getByTestId("event-did-load-flow")).toContainText('templateTitle: "Send new leads to Slack"');
});

test("signed out, /integrations redirects to sign-in and back after it", async ({ page }) => {
  await page.goto("/integrations");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=(%2F|\/)integrations$/);
  await page.getByRole("button", { name: /Bob/ }).click();
  await expect(page).toHaveURL(/\/integrations$/);
  await expect(setupButtons(page).first()).toBeVisible();
});

test("the SDK's own hash helper agrees with our server hash, non-ASCII IDs included", async ({ page }) => {
  // Serve the npm package's ESM build from the app's origin so the real SDK runs in this browser.
  const sdkSource = await readFile("node_modules/@integry/sdk/dist/esm/index.csm.js", "utf8");
  await page.route("**/__test__/integry-sdk.mjs", (route) =>
    route.fulfill({ body: sdkSource, contentType: "text/javascript" }),
  );
  await page.goto("/sign-in");

  const secret = "parity-test-secret-only";
  const ids = ["user-123", "josé", "用户-42", "👩🏽‍💻-dev", "0b6f2c6e-5d1a-4f8e-9c3b-2a7d4e8f1c01"];
  const vendorHashes = await page.evaluate(
    async ({ ids, secret }) => {
      const { IntegryJS } = await import(/* webpackIgnore: true */ `${location.origin}/__test__/integry-sdk.mjs`);
      // The SDK's helper takes the message (user ID) first and the key (secret) second.
      return Promise.all(ids.map((id: string) => IntegryJS.Helpers.getAuthHash(id, secret)));
    },
    { ids, secret },
  );
  const serverHashes = await Promise.all(ids.map((id) => referenceHash(secret, id)));
  expect(vendorHashes).toEqual(serverHashes);
});

test("every request the real SDK makes to the sandbox is one the sandbox answers", async ({ page }) => {
  const seen: string[] = [];
  const unanswered: string[] = [];
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith(`${SANDBOX_BASE_PATH}/`)) return;
    const method = response.request().method();
    const path = url.pathname.slice(SANDBOX_BASE_PATH.length);
    seen.push(`${method} ${path}`);
    // Answered directly: not refused (an unknown route is a 404), and not redirected first (a 308 would double each round trip).
    if (response.status() >= 300) {
      unanswered.push(`${method} ${path} → ${response.status()}`);
    }
  });
  await openIntegrationsAs(page, "Carol");

  await saveSlackFlow(asEnginePage(page));

  expect(unanswered).toEqual([]);
  expect(seen).toEqual(
    expect.arrayContaining([
      "GET /verify-sdk-config/",
      "GET /api/v1/sdk/flows/",
      "GET /v2/template/101/",
      "POST /v2/integration/",
    ]),
  );
});

test("the landing page ships no SDK code; the integrations page loads it", async ({ page, request }) => {
  const scriptsOf = async (path: string) => {
    const html = await (await request.get(path)).text();
    return [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => match[1]!);
  };
  const landingScripts = await scriptsOf("/sign-in");
  expect(landingScripts.length).toBeGreaterThan(0);
  for (const src of [...landingScripts, ...(await scriptsOf("/"))]) {
    expect(await (await request.get(src)).text(), src).not.toContain(SDK_MARKER);
  }

  const chunks: Promise<string>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") chunks.push(response.text().catch(() => ""));
  });
  await openIntegrationsAs(page, "Alice");
  await expect(setupButtons(page).first()).toBeVisible();
  expect((await Promise.all(chunks)).some((text) => text.includes(SDK_MARKER))).toBe(true);
});

test("a signed-in user's landing page fetches the SDK once idle, outside its first load", async ({ page }) => {
  await page.goto("/sign-in?callbackUrl=/");
  // A body is unreadable once its page is navigated away from: such a response is not the chunk.
  const sdkChunk = page.waitForResponse(
    async (response) =>
      response.request().resourceType() === "script" && (await response.text().catch(() => "")).includes(SDK_MARKER),
  );
  await page.getByRole("button", { name: /Alice/ }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  const chunkUrl = (await sdkChunk).url();

  const html = await (await page.request.get("/")).text();
  const firstLoad = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map(
    (match) => new URL(match[1]!, page.url()).href,
  );
  expect(firstLoad.length).toBeGreaterThan(0);
  expect(firstLoad).not.toContain(chunkUrl);
});
