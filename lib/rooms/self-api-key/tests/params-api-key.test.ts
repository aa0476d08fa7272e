import { jwtVerify } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { SessionUser } from "@/lib/auth/session";
import { DEMO_USERS } from "@/lib/auth/demo-users";

import { expectErrorResponse } from "@/tests/unit/api/expect-error";

const getSessionUser = vi.hoisted(() => vi.fn<() => Promise<SessionUser | null>>());
vi.mock("@/lib/auth/session", () => ({ getSessionUser }));
const integryUserVariables = vi.hoisted(() =>
  vi.fn<typeof import("@/lib/integry/server/user-variables").integryUserVariables>(),
);
vi.mock("@/lib/integry/server/user-variables", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/integry/server/user-variables")>();
  return { integryUserVariables: integryUserVariables.mockImplementation(actual.integryUserVariables) };
});

const { GET } = await import("@/app/api/integry-params/route");

const API_KEY_SECRET = "params-test-api-key-secret-3a9c7e51d2b8";
// 31 bytes and no whitespace: only the length rule refuses it.
const SHORT_KEY_SECRET = "params-test-secret-of-31-bytes!";
const alice: SessionUser = { id: "user-alice", accountId: "account-acme", name: "Alice", email: "alice@acme.test" };
const demoAlice = DEMO_USERS[0]!;

/** The key's claims, once jose has checked its signature with the secret: not the verifier under test. */
async function claimsOf(apiKey: string) {
  const { payload, protectedHeader } = await jwtVerify(apiKey, new TextEncoder().encode(API_KEY_SECRET));
  expect(protectedHeader).toEqual({ alg: "HS256", typ: "JWT" });
  return payload;
}

beforeEach(() => {
  vi.stubEnv("INTEGRY_APP_KEY", "route-test-app-key");
  vi.stubEnv("INTEGRY_APP_SECRET", "route-test-secret-9f8e7d");
  vi.stubEnv("INTEGRY_DEPLOYMENT_ID", "77");
  vi.stubEnv("INTEGRY_SCOPE", "");
  vi.stubEnv("INTEGRY_SANDBOX", "");
  vi.stubEnv("INTEGRY_API_KEY_SECRET", API_KEY_SECRET);
});

afterEach(() => {
  vi.unstubAllEnvs();
  getSessionUser.mockReset();
});

describe("GET /api/integry-params: user.apiKey", () => {
  it("hands the SDK a key for the signed-in user, beside the user variables", async () => {
    getSessionUser.mockResolvedValue(demoAlice);
    const { user } = await (await GET()).json();
    expect(user).toEqual({ userId: demoAlice.id, apiKey: expect.any(String), crm_workspace: "Acme", plan: "business" });
    expect(await claimsOf(user.apiKey)).toMatchObject({
      iss: "integry-next-starter",
      aud: "integry-deployment:77",
      sub: demoAlice.id,
      uid: demoAlice.id,
      scope: "integry-self-app",
    });
  });

  it("under the account scope, names the account as the key's identity and the user as its uid", async () => {
    vi.stubEnv("INTEGRY_SCOPE", "account");
    getSessionUser.mockResolvedValue(demoAlice);
    const { user } = await (await GET()).json();
    expect(await claimsOf(user.apiKey)).toMatchObject({ sub: demoAlice.accountId, uid: demoAlice.id });
  });

  it("mints for the session's identity, whatever a request asks for", async () => {
    getSessionUser.mockResolvedValue(alice);
    const asking = new Request("http://localhost/api/integry-params?userId=user-bob&user_id=user-bob", {
      headers: { "x-user-id": "user-bob" },
    });
    // A rest parameter would defeat an arity check: call it with a request, as Next.js could.
    const handler = GET as unknown as (request: Request) => Promise<Response>;
    const { user } = await (await handler(asking)).json();
    expect(await claimsOf(user.apiKey)).toMatchObject({ sub: "user-alice", uid: "user-alice" });
  });

  it("keeps the session's key when a user variable is named like it", async () => {
    integryUserVariables.mockReturnValueOnce({ userId: "user-bob", apiKey: "forged-key", plan: "free" });
    getSessionUser.mockResolvedValue(alice);
    const { user } = await (await GET()).json();
    expect(user).toMatchObject({ userId: "user-alice", plan: "free" });
    expect(user.apiKey).not.toBe("forged-key");
    expect(await claimsOf(user.apiKey)).toMatchObject({ sub: "user-alice" });
  });

  it("leaves apiKey out when INTEGRY_API_KEY_SECRET is unset", async () => {
    vi.stubEnv("INTEGRY_API_KEY_SECRET", "");
    getSessionUser.mockResolvedValue(alice);
    const { user } = await (await GET()).json();
    expect(user).toEqual({ userId: "user-alice" });
  });

  it("answers 500 misconfigured naming a short INTEGRY_API_KEY_SECRET, without quoting it", async () => {
    vi.stubEnv("INTEGRY_API_KEY_SECRET", SHORT_KEY_SECRET);
    getSessionUser.mockResolvedValue(alice);
    await expectErrorResponse(await GET(), {
      ...{ status: 500, code: "misconfigured", says: "INTEGRY_API_KEY_SECRET is shorter than 32 bytes" },
      secret: SHORT_KEY_SECRET,
    });
  });
});
