import "server-only";

import { LRUCache } from "lru-cache";
import { getToken } from "next-auth/jwt";
import { headers } from "next/headers";
import { NextRequest } from "next/server";

import { getNextAuthOptions, sessionUserOf, type SessionUser } from "@/lib/auth/options";
import { getAuthSettings, type AuthSettings } from "@/lib/auth/settings";
import { AppError } from "@/lib/errors";

export type { SessionUser };

// Key: the Cookie header; at most 1000 entries; each lives until its token's `exp` (a minute for no session),
// re-checked on every hit, and only under the settings it was read with: a revocation or a new secret reads afresh.
const sessions = new LRUCache<string, { settings: AuthSettings; user: SessionUser | null; until: number }>({
  max: 1000,
});

/** The one way pages and routes read the session: runs the `jwt` callback as getServerSession does, checks included. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const cookie = (await headers()).get("cookie") ?? "";
  const settings = getAuthSettings();
  if (settings.problem) throw new AppError("misconfigured", settings.problem);
  const known = sessions.get(cookie);
  if (known?.settings === settings && known.until > Date.now()) return known.user;
  const options = getNextAuthOptions(settings);
  const token = await getToken({
    // Only the cookies, as getServerSession reads them: getToken would also take a Bearer token. Any URL will do.
    req: new NextRequest("http://localhost/", { headers: cookie ? { cookie } : {} }),
    secret: options.secret!,
    cookieName: options.cookies.sessionToken.name,
    decode: options.jwt.decode,
  });
  let user: SessionUser | null = null;
  try {
    // Frozen: every request with this cookie gets this same object.
    if (token) user = Object.freeze(sessionUserOf(await options.callbacks.jwt({ token })));
  } catch (error) {
    if (!(error instanceof AppError && error.code === "unauthenticated")) throw error;
  }
  const until = token && typeof token.exp === "number" ? token.exp * 1000 : Date.now() + 60_000;
  if (until > Date.now()) sessions.set(cookie, { settings, user, until }, { ttl: until - Date.now() });
  return user;
}

/** For pages: a missing NEXTAUTH_SECRET shows what to fix instead of taking the page down. */
export async function getSessionForPage(): Promise<{ user: SessionUser | null; problem: string | null }> {
  try {
    return { user: await getSessionUser(), problem: null };
  } catch (error) {
    if (error instanceof AppError && error.code === "misconfigured") return { user: null, problem: error.message };
    throw error;
  }
}
