import { encode, type JWT } from "next-auth/jwt";

import type { DemoUser } from "@/lib/demo-users";

import { E2E_NEXTAUTH_SECRET } from "./servers";

/** The session cookie next-auth v4 reads over http. */
export const SESSION_COOKIE = "next-auth.session-token";

/** The claims lib/auth.ts's jwt callback writes for a user at sign-in. */
export function claimsOf(user: Pick<DemoUser, "id" | "accountId" | "name" | "email">): JWT {
  return { sub: user.id, userId: user.id, accountId: user.accountId, name: user.name, email: user.email };
}

/**
 * A session token as next-auth itself would encrypt it: with the servers' NEXTAUTH_SECRET
 * unless told otherwise. A negative maxAge gives a token that expired that many seconds ago.
 */
export function mintSessionToken(claims: JWT, options: { secret?: string; maxAge?: number } = {}): Promise<string> {
  return encode({ token: claims, secret: options.secret ?? E2E_NEXTAUTH_SECRET, maxAge: options.maxAge ?? 3600 });
}

export function sessionCookieHeader(token: string): { cookie: string } {
  return { cookie: `${SESSION_COOKIE}=${token}` };
}
