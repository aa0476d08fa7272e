import "server-only";

import { LRUCache } from "lru-cache";
import type { NextAuthOptions, User } from "next-auth";
import { encode, type JWT } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";

import { safeCallbackPath } from "@/lib/auth/safe-redirect";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAuthSettings, type AuthSettings } from "@/lib/auth/settings";
import { decodeSessionToken } from "@/lib/auth/decode-session-token";
import { findDemoUser } from "@/lib/auth/demo-users";
import { AppError } from "@/lib/errors";

export type { SessionUser };

export function sessionUserOf(token: JWT): SessionUser {
  const { userId = "", accountId = "", name, email, picture: image } = token;
  return { id: userId, accountId, name, email, image };
}

// Plug in your own users here: each provider's user gets an `id` and the `accountId` of their organisation.
function providers(settings: AuthSettings): NextAuthOptions["providers"] {
  const gitHub = settings.gitHub
    ? GitHubProvider({
        ...settings.gitHub,
        // A GitHub user is their own one-person account.
        profile: (profile) => ({
          id: `github-${profile.id}`,
          accountId: `github-${profile.id}`,
          name: profile.name ?? profile.login,
          email: profile.email,
          image: profile.avatar_url,
        }),
      })
    : undefined;
  const demo = settings.demoLogin
    ? CredentialsProvider({
        id: "demo",
        name: "Demo user",
        credentials: { email: { label: "Email", type: "email" } },
        authorize: (credentials) => findDemoUser(credentials?.email) ?? null,
      })
    : undefined;
  return [gitHub, demo].filter((provider) => provider !== undefined);
}

// The `jwt` callback runs on every session read, next-auth's and getSessionUser()'s: a check there holds everywhere.
export function nextAuthOptionsFor(settings: AuthSettings) {
  const secure = settings.secureCookies;
  return {
    secret: settings.secret,
    session: { strategy: "jwt" },
    jwt: { encode, decode: decodeSessionToken },
    useSecureCookies: secure,
    cookies: {
      sessionToken: {
        name: `${secure ? "__Secure-" : ""}next-auth.session-token`,
        options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
      },
    },
    pages: { signIn: "/sign-in" },
    providers: providers(settings),
    callbacks: {
      jwt: ({ token, user }: { token: JWT; user?: User }) => {
        if (user) {
          token.userId = user.id;
          token.accountId = user.accountId ?? user.id;
        }
        // Replace with your own check, e.g. a `disabled` flag in your user table.
        if ([token.userId, token.accountId].some((id) => id && settings.revokedIds.has(id))) {
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

// Key: the settings object, a new one only when a variable changed; 1 entry, no TTL: the options follow the settings.
const optionsBySettings = new LRUCache<AuthSettings, ReturnType<typeof nextAuthOptionsFor>>({ max: 1 });

export function getNextAuthOptions(settings = getAuthSettings()) {
  let options = optionsBySettings.get(settings);
  if (!options) optionsBySettings.set(settings, (options = nextAuthOptionsFor(settings)));
  return options;
}
