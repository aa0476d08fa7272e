import { expect, test } from "@playwright/test";

import { DEMO_USERS } from "@/lib/auth/demo-users";

import { ACCOUNT_SCOPE } from "../support/servers";

const [alice] = DEMO_USERS;

test("the home page shows who is signed in and which ID Integry sees, under each scope", async ({ page }) => {
  await page.goto("/sign-in?callbackUrl=/");
  await page.getByRole("button", { name: /Alice/ }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText("Signed in as Alice");
  await expect(page.getByTestId("integry-id")).toHaveText(alice!.id);
  await expect(page.getByTestId("identity")).toContainText("your integrations are yours alone");

  await page.goto(`${ACCOUNT_SCOPE.url}/sign-in?callbackUrl=/`);
  await page.getByRole("button", { name: /Alice/ }).click();
  await expect(page.getByTestId("integry-id")).toHaveText(alice!.accountId);
  await expect(page.getByTestId("identity")).toContainText("every user of your account shares its integrations");
});

test("signing out is a plain form: the session ends, the hash is refused, and / ships no next-auth client", async ({
  page,
}) => {
  await page.goto("/sign-in?callbackUrl=/");
  await page.getByRole("button", { name: /Bob/ }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  const scripts = await page
    .locator("script[src]")
    .evaluateAll((tags) => tags.map((tag) => (tag as HTMLScriptElement).src));
  const bodies = await Promise.all(scripts.map(async (src) => (await page.request.get(src)).text()));
  expect(bodies.filter((body) => body.includes("__NEXTAUTH"))).toEqual([]);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  expect((await page.request.get("/api/integry-params")).status()).toBe(401);
});

test("the app has an icon, so no page asks for a missing /favicon.ico", async ({ page }) => {
  const missing: string[] = [];
  page.on("response", (response) => void (response.status() === 404 && missing.push(response.url())));
  await page.goto("/");
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", /icon/);
  expect(missing).toEqual([]);
});
