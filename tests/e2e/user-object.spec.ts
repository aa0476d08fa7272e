import { expect, test, type Page, type Route } from "@playwright/test";
import { decodeJwt, SignJWT } from "jose";

import { PUBLISHED_API_KEY_SECRETS } from "@/lib/auth/published-secrets";
import { DEMO_USERS } from "@/lib/auth/demo-users";
import { referenceHash } from "../support/reference-hash";

import { sandboxSecret, sandboxEnv, startServer } from "../support/servers";
import { openIntegrationsAs } from "../support/sessions";

const SANDBOX = "/api/sandbox";
const FLOW = "Post won deals from Acme CRM to Slack";
const API_KEY_SECRET = PUBLISHED_API_KEY_SECRETS.test;
const [alice, , carol] = DEMO_USERS as [(typeof DEMO_USERS)[0], (typeof DEMO_USERS)[0], (typeof DEMO_USERS)[0]];

type Params = { appKey: string; userId: string; hash: string; user: Record<string, string> };

/** A key as lib/integry/api-key.ts mints one, signed here with the test servers' secret. */
async function signKey(identity: string, issuedAt = Math.floor(Date.now() / 1000)) {
  return new SignJWT({ scope: "integry-self-app", uid: identity })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(identity)
    .setAudience("integry-deployment:1")
    .setIssuer("integry-next-starter")
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + 60)
    .setJti(crypto.randomUUID())
    .sign(new TextEncoder().encode(API_KEY_SECRET));
}

const tamper = (key: string) => key.slice(0, -5) + (key.at(-5) === "A" ? "B" : "A") + key.slice(-4);

/** Rewrites the `user` object /api/integry-params answers with; resolves the real params. */
function rewriteUser(page: Page, change: (user: Record<string, string>) => Promise<Record<string, string>>) {
  return new Promise<Params>((resolve) =>
    page.route("**/api/integry-params", async (route: Route) => {
      const response = await route.fetch();
      const params = (await response.json()) as Params;
      await route.fulfill({ response, json: { ...params, user: await change({ ...params.user }) } });
      resolve(params);
    }),
  );
}

async function openSelfAppFlow(page: Page) {
  const setup = page.getByRole("button", { name: "Setup and enable" });
  const card = page.getByTestId("integry-container").locator("div").filter({ hasText: FLOW }).filter({ has: setup });
  await card.last().getByRole("button", { name: "Setup and enable" }).click();
  return page.getByRole("dialog");
}

test("with a valid API key, the Acme CRM flow opens with no account step and saves", async ({ page }) => {
  const params = page.waitForResponse((response) => response.url().endsWith("/api/integry-params"));
  const sent: { url: URL; text: string }[] = [];
  page.on("request", (request) => sent.push({ url: new URL(request.url()), text: request.url() + request.postData() }));
  await openIntegrationsAs(page, "Alice");
  const { user } = (await (await params).json()) as Params;
  expect(decodeJwt(user.apiKey!).sub).toBe(alice.id);

  const dialog = await openSelfAppFlow(page);
  await expect(dialog.getByText("Read won deals from Acme CRM")).toBeVisible();
  await expect(dialog.getByText("Acme CRM (sandbox) Account")).toHaveCount(0);
  await dialog.locator("#pipeline input").pressSequentially("Enterprise", { delay: 30 });
  await dialog.getByRole("button", { name: "Next" }).click();
  await dialog.locator("#channel input").pressSequentially("#wins", { delay: 30 });
  await dialog.getByRole("button", { name: "Next" }).click();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("event-did-save-integration")).toContainText(FLOW);

  // The key goes to the sandbox only, and every self_api_key sent is the signed-in user's own.
  const withKey = sent.filter(({ text }) => text.includes(user.apiKey!)).map(({ url }) => url.pathname);
  expect(withKey).toEqual(expect.arrayContaining([`${SANDBOX}/v2/template/107/`, `${SANDBOX}/template_step/1008/`]));
  expect(withKey.filter((path) => !path.startsWith(`${SANDBOX}/`))).toEqual([]);
  for (const { url } of sent.filter(({ url }) => url.searchParams.has("self_api_key"))) {
    expect(decodeJwt(url.searchParams.get("self_api_key")!).sub).toBe(alice.id);
  }
});

test("a user variable the app does not send raises the SDK's warning, and the page names it", async ({ page }) => {
  const params = rewriteUser(page, async (user) => {
    delete user.crm_workspace;
    return user;
  });
  await openIntegrationsAs(page, "Alice");
  expect((await params).user.crm_workspace).toBe("Acme");

  await expect(page.getByTestId("event-did-raise-sdk-embed-warning")).toContainText("missing-user-variable-values");
  const warning = page.getByTestId("embed-warning");
  await expect(warning).toContainText("crm_workspace");
  await expect(warning).toContainText("lib/integry/user-variables.ts");
  await expect(warning).toContainText("Workspace settings → Variables");
  await expect(warning).not.toContainText(/\bplan\b/);
});

const forgeries: [string, (key: string) => Promise<string>, string][] = [
  ["tampered", async (key) => tamper(key), "The API key's signature is invalid."],
  ["expired", () => signKey(alice.id, Math.floor(Date.now() / 1000) - 3600), "The API key has expired"],
];

for (const [kind, forge, reason] of forgeries) {
  test(`a ${kind} API key gives a clear error in the page, and the sandbox refuses it`, async ({ page }) => {
    let forged = "";
    const params = rewriteUser(page, async (user) => ({ ...user, apiKey: (forged = await forge(user.apiKey!)) }));
    await page.goto("/sign-in?callbackUrl=/integrations");
    await page.getByRole("button", { name: /Alice/ }).click();

    const error = page.getByTestId("embed-error");
    await expect(error).toContainText("API key was refused");
    await expect(error).toContainText(reason);

    const { appKey, hash, userId } = await params;
    const query = new URLSearchParams({ app_key: appKey, hash, user_id: userId, self_api_key: forged });
    const template = await page.request.get(`${SANDBOX}/v2/template/107/?${query}`);
    expect(template.status()).toBe(401);
    expect(await template.json()).toEqual({ detail: "Invalid self_api_key: Acme CRM (sandbox) refused it." });
  });
}

test("a revoked identity's key is refused by /api/v1/me and by the sandbox; others' are not", async ({ request }) => {
  const port = 3127;
  const url = `http://127.0.0.1:${port}`;
  const server = await startServer(
    port,
    sandboxEnv(url, { AUTH_REVOKED_IDS: alice.id, INTEGRY_API_KEY_SECRET: API_KEY_SECRET }),
  );
  try {
    const me = (key: string) => request.get(`${url}/api/v1/me`, { headers: { Authorization: `Bearer ${key}` } });
    const revoked = await me(await signKey(alice.id));
    expect(revoked.status()).toBe(401);
    expect(revoked.headers()["www-authenticate"]).toBe("Bearer");
    expect(await revoked.json()).toEqual({
      error: { code: "unauthenticated", message: "The API key's identity has been revoked." },
    });
    expect(await (await me(await signKey(carol.id))).json()).toEqual({ userId: carol.id, name: "Carol" });

    const query = new URLSearchParams({
      app_key: "sandbox-app-key",
      hash: await referenceHash(await sandboxSecret(), alice.id),
      user_id: alice.id,
      self_api_key: await signKey(alice.id),
    });
    expect((await request.get(`${url}${SANDBOX}/template_step/1008/?${query}&v=4.0`)).status()).toBe(401);
  } finally {
    await server.stop();
  }
});
