import { expect, request, test } from "@playwright/test";

import { DEMO_USERS } from "@/lib/auth/demo-users";

import { referenceHash } from "../support/reference-hash";
import { claimsOf, mintSessionToken, sessionCookieHeader } from "../support/sessions";
import { ACCOUNT_SCOPE, sandboxSecret, MAIN } from "../support/servers";

const alice = DEMO_USERS[0]!;
// The documented limit (README, lib/integry/server/hash.ts): written out, so changing it must change this test.
const MAX_INTEGRY_ID_LENGTH = 256;

// Sessions a buggy user store could produce: validly signed, with an ID the hash module refuses.
const badIdentities = [
  { name: "an empty user ID", server: MAIN, claims: { userId: "" }, message: "The session has no user ID." },
  {
    name: "a user ID with a lone surrogate",
    server: MAIN,
    claims: { userId: "alice\ud800" },
    message: "The Integry user ID contains a lone UTF-16 surrogate.",
  },
  {
    name: "an over-long user ID",
    server: MAIN,
    claims: { userId: "u".repeat(MAX_INTEGRY_ID_LENGTH + 1) },
    message: `The Integry user ID is longer than ${MAX_INTEGRY_ID_LENGTH} characters.`,
  },
  {
    name: "an empty account ID under the account scope",
    server: ACCOUNT_SCOPE,
    claims: { accountId: "" },
    message: "The session has no account ID.",
  },
];

for (const { name, server, claims, message } of badIdentities) {
  test(`${name} gets 422 JSON, and the server goes on serving`, async () => {
    const context = await request.newContext({ baseURL: server.url });
    const token = await mintSessionToken({ ...claimsOf(alice), ...claims });

    const refused = await context.get("/api/integry-params", { headers: sessionCookieHeader(token) });
    expect(refused.status()).toBe(422);
    expect(refused.headers()["content-type"]).toContain("application/json");
    const body = await refused.text();
    expect(JSON.parse(body)).toEqual({ error: { code: "invalid_identity", message } });
    expect(body).not.toContain("hash");
    expect((await context.get("/", { headers: sessionCookieHeader(token) })).status()).toBe(200);

    const normal = await context.get("/api/integry-params", {
      headers: sessionCookieHeader(await mintSessionToken(claimsOf(alice))),
    });
    expect(normal.status()).toBe(200);
    const id = server === ACCOUNT_SCOPE ? alice.accountId : alice.id;
    expect(await normal.json()).toMatchObject({ userId: id, hash: await referenceHash(await sandboxSecret(), id) });
  });
}
