import { expect, request, test } from "@playwright/test";

import { DEMO_USERS } from "@/lib/auth/demo-users";
import { referenceHash } from "../support/reference-hash";

import { ACCOUNT_SCOPE, DEMO_OFF, sandboxSecret, MAIN } from "../support/servers";
import { sessionCookie, signInAs } from "../support/sessions";

const [alice, bob, carol] = DEMO_USERS as [(typeof DEMO_USERS)[0], (typeof DEMO_USERS)[0], (typeof DEMO_USERS)[0]];
const hashOf = async (id: string) => referenceHash(await sandboxSecret(), id);

test("signed out, the params route answers 401 and no hash", async () => {
  const anonymous = await request.newContext({ baseURL: MAIN.url });
  const response = await anonymous.get("/api/integry-params");
  expect(response.status()).toBe(401);
  const body = await response.text();
  expect(JSON.parse(body)).toEqual({
    error: { code: "unauthenticated", message: "Sign in to load your integrations." },
  });
  expect(body).not.toContain("hash");
});

test("a demo user signs in on the sign-in page and gets the hash of their own ID", async ({ page }) => {
  await page.goto("/sign-in?callbackUrl=/");
  await page.getByRole("button", { name: /Alice/ }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText("Signed in as Alice");

  const response = await page.request.get("/api/integry-params");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("private, no-store");
  expect(await response.json()).toEqual({
    appKey: "sandbox-app-key",
    deploymentId: "1",
    userId: alice.id,
    hash: await hashOf(alice.id),
    user: { userId: alice.id, apiKey: expect.any(String), crm_workspace: "Acme", plan: "business" },
    baseUrl: "/api/sandbox",
    apiBaseUrl: "/api/sandbox/rest",
  });
});

test("two users get two different hashes, each for their own ID", async () => {
  const [asAlice, asCarol] = await Promise.all([signInAs(MAIN.url, alice.email), signInAs(MAIN.url, carol.email)]);
  const aliceParams = await (await asAlice.get("/api/integry-params")).json();
  const carolParams = await (await asCarol.get("/api/integry-params")).json();
  expect(aliceParams).toMatchObject({ userId: alice.id, hash: await hashOf(alice.id) });
  expect(carolParams).toMatchObject({ userId: carol.id, hash: await hashOf(carol.id) });
  expect(aliceParams.hash).not.toBe(carolParams.hash);
});

test("nothing in the request can change whose hash is returned", async () => {
  const asAlice = await signInAs(MAIN.url, alice.email);
  const expected = { userId: alice.id, hash: await hashOf(alice.id) };
  const attempts = [
    asAlice.get(`/api/integry-params?userId=${carol.id}&user_id=${carol.id}`),
    asAlice.get("/api/integry-params", { headers: { "x-user-id": carol.id, "x-integry-user-id": carol.id } }),
    asAlice.fetch("/api/integry-params", { method: "GET", data: { userId: carol.id } }),
  ];
  for (const response of await Promise.all(attempts)) {
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject(expected);
  }
});

test("other methods get 405 JSON", async () => {
  const asAlice = await signInAs(MAIN.url, alice.email);
  const response = await asAlice.post("/api/integry-params", { data: { userId: carol.id } });
  expect(response.status()).toBe(405);
  expect((await response.json()).error.code).toBe("method_not_allowed");
});

test("under the account scope, two users of one account share one hash", async () => {
  const [asAlice, asBob, asCarol] = await Promise.all(
    [alice, bob, carol].map((user) => signInAs(ACCOUNT_SCOPE.url, user.email)),
  );
  const [aliceParams, bobParams, carolParams] = await Promise.all(
    [asAlice!, asBob!, asCarol!].map(async (context) => (await context.get("/api/integry-params")).json()),
  );
  expect(aliceParams).toMatchObject({ userId: alice.accountId, hash: await hashOf(alice.accountId) });
  // The same identity, hash and variables; the API key too, unless a five-minute key renewal falls in between.
  const withoutKey = (params: { user: object }) => ({ ...params, user: { ...params.user, apiKey: undefined } });
  expect(withoutKey(bobParams)).toEqual(withoutKey(aliceParams));
  expect(carolParams).toMatchObject({ userId: carol.accountId, hash: await hashOf(carol.accountId) });
  expect(carolParams.hash).not.toBe(aliceParams.hash);
});

test.describe("a production build with AUTH_DEMO_LOGIN unset", () => {
  test("does not offer the demo provider", async ({ page }) => {
    const anonymous = await request.newContext({ baseURL: DEMO_OFF.url });
    expect(await (await anonymous.get("/api/auth/providers")).json()).not.toHaveProperty("demo");
    await page.goto(`${DEMO_OFF.url}/sign-in`);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await expect(page.getByRole("button", { name: /Alice/ })).toHaveCount(0);
  });

  test("refuses the demo callback: no session, no hash", async () => {
    const context = await request.newContext({ baseURL: DEMO_OFF.url });
    const { csrfToken } = await (await context.get("/api/auth/csrf")).json();
    await context.post("/api/auth/callback/demo", { form: { csrfToken, email: alice.email, json: "true" } });
    expect(await sessionCookie(context)).toBeUndefined();
    expect((await context.get("/api/integry-params")).status()).toBe(401);
  });
});
