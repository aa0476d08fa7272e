import "server-only";

import type { NextAuthOptions, User } from "next-auth";
import { encode, type JWT } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";

import type { AuthSettings } from "@/lib/auth/config";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { decodeSessionToken } from "@/lib/auth/decode-session-token";
import { findDemoUser } from "@/lib/auth/demo-users";
import { getAuthSettings } from "@/lib/env";
import { AppError } from "@/lib/errors";

declare module "next-auth" {
  interface User {
    accountId?: string;
  }
  interface Session {
    user: SessionUser;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
    accountId?: string;
  }
}

export interface SessionUser {
  id: string;
  accountId: string;
  name?: string | null;
  email?: string | null;
  image?: string | null;
}

export function sessionUserOf(token: JWT): SessionUser {
  return {
    id: token.userId ?? "",
    accountId: token.accountId ?? "",
    name: token.name,
    email: token.email,
    image: token.picture,
  };
}

export function sessionCookieName(secure: boolean): string {
  return `${secure ? "__Secure-" : ""}next-auth.session-token`;
}

function providers(config: AuthSettings): NextAuthOptions["providers"] {
  const list: NextAuthOptions["providers"] = [];
  if (config.gitHub) {
    list.push(
      GitHubProvider({
        ...config.gitHub,
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
  if (config.demoLogin) {
    list.push(
      CredentialsProvider({
        id: "demo",
        name: "Demo user",
        credentials: { email: { label: "Email", type: "email" } },
        authorize: (credentials) => {
          const user = findDemoUser(credentials?.email);
          return user ? { id: user.id, name: user.name, email: user.email, accountId: user.accountId } : null;
        },
      }),
    );
  }
  return list;
}

// The `jwt` callback runs on every session read, next-auth's and getSessionUser()'s: a check there holds everywhere.
export function nextAuthOptionsFor(config: AuthSettings) {
  const secure = config.secureCookies;
  return {
    secret: config.secret,
    session: { strategy: "jwt" },
    jwt: { encode, decode: decodeSessionToken },
    useSecureCookies: secure,
    cookies: {
      sessionToken: {
        name: sessionCookieName(secure),
        options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
      },
    },
    pages: { signIn: "/sign-in" },
    providers: providers(config),
    callbacks: {
      jwt: ({ token, user }: { token: JWT; user?: User }) => {
        if (user) {
          token.userId = user.id;
          token.accountId = user.accountId ?? user.id;
        }
        // Replace with your own check, e.g. a `disabled` flag in your user table.
        if ([token.userId, token.accountId].some((id) => id && config.revokedIds.has(id))) {
          throw new AppError("unauthenticated", "This session has been revoked.");
        }
        return token;
      },
      session: ({ session, token }) => ({ ...session, user: sessionUserOf(token) }),
      redirect: ({ url, baseUrl }) => {
        const path = url === baseUrl ? "/" : url.startsWith(`${baseUrl}/`) ? url.slice(baseUrl.length) : url;
        return baseUrl + safeCallbackPath(path, "/");
      },
    },
  } satisfies NextAuthOptions;
}

let built: { config: AuthSettings; options: ReturnType<typeof nextAuthOptionsFor> } | undefined;

// getAuthSettings() hands back a new object only when a value changed: rebuild then, and never per request.
export function getNextAuthOptions() {
  const config = getAuthSettings();
  if (built?.config !== config) built = { config, options: nextAuthOptionsFor(config) };
  return built.options;
}
