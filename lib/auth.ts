import "server-only";

import { getServerSession, type NextAuthOptions } from "next-auth";
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

export const authOptions = {
  secret: process.env.NEXTAUTH_SECRET,
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
    session: ({ session, token }) => ({
      ...session,
      user: { ...session.user, id: token.userId ?? "", accountId: token.accountId ?? "" },
    }),
  },
} satisfies NextAuthOptions;

/** The signed-in user's session, or null. Route handlers and server components call this. */
export async function getSession() {
  if (!process.env.NEXTAUTH_SECRET && process.env.NODE_ENV === "production") {
    throw new AppError("misconfigured", "NEXTAUTH_SECRET is missing. Set it in .env.local (see .env.local.example).");
  }
  return getServerSession(authOptions);
}
