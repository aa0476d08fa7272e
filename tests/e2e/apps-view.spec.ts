import { expect, test, type Page } from "@playwright/test";

import { asEnginePage } from "../support/engine-page";
import { appCard, connectApp, openAppsView } from "../support/pages";
import { withSandboxServer } from "../support/servers";

const container = (page: Page) => page.getByTestId("integry-container");
const card = (page: Page, title: string) => page.locator(appCard(title).css, { hasText: title });
const status = (page: Page, title: string) => card(page, title).locator('[class*="appCardAuthStatus"]');
const panel = (page: Page) => page.getByTestId("connected-apps");

async function toolNames(page: Page): Promise<string[]> {
  const body = (await (await page.request.get("/api/agent-tools")).json()) as {
    tools: { function: { name: string } }[];
  };
  return body.tools.map((tool) => tool.function.name);
}

test("the Apps view connects apps with no flow, several Slack accounts with their IDs, and disconnects one", async ({
  browser,
}) => {
  await withSandboxServer(3220, {}, async (server) => {
    const page = await (await browser.newContext({ baseURL: server.url })).newPage();
    const alice = asEnginePage(page);
    await openAppsView(alice, "Alice");
    await expect(status(page, "Mailchimp")).toHaveText("Not Connected");
    expect(await toolNames(page)).toEqual([]);

    // One account: the card connects it, the page's panels and the agent's tools follow the SDK's event.
    await connectApp(alice, "Mailchimp");
    await expect(status(page, "Mailchimp")).toHaveText("Connected");
    await expect(panel(page).getByTestId("connected-app-mailchimp")).toContainText(/Mailchimp workspace \(#\d{7}\)/);
    expect(await toolNames(page)).toEqual(["mailchimp-add-subscriber"]);
    await expect(page.getByTestId("agent-tool-names")).toHaveText(/1 tool now: mailchimp-add-subscriber$/);

    // Slack takes several: the second is added on the app's own page, which emits no event.
    await connectApp(alice, "Slack");
    await card(page, "Slack").click();
    const [popup] = await Promise.all([page.waitForEvent("popup"), container(page).getByText("Add account").click()]);
    await popup.getByLabel("Account name").fill("Side project");
    await popup.getByRole("button", { name: "Allow" }).click();
    await expect(container(page).getByText("Side project")).toBeVisible();
    await expect(panel(page).getByTestId("connected-app-slack")).toContainText(
      /Slack workspace \(#\d{7}\), Side project \(#\d{7}\)/,
    );
    expect((await toolNames(page)).sort()).toEqual([
      "mailchimp-add-subscriber",
      "slack-list-conversations",
      "slack-post-message",
    ]);

    // Disconnecting asks first, then the account, its panel row and its functions go.
    await page.goto("/integrations?view=apps");
    await card(page, "Mailchimp").click();
    await page.getByRole("button", { name: "Disconnect" }).click();
    await expect(page.getByTestId("event-app-disconnected")).toBeVisible();
    await expect(status(page, "Mailchimp")).toHaveText("Not Connected");
    await expect(panel(page).getByTestId("connected-app-mailchimp")).toHaveCount(0);
    expect(await toolNames(page)).not.toContain("mailchimp-add-subscriber");
    await expect(page.getByTestId("agent-tool-names")).not.toContainText("mailchimp");
    await expect(status(page, "Slack")).toHaveText("2 Connected Accounts");

    // Another user of the same account, under the default user scope, has none of it.
    const bob = await (await browser.newContext({ baseURL: server.url })).newPage();
    await openAppsView(asEnginePage(bob), "Bob");
    await expect(status(bob, "Slack")).toHaveText("Not Connected");
    await expect(panel(bob).getByTestId("connected-apps-empty")).toBeVisible();
  });
});

test("the Apps view works from the keyboard: an app's card is a button that Enter presses", async ({ browser }) => {
  await withSandboxServer(3221, {}, async (server) => {
    const page = await (await browser.newContext({ baseURL: server.url })).newPage();
    await openAppsView(asEnginePage(page), "Carol");
    const mailchimp = page.getByRole("button", { name: /^Mailchimp/ });
    await mailchimp.focus();
    await expect(mailchimp).toBeFocused();
    const [popup] = await Promise.all([page.waitForEvent("popup"), page.keyboard.press("Enter")]);
    // Enabled once the popup's page is hydrated: a key pressed before that would be lost.
    await expect(popup.getByRole("button", { name: "Allow" })).toBeEnabled();
    await popup.getByRole("button", { name: "Allow" }).press("Enter");
    await expect(status(page, "Mailchimp")).toHaveText("Connected");
  });
});
