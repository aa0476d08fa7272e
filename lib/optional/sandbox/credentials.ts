export const SANDBOX_BASE_PATH = "/api/integry-sandbox";

// Public, never valid at Integry: the sandbox never signs with INTEGRY_APP_SECRET, so it cannot expose the real one.
export const SANDBOX_CREDENTIALS = {
  appKey: "sandbox-app-key",
  appSecret: "sandbox-secret-not-for-production",
  deploymentId: "1",
} as const;
