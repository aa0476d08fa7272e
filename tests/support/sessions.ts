import { expect, request, type APIRequestContext, type Page } from "@playwright/test";
import type { JWT } from "next-auth/jwt";

import { sessionJwt } from "@/lib/auth/session-jwt";
import type { DemoUser } from "@/lib/demo-users";

import { E2E_NEXTAUTH_SECRET } from "./servers";

/** The session cookie over http; `__Secure-` is prefixed when the app is served over https. */
export const SESSION_COOKIE = "next-auth.session-token";

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
  return cookies.find((cookie) => cookie.name === SESSION_COOKIE)?.value;
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

/** The claims lib/auth/options.ts's jwt callback writes for a user at sign-in. */
export function claimsOf(user: Pick<DemoUser, "id" | "accountId" | "name" | "email">): JWT {
  return { sub: user.id, userId: user.id, accountId: user.accountId, name: user.name, email: user.email };
}

/**
 * A session token as the app's own encoder (lib/auth/session-jwt.ts, next-auth's `jwt.encode`)
 * would write it: with the servers' NEXTAUTH_SECRET unless told otherwise. A negative maxAge
 * gives a token that expired that many seconds ago.
 */
export async function mintSessionToken(claims: JWT, options: { secret?: string; maxAge?: number } = {}) {
  return sessionJwt.encode({
    token: claims,
    secret: options.secret ?? E2E_NEXTAUTH_SECRET,
    maxAge: options.maxAge ?? 3600,
  });
}

export function sessionCookieHeader(token: string): { cookie: string } {
  return { cookie: `${SESSION_COOKIE}=${token}` };
}
