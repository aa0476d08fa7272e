import "server-only";

import { hkdfSync } from "node:crypto";

import { jwtDecrypt } from "jose";
import { getServerSession, type NextAuthOptions, type Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { cookies } from "next/headers";

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

function sessionIdentity(token: JWT): Pick<Session["user"], "id" | "accountId"> {
  return { id: token.userId ?? "", accountId: token.accountId ?? "" };
}

function assertSecretConfigured(): void {
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

// next-auth's own rule (getToken's too): the __Secure- cookie whenever the app is served over https.
function sessionCookieName(): string {
  const secure = process.env.NEXTAUTH_URL ? process.env.NEXTAUTH_URL.startsWith("https://") : !!process.env.VERCEL;
  return secure ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** The session cookie's value, reassembled when next-auth split it into `.0`, `.1`, … chunks. */
async function sessionToken(): Promise<string | undefined> {
  const name = sessionCookieName();
  const store = await cookies();
  const whole = store.get(name)?.value;
  if (whole) return whole;
  const chunkIndex = (cookieName: string) =>
    /^\.\d+$/.test(cookieName.slice(name.length)) ? Number(cookieName.slice(name.length + 1)) : NaN;
  const chunks = store
    .getAll()
    .filter((cookie) => cookie.name.startsWith(name) && !Number.isNaN(chunkIndex(cookie.name)))
    .sort((a, b) => chunkIndex(a.name) - chunkIndex(b.name));
  return chunks.length ? chunks.map((cookie) => cookie.value).join("") : undefined;
}

// next-auth/jwt's decode derives its key with HKDF on every call, the largest cost of the params
// route; the key only depends on the secret, so derive it once. Same key, same checks.
const sessionKeys = new Map<string, Uint8Array>();

function sessionKey(secret: string): Uint8Array {
  let key = sessionKeys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));
    sessionKeys.clear();
    sessionKeys.set(secret, key);
  }
  return key;
}

/**
 * The signed-in user, or null: for API routes on a hot path. It checks what getSession() checks
 * (the session JWT decrypts with our secret and has not expired) but skips re-encrypting a
 * refreshed cookie, which a route handler could not send anyway. Like getSession(), it reads the
 * user from the token: if you add checks to the `jwt` callback, add them here too.
 */
export async function getSessionUser(): Promise<Session["user"] | null> {
  assertSecretConfigured();
  const token = await sessionToken();
  if (!token || !authOptions.secret) return null;
  const decrypted = await jwtDecrypt(token, sessionKey(authOptions.secret), {
    clockTolerance: 15,
    keyManagementAlgorithms: ["dir"],
    contentEncryptionAlgorithms: ["A256GCM"],
  }).catch(() => null);
  if (!decrypted) return null;
  const payload = decrypted.payload as JWT;
  return { name: payload.name, email: payload.email, image: payload.picture, ...sessionIdentity(payload) };
}
