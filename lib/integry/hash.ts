import { AppError } from "@/lib/errors";

/** Longest ID we will hash. Real user and account IDs are far shorter; anything longer is a bug upstream. */
export const MAX_INTEGRY_ID_LENGTH = 256;

const encoder = new TextEncoder();
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));
// importKey costs more than the HMAC itself; the secret rarely changes, so keep its key.
const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    keyCache.clear();
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keyCache.set(secret, key);
  }
  return key;
}

/**
 * Refuses IDs Integry could never match. A lone UTF-16 surrogate is the subtle case: the
 * browser SDK throws on it, while TextEncoder would silently turn it into U+FFFD, so two
 * different IDs could share one hash.
 */
export function assertHashableId(id: string): void {
  if (id.length === 0) throw new AppError("invalid_identity", "The Integry user ID is empty.");
  if (id.length > MAX_INTEGRY_ID_LENGTH) {
    throw new AppError("invalid_identity", `The Integry user ID is longer than ${MAX_INTEGRY_ID_LENGTH} characters.`);
  }
  if (!id.isWellFormed()) {
    throw new AppError("invalid_identity", "The Integry user ID contains a lone UTF-16 surrogate.");
  }
}

/**
 * The hash that authenticates the embed: HMAC-SHA256(key = app secret, message = id),
 * lowercase hex over UTF-8 bytes. Web Crypto, so the same code runs on Node and Edge.
 */
export async function computeIntegryHash(secret: string, id: string): Promise<string> {
  assertHashableId(id);
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(id));
  let hex = "";
  for (const byte of new Uint8Array(signature)) hex += HEX_BYTES[byte];
  return hex;
}

/** Compares two hashes in time that does not depend on where they differ. */
export function integryHashesMatch(expected: string, received: string): boolean {
  let difference = expected.length ^ received.length;
  for (let i = 0; i < expected.length; i++) {
    difference |= expected.charCodeAt(i) ^ received.charCodeAt(i % Math.max(received.length, 1));
  }
  return difference === 0;
}
