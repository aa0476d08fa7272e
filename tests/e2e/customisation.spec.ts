import { expect, test, type Page } from "@playwright/test";

import { EMBED_THEMES } from "@/lib/integry/shared/embed-options";

import { openIntegrationsAs } from "../support/sessions";

/** "#8b85ff" → "rgb(139, 133, 255)", the way getComputedStyle reports colours. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

// The SDK's hash-free hooks only: its `styles-module_*__<hash>` class names change between builds.
const firstSetupButton = (page: Page) =>
  page.locator(".integry-container__button--primary").filter({ hasText: "Setup and enable" }).first();
const firstFlowCard = (page: Page) => page.locator(".integry-container__flows-view > div").first();
for (const theme of ["light", "dark"] as const) {
  test(`the ${theme} theme reaches the SDK's buttons, cards and fonts`, async ({ page }) => {
    await openIntegrationsAs(page, "Alice", `?theme=${theme}`);
    const colours = EMBED_THEMES[theme];

    await expect(firstSetupButton(page)).toHaveCSS("background-color", rgb(colours.accent));
    await expect(firstSetupButton(page)).toHaveCSS("color", rgb(colours.accentText));
    await expect(firstFlowCard(page)).toHaveCSS("background-color", rgb(colours.surface));
    await expect(firstFlowCard(page)).toHaveCSS("font-family", /^ui-sans-serif/);
    await expect(
      page.getByRole("navigation", { name: "Theme" }).getByRole("link", { name: theme, exact: false }),
    ).toHaveAttribute("aria-current", "true");
  });
}

test("the switcher changes the theme in place", async ({ page }) => {
  await openIntegrationsAs(page, "Alice");
  await page.getByRole("navigation", { name: "Theme" }).getByRole("link", { name: "Dark" }).click();
  await expect(page).toHaveURL(/theme=dark/);
  await expect(firstSetupButton(page)).toHaveCSS("background-color", rgb(EMBED_THEMES.dark.accent));
});

test("MODAL mode, the default, renders the setup form in a dialog", async ({ page }) => {
  await openIntegrationsAs(page, "Alice");
  await firstSetupButton(page).click();
  await expect(page.getByRole("dialog").locator("#message input")).toBeVisible();
});

test("with no choice, the whole page and the SDK follow the browser's dark preference", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await openIntegrationsAs(page, "Alice");
  await expect(page.locator("body")).toHaveCSS("background-color", rgb(EMBED_THEMES.dark.background));
  await expect(firstSetupButton(page)).toHaveCSS("background-color", rgb(EMBED_THEMES.dark.accent));
  await expect(page.getByRole("navigation", { name: "Theme" }).getByRole("link", { name: "Auto" })).toHaveAttribute(
    "aria-current",
    "true",
  );
});

test("a chosen theme applies to the whole page, whatever the browser prefers", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await openIntegrationsAs(page, "Alice", "?theme=light");
  await expect(page.locator("body")).toHaveCSS("background-color", rgb(EMBED_THEMES.light.background));
  await expect(firstFlowCard(page)).toHaveCSS("background-color", rgb(EMBED_THEMES.light.surface));
  await page.emulateMedia({ colorScheme: "light" });
  await page.getByRole("navigation", { name: "Theme" }).getByRole("link", { name: "Dark" }).click();
  await expect(page.locator("body")).toHaveCSS("background-color", rgb(EMBED_THEMES.dark.background));
});
