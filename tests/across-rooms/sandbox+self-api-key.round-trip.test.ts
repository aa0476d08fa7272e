import { describe, expect, it, vi } from "vitest";

import { GET as getMe } from "@/app/api/v1/me/route";
import { DEMO_USERS } from "@/lib/auth/demo-users";
import { mintApiKey } from "@/lib/rooms/self-api-key/api-key";

import { stubApiKeyServerEnv } from "@/lib/rooms/self-api-key/tests/api-key-env";

import { callSandbox, credentials } from "@/lib/rooms/sandbox/tests/sandbox-client";

const SECRET = "round-trip-api-key-secret-5e2d8a0c4b71";
const [alice, bob] = DEMO_USERS as [(typeof DEMO_USERS)[0], (typeof DEMO_USERS)[0]];
const mint = (identity: string, now?: Date) => mintApiKey(identity, { secret: SECRET, deploymentId: "1", now });

// The sandbox asks this app's real /api/v1/me, in process instead of over loopback.
const app: typeof fetch = async (input, init) => getMe(new Request(input, init));

async function openSelfAppStep(userId: string, apiKey: string) {
  const target = `/template_step/1008/?${await credentials(userId)}&self_api_key=${encodeURIComponent(apiKey)}&v=4.0`;
  const response = await callSandbox("GET", target, { selfApiFetch: app });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

stubApiKeyServerEnv(SECRET);

describe("a self_api_key checked by the sandbox against this app's /api/v1/me", () => {
  it("opens the own-app step for the identity the key was minted for", async () => {
    const { status, body } = await openSelfAppStep(alice.id, await mint(alice.id));
    expect(status).toBe(200);
    expect(body).toMatchObject({
      hide_authorization: true,
      authorization_type: { authorizations: [{ user_identity: "Alice" }] },
    });
  });

  it("refuses another user's key sent with this user's hash", async () => {
    expect(await openSelfAppStep(alice.id, await mint(bob.id))).toEqual({
      status: 403,
      body: { detail: "Invalid self_api_key: it belongs to another user." },
    });
  });

  it("refuses a tampered, an expired and a revoked key alike", async () => {
    const key = await mint(alice.id);
    const tampered = key.slice(0, -5) + (key.at(-5) === "A" ? "B" : "A") + key.slice(-4);
    const expired = await mint(alice.id, new Date(Date.now() - 8 * 24 * 60 * 60 * 1000));
    const refused = { status: 401, body: { detail: "Invalid self_api_key: Acme CRM (sandbox) refused it." } };
    expect(await openSelfAppStep(alice.id, tampered)).toEqual(refused);
    expect(await openSelfAppStep(alice.id, expired)).toEqual(refused);
    vi.stubEnv("AUTH_REVOKED_IDS", alice.id);
    expect(await openSelfAppStep(alice.id, key)).toEqual(refused);
  });
});
