import { createHmac } from "node:crypto";

/** The seeded demo users (lib/demo-users.ts); their IDs are read back from each session, not copied here. */
export const DEMO_EMAILS = ["alice@acme.test", "bob@acme.test", "carol@globex.test"];

const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

function cookiePairs(response) {
  return response.headers.getSetCookie().map((header) => header.split(";", 1)[0]);
}

/**
 * Signs in through next-auth's real credentials flow (CSRF token, then the callback), as the
 * sign-in page does, and returns the session cookie header and the user ID the session carries.
 */
export async function signIn(baseUrl, email) {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = await csrf.json();
  const callback = await fetch(`${baseUrl}/api/auth/callback/demo`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiePairs(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, email, json: "true" }),
  });
  const cookie = cookiePairs(callback)
    .filter((pair) => SESSION_COOKIE.test(pair.split("=", 1)[0]))
    .join("; ");
  if (!cookie) throw new Error(`sign-in as ${email} answered ${callback.status} without a session cookie`);
  const session = await (await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie } })).json();
  if (!session?.user?.id) throw new Error(`the session of ${email} carries no user ID`);
  return { email, cookie, userId: session.user.id };
}

export function signInAll(baseUrl, emails = DEMO_EMAILS) {
  return Promise.all(emails.map((email) => signIn(baseUrl, email)));
}

/** lib/integry/hash.ts's computeIntegryHash, in node:crypto (a unit test proves the two agree). */
export function integryHash(secret, id) {
  return createHmac("sha256", secret).update(id, "utf8").digest("hex");
}
