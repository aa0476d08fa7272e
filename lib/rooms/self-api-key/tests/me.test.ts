import { decodeJwt, decodeProtectedHeader, SignJWT, type JWTPayload } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { GET, POST } from "@/app/api/v1/me/route";
import { DEMO_USERS } from "@/lib/auth/demo-users";
import type { SessionUser } from "@/lib/auth/session-user";
import { getIntegryConfig } from "@/lib/integry/server/config";
import { mintApiKey } from "@/lib/rooms/self-api-key/api-key";
import { buildIntegryParams } from "@/lib/integry/server/params";
import { INTEGRY_STAND_IN } from "@/lib/room";

import { stubApiKeyServerEnv } from "@/lib/rooms/self-api-key/tests/api-key-env";
import { expectErrorResponse } from "@/tests/unit/api/expect-error";

const SECRET = "me-route-api-key-secret-1f0b9c8d7e6a";
const [alice, bob, carol] = DEMO_USERS as [(typeof DEMO_USERS)[0], (typeof DEMO_USERS)[0], (typeof DEMO_USERS)[0]];
const mint = (identity: string, options: { deploymentId?: string; now?: Date; secret?: string } = {}) =>
  mintApiKey(identity, {
    secret: options.secret ?? SECRET,
    deploymentId: options.deploymentId ?? "1",
    now: options.now,
  });
// The key the params route hands the embed of this signed-in user.
const handedTo = async (user: SessionUser) => (await buildIntegryParams(user, getIntegryConfig())).user.apiKey;
const call = (authorization?: string) =>
  GET(new Request("http://127.0.0.1:3000/api/v1/me", { headers: authorization ? { authorization } : {} }));

// A key as lib/rooms/self-api-key/api-key.ts documents it, signed by jose alone: mintApiKey plays no part.
const NOW = new Date("2026-03-01T12:00:00Z");
const signed = (claims: JWTPayload) =>
  new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(new TextEncoder().encode(SECRET));
const claimsFor = (sub: string, uid: string): JWTPayload => ({
  iss: "integry-next-starter",
  aud: "integry-deployment:1",
  sub,
  uid,
  scope: "integry-self-app",
  iat: 1_772_366_400,
  exp: 1_772_971_200,
  jti: "5f0c1e2a-8b7d-4c3e-9a6f-1d2b3c4e5f60",
});

stubApiKeyServerEnv(SECRET);

// The route knows the demo users (names, accounts) only beside the sandbox: elsewhere the lookup is yours to plug in.
const demoName = (name: string) => (INTEGRY_STAND_IN ? name : null);

async function expectRefusal(response: Response, message: string) {
  expect(response.status).toBe(401);
  expect(response.headers.get("www-authenticate")).toBe("Bearer");
  expect(response.headers.get("cache-control")).toBe("private, no-store");
  expect(await response.json()).toEqual({ error: { code: "unauthenticated", message } });
}

describe("GET /api/v1/me", () => {
  it("answers who the key acts for: the user, by name", async () => {
    const response = await call(`Bearer ${await mint(alice.id)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(await response.json()).toEqual({ userId: alice.id, name: demoName("Alice") });
  });

  it("answers with the account under the account scope", async () => {
    vi.stubEnv("INTEGRY_SCOPE", "account");
    expect(await (await call(`Bearer ${await mint(carol.accountId)}`)).json()).toEqual({
      userId: carol.accountId,
      name: demoName("Globex"),
    });
  });

  it("answers a name of null for an identity outside the demo store", async () => {
    expect(await (await call(`Bearer ${await mint("github-123")}`)).json()).toEqual({
      userId: "github-123",
      name: null,
    });
  });

  it("knows no demo user beside real Integry credentials: the lookup is yours to plug in", async () => {
    vi.stubEnv("INTEGRY_SANDBOX", "false");
    vi.stubEnv("INTEGRY_APP_KEY", "real-app-key");
    vi.stubEnv("INTEGRY_APP_SECRET", "real-app-secret");
    vi.stubEnv("INTEGRY_DEPLOYMENT_ID", "1");
    expect(await (await call(`Bearer ${await mint(alice.id)}`)).json()).toEqual({ userId: alice.id, name: null });
  });

  it("refuses a request without a key, or with another scheme", async () => {
    await expectRefusal(await call(), "Send the API key as: Authorization: Bearer <key>.");
    await expectRefusal(await call(`Basic ${btoa("alice:pw")}`), "The API key is malformed.");
    await expectRefusal(await call("Bearer"), "The API key is malformed.");
  });

  it("refuses a tampered key, a key signed with another secret and an expired one", async () => {
    const key = await mint(alice.id);
    const tampered = key.slice(0, -5) + (key.at(-5) === "A" ? "B" : "A") + key.slice(-4);
    await expectRefusal(await call(`Bearer ${tampered}`), "The API key's signature is invalid.");
    const foreign = await mint(alice.id, { secret: "someone-elses-secret-of-32-characters" });
    await expectRefusal(await call(`Bearer ${foreign}`), "The API key's signature is invalid.");
    const old = await mint(alice.id, { now: new Date(Date.now() - 8 * 24 * 60 * 60 * 1000) });
    await expectRefusal(
      await call(`Bearer ${old}`),
      "The API key has expired: the embed hands Integry a fresh one each time the user opens it.",
    );
  });

  it("refuses a key for another deployment", async () => {
    const key = await mint(alice.id, { deploymentId: "2" });
    await expectRefusal(await call(`Bearer ${key}`), "The API key was issued for another Integry deployment.");
  });

  it("beside real credentials, refuses every key of a revoked account's users, whom no demo store knows", async () => {
    vi.stubEnv("INTEGRY_SANDBOX", "false");
    vi.stubEnv("INTEGRY_APP_KEY", "me-test-app-key");
    vi.stubEnv("INTEGRY_APP_SECRET", "me-test-app-secret-2c8e");
    vi.stubEnv("INTEGRY_DEPLOYMENT_ID", "1");
    const member = { id: "user-9f2c", accountId: "account-77ab" };
    const key = await handedTo(member);
    expect(await (await call(`Bearer ${key}`)).json()).toEqual({ userId: member.id, name: null });
    vi.stubEnv("AUTH_REVOKED_IDS", member.accountId);
    await expectRefusal(await call(`Bearer ${key}`), "The API key's identity has been revoked.");
  });

  it("under the user scope, refuses the keys of a revoked user, and of every user of a revoked account", async () => {
    // The key the params route hands each user, which names their account.
    const key = await handedTo(alice);
    vi.stubEnv("AUTH_REVOKED_IDS", `someone-else, ${alice.id}`);
    await expectRefusal(await call(`Bearer ${key}`), "The API key's identity has been revoked.");
    const bobKey = await handedTo(bob);
    expect(await (await call(`Bearer ${bobKey}`)).json()).toEqual({ userId: bob.id, name: demoName("Bob") });
    vi.stubEnv("AUTH_REVOKED_IDS", alice.accountId);
    await expectRefusal(await call(`Bearer ${key}`), "The API key's identity has been revoked.");
    await expectRefusal(await call(`Bearer ${bobKey}`), "The API key's identity has been revoked.");
    expect((await call(`Bearer ${await handedTo(carol)}`)).status).toBe(200);
  });

  it("under the account scope, refuses a revoked member's key but not a colleague's, and both once the account is", async () => {
    vi.stubEnv("INTEGRY_SCOPE", "account");
    const aliceKey = await handedTo(alice);
    const bobKey = await handedTo(bob);
    vi.stubEnv("AUTH_REVOKED_IDS", alice.id);
    await expectRefusal(await call(`Bearer ${aliceKey}`), "The API key's identity has been revoked.");
    expect(await (await call(`Bearer ${bobKey}`)).json()).toEqual({ userId: alice.accountId, name: demoName("Acme") });
    vi.stubEnv("AUTH_REVOKED_IDS", alice.accountId);
    await expectRefusal(await call(`Bearer ${aliceKey}`), "The API key's identity has been revoked.");
    await expectRefusal(await call(`Bearer ${bobKey}`), "The API key's identity has been revoked.");
    const carolKey = await handedTo(carol);
    expect(await (await call(`Bearer ${carolKey}`)).json()).toEqual({
      userId: carol.accountId,
      name: demoName("Globex"),
    });
  });

  it("refuses every key when the app issues none", async () => {
    const key = await mint(alice.id);
    vi.stubEnv("INTEGRY_API_KEY_SECRET", "");
    await expectRefusal(await call(`Bearer ${key}`), "This app issues no API keys: INTEGRY_API_KEY_SECRET is unset.");
  });

  it("answers 500 naming the variable when the configuration is broken, never quoting it", async () => {
    vi.stubEnv("INTEGRY_API_KEY_SECRET", "short-secret-value");
    await expectErrorResponse(await call(`Bearer ${await mint(alice.id)}`), {
      ...{ status: 500, code: "misconfigured", says: "INTEGRY_API_KEY_SECRET is shorter than 32 bytes" },
      secret: "short-secret-value",
    });

    vi.stubEnv("INTEGRY_SANDBOX", "");
    vi.stubEnv("INTEGRY_APP_KEY", "");
    await expectErrorResponse(await call(`Bearer ${await mint(alice.id)}`), {
      ...{ status: 500, code: "misconfigured", says: "INTEGRY_APP_KEY is missing" },
    });
  });

  it("answers other methods with 405", async () => {
    const response = POST();
    expect(response.headers.get("allow")).toBe("GET");
    await expectErrorResponse(response, { status: 405, code: "method_not_allowed" });
  });
});

describe("GET /api/v1/me with keys of the documented format, signed without mintApiKey", () => {
  beforeEach(() => vi.useFakeTimers({ now: NOW, toFake: ["Date"] }));
  afterEach(() => vi.useRealTimers());

  it("answers the user a key names, by name", async () => {
    const response = await call(`Bearer ${await signed(claimsFor(alice.id, alice.id))}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ userId: alice.id, name: demoName("Alice") });
  });

  it("answers the account under the account scope, whichever member the key names", async () => {
    vi.stubEnv("INTEGRY_SCOPE", "account");
    expect(await (await call(`Bearer ${await signed(claimsFor(carol.accountId, carol.id))}`)).json()).toEqual({
      userId: carol.accountId,
      name: demoName("Globex"),
    });
  });

  it("refuses a key that names no user, as keys minted before they did", async () => {
    const userless = await signed({ ...claimsFor(alice.id, alice.id), uid: undefined });
    await expectRefusal(await call(`Bearer ${userless}`), "The API key is malformed.");
  });

  it("is what mintApiKey mints: the same header and claims, and a jti of its own", async () => {
    const key = await mint(alice.id, { now: NOW });
    expect(decodeProtectedHeader(key)).toEqual({ alg: "HS256", typ: "JWT" });
    expect(decodeJwt(key)).toEqual({ ...claimsFor(alice.id, alice.id), jti: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(decodeJwt(key).jti).not.toBe(decodeJwt(await mint(alice.id, { now: NOW })).jti);
  });
});
