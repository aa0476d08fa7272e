import { request, type APIRequestContext } from "@playwright/test";

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
