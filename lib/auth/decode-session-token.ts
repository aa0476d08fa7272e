import "server-only";

import { LRUCache } from "lru-cache";
import { decode, type JWT, type JWTDecodeParams } from "next-auth/jwt";

// Key: secret + salt + token; at most 1000 entries; each lives until its token's `exp`, re-checked on every hit.
// A stale entry is safe: a token decrypts to the same claims every time, and revocation runs after this, per read.
const decodedSessions = new LRUCache<string, JWT>({ max: 1000 });

/** next-auth's own `decode`, decrypting each session token once while it is valid; every caller gets its own copy. */
export async function decodeSessionToken(params: JWTDecodeParams): Promise<JWT | null> {
  const { token, secret, salt = "" } = params;
  if (!token) return null;
  // JSON keeps a Buffer secret apart from any string one.
  const key = JSON.stringify([secret, salt, token]);
  const cached = decodedSessions.get(key);
  if (cached && millisecondsLeft(cached) > 0) return structuredClone(cached);
  const claims = await decode(params);
  const ttl = claims ? millisecondsLeft(claims) : 0;
  if (claims && ttl > 0) decodedSessions.set(key, structuredClone(claims), { ttl });
  return claims;
}

function millisecondsLeft(claims: JWT): number {
  return typeof claims.exp === "number" ? Math.floor(claims.exp * 1000 - Date.now()) : 0;
}
