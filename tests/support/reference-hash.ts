/**
 * The Integry hash by Web Crypto: an implementation independent of lib/integry/server/hash.ts (node:crypto),
 * so a test's expected value never comes from the call under test.
 */
export async function referenceHash(secret: string, id: string): Promise<string> {
  const encode = (text: string) => new TextEncoder().encode(text);
  const key = await crypto.subtle.importKey("raw", encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return Buffer.from(await crypto.subtle.sign("HMAC", key, encode(id))).toString("hex");
}

/**
 * What a production server's sandbox signs with: HKDF-SHA256 of its NEXTAUTH_SECRET, by Web Crypto, apart from
 * lib/rooms/sandbox/credentials.ts (node:crypto). Only whoever holds NEXTAUTH_SECRET can compute it.
 */
export async function derivedSandboxSecret(nextAuthSecret: string): Promise<string> {
  const encode = (text: string) => new TextEncoder().encode(text);
  const key = await crypto.subtle.importKey("raw", encode(nextAuthSecret), "HKDF", false, ["deriveBits"]);
  const info = encode("integry-next-starter sandbox app secret");
  const bits = await crypto.subtle.deriveBits(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(), info },
    key,
    256,
  );
  return Buffer.from(bits).toString("hex");
}
