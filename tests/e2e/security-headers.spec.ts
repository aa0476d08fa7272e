import { expect, request, test, type Page } from "@playwright/test";

import { DEMO_USERS } from "@/lib/auth/demo-users";

import { MAIN } from "../support/servers";
import { openIntegrationsAs, signInAs } from "../support/sessions";

// Pages run only the scripts Next.js wrote, by a fresh nonce; other answers run none but the app's files.
const PAGE_SCRIPTS = /^'nonce-([A-Za-z0-9+/]+={0,2})' 'strict-dynamic'$/;
const EXPECTED_CSP = {
  "default-src": "'self'",
  "script-src": "'self'",
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
    await anonymous.get("/api/sandbox/api/v1/sdk/flows/"),
    await anonymous.get("/no-such-page"),
    await anonymous.get(chunk!),
  ];
  for (const response of answers) {
    const where = `${response.url()} (${response.status()})`;
    const page = !/^\/(api|_next)\//.test(new URL(response.url()).pathname);
    const scripts = page ? expect.stringMatching(PAGE_SCRIPTS) : EXPECTED_CSP["script-src"];
    expect(directives(response.headers()["content-security-policy"]), where).toEqual({
      ...EXPECTED_CSP,
      "script-src": scripts,
    });
    expect(response.headers(), where).toMatchObject(EXPECTED_HEADERS);
  }
});

test("every page response has a fresh nonce, and every script in its HTML carries it", async () => {
  const asAlice = await signInAs(MAIN.url, DEMO_USERS[0]!.email);
  const nonces = new Set<string>();
  for (let load = 0; load < 3; load++) {
    const response = await asAlice.get("/integrations");
    const policy = directives(response.headers()["content-security-policy"]);
    const nonce = PAGE_SCRIPTS.exec(policy["script-src"] ?? "")?.[1];
    expect(nonce).toBeDefined();
    nonces.add(nonce!);
    const scripts = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(3);
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

for (const query of [
  "?mode=modal&theme=light",
  "?mode=modal&theme=dark",
  "?mode=inline&theme=light",
  "?mode=inline&theme=dark",
]) {
  test(`the embed runs under the policy (${query}): no violation while a user opens a setup form`, async ({ page }) => {
    const violations = await watchForViolations(page);
    await openIntegrationsAs(page, "Alice", query);
    await page.getByRole("button", { name: "Setup and enable" }).first().click();
    await expect(page.locator("#message input")).toBeVisible();
    await expect(page.getByTestId("event-did-load-flow")).toBeVisible();
    expect(violations).toEqual([]);
  });
}

test("the violation watch works: a request to an origin the policy does not list is reported", async ({ page }) => {
  const violations = await watchForViolations(page);
  await openIntegrationsAs(page, "Alice");

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
