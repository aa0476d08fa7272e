import { afterEach, beforeEach, vi } from "vitest";

import { INTEGRY_STAND_IN } from "@/lib/room";

/**
 * Stubs a production server with `secret` as INTEGRY_API_KEY_SECRET around each test of the file: serving the
 * sandbox where it is installed, else with Integry credentials of deployment 1.
 */
export function stubApiKeyServerEnv(secret: string) {
  beforeEach(() => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("NEXTAUTH_SECRET", "api-key-test-nextauth-secret-7d3b1e9f0a2c");
    if (INTEGRY_STAND_IN) vi.stubEnv("INTEGRY_SANDBOX", "true");
    else {
      vi.stubEnv("INTEGRY_APP_KEY", "api-key-test-app");
      vi.stubEnv("INTEGRY_APP_SECRET", "api-key-test-app-secret-9d1e");
      vi.stubEnv("INTEGRY_DEPLOYMENT_ID", "1");
    }
    vi.stubEnv("INTEGRY_SCOPE", "");
    vi.stubEnv("INTEGRY_API_KEY_SECRET", secret);
    vi.stubEnv("AUTH_REVOKED_IDS", "");
  });
  afterEach(() => vi.unstubAllEnvs());
}
