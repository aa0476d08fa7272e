import { createHmac } from "node:crypto";

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { SessionUser } from "@/lib/auth/session";

const getSessionUser = vi.hoisted(() => vi.fn<() => Promise<SessionUser | null>>());
vi.mock("@/lib/auth/session", () => ({ getSessionUser }));

const { GET, POST } = await import("@/app/api/integry-params/route");

const SECRET = "route-test-secret-9f8e7d";
const alice: SessionUser = { id: "user-alice", accountId: "account-acme", name: "Alice", email: "alice@acme.test" };
const hmac = (id: string) => createHmac("sha256", SECRET).update(id).digest("hex");

beforeEach(() => {
  vi.stubEnv("INTEGRY_APP_KEY", "route-test-app-key");
  vi.stubEnv("INTEGRY_APP_SECRET", SECRET);
  vi.stubEnv("INTEGRY_DEPLOYMENT_ID", "77");
  vi.stubEnv("INTEGRY_SCOPE", "");
  vi.stubEnv("INTEGRY_SANDBOX", "");
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
      hash: hmac("user-alice"),
      sandboxBaseUrl: null,
    });
  });

  it("sends the account ID under the account scope", async () => {
    vi.stubEnv("INTEGRY_SCOPE", "account");
    getSessionUser.mockResolvedValue(alice);
    expect(await (await GET()).json()).toMatchObject({ userId: "account-acme", hash: hmac("account-acme") });
  });

  it("points the client at the sandbox in sandbox mode", async () => {
    vi.stubEnv("INTEGRY_SANDBOX", "true");
    getSessionUser.mockResolvedValue(alice);
    expect(await (await GET()).json()).toMatchObject({ sandboxBaseUrl: "/api/integry-sandbox" });
  });

  it("answers 500 naming the missing variable, without the secret", async () => {
    vi.stubEnv("INTEGRY_DEPLOYMENT_ID", "");
    getSessionUser.mockResolvedValue(alice);
    const response = await GET();
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(JSON.parse(body).error.code).toBe("misconfigured");
    expect(body).toContain("INTEGRY_DEPLOYMENT_ID is missing");
    expect(body).not.toContain(SECRET);
  });

  it("answers 422 for a session identity the hash refuses", async () => {
    getSessionUser.mockResolvedValue({ ...alice, id: "alice\ud800" });
    const response = await GET();
    expect(response.status).toBe(422);
    expect((await response.json()).error.code).toBe("invalid_identity");
  });

  it("takes no request at all, so nothing in one can choose the identity", () => {
    expect(GET.length).toBe(0);
  });

  it("answers other methods with 405 JSON and an Allow header", async () => {
    const response = POST();
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
    expect((await response.json()).error.code).toBe("method_not_allowed");
  });
});
