import { afterEach, beforeEach, vi } from "vitest";

/** Stubs a production server serving the sandbox, with `secret` as INTEGRY_API_KEY_SECRET, around each test of the file. */
export function stubApiKeyServerEnv(secret: string) {
  beforeEach(() => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("INTEGRY_SANDBOX", "true");
    vi.stubEnv("INTEGRY_SCOPE", "");
    vi.stubEnv("INTEGRY_API_KEY_SECRET", secret);
    vi.stubEnv("AUTH_REVOKED_IDS", "");
  });
  afterEach(() => vi.unstubAllEnvs());
}
