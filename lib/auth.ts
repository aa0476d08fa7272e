import "server-only";

import { getServerSession, type NextAuthOptions, type Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";

import { findDemoUser } from "@/lib/demo-users";
import { AppError } from "@/lib/errors";

declare module "next-auth" {
  interface User {
    accountId?: string;
  }
  interface Session {
    user: { id: string; accountId: string; name?: string | null; email?: string | null; image?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
    accountId?: string;
  }
}

/**
 * Demo sign-in lets anyone become any seeded user, so a production build keeps it off
 * unless AUTH_DEMO_LOGIN=true says otherwise.
 */
export function isDemoLoginEnabled(): boolean {
  return process.env.NODE_ENV === "development" || process.env.AUTH_DEMO_LOGIN === "true";
}

function providers(): NextAuthOptions["providers"] {
  const list: NextAuthOptions["providers"] = [];
  if (process.env.GITHUB_ID && process.env.GITHUB_SECRET) {
    list.push(
      GitHubProvider({
        clientId: process.env.GITHUB_ID,
        clientSecret: process.env.GITHUB_SECRET,
        // Plug in your own users here: a GitHub user is their own one-person account.
        profile: (profile) => ({
          id: `github-${profile.id}`,
          accountId: `github-${profile.id}`,
          name: profile.name ?? profile.login,
          email: profile.email,
          image: profile.avatar_url,
        }),
      }),
    );
  }
  if (isDemoLoginEnabled()) {
    list.push(
      CredentialsProvider({
        id: "demo",
        name: "Demo user",
        credentials: { email: { label: "Email", type: "email" } },
        authorize: (credentials) => {
          const user = isDemoLoginEnabled() ? findDemoUser(credentials?.email) : undefined;
          return user ? { id: user.id, name: user.name, email: user.email, accountId: user.accountId } : null;
        },
      }),
    );
  }
  return list;
}

/**
 * NEXTAUTH_SECRET, or under `next dev` a fixed development secret: next-auth's own fallback
 * derives a different secret in route handlers and in pages, so a fresh clone could never stay
 * signed in. A production server without NEXTAUTH_SECRET refuses to read sessions instead.
 */
function sessionSecret(): string | undefined {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  return process.env.NODE_ENV === "development" ? "development-only-secret-set-NEXTAUTH_SECRET-to-deploy" : undefined;
}

export const authOptions = {
  secret: sessionSecret(),
  session: { strategy: "jwt" },
  pages: { signIn: "/sign-in" },
  providers: providers(),
  callbacks: {
    jwt: ({ token, user }) => {
      if (user) {
        token.userId = user.id;
        token.accountId = user.accountId ?? user.id;
      }
      return token;
    },
    session: ({ session, token }) => ({ ...session, user: { ...session.user, ...sessionIdentity(token) } }),
  },
} satisfies NextAuthOptions;

/** The IDs a session carries, from its token: shared by the `session` callback and getSessionUser(). */
export function sessionIdentity(token: JWT): Pick<Session["user"], "id" | "accountId"> {
  return { id: token.userId ?? "", accountId: token.accountId ?? "" };
}

export function assertSecretConfigured(): void {
  if (!process.env.NEXTAUTH_SECRET && process.env.NODE_ENV === "production") {
    throw new AppError("misconfigured", "NEXTAUTH_SECRET is missing. Set it in .env.local (see .env.local.example).");
  }
}

/** The signed-in user's session, or null. Pages and server components call this. */
export async function getSession() {
  assertSecretConfigured();
  return getServerSession(authOptions);
}

/**
 * For pages: the session, or the configuration problem that keeps it from being read, so a
 * missing NEXTAUTH_SECRET shows what to fix instead of taking the page down.
 */
export async function readSession(): Promise<{ session: Session | null; problem: string | null }> {
  try {
    return { session: await getSession(), problem: null };
  } catch (error) {
    if (error instanceof AppError && error.code === "misconfigured") return { session: null, problem: error.message };
    throw error;
  }
}
