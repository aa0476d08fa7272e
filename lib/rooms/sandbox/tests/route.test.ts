import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { derivedSandboxSecret, referenceHash } from "@/tests/support/reference-hash";

const { GET, OPTIONS } = await import("@/app/api/sandbox/[...path]/route");

const ORIGIN = "http://127.0.0.1:3000/api/sandbox";

function context(path: string[]) {
  return { params: Promise.resolve({ path }) };
}

beforeEach(() => {
  for (const name of [
    "INTEGRY_APP_KEY",
    "INTEGRY_APP_SECRET",
    "INTEGRY_DEPLOYMENT_ID",
    "INTEGRY_SCOPE",
    "INTEGRY_SANDBOX",
  ]) {
    vi.stubEnv(name, "");
  }
  vi.stubEnv("NODE_ENV", "development");
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("/api/sandbox/[...path]", () => {
  it("serves the sandbox when no Integry credentials are set", async () => {
    const response = await GET(new Request(`${ORIGIN}/icons/acme.svg`), context(["icons", "acme.svg"]));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
  });

  it("checks the hash with the sandbox's default credentials", async () => {
    const response = await GET(
      new Request(`${ORIGIN}/verify-sdk-config/?app_key=sandbox-app-key&hash=00&user_id=u1`),
      context(["verify-sdk-config"]),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
  });

  it.each([
    [
      "real credentials are configured",
      { INTEGRY_APP_KEY: "live-app-key", INTEGRY_APP_SECRET: "live-secret", INTEGRY_DEPLOYMENT_ID: "7" },
    ],
    ["a production server has no INTEGRY_APP_KEY and no INTEGRY_SANDBOX", { NODE_ENV: "production" }],
    ["INTEGRY_SANDBOX=false", { INTEGRY_SANDBOX: "false" }],
    ["INTEGRY_SANDBOX is malformed", { INTEGRY_SANDBOX: "yes" }],
  ])("does not exist when %s", async (_, env) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const response = await GET(new Request(`${ORIGIN}/icons/acme.svg`), context(["icons", "acme.svg"]));
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(await response.json()).toEqual({
      error: { code: "not_found", message: "The Integry sandbox is off: INTEGRY_SANDBOX=true serves it." },
    });
    expect((await OPTIONS()).status).toBe(404);
  });

  it("serves a production server only when INTEGRY_SANDBOX=true asks for it", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("INTEGRY_SANDBOX", "true");
    vi.stubEnv("NEXTAUTH_SECRET", "demo-operator-nextauth-secret-5b1f9e7c3a2d");
    const response = await GET(new Request(`${ORIGIN}/icons/acme.svg`), context(["icons", "acme.svg"]));
    expect(response.status).toBe(200);
  });

  it("answers 500 naming DATABASE_URL, never its value, when it is not a Postgres URL", async () => {
    vi.stubEnv("DATABASE_URL", "mysql://app:hunter2@db.example/app");
    const response = await GET(new Request(`${ORIGIN}/icons/acme.svg`), context(["icons", "acme.svg"]));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: {
        code: "misconfigured",
        message: "DATABASE_URL must start with postgres://. Set it in .env.local (see .env.local.example).",
      },
    });
  });

  it("answers a preflight with 204", async () => {
    const response = await OPTIONS();
    expect(response.status).toBe(204);
    expect(response.headers.get("allow")).toBe("GET, POST, PUT, DELETE, OPTIONS");
  });
});

describe("/api/sandbox/[...path] on a production server (a public demo)", () => {
  const NEXTAUTH_SECRET = "demo-operator-nextauth-secret-5b1f9e7c3a2d";
  const verify = async (secret: string, userId = "user-alice") => {
    const query = new URLSearchParams({
      app_key: "sandbox-app-key",
      hash: await referenceHash(secret, userId),
      user_id: userId,
    });
    return GET(new Request(`${ORIGIN}/verify-sdk-config/?${query}`), context(["verify-sdk-config"]));
  };

  beforeEach(() => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("INTEGRY_SANDBOX", "true");
    vi.stubEnv("NEXTAUTH_SECRET", NEXTAUTH_SECRET);
  });

  it("refuses a hash made with the published sandbox secret, and takes one made with the server's own", async () => {
    expect((await verify("sandbox-secret-not-for-production")).status).toBe(401);
    // HKDF-SHA256 of NEXTAUTH_SECRET, by Web Crypto: what the server keeps to itself.
    const own = await derivedSandboxSecret(NEXTAUTH_SECRET);
    expect(own).toMatch(/^[0-9a-f]{64}$/);
    expect((await verify(own)).status).toBe(200);
  });

  it("signs with a secret of its own per NEXTAUTH_SECRET", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "another-operator-secret-8e2a6c4b1d3f5a7c");
    expect((await verify(await derivedSandboxSecret(NEXTAUTH_SECRET))).status).toBe(401);
  });
});
