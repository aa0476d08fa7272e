import { expect, request, test, type Page } from "@playwright/test";

import { DEMO_USERS } from "@/lib/demo-users";

import { MAIN } from "../support/servers";
import { openIntegrationsAs, signInAs } from "../support/sessions";

const EXPECTED_CSP = {
  "default-src": "'self'",
  "script-src": "'self' 'unsafe-inline'",
  "style-src": "'self' 'unsafe-inline'",
  "font-src": "'self' data:",
  "img-src": "'self' data: blob: https:",
  "connect-src": "'self' https://app.integry.io https://api.integry.io https://embed.app.integry.io",
  "object-src": "'none'",
  "base-uri": "'self'",
  "form-action": "'self'",
  "frame-ancestors": "'none'",
};

const EXPECTED_HEADERS = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
};

const directives = (csp: string | undefined) =>
  Object.fromEntries(
    (csp ?? "")
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values.join(" ")]),
  );

test("every page, API answer and static file carries the security headers", async () => {
  const asAlice = await signInAs(MAIN.url, DEMO_USERS[0]!.email);
  const anonymous = await request.newContext({ baseURL: MAIN.url });
  const html = await (await anonymous.get("/sign-in")).text();
  const chunk = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(chunk).toBeDefined();

  const answers = [
    await asAlice.get("/"),
    await asAlice.get("/integrations"),
    await anonymous.get("/sign-in"),
    await anonymous.get("/integrations", { maxRedirects: 0 }),
    await asAlice.get("/api/integry-params"),
    await anonymous.get("/api/integry-params"),
    await asAlice.get("/api/auth/session"),
    await anonymous.get("/api/health"),
    await anonymous.get("/api/integry-sandbox/api/v1/sdk/flows/"),
    await anonymous.get("/no-such-page"),
    await anonymous.get(chunk!),
  ];
  for (const response of answers) {
    const where = `${response.url()} (${response.status()})`;
    expect(directives(response.headers()["content-security-policy"]), where).toEqual(EXPECTED_CSP);
    expect(response.headers(), where).toMatchObject(EXPECTED_HEADERS);
  }
});

/** Records CSP violations the page reports, from its first script on. */
async function watchForViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI || "inline code"}`);
    });
  });
  page.on("console", (message) => {
    if (/Refused to|Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("the embed runs under the policy: no violation while a user opens a setup form", async ({ page }) => {
  const violations = await watchForViolations(page);
  await openIntegrationsAs(page, "Alice");
  await page.getByRole("button", { name: "Setup and enable" }).first().click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expect(page.getByTestId("event-did-load-flow")).toBeVisible();
  expect(violations).toEqual([]);

  // The watch works: a request to an origin the policy does not list is blocked and reported.
  await page.evaluate(() => fetch("https://not-allowed.invalid/").catch(() => undefined));
  await expect.poll(() => violations.join("\n")).toContain("connect-src blocked https://not-allowed.invalid");
});

test("no other site can frame the app", async ({ page }) => {
  const violations = await watchForViolations(page);
  await page.setContent(`<iframe src="${MAIN.url}/sign-in" title="framed app"></iframe>`);
  await expect.poll(() => violations.join("\n")).toMatch(/frame-ancestors|X-Frame-Options/);
  await expect(page.frameLocator("iframe").getByRole("heading", { name: "Sign in" })).toHaveCount(0);
});
