import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

import { appCard } from "../support/pages";
import { openIntegrationsAs } from "../support/sessions";

/** Serious and critical violations, as "rule: selector" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${node.target.join(" ")} ${node.html.slice(0, 160)}`),
    );
}

const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

for (const scheme of ["light", "dark"] as const) {
  for (const [device, viewport] of Object.entries(viewports)) {
    test.describe(`${scheme}, ${device}`, () => {
      test.use({ colorScheme: scheme, viewport });

      test("/ and /sign-in have no serious or critical violation", async ({ page }) => {
        await page.goto("/sign-in?callbackUrl=/");
        expect(await seriousViolations(page)).toEqual([]);
        await page.getByRole("button", { name: /Alice/ }).click();
        await expect(page.getByTestId("signed-in-as")).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
      });

      test("/integrations in the Apps view has no serious or critical violation", async ({ page }) => {
        await page.goto("/sign-in?callbackUrl=/integrations?view=apps");
        await page.getByRole("button", { name: /Alice/ }).click();
        await expect(page.locator(appCard("Slack").css, { hasText: "Slack" })).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
      });

      for (const mode of ["modal", "inline"] as const) {
        test(`/integrations with a ${mode} form open has no serious or critical violation`, async ({ page }) => {
          await openIntegrationsAs(page, "Alice", `?mode=${mode}`);
          await expect(page.getByTestId("connected-apps")).toBeVisible();
          expect(await seriousViolations(page)).toEqual([]);
          await page.getByRole("button", { name: "Setup and enable" }).first().click();
          await expect(page.locator("#message input")).toBeVisible();
          expect(await seriousViolations(page)).toEqual([]);
        });
      }
    });
  }
}
