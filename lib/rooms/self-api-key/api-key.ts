import "server-only";

import { randomUUID } from "node:crypto";

import { errors, jwtVerify, SignJWT, type JWTPayload } from "jose";
import { LRUCache } from "lru-cache";

export const API_KEY_ISSUER = "integry-next-starter";
export const API_KEY_SCOPE = "integry-self-app";

// Integry calls this app with the last key it was handed whenever a flow runs, maybe days later: minutes would
// break scheduled flows. The params route hands out a key at most minutes old, so an active user's is days from expiry.
export const API_KEY_TTL_SECONDS = 7 * 24 * 60 * 60;

const MAX_API_KEY_LENGTH = 2048;
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;

export const apiKeyAudience = (deploymentId: string) => `integry-deployment:${deploymentId}`;

const signingKey = (secret: string) => new TextEncoder().encode(secret);

export interface MintApiKeyOptions {
  secret: string;
  deploymentId: string;
  /** The signed-in user the key is minted for (its `uid`); under user scope that is the identity, the default. */
  userId?: string;
  /** The user's account (its `acc`), so that revoking the account refuses the key under either scope. */
  accountId?: string;
  ttlSeconds?: number;
  now?: Date;
}

/** What Integry calls this app's API with, as `identity`: public claims only, never a secret. */
export async function mintApiKey(identity: string, options: MintApiKeyOptions): Promise<string> {
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  // Under account scope `sub` is the account: `uid` names the person, so revoking one member ends their keys only.
  const account = options.accountId ? { acc: options.accountId } : {};
  return new SignJWT({ scope: API_KEY_SCOPE, uid: options.userId ?? identity, ...account })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(identity)
    .setAudience(apiKeyAudience(options.deploymentId))
    .setIssuer(API_KEY_ISSUER)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (options.ttlSeconds ?? API_KEY_TTL_SECONDS))
    .setJti(randomUUID())
    .sign(signingKey(options.secret));
}

// Key: secret, deployment, identity, user; max 1000; TTL 5 min; stale is safe: a key lasts days, revocation is per use.
const recentKeys = new LRUCache<string, string>({ max: 1000, ttl: 5 * 60 * 1000 });

/** The user's key for the params route: minted afresh at most every five minutes, not on every request. */
export async function currentApiKey(
  identity: string,
  options: MintApiKeyOptions & { userId: string },
): Promise<string> {
  // Keyed on the user too: members of one account share an identity, never a key, so each can be revoked alone.
  const id = [options.secret, options.deploymentId, identity, options.userId, options.accountId].join("\u0000");
  const recent = recentKeys.get(id);
  if (recent) return recent;
  const key = await mintApiKey(identity, options);
  recentKeys.set(id, key);
  return key;
}

export type ApiKeyFailure = "missing" | "malformed" | "bad_signature" | "expired" | "wrong_audience" | "revoked";

export type ApiKeyVerdict = { ok: true; identity: string } | { ok: false; reason: ApiKeyFailure };

export const API_KEY_FAILURE_MESSAGES: Record<ApiKeyFailure, string> = {
  missing: "Send the API key as: Authorization: Bearer <key>.",
  malformed: "The API key is malformed.",
  bad_signature: "The API key's signature is invalid.",
  expired: "The API key has expired: the embed hands Integry a fresh one each time the user opens it.",
  wrong_audience: "The API key was issued for another Integry deployment.",
  revoked: "The API key's identity has been revoked.",
};

export interface VerifyApiKeyOptions {
  secret: string;
  deploymentId: string;
  /** The sessions' revocation list (AUTH_REVOKED_IDS), asked about the key's user, identity and account in turn. */
  isRevoked: (id: string) => boolean;
  now?: Date;
}

function apiKeyFailureOf(error: unknown): ApiKeyFailure {
  if (error instanceof errors.JWTExpired) return "expired";
  if (error instanceof errors.JWTClaimValidationFailed) return error.claim === "aud" ? "wrong_audience" : "malformed";
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JOSEAlgNotAllowed) {
    return "bad_signature";
  }
  if (error instanceof errors.JOSEError) return "malformed";
  throw error;
}

export async function verifyApiKey(key: string | undefined, options: VerifyApiKeyOptions): Promise<ApiKeyVerdict> {
  if (key === undefined) return { ok: false, reason: "missing" };
  if (key.length > MAX_API_KEY_LENGTH || !JWT_SHAPE.test(key)) return { ok: false, reason: "malformed" };
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(key, signingKey(options.secret), {
      algorithms: ["HS256"],
      typ: "JWT",
      issuer: API_KEY_ISSUER,
      audience: apiKeyAudience(options.deploymentId),
      requiredClaims: ["sub", "iat", "exp", "jti"],
      currentDate: options.now,
    }));
  } catch (error) {
    return { ok: false, reason: apiKeyFailureOf(error) };
  }
  const { scope, sub, uid, acc } = payload;
  if (scope !== API_KEY_SCOPE || typeof sub !== "string" || sub === "" || typeof uid !== "string" || uid === "") {
    return { ok: false, reason: "malformed" };
  }
  if (acc !== undefined && (typeof acc !== "string" || acc === "")) return { ok: false, reason: "malformed" };
  if ([uid, sub, acc].some((id) => id !== undefined && options.isRevoked(id))) return { ok: false, reason: "revoked" };
  return { ok: true, identity: sub };
}
