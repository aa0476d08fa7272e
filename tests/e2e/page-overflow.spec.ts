import { expect, test, type Page } from "@playwright/test";

import { appCard } from "../support/pages";
import { openIntegrationsAs } from "../support/sessions";

const WIDTHS = [360, 390, 768, 1024, 1440];

/** Elements that stick out of the viewport, or of the panel that holds them, by more than a pixel. */
function overflows(page: Page) {
  return page.evaluate(() => {
    const found: string[] = [];
    const viewport = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > viewport + 1)
      found.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${viewport}`);
    for (const panel of document.querySelectorAll<HTMLElement>(".integry-embed, .panel, .event-log, main")) {
      const box = panel.getBoundingClientRect();
      for (const element of panel.querySelectorAll<HTMLElement>("*")) {
        const rect = element.getBoundingClientRect();
        if (rect.width === 0 || getComputedStyle(element).position === "fixed") continue;
        if (rect.right > box.right + 1 || rect.left < box.left - 1) {
          found.push(
            `${element.tagName.toLowerCase()}.${element.className} sticks out of ${panel.className} by ${Math.round(Math.max(rect.right - box.right, box.left - rect.left))} px`,
          );
          break;
        }
      }
    }
    return found;
  });
}

for (const width of WIDTHS) {
  test(`nothing overflows its panel or the viewport at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/sign-in");
    expect(await overflows(page)).toEqual([]);
    await openIntegrationsAs(page, "Alice");
    await expect(page.getByRole("button", { name: "Setup and enable" }).first()).toBeVisible();
    expect(await overflows(page)).toEqual([]);
    await page.goto("/integrations?view=apps");
    await expect(page.locator(appCard("Slack").css, { hasText: "Slack" })).toBeVisible();
    expect(await overflows(page)).toEqual([]);
    await page.goto("/");
    expect(await overflows(page)).toEqual([]);
  });
}
