import { hkdfSync, randomUUID } from "node:crypto";

import { EncryptJWT, jwtDecrypt } from "jose";
import type { JWT, JWTOptions } from "next-auth/jwt";

const THIRTY_DAYS = 30 * 24 * 60 * 60;
const keys = new Map<string, Uint8Array>();

// Deriving the key costs more than decrypting the token and depends only on the secret: derive it once per secret.
function sessionKey(secret: string | Buffer, salt = ""): Uint8Array {
  const id = `${salt}\u0000${secret.toString()}`;
  let key = keys.get(id);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, salt, "integry-next-starter session encryption key", 32));
    if (keys.size > 8) keys.clear();
    keys.set(id, key);
  }
  return key;
}

export const sessionJwt: Pick<JWTOptions, "encode" | "decode"> = {
  encode: ({ token = {}, secret, maxAge = THIRTY_DAYS, salt }) =>
    new EncryptJWT(token)
      .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + maxAge)
      .setJti(randomUUID())
      .encrypt(sessionKey(secret, salt)),
  decode: async ({ token, secret, salt }) => {
    if (!token) return null;
    const { payload } = await jwtDecrypt(token, sessionKey(secret, salt), {
      clockTolerance: 15,
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
    });
    return payload as JWT;
  },
};
