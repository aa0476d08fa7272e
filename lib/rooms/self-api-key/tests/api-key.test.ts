import { createHmac } from "node:crypto";

import { SignJWT, type JWTPayload } from "jose";
import { describe, expect, it } from "vitest";

import {
  API_KEY_FAILURE_MESSAGES,
  API_KEY_TTL_SECONDS,
  mintApiKey,
  verifyApiKey,
  type VerifyApiKeyOptions,
} from "@/lib/rooms/self-api-key/api-key";

const SECRET = "unit-api-key-secret-7d41c9e2b8a05f36";
const NOW = new Date("2026-03-01T12:00:00Z");
const DAY_MS = 24 * 60 * 60 * 1000;
const options = (changes: Partial<VerifyApiKeyOptions> = {}): VerifyApiKeyOptions => ({
  secret: SECRET,
  deploymentId: "42",
  isRevoked: () => false,
  now: NOW,
  ...changes,
});
const mint = (identity = "user-alice", deploymentId = "42", secret = SECRET) =>
  mintApiKey(identity, { secret, deploymentId, now: NOW });
// Under the account scope, the identity Integry sees is the account, and the key's user its member.
const mintInAccount = (userId: string, account = "account-acme") =>
  mintApiKey(account, { secret: SECRET, deploymentId: "42", userId, now: NOW });

const base64url = (text: string) => Buffer.from(text).toString("base64url");
const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;

// Alice's key as api-key.ts documents it, issued at NOW: written out, so mintApiKey plays no part in it.
const ALICE_CLAIMS: JWTPayload = {
  iss: "integry-next-starter",
  aud: "integry-deployment:42",
  sub: "user-alice",
  uid: "user-alice",
  scope: "integry-self-app",
  iat: 1_772_366_400,
  exp: 1_772_971_200,
  jti: "0d6c3b1a-9e8f-4a7b-8c6d-5e4f3a2b1c0d",
};

/** Alice's key with its claims changed, signed by jose with the real secret: only the claims can refuse it. */
function resigned(change: Record<string, unknown>) {
  return new SignJWT({ ...ALICE_CLAIMS, ...change })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(new TextEncoder().encode(SECRET));
}

describe("an API key", () => {
  it("round-trips to the identity it was minted for, with the documented claims", async () => {
    const key = await mint();
    expect(await verifyApiKey(key, options())).toEqual({ ok: true, identity: "user-alice" });
    const [header, payload] = key.split(".") as [string, string, string];
    expect(decode(header)).toEqual({ alg: "HS256", typ: "JWT" });
    expect(decode(payload)).toEqual({ ...ALICE_CLAIMS, jti: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(API_KEY_TTL_SECONDS).toBe(604_800);
  });

  it("is accepted when signed with the secret by anyone who follows the documented format", async () => {
    expect(await verifyApiKey(await resigned({}), options())).toEqual({ ok: true, identity: "user-alice" });
    const bobInAccount = await resigned({ sub: "account-acme", uid: "user-bob" });
    expect(await verifyApiKey(bobInAccount, options())).toEqual({ ok: true, identity: "account-acme" });
  });

  it("is accepted until its exp, to the second", async () => {
    const key = await resigned({});
    const at = (seconds: number) => verifyApiKey(key, options({ now: new Date(seconds * 1000) }));
    expect(await at(1_772_971_199)).toEqual({ ok: true, identity: "user-alice" });
    expect(await at(1_772_971_200)).toEqual({ ok: false, reason: "expired" });
  });

  it("under the account scope, names the account as identity and the member who minted it as uid", async () => {
    const key = await mintInAccount("user-bob");
    expect(decode(key.split(".")[1]!)).toMatchObject({ sub: "account-acme", uid: "user-bob" });
    expect(await verifyApiKey(key, options())).toEqual({ ok: true, identity: "account-acme" });
  });

  it("is a new key on every mint", async () => {
    expect(await mint()).not.toBe(await mint());
  });

  it("expires after seven days, to the second", async () => {
    const key = await mint();
    const at = (ms: number) => verifyApiKey(key, options({ now: new Date(NOW.getTime() + ms) }));
    expect(await at(7 * DAY_MS - 1000)).toEqual({ ok: true, identity: "user-alice" });
    expect(await at(7 * DAY_MS)).toEqual({ ok: false, reason: "expired" });
  });

  it("is refused when missing or not a key at all", async () => {
    expect(await verifyApiKey(undefined, options())).toEqual({ ok: false, reason: "missing" });
    for (const key of ["", "not-a-key", "a.b", "a.b.c.d", `${"a".repeat(2048)}.b.c`, "a b.c.d"]) {
      expect(await verifyApiKey(key, options())).toEqual({ ok: false, reason: "malformed" });
    }
  });

  it("is refused when its header, payload or signature is tampered with", async () => {
    const [header, payload, signature] = (await mint()).split(".") as [string, string, string];
    const bob = base64url(JSON.stringify({ ...decode(payload), sub: "user-bob" }));
    const longer = base64url(JSON.stringify({ ...decode(payload), exp: 4_000_000_000 }));
    const typ = base64url(JSON.stringify({ alg: "HS256", typ: "JWT", kid: "x" }));
    const none = base64url(JSON.stringify({ alg: "none", typ: "JWT" }));
    const flipped = signature.slice(0, 10) + (signature[10] === "A" ? "B" : "A") + signature.slice(11);
    for (const forged of [
      `${header}.${bob}.${signature}`,
      `${header}.${longer}.${signature}`,
      `${typ}.${payload}.${signature}`,
      `${none}.${payload}.${signature}`,
      `${header}.${payload}.${flipped}`,
    ]) {
      expect(await verifyApiKey(forged, options())).toEqual({ ok: false, reason: "bad_signature" });
    }
  });

  it("is refused under another secret, and never answers with another identity", async () => {
    const key = await mint("user-alice", "42", "another-secret-of-at-least-32-chars!!");
    expect(await verifyApiKey(key, options())).toEqual({ ok: false, reason: "bad_signature" });
    // A key forged by someone who knows the claims but not the secret.
    const [header, payload] = (await mint("user-bob")).split(".");
    const guessed = createHmac("sha256", "guess").update(`${header}.${payload}`).digest("base64url");
    expect(await verifyApiKey(`${header}.${payload}.${guessed}`, options())).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("is refused as malformed without its user, or with another scope, though signed with the secret", async () => {
    for (const change of [
      { uid: undefined },
      { uid: "" },
      { uid: 7 },
      { scope: "integry-other-app" },
      { scope: undefined },
      { sub: "" },
    ]) {
      expect(await verifyApiKey(await resigned(change), options())).toEqual({ ok: false, reason: "malformed" });
    }
  });

  it("is refused by another deployment", async () => {
    const key = await mint("user-alice", "43");
    expect(await verifyApiKey(key, options())).toEqual({ ok: false, reason: "wrong_audience" });
  });

  it("under the user scope, is refused once its user is revoked, and only that user's", async () => {
    const revoked = options({ isRevoked: (id) => id === "user-alice" });
    expect(await verifyApiKey(await mint("user-alice"), revoked)).toEqual({ ok: false, reason: "revoked" });
    expect(await verifyApiKey(await mint("user-bob"), revoked)).toEqual({ ok: true, identity: "user-bob" });
  });

  it("under the account scope, is refused for a revoked member but not their colleague, and for all once the account is", async () => {
    const aliceRevoked = options({ isRevoked: (id) => id === "user-alice" });
    expect(await verifyApiKey(await mintInAccount("user-alice"), aliceRevoked)).toEqual({
      ok: false,
      reason: "revoked",
    });
    expect(await verifyApiKey(await mintInAccount("user-bob"), aliceRevoked)).toEqual({
      ok: true,
      identity: "account-acme",
    });
    const accountRevoked = options({ isRevoked: (id) => id === "account-acme" });
    for (const key of [await mintInAccount("user-alice"), await mintInAccount("user-bob")]) {
      expect(await verifyApiKey(key, accountRevoked)).toEqual({ ok: false, reason: "revoked" });
    }
    expect(await verifyApiKey(await mintInAccount("user-carol", "account-globex"), accountRevoked)).toEqual({
      ok: true,
      identity: "account-globex",
    });
  });

  it("carries no part of the secret, nor do the failure messages", async () => {
    const key = await mint();
    const decoded = key
      .split(".")
      .map((part) => Buffer.from(part, "base64url").toString("latin1"))
      .join("");
    for (const text of [key, decoded, ...Object.values(API_KEY_FAILURE_MESSAGES)]) {
      for (let start = 0; start + 8 <= SECRET.length; start++) {
        expect(text).not.toContain(SECRET.slice(start, start + 8));
      }
    }
  });
});
