import { expect, test } from "@playwright/test";

import { asEnginePage } from "../support/engine-page";
import { signIn } from "../support/pages";
import { NO_APP_ENV, startServer } from "../support/servers";

// Next moves `npm run dev` to 3001 when 3000 is taken: sign-in must follow the port, not fall back to :3000.
const DEV_PORT = 3196;
const origin = `http://127.0.0.1:${DEV_PORT}`;
test.use({ baseURL: origin });

test("npm run dev on a port other than 3000 keeps sign-in and sign-out on the browser's origin", async ({
  page,
  context,
}) => {
  // The first request to each route compiles it.
  test.setTimeout(240_000);
  // The embedded database in memory: the test leaves the developer's .data/ alone.
  const env = { ...NO_APP_ENV, PGLITE_DATA_DIR: "memory://" };
  const dev = await startServer(DEV_PORT, env, "next-dev").catch((error: unknown) => {
    // Next allows one `next dev` per project: a developer's own `npm run dev` is not this test's failure.
    test.skip(/already running/i.test(String(error)), "stop your `npm run dev` to run this test");
    throw error;
  });
  try {
    // Compile the routes the journey visits before the browser waits on any of them.
    for (const path of [
      "/sign-in",
      "/api/auth/csrf",
      "/api/auth/session",
      "/integrations",
      "/api/integry-params",
      "/",
    ]) {
      await page.request.get(`${origin}${path}`, { timeout: 120_000 });
    }
    // Whether the embed then goes live is the rest of the suite's job (and .ci/run's check of npm run dev).
    // A dev server still compiles and opens its database on the first sign-in: a loaded CI machine took over 15 s.
    await signIn(asEnginePage(page), "Alice", "/integrations", 90_000);
    expect(page.url()).toBe(`${origin}/integrations`);
    const params = await page.request.get(`${origin}/api/integry-params`);
    expect([params.status(), (await params.json()).userId]).toEqual([200, "0b6f2c6e-5d1a-4f8e-9c3b-2a7d4e8f1c01"]);
    // Over plain http the session cookie cannot be Secure: a phone on the LAN must be able to keep it.
    const cookies = await context.cookies(origin);
    expect(cookies.map((cookie) => [cookie.name, cookie.secure])).toContainEqual(["next-auth.session-token", false]);

    await page.goto("/");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    expect(page.url()).toBe(`${origin}/`);
    expect((await page.request.get(`${origin}/api/integry-params`)).status()).toBe(401);
  } finally {
    await dev.stop();
  }
});
