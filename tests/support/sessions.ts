import { request, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { encode, type JWT } from "next-auth/jwt";

import { DEMO_USERS, type DemoUser } from "@/lib/auth/demo-users";

import { asEnginePage } from "./engine-page";
import { openIntegrations } from "./pages";
import { E2E_NEXTAUTH_SECRET } from "./servers";

/** The session cookie over http; `__Secure-` is prefixed when the app is served over https. */
export const SESSION_COOKIE = "next-auth.session-token";

/** A demo user's session outside a browser: the Cookie header that carries it, and whose it is. */
export interface DemoSession {
  email: string;
  cookie: string;
  /** The user ID the session holds, as /api/auth/session reports it. */
  userId: string;
}

/** next-auth's session cookie under either name, and its chunks when the token is large. */
const SESSION_COOKIE_PATTERN = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

function setCookiePairs(response: Response): string[] {
  return response.headers.getSetCookie().map((header) => header.split(";", 1)[0]!);
}

/**
 * Signs in through next-auth's real credentials flow, the way the sign-in page's button does
 * (a CSRF token and its cookie, then the demo callback), with plain fetch: the tests, the bench,
 * the load test and CI all sign in with this one function.
 */
export async function signInDemoUser(baseUrl: string, email: string): Promise<DemoSession> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const callback = await fetch(`${baseUrl}/api/auth/callback/demo`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: setCookiePairs(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, email, json: "true" }),
  });
  const cookie = setCookiePairs(callback)
    .filter((pair) => SESSION_COOKIE_PATTERN.test(pair.split("=", 1)[0]!))
    .join("; ");
  if (!cookie) throw new Error(`sign-in as ${email} answered ${callback.status} without a session cookie`);
  const session = (await (await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie } })).json()) as {
    user?: { id?: string };
  } | null;
  const userId = session?.user?.id;
  if (!userId) throw new Error(`the session of ${email} carries no user ID`);
  return { email, cookie, userId };
}

/** Every seeded demo user (lib/demo-users.ts), signed in at once. */
export function signInDemoUsers(baseUrl: string): Promise<DemoSession[]> {
  return Promise.all(DEMO_USERS.map((user) => signInDemoUser(baseUrl, user.email)));
}

/** A session's cookies as a browser (or Playwright's storage state) holds them for `baseUrl`. */
export function browserCookies(baseUrl: string, session: Pick<DemoSession, "cookie">) {
  const { hostname, protocol } = new URL(baseUrl);
  return session.cookie.split("; ").map((pair) => {
    const at = pair.indexOf("=");
    return {
      name: pair.slice(0, at),
      value: pair.slice(at + 1),
      domain: hostname,
      path: "/",
      expires: -1,
      httpOnly: true,
      secure: protocol === "https:",
      sameSite: "Lax" as const,
    };
  });
}

/** A Playwright request context signed in as a demo user with signInDemoUser. */
export async function signInAs(baseURL: string, email: string): Promise<APIRequestContext> {
  const session = await signInDemoUser(baseURL, email);
  return request.newContext({ baseURL, storageState: { cookies: browserCookies(baseURL, session), origins: [] } });
}

export async function sessionCookie(context: APIRequestContext): Promise<string | undefined> {
  const { cookies } = await context.storageState();
  return cookies.find((cookie) => cookie.name === SESSION_COOKIE)?.value;
}

/** Signs in on the sign-in page as a demo user and lands on /integrations with the embed settled. */
export async function openIntegrationsAs(page: Page, name: string, query = "") {
  await openIntegrations(asEnginePage(page), name, query);
}

/** The same, in a browser context of its own on `baseURL`, so several users can be signed in at once. */
export async function openIntegrationsIn(browser: Browser, baseURL: string, name: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await openIntegrationsAs(page, name);
  return page;
}

/** The claims lib/auth/options.ts's jwt callback writes for a user at sign-in. */
export function claimsOf(user: Pick<DemoUser, "id" | "accountId" | "name" | "email">): JWT {
  return { sub: user.id, userId: user.id, accountId: user.accountId, name: user.name, email: user.email };
}

/**
 * A session token as the app's own encoder (next-auth's `encode`, lib/auth/options.ts's `jwt.encode`)
 * would write it: with the servers' NEXTAUTH_SECRET unless told otherwise. A negative maxAge
 * gives a token that expired that many seconds ago.
 */
export async function mintSessionToken(claims: JWT, options: { secret?: string; maxAge?: number } = {}) {
  return encode({
    token: claims,
    secret: options.secret ?? E2E_NEXTAUTH_SECRET,
    maxAge: options.maxAge ?? 3600,
  });
}

export function sessionCookieHeader(token: string): { cookie: string } {
  return { cookie: `${SESSION_COOKIE}=${token}` };
}
