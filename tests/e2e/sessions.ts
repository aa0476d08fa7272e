import { expect, request, type APIRequestContext, type Page } from "@playwright/test";

/**
 * Signs in through next-auth's real credentials flow (CSRF token, then the callback), the
 * way the sign-in page's button does, and returns a request context holding the session cookie.
 */
export async function signInAs(baseURL: string, email: string): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL });
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await context.post("/api/auth/callback/demo", {
    form: { csrfToken, email, json: "true" },
    maxRedirects: 0,
  });
  if (![200, 302].includes(response.status())) throw new Error(`sign-in as ${email} answered ${response.status()}`);
  return context;
}

export async function sessionCookie(context: APIRequestContext): Promise<string | undefined> {
  const { cookies } = await context.storageState();
  return cookies.find((cookie) => cookie.name === "next-auth.session-token")?.value;
}

/**
 * Signs in on the sign-in page as a demo user and lands on /integrations with the embed settled.
 * The SDK resets its state when the user variables arrive, so a click before that is lost.
 */
export async function openIntegrationsAs(page: Page, name: string, query = "") {
  const userVariables = page.waitForResponse((response) => response.url().includes("/api/v1/app-user-variables/"));
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(`/integrations${query}`)}`);
  await page.getByRole("button", { name: new RegExp(name) }).click();
  await expect(page).toHaveURL(/\/integrations/);
  await userVariables;
}
