import "server-only";

import { getToken } from "next-auth/jwt";
import { headers } from "next/headers";
import { NextRequest } from "next/server";

import { getNextAuthOptions, sessionUserOf, type SessionUser } from "@/lib/auth/options";
import { getAuthSettings } from "@/lib/auth/settings";
import { AppError } from "@/lib/errors";

export type { SessionUser };

/** The one way pages and routes read the session: runs the `jwt` callback as getServerSession does, checks included. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const cookie = (await headers()).get("cookie");
  const settings = getAuthSettings();
  if (settings.problem) throw new AppError("misconfigured", settings.problem);
  const options = getNextAuthOptions(settings);
  const token = await getToken({
    // Only the cookies, as getServerSession reads them: getToken would also take a Bearer token. Any URL will do.
    req: new NextRequest("http://localhost/", { headers: cookie ? { cookie } : {} }),
    secret: options.secret!,
    cookieName: options.cookies.sessionToken.name,
    decode: options.jwt.decode,
  });
  if (!token) return null;
  try {
    return sessionUserOf(await options.callbacks.jwt({ token }));
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthenticated") return null;
    throw error;
  }
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
