import { randomBytes } from "node:crypto";

import { expect, request, test } from "@playwright/test";

import { DEMO_USERS } from "@/lib/demo-users";
import { computeIntegryHash } from "@/lib/integry/hash";

import { claimsOf, mintSessionToken, sessionCookieHeader } from "./minted-sessions";
import { E2E_APP_SECRET, MAIN } from "./servers";
import { sessionCookie, signInAs } from "./sessions";

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
    hash: await computeIntegryHash(E2E_APP_SECRET, alice.id),
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
