import { createServer, type Server } from "node:http";

import { expect, test, type Page } from "@playwright/test";

import { withSandboxServer } from "../support/servers";
import { asEnginePage } from "../support/engine-page";
import { saveSlackFlow } from "../support/pages";
import { openIntegrationsIn } from "../support/sessions";

const panel = (page: Page) => page.getByTestId("connected-apps");

test("under the account scope, users of one account see the same connected apps, another account's none", async ({
  browser,
}) => {
  await withSandboxServer(3151, { INTEGRY_SCOPE: "account" }, async (server) => {
    const alice = await openIntegrationsIn(browser, server.url, "Alice");
    await saveSlackFlow(asEnginePage(alice));
    await expect(panel(alice).getByTestId("connected-app-slack")).toBeVisible();

    const bob = await openIntegrationsIn(browser, server.url, "Bob");
    await expect(panel(bob).getByTestId("connected-app-slack")).toBeVisible();
    const carol = await openIntegrationsIn(browser, server.url, "Carol");
    await expect(panel(carol).getByTestId("connected-apps-empty")).toBeVisible();
  });
});

test("when Integry's API fails, the panel says so and the embed keeps working", async ({ browser }) => {
  const requests: { appKey?: string; hash?: string }[] = [];
  const failing: Server = createServer((request, response) => {
    requests.push({ appKey: request.headers["app-key"] as string, hash: request.headers.hash as string });
    response.writeHead(503, { "content-type": "application/json" }).end('{"detail":"Service unavailable."}');
  });
  await new Promise<void>((resolve) => failing.listen(3153, "127.0.0.1", resolve));
  try {
    await withSandboxServer(3152, { INTEGRY_API_BASE_URL: "http://127.0.0.1:3153" }, async (server) => {
      const page = await openIntegrationsIn(browser, server.url, "Carol");
      await expect(panel(page).getByTestId("connected-apps-error")).toContainText("Connected apps could not be loaded");
      await expect(page.getByRole("button", { name: "Setup and enable" })).toHaveCount(7);
      await expect(page.getByTestId("event-ready").first()).toBeVisible();
      // Three tries (two bounded retries on a 5xx) per render, each with the app's credentials as headers.
      expect(requests.length).toBeGreaterThanOrEqual(3);
      expect(requests[0]).toMatchObject({ appKey: "sandbox-app-key", hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(server.output()).not.toContain(requests[0]!.hash!);
    });
  } finally {
    failing.close();
  }
});
