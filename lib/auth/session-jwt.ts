import { hkdfSync, randomUUID } from "node:crypto";

import { EncryptJWT, jwtDecrypt } from "jose";
import type { JWT, JWTOptions } from "next-auth/jwt";

const THIRTY_DAYS = 30 * 24 * 60 * 60;
const CLOCK_TOLERANCE_SECONDS = 15;
const MAX_DECODED = 1000;
const keys = new Map<string, Uint8Array>();
// A token decodes to the same claims every time: decrypt each once, check its expiry on every use.
const decoded = new Map<string, JWT>();

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
    const id = `${salt ?? ""}\u0000${secret.toString()}\u0000${token}`;
    const known = decoded.get(id);
    if (known && Number(known.exp) + CLOCK_TOLERANCE_SECONDS > Date.now() / 1000) return { ...known };
    const { payload } = await jwtDecrypt(token, sessionKey(secret, salt), {
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
    });
    if (decoded.size >= MAX_DECODED) decoded.delete(decoded.keys().next().value!);
    decoded.set(id, payload as JWT);
    return { ...payload } as JWT;
  },
};
