// The offline sandbox's public address and credentials: what lib/integry/server/config.ts switches to when
// INTEGRY_SANDBOX is on. The sandbox itself, which answers there, is lib/optional/sandbox/.
export const SANDBOX_BASE_PATH = "/api/integry-sandbox";

// Public, never valid at Integry: the sandbox never signs with INTEGRY_APP_SECRET, so it cannot expose the real one.
export const SANDBOX_CREDENTIALS = {
  appKey: "sandbox-app-key",
  appSecret: "sandbox-secret-not-for-production",
  deploymentId: "1",
} as const;
