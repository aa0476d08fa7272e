import { expect, type Page } from "@playwright/test";

/** Sets up the sample "Send new leads to Slack" flow in the embed's modal and saves it. */
export async function saveSlackFlow(page: Page) {
  await page.getByRole("button", { name: "Setup and enable" }).first().click();
  const dialog = page.getByRole("dialog");
  // The SDK's fields listen to keyup: type key by key, as a person does.
  await dialog.locator("#channel input").pressSequentially("#sales", { delay: 30 });
  await dialog.locator("#message input").pressSequentially("New lead", { delay: 30 });
  await dialog.getByRole("button", { name: "Next" }).click();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("event-did-save-integration")).toBeVisible();
}
