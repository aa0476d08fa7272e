/**
 * The Integry hash by Web Crypto: an implementation independent of lib/integry/server/hash.ts (node:crypto),
 * so a test's expected value never comes from the call under test.
 */
export async function referenceHash(secret: string, id: string): Promise<string> {
  const encode = (text: string) => new TextEncoder().encode(text);
  const key = await crypto.subtle.importKey("raw", encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return Buffer.from(await crypto.subtle.sign("HMAC", key, encode(id))).toString("hex");
}
