import "server-only";

import { hkdfSync } from "node:crypto";

import { jwtDecrypt } from "jose";
import type { Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { cookies } from "next/headers";

import { assertSecretConfigured, authOptions, sessionIdentity } from "@/lib/auth";

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
