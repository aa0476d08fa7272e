import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { SessionUser } from "@/lib/auth/session";
import { DEMO_USERS } from "@/lib/auth/demo-users";
import { INTEGRY_STAND_IN } from "@/lib/room";

import { expectErrorResponse } from "./expect-error";

const getSessionUser = vi.hoisted(() => vi.fn<() => Promise<SessionUser | null>>());
vi.mock("@/lib/auth/session", () => ({ getSessionUser }));
const integryUserVariables = vi.hoisted(() =>
  vi.fn<typeof import("@/lib/integry/server/user-variables").integryUserVariables>(),
);
vi.mock("@/lib/integry/server/user-variables", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/integry/server/user-variables")>();
  return { integryUserVariables: integryUserVariables.mockImplementation(actual.integryUserVariables) };
});

const { GET, POST } = await import("@/app/api/integry-params/route");

const SECRET = "route-test-secret-9f8e7d";
const alice: SessionUser = { id: "user-alice", accountId: "account-acme", name: "Alice", email: "alice@acme.test" };
const demoAlice = DEMO_USERS[0]!;
// HMAC-SHA256 under SECRET, from `printf %s <id> | openssl dgst -sha256 -hmac <SECRET>`.
const ALICE_HASH = "ae10ecdc7b485df9700b179ca644c85c8b4dddfc321fc216c3b5c7269a273fd2";
const ACME_HASH = "55448ece348ce52521d0a79064b9817a561960457e1da6e7ed02c0c96caa1001";

beforeEach(() => {
  vi.stubEnv("INTEGRY_APP_KEY", "route-test-app-key");
  vi.stubEnv("INTEGRY_APP_SECRET", SECRET);
  vi.stubEnv("INTEGRY_DEPLOYMENT_ID", "77");
  vi.stubEnv("INTEGRY_SCOPE", "");
  vi.stubEnv("INTEGRY_SANDBOX", "");
  // No `user.apiKey`, whichever rooms are installed: the self-api-key room's tests cover it.
  vi.stubEnv("INTEGRY_API_KEY_SECRET", "");
});

afterEach(() => {
  vi.unstubAllEnvs();
  getSessionUser.mockReset();
});

describe("GET /api/integry-params", () => {
  it("answers 401 with no hash when nobody is signed in", async () => {
    getSessionUser.mockResolvedValue(null);
    const response = await GET();
    expect(response.status).toBe(401);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({
      error: { code: "unauthenticated", message: "Sign in to load your integrations." },
    });
    expect(body).not.toContain("hash");
  });

  it("returns the signed-in user's params, never cached", async () => {
    getSessionUser.mockResolvedValue(alice);
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(await response.json()).toEqual({
      appKey: "route-test-app-key",
      deploymentId: "77",
      userId: "user-alice",
      hash: ALICE_HASH,
      user: { userId: "user-alice" },
      baseUrl: null,
      apiBaseUrl: null,
    });
  });

  it("hands the SDK a user object: the identity and the user variables", async () => {
    getSessionUser.mockResolvedValue(demoAlice);
    const params = await (await GET()).json();
    expect(params.user).toEqual({ userId: demoAlice.id, crm_workspace: "Acme", plan: "business" });
    expect(params.userId).toBe(demoAlice.id);
  });

  it("under the account scope, the user object is the account's", async () => {
    vi.stubEnv("INTEGRY_SCOPE", "account");
    getSessionUser.mockResolvedValue(demoAlice);
    const { user } = await (await GET()).json();
    expect(user).toEqual({ userId: demoAlice.accountId, crm_workspace: "Acme", plan: "business" });
  });

  it("hashes for the session's identity, whatever a request asks for", async () => {
    getSessionUser.mockResolvedValue(alice);
    const asking = new Request("http://localhost/api/integry-params?userId=user-bob&user_id=user-bob", {
      headers: { "x-user-id": "user-bob" },
    });
    // A rest parameter would defeat an arity check: call it with a request, as Next.js could.
    const handler = GET as unknown as (request: Request) => Promise<Response>;
    const { userId, hash, user } = await (await handler(asking)).json();
    expect([userId, hash, user.userId]).toEqual(["user-alice", ALICE_HASH, "user-alice"]);
  });

  it("keeps the session's identity when a user variable is named like it", async () => {
    integryUserVariables.mockReturnValueOnce({ userId: "user-bob", plan: "free" });
    getSessionUser.mockResolvedValue(alice);
    const { user } = await (await GET()).json();
    expect(user).toEqual({ userId: "user-alice", plan: "free" });
  });

  it("sends the account ID under the account scope", async () => {
    vi.stubEnv("INTEGRY_SCOPE", "account");
    getSessionUser.mockResolvedValue(alice);
    expect(await (await GET()).json()).toMatchObject({ userId: "account-acme", hash: ACME_HASH });
  });

  it.skipIf(!INTEGRY_STAND_IN)("points the client at the sandbox in sandbox mode", async () => {
    vi.stubEnv("INTEGRY_SANDBOX", "true");
    getSessionUser.mockResolvedValue(alice);
    expect(await (await GET()).json()).toMatchObject({ baseUrl: "/api/sandbox" });
  });

  it("answers 500 misconfigured naming a missing INTEGRY_DEPLOYMENT_ID, without a secret", async () => {
    vi.stubEnv("INTEGRY_DEPLOYMENT_ID", "");
    getSessionUser.mockResolvedValue(alice);
    await expectErrorResponse(await GET(), {
      ...{ status: 500, code: "misconfigured", says: "INTEGRY_DEPLOYMENT_ID is missing" },
      secret: SECRET,
    });
  });

  it("answers 422 for a session identity the hash refuses", async () => {
    getSessionUser.mockResolvedValue({ ...alice, id: "alice\ud800" });
    await expectErrorResponse(await GET(), { status: 422, code: "invalid_identity" });
  });

  it("answers other methods with 405 JSON and an Allow header", async () => {
    const response = POST();
    expect(response.headers.get("allow")).toBe("GET");
    await expectErrorResponse(response, { status: 405, code: "method_not_allowed" });
  });
});
