import { chromium, expect, test } from "@playwright/test";

import { DEMO_USERS } from "@/lib/auth/demo-users";

import { startHttpsProxy } from "../support/https-proxy";
import { browserCookies, claimsOf, mintSessionToken } from "../support/sessions";
import { MAIN, NO_APP_ENV, sandboxSecret, startServer } from "../support/servers";

const NEXTAUTH_SECRET = "real-mode-nextauth-secret-3b9e1c7d5a2f4e60";

test("real mode, with Integry's hosts emulated: the embed reaches app.integry.io under the page's CSP, with no violation", async () => {
  test.setTimeout(90_000);
  const [appPort, integryPort] = [3192, 3193];
  const origin = `http://127.0.0.1:${appPort}`;
  // The real-mode app holds the credentials the main server's sandbox signs with, so the sandbox behind
  // "app.integry.io" accepts its hash, as Integry accepts an app's.
  const server = await startServer(appPort, {
    ...NO_APP_ENV,
    NEXTAUTH_URL: origin,
    NEXTAUTH_SECRET,
    INTEGRY_APP_KEY: "sandbox-app-key",
    INTEGRY_APP_SECRET: await sandboxSecret(),
    INTEGRY_DEPLOYMENT_ID: "1",
  });
  const integry = await startHttpsProxy(integryPort, MAIN.port, { pathPrefix: "/api/sandbox" });
  const browser = await chromium.launch({
    executablePath: test.info().project.use.launchOptions?.executablePath,
    args: [
      ...(test.info().project.use.launchOptions?.args ?? []),
      `--host-resolver-rules=MAP app.integry.io 127.0.0.1:${integryPort}, MAP api.integry.io 127.0.0.1:${integryPort}`,
    ],
  });
  try {
    const context = await browser.newContext({ baseURL: origin, ignoreHTTPSErrors: true });
    const token = await mintSessionToken(claimsOf(DEMO_USERS[0]!), { secret: NEXTAUTH_SECRET });
    await context.addCookies(browserCookies(origin, { cookie: `next-auth.session-token=${token}` }));
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Refused to|Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const integryHosts = new Set<string>();
    page.on("request", (request) => {
      const { host } = new URL(request.url());
      if (host.endsWith("integry.io")) integryHosts.add(host);
    });

    await page.goto("/integrations");
    await expect(page.getByTestId("event-ready").first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("sandbox-badge")).toHaveCount(0);
    await page.getByRole("button", { name: "Setup and enable" }).first().click();
    await expect(page.getByRole("dialog").locator("#message input")).toBeVisible();
    expect([...integryHosts]).toEqual(["app.integry.io"]);
    expect(violations).toEqual([]);
  } finally {
    await browser.close();
    await integry.stop();
    await server.stop();
  }
});
