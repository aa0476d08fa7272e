import { randomBytes } from "node:crypto";

import { expect, request, test } from "@playwright/test";

import { DEMO_USERS } from "@/lib/auth/demo-users";
import { referenceHash } from "../support/reference-hash";

import { MAIN, sandboxSecret, startServer } from "../support/servers";
import { claimsOf, mintSessionToken, sessionCookie, sessionCookieHeader, signInAs } from "../support/sessions";

const alice = DEMO_USERS[0]!;
const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

async function paramsWith(token: string) {
  const context = await request.newContext({ baseURL: MAIN.url });
  const params = await context.get("/api/integry-params", { headers: sessionCookieHeader(token) });
  const session = await context.get("/api/auth/session", { headers: sessionCookieHeader(token) });
  return { status: params.status(), body: await params.text(), session: await session.json() };
}

test("a session token minted with the servers' secret is accepted (the control for the cases below)", async () => {
  const { status, body } = await paramsWith(await mintSessionToken(claimsOf(alice)));
  expect(status).toBe(200);
  expect(JSON.parse(body)).toMatchObject({
    userId: alice.id,
    hash: await referenceHash(await sandboxSecret(), alice.id),
  });
});

const forgeries: [string, () => Promise<string>][] = [
  ["random bytes", async () => randomBytes(48).toString("base64url")],
  [
    "a JWE with next-auth's header and random content",
    // Compact JWE: header, empty key (direct encryption), IV, ciphertext, tag.
    async () =>
      [base64url('{"alg":"dir","enc":"A256GCM"}'), "", ...[12, 64, 16].map((n) => base64url(randomBytes(n)))].join("."),
  ],
  [
    "an unsigned alg:none JWT naming Alice",
    async () => `${base64url('{"alg":"none","typ":"JWT"}')}.${base64url(JSON.stringify(claimsOf(alice)))}.`,
  ],
  [
    "a real session cookie, truncated",
    async () => {
      const token = await sessionCookie(await signInAs(MAIN.url, alice.email));
      if (!token) throw new Error("signing in as Alice set no session cookie");
      return token.slice(0, -8);
    },
  ],
  ["a token that expired an hour ago", () => mintSessionToken(claimsOf(alice), { maxAge: -3600 })],
  [
    "a token encrypted with another secret",
    () => mintSessionToken(claimsOf(alice), { secret: "someone-elses-nextauth-secret-3f9a" }),
  ],
];

for (const [name, forge] of forgeries) {
  test(`${name} as the session cookie gets 401 and no hash`, async () => {
    const { status, body, session } = await paramsWith(await forge());
    expect(status).toBe(401);
    expect(JSON.parse(body)).toEqual({
      error: { code: "unauthenticated", message: "Sign in to load your integrations." },
    });
    expect(body).not.toContain("hash");
    expect(session).toEqual({});
  });
}

test("a session revoked in the jwt callback gets no page, no session and no hash, while others keep theirs", async () => {
  const [bob] = DEMO_USERS.slice(1);
  const server = await startServer(3129, {
    ...MAIN.env,
    NEXTAUTH_URL: "http://127.0.0.1:3129",
    AUTH_REVOKED_IDS: alice.id,
  });
  try {
    const context = await request.newContext({ baseURL: server.url });
    const revoked = sessionCookieHeader(await mintSessionToken(claimsOf(alice)));
    expect((await context.get("/api/integry-params", { headers: revoked })).status()).toBe(401);
    expect(await (await context.get("/api/auth/session", { headers: revoked })).json()).toEqual({});
    expect(await (await context.get("/", { headers: revoked })).text()).not.toContain("Signed in as");

    const kept = sessionCookieHeader(await mintSessionToken(claimsOf(bob!)));
    expect(await (await context.get("/api/integry-params", { headers: kept })).json()).toMatchObject({
      userId: bob!.id,
    });
    expect(server.output()).not.toContain(alice.id);
  } finally {
    await server.stop();
  }
});
