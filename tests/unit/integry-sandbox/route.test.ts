import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const { GET, OPTIONS } = await import("@/app/api/integry-sandbox/[...path]/route");

const ORIGIN = "http://127.0.0.1:3000/api/integry-sandbox";

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
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("/api/integry-sandbox/[...path]", () => {
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
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 404 in Integry's place once real credentials are configured", async () => {
    vi.stubEnv("INTEGRY_APP_KEY", "live-app-key");
    vi.stubEnv("INTEGRY_APP_SECRET", "live-secret");
    vi.stubEnv("INTEGRY_DEPLOYMENT_ID", "7");
    const response = await GET(new Request(`${ORIGIN}/icons/acme.svg`), context(["icons", "acme.svg"]));
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      error: { code: "not_found", message: "The Integry sandbox is off: real Integry credentials are configured." },
    });
    expect((await OPTIONS()).status).toBe(404);
  });

  it("answers a preflight with 204", async () => {
    const response = await OPTIONS();
    expect(response.status).toBe(204);
    expect(response.headers.get("allow")).toBe("GET, POST, PUT, DELETE, OPTIONS");
  });
});
